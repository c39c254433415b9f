package ai.softnode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Softnode: self-hostable AI chat assistants for business websites. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(sharedModules = "platform")
public class SoftnodeApplication {

	public static void main(String[] args) {
		SpringApplication.run(SoftnodeApplication.class, args);
	}

}
