package ai.softnode.bots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/** The application's JSON mapper (platform/web/JsonConfig) refuses to coerce scalars between types. */
@IntegrationTest
class StrictJsonIntegrationTests {

	@Autowired
	JsonMapper json;

	record Sample(String text, Integer count, int primitive, Long big, BigDecimal decimal, Boolean flag, boolean primitiveFlag,
			List<String> texts, LeadCaptureMode mode) {
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"text\": 5}", "{\"text\": 1.5}", "{\"text\": true}", "{\"count\": \"5\"}", "{\"count\": \"\"}",
			"{\"count\": 2.5}", "{\"count\": true}", "{\"primitive\": \"5\"}", "{\"primitive\": 2.0}", "{\"big\": \"5\"}",
			"{\"decimal\": \"0.5\"}", "{\"decimal\": \"\"}", "{\"flag\": \"true\"}", "{\"flag\": \"yes\"}", "{\"flag\": 1}",
			"{\"flag\": \"\"}", "{\"primitiveFlag\": \"false\"}", "{\"primitiveFlag\": 0}", "{\"texts\": [\"a\", 2]}",
			"{\"mode\": 1}" })
	void refusesCoercionBetweenScalarTypes(String body) {
		assertThatThrownBy(() -> this.json.readValue(patch(body), Sample.class)).isInstanceOf(MismatchedInputException.class);
	}

	@Test
	void readsValuesOfTheirOwnTypes() {
		var sample = this.json.readValue("""
				{"text": "5", "count": 5, "primitive": 6, "big": 7, "decimal": 1, "flag": true, "primitiveFlag": false,
				 "texts": ["a"], "mode": "BEFORE_CHAT"}""", Sample.class);
		assertThat(sample).isEqualTo(new Sample("5", 5, 6, 7L, BigDecimal.ONE, true, false, List.of("a"), LeadCaptureMode.BEFORE_CHAT));
		assertThat(this.json.readValue("{\"decimal\": 0.25, \"primitive\": 1, \"primitiveFlag\": true}", Sample.class).decimal())
			.isEqualByComparingTo("0.25");
	}

	/** Fills the primitives a case does not set, since missing primitives fail on their own. */
	private static String patch(String body) {
		var withPrimitives = body.contains("\"primitive\"") ? body : body.replaceFirst("\\{", "{\"primitive\": 1, ");
		return withPrimitives.contains("\"primitiveFlag\"") ? withPrimitives : withPrimitives.replaceFirst("\\{", "{\"primitiveFlag\": true, ");
	}

}
