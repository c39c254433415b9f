package ai.softnode.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import ai.softnode.notifications.Mailer.Mail;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/** With {@code spring.mail.host} set, the outbox delivers through SMTP and retries failures. */
@IntegrationTest
class SmtpDeliveryIntegrationTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
		registry.add("softnode.base-url", () -> "http://chat.example.org");
	}

	@Autowired
	TestSupport support;

	@Autowired
	Mailer mailer;

	@Autowired
	OutboxDelivery delivery;

	@BeforeEach
	void purge() throws Exception {
		smtp.purgeEmailFromAllMailboxes();
	}

	@Test
	void verificationMailGoesThroughSmtpWithLinksOnTheConfiguredBaseUrl() throws Exception {
		var user = this.support.signUp("Smtp User");
		assertThat(smtp.waitForIncomingEmail(Duration.ofSeconds(10).toMillis(), 1)).isTrue();
		var message = smtp.getReceivedMessages()[0];
		assertThat(message.getAllRecipients()[0].toString()).isEqualTo(user.email());
		assertThat(message.getSubject()).contains("Confirm your email");
		assertThat(GreenMailUtil.getBody(message)).contains("http://chat.example.org/verify-email?token=");
		awaitSent(user.email());
	}

	@Test
	void failedDeliveryIsRetriedLater() throws Exception {
		smtp.stop();
		var to = TestSupport.uniqueEmail("retry");
		try {
			this.mailer.queue(null, new Mail(to, "Hello", "Body", "test"));
			awaitAttempts(to);
			assertThat(this.support.count("SELECT COUNT(*) FROM notifications_outbox WHERE recipient = ? AND status = 'PENDING' AND last_error IS NOT NULL", to))
				.isEqualTo(1);
		}
		finally {
			smtp.start();
		}
		this.support.jdbc().sql("UPDATE notifications_outbox SET next_attempt_at = created_at WHERE recipient = :r").param("r", to).update();
		this.delivery.deliverDue();
		assertThat(smtp.waitForIncomingEmail(Duration.ofSeconds(10).toMillis(), 1)).isTrue();
		awaitSent(to);
	}

	@Test
	void backoffGrowsAndIsCapped() {
		assertThat(Mailer.backoff(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(Mailer.backoff(2)).isEqualTo(Duration.ofSeconds(60));
		assertThat(Mailer.backoff(20)).isEqualTo(Duration.ofHours(1));
	}

	/** The row is marked sent in the delivering transaction, which commits just after SMTP accepted the mail. */
	private void awaitSent(String to) throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			if (this.support.count("SELECT COUNT(*) FROM notifications_outbox WHERE recipient = ? AND status = 'SENT'", to) == 1) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("mail to " + to + " not marked as sent");
	}

	private void awaitAttempts(String to) throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			if (this.support.count("SELECT COUNT(*) FROM notifications_outbox WHERE recipient = ? AND attempts > 0", to) > 0) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no delivery attempt");
	}

}
