package org.seamless;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.jms.JmsAutoConfiguration;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisAutoConfiguration;

/**
 * Runs the Seamless hub and the adapters named in configuration. Spring Boot's own Artemis and JMS
 * auto-configuration is off: Seamless runs its own secured broker and one connection per broker user.
 */
@SpringBootApplication(exclude = {ArtemisAutoConfiguration.class, JmsAutoConfiguration.class})
public class SeamlessApplication {
    public static void main(String[] args) {
        SpringApplication.run(SeamlessApplication.class, args);
    }
}
