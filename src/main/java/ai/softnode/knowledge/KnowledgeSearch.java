package ai.softnode.knowledge;

import java.util.List;
import java.util.UUID;

import ai.softnode.platform.WorkspaceId;

/** Finds the passages of a bot's knowledge that best answer a question. */
public interface KnowledgeSearch {

	/**
	 * The best {@code limit} passages for {@code query}, best first; empty when nothing relevant.
	 */
	List<Passage> search(WorkspaceId workspace, UUID botId, String query, int limit);

}
