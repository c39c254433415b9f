package ai.softnode.knowledge.crawl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.nio.channels.SocketChannel;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** Website sources reach the network only through {@link FetchGuard}; the build fails otherwise. */
class OneHttpClientTests {

	private static final String GUARD = FetchGuard.class.getName();

	static final ArchRule ONLY_THE_GUARD_OPENS_CONNECTIONS = noClasses()
		.that().resideInAPackage("ai.softnode.knowledge..")
		.and(DescribedPredicate.describe("are not the FetchGuard",
				(JavaClass c) -> !c.getName().equals(GUARD) && !c.getName().startsWith(GUARD + "$")))
		.should().accessClassesThat().belongToAnyOf(HttpClient.class, Socket.class, SocketChannel.class, SocketFactory.class,
				SSLSocketFactory.class, URLConnection.class, HttpURLConnection.class)
		.orShould().callMethod(URL.class, "openConnection")
		.orShould().callMethod(URL.class, "openStream")
		.orShould().callMethod(URL.class, "getContent")
		.orShould().callMethodWhere(DescribedPredicate.describe("Jsoup.connect (jsoup's own HTTP client)",
				(JavaAccess<?> access) -> access.getTargetOwner().getName().startsWith("org.jsoup.")
						&& access.getName().equals("connect")))
		.orShould().accessClassesThat().resideInAnyPackage("org.springframework.web.client..", "org.springframework.web.reactive..",
				"org.apache.hc..", "okhttp3..")
		.because("every fetch of a website source must pass the address checks of the FetchGuard");

	@Test
	void onlyTheFetchGuardOpensConnections() {
		var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("ai.softnode.knowledge");
		ONLY_THE_GUARD_OPENS_CONNECTIONS.check(classes);
	}

	@Test
	void theRuleCatchesAClassThatOpensAUrl() {
		var offender = new ClassFileImporter().importClasses(Offender.class);
		assertThatThrownBy(() -> ONLY_THE_GUARD_OPENS_CONNECTIONS.check(offender)).isInstanceOf(AssertionError.class)
			.hasMessageContaining("openStream");
	}

	/** What the rule forbids. */
	static final class Offender {

		InputStream fetch(String address) throws IOException {
			return URI.create(address).toURL().openStream();
		}

	}

}
