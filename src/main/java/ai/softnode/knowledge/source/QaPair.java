package ai.softnode.knowledge.source;

import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A question and its answer; a Q&A source stores its pairs as a JSON array. */
record QaPair(String question, String answer) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static String toJson(List<QaPair> pairs) {
		return JSON.writeValueAsString(pairs);
	}

	static List<QaPair> fromJson(String json) {
		return JSON.readValue(json, new TypeReference<List<QaPair>>() {
		});
	}

	int characters() {
		return this.question.length() + this.answer.length();
	}

}
