package org.seamless;

import org.seamless.app.broker.BrokerConfigCommand;
import org.seamless.ledger.LedgerCommandApplication;
import org.seamless.ledger.LedgerCommands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Runs the Seamless hub and the adapters named in configuration. Spring Boot's own Artemis and JMS
 * auto-configuration is off: Seamless runs its own secured broker and one connection per broker user.
 * Since Spring Boot 4 they live in their own modules (spring-boot-artemis, spring-boot-jms), which
 * Seamless does not depend on; the names stay excluded so that a module bringing them back in cannot
 * switch them on.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration",
        "org.springframework.boot.jms.autoconfigure.JmsAutoConfiguration"})
public class SeamlessApplication {
    public static void main(String[] args) {
        // why: command mode (ledger-verify, ledger-report) reads the ledger without starting broker, routes or web
        // why: broker-config writes the external broker's configuration from the registry (ADR 0056)
        if (java.util.Arrays.asList(args).contains(LedgerCommands.COMMAND_ARG + BrokerConfigCommand.NAME)) {
            System.exit(BrokerConfigCommand.run(args));
        }
        if (java.util.Arrays.stream(args).anyMatch(a -> a.startsWith(LedgerCommands.COMMAND_ARG))) {
            System.exit(LedgerCommandApplication.run(args));
        }
        SpringApplication.run(SeamlessApplication.class, args);
    }
}
