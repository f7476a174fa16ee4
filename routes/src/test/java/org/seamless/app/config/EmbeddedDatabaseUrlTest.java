package org.seamless.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seamless.testsupport.TestDatabase;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The embedded database URL Seamless ships: H2 takes every option in it (a misspelt option would only fail at
 * start), writes each commit at once (ADR 0028) and keeps a notice's parsed statements (ADR 0102), and the
 * benchmarks that start Seamless on an H2 file of their own use the same options, so that they measure what the
 * product runs.
 */
class EmbeddedDatabaseUrlTest {
    @TempDir
    Path dir;

    @Test
    void theShippedUrlCarriesTheOptionsTheBenchmarksUse() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties shipped = yaml.getObject();

        assertThat(shipped.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:h2:file:${seamless.data-dir}/db/seamless" + TestDatabase.EMBEDDED_OPTIONS);
    }

    @Test
    void h2WritesEachCommitAtOnce() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db/seamless").toAbsolutePath() + TestDatabase.EMBEDDED_OPTIONS;
        Map<String, String> settings = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, "seamless", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS")) {
            while (r.next()) {
                settings.put(r.getString(1), r.getString(2));
            }
        }
        // H2's default is a write delay of 500 ms: a killed process lost what it had committed in that time
        assertThat(settings).containsEntry("WRITE_DELAY", "0");
        // H2's default keeps 8 parsed statements a connection, fewer than a notice uses, so each is parsed again
        assertThat(settings).containsEntry("QUERY_CACHE_SIZE", "64");
    }
}
