package org.seamless.app.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.junit.jupiter.api.Test;
import org.seamless.SeamlessApplication;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.registry.AgencyRegistryLoader;
import org.seamless.adapters.spi.AdapterTypes;
import org.seamless.testsupport.TestEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.StandardEnvironment;

/**
 * The external broker's configuration comes from the agency registry (ADR 0056): an agency added to
 * the registry is in what {@code broker-config} writes, a real Artemis broker loads that {@code
 * broker.xml} (schema-valid) and passes the start check, and a broker configured before the agency
 * was added fails the check, which names the agency's missing addresses and roles and stops Seamless.
 */
class BrokerConfigCheckIT {
    private static final String NEW_AGENCY = "demo-new-carers";

    @Test
    void anAgencyAddedToTheRegistryIsGeneratedCheckedAndRefusedWhereTheBrokerLacksIt() throws Exception {
        try (TestEnvironment before = TestEnvironment.create();
             TestEnvironment after = TestEnvironment.create().withCharities(NEW_AGENCY)) {
            AgencyRegistry oldRegistry = load(before);
            AgencyRegistry newRegistry = load(after);
            Map<String, String> passwords = new HashMap<>();
            for (String user : List.of(BrokerUsers.HUB, BrokerUsers.OPERATOR, "agency-" + NEW_AGENCY,
                    "agency-" + TestEnvironment.TRUST, "agency-" + TestEnvironment.LA_CSV,
                    "agency-" + TestEnvironment.LA_SOAP, "agency-" + TestEnvironment.CHARITY)) {
                passwords.put(user, TestEnvironment.randomSecret());
            }
            BrokerProperties props = props(passwords, "tcp://127.0.0.1:0");

            // the command's output for the new registry has the new agency's addresses, roles and users
            Path out = after.dataDir().resolve("broker-config");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = BrokerConfigCommand.write(newRegistry, props, new String[] {"--out=" + out},
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
            assertThat(exit).isZero();
            String fragment = Files.readString(out.resolve("broker-seamless.xml"));
            assertThat(fragment).contains("<address name=\"agency." + NEW_AGENCY + ".inbound\">",
                    "<address name=\"agency." + NEW_AGENCY + ".outbound\">",
                    "<dead-letter-address>agency." + NEW_AGENCY + ".dlq</dead-letter-address>",
                    "<security-setting match=\"agency." + NEW_AGENCY + ".inbound\">");
            assertThat(Files.readString(out.resolve("artemis-roles.properties")))
                    .contains("agency-" + NEW_AGENCY + " = agency-" + NEW_AGENCY);
            String usersFile = Files.readString(out.resolve("artemis-users.properties"));
            assertThat(usersFile).contains("agency-" + NEW_AGENCY + " = ENC(")
                    .doesNotContain(passwords.get("agency-" + NEW_AGENCY));

            // a broker configured from the new registry passes the check
            try (Broker current = Broker.start(after.dataDir().resolve("current"), newRegistry, props, passwords)) {
                assertThat(new ExternalBrokerCheck(newRegistry, current.url(), BrokerUsers.from(newRegistry,
                        passwords, false)).missing()).isEmpty();
            }
            // a broker configured before the agency was added: the check names what it lacks, the start is refused
            try (Broker stale = Broker.start(before.dataDir().resolve("stale"), oldRegistry, props, passwords)) {
                List<String> missing = new ExternalBrokerCheck(newRegistry, stale.url(),
                        BrokerUsers.from(newRegistry, passwords, false)).missing();
                assertThat(missing).contains("agency " + NEW_AGENCY + ": address agency." + NEW_AGENCY + ".inbound",
                        "agency " + NEW_AGENCY + ": role agency-" + NEW_AGENCY + " on agency." + NEW_AGENCY + ".inbound");
                assertThat(missing).allMatch(m -> m.startsWith("agency " + NEW_AGENCY + ":"));

                Map<String, String> app = new HashMap<>(after.properties());
                app.put("server.port", "0");
                app.put("seamless.broker.mode", "external");
                app.put("seamless.broker.url", stale.url());
                passwords.forEach((user, pw) -> app.put("seamless.broker.passwords." + user, pw));
                // why: the refused start is this test's expected outcome; Spring Boot would otherwise log it
                // with the whole stack trace (about 400 lines) into the test log, and the assertion below reads it
                app.put("logging.level.org.springframework.boot.SpringApplication", "OFF");
                app.put("logging.level.org.springframework.boot.diagnostics", "OFF");
                app.put("logging.level.root", "WARN");
                String[] args = app.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
                assertThatThrownBy(() -> new SpringApplicationBuilder(SeamlessApplication.class).run(args).close())
                        .rootCause().hasMessageContaining("the external broker lacks what the agency registry needs")
                        .hasMessageContaining("agency " + NEW_AGENCY + ": address agency." + NEW_AGENCY + ".inbound")
                        .hasMessageNotContaining(passwords.get(BrokerUsers.OPERATOR));
            }
        }
    }

    @Test
    void aBrokerThatSwitchesMessageGroupsOffIsNamedByTheCheck() throws Exception {
        try (TestEnvironment env = TestEnvironment.create()) {
            AgencyRegistry registry = load(env);
            Map<String, String> passwords = new HashMap<>();
            for (String user : BrokerUsers.from(registry, Map.of(), true).names()) {
                passwords.put(user, TestEnvironment.randomSecret());
            }
            BrokerProperties props = props(passwords, "tcp://127.0.0.1:0");
            // why: the operator's own edit of the generated settings, which would cost one person's order (ADR 0100)
            try (Broker broker = Broker.start(env.dataDir().resolve("no-groups"), registry, props, passwords,
                    xml -> xml.replace("<address-full-policy>PAGE</address-full-policy>",
                            "<address-full-policy>PAGE</address-full-policy><default-group-buckets>0</default-group-buckets>"))) {
                List<String> missing = new ExternalBrokerCheck(registry, broker.url(),
                        BrokerUsers.from(registry, passwords, false)).missing();
                assertThat(missing).contains("agency " + TestEnvironment.LA_CSV + ": message groups on agency."
                        + TestEnvironment.LA_CSV + ".outbound (default-group-buckets is 0; leave it at -1, ADR 0100)");
                assertThat(missing).allMatch(m -> m.contains(": message groups on "));
            }
        }
    }

    private static AgencyRegistry load(TestEnvironment env) throws Exception {
        StandardEnvironment spring = new StandardEnvironment();
        try (InputStream in = Files.newInputStream(env.registryFile())) {
            return new AgencyRegistryLoader(AdapterTypes.discover(), spring::resolvePlaceholders).load(in, "test");
        }
    }

    private static BrokerProperties props(Map<String, String> passwords, String url) {
        return new BrokerProperties(BrokerProperties.Mode.EXTERNAL, url, true, "127.0.0.1", 0, 6, 500, 2.0, 30000,
                104857600, -1, passwords, "", "", true);
    }

    /** A real Artemis broker started from a broker.xml whose agency sections {@link BrokerConfigXml} wrote. */
    private record Broker(EmbeddedActiveMQ server, int port) implements AutoCloseable {
        static Broker start(Path dir, AgencyRegistry registry, BrokerProperties props, Map<String, String> passwords)
                throws Exception {
            return start(dir, registry, props, passwords, xml -> xml);
        }

        static Broker start(Path dir, AgencyRegistry registry, BrokerProperties props, Map<String, String> passwords,
                            java.util.function.UnaryOperator<String> edit) throws Exception {
            Files.createDirectories(dir);
            int port;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String base = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <configuration xmlns="urn:activemq" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                                   xsi:schemaLocation="urn:activemq /schema/artemis-configuration.xsd">
                       <core xmlns="urn:activemq:core">
                          <name>test</name>
                          <persistence-enabled>false</persistence-enabled>
                          <security-enabled>true</security-enabled>
                          <acceptors>
                             <acceptor name="core">tcp://127.0.0.1:%d?protocols=CORE</acceptor>
                          </acceptors>
                          <security-settings>
                          </security-settings>
                       </core>
                    </configuration>
                    """.formatted(port);
            Path xml = dir.resolve("broker.xml");
            Files.writeString(xml, edit.apply(new BrokerConfigXml(registry, props).mergeInto(base)), StandardCharsets.UTF_8);
            SecurityConfiguration security = new SecurityConfiguration();
            passwords.forEach((user, pw) -> {
                security.addUser(user, pw);
                security.addRole(user, user);
            });
            EmbeddedActiveMQ server = new EmbeddedActiveMQ();
            server.setConfigResourcePath(xml.toUri().toString());
            server.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), security));
            server.start();
            return new Broker(server, port);
        }

        String url() {
            return "tcp://127.0.0.1:" + port;
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }
}
