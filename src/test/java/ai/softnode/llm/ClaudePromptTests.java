package ai.softnode.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.anthropic.models.messages.MessageParam;

/** The prompt keeps roles valid and retrieved text inert. */
class ClaudePromptTests {

	@Test
	void escapesEverythingThatCouldCloseOrForgeATag() {
		assertThat(ClaudePrompt.escape("<a href=\"x\">Tom & Jerry</a>"))
			.isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&lt;/a&gt;");
	}

	@Test
	void saysWhenNoPassageMatched() {
		assertThat(ClaudePrompt.context(List.of(), "Sorry.")).isEqualTo("<context>\n</context>\n"
				+ ClaudePrompt.NO_PASSAGES + "\n<fallback>Sorry.</fallback>");
	}

	@Test
	void opensWithTheVisitorAndAlternatesRoles() {
		var history = List.of(Turn.assistant("Hi there!"), Turn.visitor("First question"), Turn.visitor("Still there?"),
				Turn.assistant(""), Turn.assistant("Yes."), Turn.visitor("Thanks"));

		var messages = ClaudePrompt.messages(history, "And returns?");

		assertThat(messages).extracting(ClaudePromptTests::describe)
			.containsExactly("user: First question\n\nStill there?", "assistant: Yes.", "user: Thanks\n\nAnd returns?");
	}

	@Test
	void withoutHistorySendsOnlyTheQuestion() {
		assertThat(ClaudePrompt.messages(List.of(), "Hello?")).extracting(ClaudePromptTests::describe)
			.containsExactly("user: Hello?");
	}

	@Test
	void leavesOutAnEmptySystemPromptButAlwaysSendsTheContext() {
		var request = new AnswerRequest("default", 0, 100, " ", List.of(), List.of(), "Hi?", "Sorry.");

		var system = ClaudePrompt.system(request);

		assertThat(system).hasSize(1);
		assertThat(system.get(0).cacheControl()).isEmpty();
		assertThat(system.get(0).text()).startsWith("<context>");
	}

	private static String describe(MessageParam message) {
		return message.role().asString() + ": " + message.content().asString();
	}

}
