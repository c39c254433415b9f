package ai.softnode.bots;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.softnode.platform.WorkspaceId;

class BotTests {

	@Test
	void anyHostMayEmbedWhenNoDomainsAreListed() {
		var bot = botAllowing(List.of());
		assertThat(bot.allowsHost("example.com")).isTrue();
		assertThat(bot.allowsHost("anything.test:8443")).isTrue();
		assertThat(bot.allowsHost("")).isTrue();
	}

	@Test
	void exactDomainMatchesOnlyItselfOnAnyPort() {
		var bot = botAllowing(List.of("example.com"));
		assertThat(bot.allowsHost("example.com")).isTrue();
		assertThat(bot.allowsHost("EXAMPLE.com")).isTrue();
		assertThat(bot.allowsHost("example.com:8080")).isTrue();
		assertThat(bot.allowsHost("www.example.com")).isFalse();
		assertThat(bot.allowsHost("evilexample.com")).isFalse();
		assertThat(bot.allowsHost("example.com.evil.test")).isFalse();
		assertThat(bot.allowsHost("example.co")).isFalse();
	}

	@Test
	void wildcardMatchesSubdomainsButNotTheBareDomainOrLookAlikes() {
		var bot = botAllowing(List.of("*.example.com"));
		assertThat(bot.allowsHost("shop.example.com")).isTrue();
		assertThat(bot.allowsHost("a.b.example.com")).isTrue();
		assertThat(bot.allowsHost("shop.example.com:3000")).isTrue();
		assertThat(bot.allowsHost("example.com")).isFalse();
		assertThat(bot.allowsHost("badexample.com")).isFalse();
		assertThat(bot.allowsHost(".example.com")).isFalse();
		assertThat(bot.allowsHost("example.com.evil.test")).isFalse();
	}

	@Test
	void domainWithPortMatchesOnlyThatPort() {
		var bot = botAllowing(List.of("localhost:8080", "*.example.com:8443"));
		assertThat(bot.allowsHost("localhost:8080")).isTrue();
		assertThat(bot.allowsHost("localhost")).isFalse();
		assertThat(bot.allowsHost("localhost:9090")).isFalse();
		assertThat(bot.allowsHost("shop.example.com:8443")).isTrue();
		assertThat(bot.allowsHost("shop.example.com")).isFalse();
	}

	@Test
	void missingHostIsRefusedWhenDomainsAreListed() {
		var bot = botAllowing(List.of("example.com"));
		assertThat(bot.allowsHost(null)).isFalse();
		assertThat(bot.allowsHost("")).isFalse();
		assertThat(bot.allowsHost("  ")).isFalse();
	}

	@Test
	void ipAddressesMatchLikeDomains() {
		var bot = botAllowing(List.of("127.0.0.1"));
		assertThat(bot.allowsHost("127.0.0.1:5173")).isTrue();
		assertThat(bot.allowsHost("[::1]:5173")).isFalse();
	}

	private static Bot botAllowing(List<String> domains) {
		var d = BotSettings.defaults("Host check");
		var settings = new BotSettings(d.name(), d.instructions(), d.model(), d.temperature(), d.greeting(), d.suggestedQuestions(),
				d.fallbackMessage(), d.accentColor(), d.position(), d.launcherLabel(), d.avatarUrl(), domains, d.leadCapture(),
				d.leadAfterMessages(), d.leadFields(), d.retentionDays(), d.maxAnswerTokens(), d.dailyTokenBudget(),
				d.redactPersonalData(), d.enabled(), null, false, null, false, false);
		var now = OffsetDateTime.now();
		return new Bot(UUID.randomUUID(), new WorkspaceId(UUID.randomUUID()), "abc", settings, now, now);
	}

}
