package org.seamless;

import org.seamless.ledger.LedgerCommandApplication;
import org.seamless.ledger.LedgerCommands;
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
        // why: command mode (ledger-verify, ledger-report) reads the ledger without starting broker, routes or web
        if (java.util.Arrays.stream(args).anyMatch(a -> a.startsWith(LedgerCommands.COMMAND_ARG))) {
            System.exit(LedgerCommandApplication.run(args));
        }
        SpringApplication.run(SeamlessApplication.class, args);
    }
}
