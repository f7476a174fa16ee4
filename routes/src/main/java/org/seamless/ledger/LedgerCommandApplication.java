package org.seamless.ledger;

import org.seamless.app.config.ClockConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Command mode of the same jar ({@code java -jar seamless.jar --seamless.command=ledger-verify}): only
 * the configuration, the database connection and the ledger, no broker, routes or web server, and
 * no migrations (the tools only read). Deliberately not a {@code @Configuration}: component scanning
 * of the application, and test lookup of a boot configuration, must not find it.
 */
@ImportAutoConfiguration(DataSourceAutoConfiguration.class)
@Import({LedgerConfiguration.class, ClockConfiguration.class, SubjectReports.class})
public class LedgerCommandApplication {

    public static int run(String[] args) {
        SpringApplication app = new SpringApplication(LedgerCommandApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        app.setDefaultProperties(java.util.Map.of("logging.level.root", "WARN"));
        try (ConfigurableApplicationContext ctx = app.run(args)) {
            return LedgerCommands.run(ctx, args, System.out, System.err);
        }
    }
}
