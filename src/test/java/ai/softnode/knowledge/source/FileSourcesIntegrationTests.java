package ai.softnode.knowledge.source;

import static ai.softnode.knowledge.source.KnowledgeFixtures.awaitSettled;
import static ai.softnode.knowledge.source.KnowledgeFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.bots.BotManagement;
import ai.softnode.knowledge.KnowledgeSearch;
import ai.softnode.knowledge.files.Fixtures;
import ai.softnode.support.ApiClient;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

@IntegrationTest
class FileSourcesIntegrationTests {

	@Autowired
	TestSupport support;

	@Autowired
	BotManagement bots;

	@Autowired
	KnowledgeSearch search;

	@Test
	void ingestsEveryFileTypeDecidedByContent() {
		var owner = KnowledgeFixtures.owner(this.support, this.bots, "Files Owner");
		var pdf = Fixtures.pdf(List.of(List.of("Opening hours", "The studio is open Tuesday to Saturday from 10 am to 7 pm.")));
		var docx = Fixtures.docx("", Fixtures.paragraph(1, "Warranty")
				+ Fixtures.paragraph(0, "Every bicycle frame carries a ten-year warranty against manufacturing defects."));
		var html = "<!doctype html><html><head><title>Parking</title></head><body><header>Menu</header><main><p>Customers park free "
				+ "in the courtyard behind the shop.</p></main></body></html>";
		var markdown = "# Gift cards\n\nGift cards are sold in values from £10 to £250 and never expire.\n";
		var text = "Our workshop services e-bikes of every brand, including motor diagnostics.";
		var expected = List.of(new Upload("hours.pdf", pdf, "pdf"), new Upload("warranty.docx", docx, "docx"),
				new Upload("parking.html", html.getBytes(StandardCharsets.UTF_8), "html"),
				new Upload("gift-cards.md", markdown.getBytes(StandardCharsets.UTF_8), "markdown"),
				new Upload("services.pdf", text.getBytes(StandardCharsets.UTF_8), "text"));
		for (var file : expected) {
			var response = upload(this.support.baseUrl(), owner.key(), owner.botId(), file.name(), file.bytes());
			assertThat(response.status()).as(file.name() + ": " + response.body()).isEqualTo(201);
			assertThat(response.json().path("fileType").asString()).isEqualTo(file.type());
			assertThat(response.json().path("fileName").asString()).isEqualTo(file.name());
			var settled = awaitSettled(owner.api(), owner.botId(), response.json().path("id").asString()).json();
			assertThat(settled.path("status").asString()).as(file.name()).isEqualTo("ready");
			assertThat(settled.path("chunks").asInt()).isPositive();
		}
		var ws = owner.tenant().workspace();
		assertThat(this.search.search(ws, owner.botId(), "When are you open on Saturdays?", 1).get(0).text()).contains("Tuesday to Saturday");
		assertThat(this.search.search(ws, owner.botId(), "How long is the guarantee on a frame?", 1).get(0).text()).contains("ten-year warranty");
		assertThat(this.search.search(ws, owner.botId(), "Where can I leave my car?", 1).get(0).text()).contains("courtyard");
		assertThat(this.search.search(ws, owner.botId(), "Do vouchers expire?", 1).get(0).text()).contains("never expire");
	}

	@Test
	void importsQaPairsFromCsv() {
		var owner = KnowledgeFixtures.owner(this.support, this.bots, "Csv Owner");
		var csv = "\uFEFFQuestion;Answer\nDo you repair watches?;\"Yes; battery swaps take 10 minutes.\"\n\nCan I return a sale item?;Within 14 days.\n";
		var response = upload(this.support.baseUrl(), owner.key(), owner.botId(), "faq.csv", csv.getBytes(StandardCharsets.UTF_8),
				"format", "qa-csv");
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().path("type").asString()).isEqualTo("qa");
		var settled = awaitSettled(owner.api(), owner.botId(), response.json().path("id").asString()).json();
		assertThat(settled.path("chunks").asInt()).isEqualTo(2);
		var found = this.search.search(owner.tenant().workspace(), owner.botId(), "do you fix watches", 2);
		assertThat(found.get(0).question()).isEqualTo("Do you repair watches?");

		var broken = upload(this.support.baseUrl(), owner.key(), owner.botId(), "bad.csv",
				"question,answer\nOnly a question\n,missing question\n".getBytes(StandardCharsets.UTF_8), "format", "qa-csv");
		assertThat(broken.status()).isEqualTo(400);
		assertThat(broken.body()).contains("Line 2 needs a question and an answer").contains("Line 3 has an empty question");
		var unknown = upload(this.support.baseUrl(), owner.key(), owner.botId(), "x.csv", "a,b".getBytes(StandardCharsets.UTF_8),
				"format", "xlsx");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(owner.api().get(owner.sources()).json().path("total").asLong()).isEqualTo(1);
	}

	@Test
	void hostileFilesFailCleanlyAndLeaveOtherKnowledgeUntouched() {
		var owner = KnowledgeFixtures.owner(this.support, this.bots, "Hostile Owner");
		var good = owner.api().post(owner.sources(), """
				{"type":"qa","question":"What is the phone number?","answer":"Call 0113 496 0000."}""");
		awaitSettled(owner.api(), owner.botId(), good.json().path("id").asString());
		var pdf = Fixtures.pdf(List.of(List.of("text")));
		var corrupt = java.util.Arrays.copyOf(pdf, pdf.length / 3);
		java.util.Arrays.fill(corrupt, 20, corrupt.length, (byte) 'x');
		assertProblem(upload(this.support.baseUrl(), owner.key(), owner.botId(), "broken.pdf", corrupt), 422, "file_unreadable", "damaged");
		assertProblem(upload(this.support.baseUrl(), owner.key(), owner.botId(), "secret.docx", Fixtures.encryptedDocx()), 422,
				"file_encrypted", "password");
		var xxe = Fixtures.docx("<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
				"<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>");
		assertProblem(upload(this.support.baseUrl(), owner.key(), owner.botId(), "xxe.docx", xxe), 422, "file_unsafe", "XXE");
		assertProblem(upload(this.support.baseUrl(), owner.key(), owner.botId(), "bomb.docx", Fixtures.docxBomb(300L * 1024 * 1024)),
				422, "file_unsafe", "decompression bomb");
		assertProblem(upload(this.support.baseUrl(), owner.key(), owner.botId(), "image.txt",
				new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13 }), 415, "unsupported_file_type", "not supported");

		var noFile = upload(this.support.baseUrl(), owner.key(), owner.botId(), null, new byte[0], "format", "qa-csv");
		assertThat(noFile.status()).isEqualTo(400);
		assertThat(noFile.json().path("errors").get(0).path("field").asString()).isEqualTo("file");

		assertThat(owner.api().get(owner.sources()).json().path("total").asLong()).isEqualTo(1);
		assertThat(this.support.count("SELECT COUNT(*) FROM knowledge_job WHERE bot_id = ?", owner.botId())).isZero();
		var found = this.search.search(owner.tenant().workspace(), owner.botId(), "what number can I call", 1);
		assertThat(found).hasSize(1);
		assertThat(found.get(0).text()).contains("0113 496 0000");
	}

	private static void assertProblem(ApiClient.Response response, int status, String code, String reason) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.code()).isEqualTo(code);
		assertThat(response.json().path("detail").asString()).contains(reason);
	}

	private record Upload(String name, byte[] bytes, String type) {
	}

}
