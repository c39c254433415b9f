package ai.softnode.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

class SseStreamTests {

	private static final String HOSTILE = "He said \"hi\" \\ then\nleft\r\u0000\u001f\t</script><img src=x onerror=alert(1)> \u2028 é 😀 data: fake\n\nevent: done";

	@Test
	void aTextEventIsTheSameJsonObjectAsTheMapEventOnOneLineOfData() throws Exception {
		var viaMap = new MockHttpServletResponse();
		SseStream.open(viaMap).event("delta", Map.of("text", HOSTILE));
		var viaText = new MockHttpServletResponse();
		var stream = SseStream.open(viaText);
		stream.text("delta", "text", HOSTILE);

		var body = viaText.getContentAsString(StandardCharsets.UTF_8);
		assertThat(body).startsWith("event: delta\ndata: {").endsWith("}\n\n");
		assertThat(body.split("\n")).as("one event line, one data line: the text's line breaks are escaped").hasSize(2);
		var data = body.substring(body.indexOf("data: ") + 6, body.length() - 2);
		assertThat(JsonMapper.builder().build().readTree(data).path("text").asString()).isEqualTo(HOSTILE);
		assertThat(body).isEqualTo(viaMap.getContentAsString(StandardCharsets.UTF_8));
		assertThat(viaText.getContentType()).startsWith("text/event-stream");
		assertThat(stream.broken()).isFalse();
	}

}
