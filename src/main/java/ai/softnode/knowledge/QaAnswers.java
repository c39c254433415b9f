package ai.softnode.knowledge;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import ai.softnode.platform.Tenant;

/** Adds a question-and-answer source to a bot's knowledge; for modules that offer "add an answer". */
public interface QaAnswers {

	/** Adds one Q&A pair as a new source of {@code botId} (ADMIN role); returns the source id. Invalid input is a 400 problem. */
	UUID addAnswer(Tenant tenant, UUID botId, @Nullable String question, @Nullable String answer);

}
