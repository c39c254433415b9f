package ai.softnode.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class AuditPropertiesTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner().withUserConfiguration(Config.class);

	@Test
	void keepsEntriesForAYearByDefault() {
		this.contexts.run(context -> assertThat(context.getBean(AuditProperties.class).retentionDays()).isEqualTo(365));
	}

	@Test
	void refusesToStartWithARetentionOutsideOneToThreeThousandSixHundredFiftyDays() {
		this.contexts.withPropertyValues("softnode.audit.retention-days=0")
			.run(context -> assertThat(context).hasFailed());
		this.contexts.withPropertyValues("softnode.audit.retention-days=3651")
			.run(context -> assertThat(context).hasFailed());
		this.contexts.withPropertyValues("softnode.audit.retention-days=30")
			.run(context -> assertThat(context.getBean(AuditProperties.class).retentionDays()).isEqualTo(30));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AuditProperties.class)
	static class Config {
	}

}
