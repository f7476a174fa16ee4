package org.seamless.adapters.lacsv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.BrokerAddresses;
import org.seamless.adapters.spi.AdapterContext;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.message.MessageIssue;

/**
 * Every inbox route of the CSV council adapter (consents, responses, alerts) refuses what an
 * attacker with write access to the inbox could plant: a name that the file component would turn
 * into a path out of the inbox ({@code responses-x\..\..\victim.csv}), a symbolic link to a file
 * elsewhere, and a name too long for its rejects file. Each is moved to {@code failed/} once with a
 * reason file; nothing outside the inbox is read, moved or handed to the gate.
 */
class InboxFileSafetyTest {
    @TempDir
    Path root;

    private CamelContext camel;
    private final AtomicInteger gateCalls = new AtomicInteger();
    private final AtomicInteger kept = new AtomicInteger();

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("consents", (BiFunction<AgencyConfig, AdapterContext, RouteBuilder>) ConsentInboxRoute::new,
                        "reference,nhs_number,decision,purpose,recipient_agency,recipient_kind,start_date,end_date,status\n"
                                + "r1,9434765919,consent,referral,demo-charity,,2024-01-01,,active\n"),
                Arguments.of("responses", (BiFunction<AgencyConfig, AdapterContext, RouteBuilder>) ResponsesInboxRoute::new,
                        "message_id,outcome,reason\n00000000-0000-4000-8000-000000000001,accepted,\n"),
                Arguments.of("alerts", (BiFunction<AgencyConfig, AdapterContext, RouteBuilder>) AlertInboxRoute::new,
                        "alert_id,nhs_number,alert_type,start_date,end_date,review_date,team_name,team_phone,deleted\n"
                                + "A1,9434765919,child-protection-plan,2024-01-01,,,Team,0100,\n"));
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aNameWithBackslashesAndDotDotNeverReadsOutsideTheInbox(String prefix,
            BiFunction<AgencyConfig, AdapterContext, RouteBuilder> route, String csv) throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Files.createDirectories(inbox.resolve(prefix + "-x"));
        Path victim = Files.writeString(root.resolve("victim.csv"), csv, StandardCharsets.UTF_8);
        String name = prefix + "-x\\..\\..\\victim.csv";
        Files.writeString(inbox.resolve(name), "ignored\n", StandardCharsets.UTF_8);

        start(inbox, route);

        Path failed = inbox.resolve("failed");
        await().atMost(Duration.ofSeconds(15)).until(() -> reasons(failed).size() == 1);
        assertThat(Files.exists(inbox.resolve(name))).isFalse();
        assertThat(Files.readString(victim)).isEqualTo(csv);
        assertThat(Files.readString(reasons(failed).get(0))).contains("unsafe-name");
        assertThat(gateCalls.get()).isZero();
        assertThat(kept.get()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aSymbolicLinkIsNotFollowed(String prefix, BiFunction<AgencyConfig, AdapterContext, RouteBuilder> route,
                                    String csv) throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Path secret = Files.writeString(root.resolve("secret.csv"), csv, StandardCharsets.UTF_8);
        Path link = Files.createSymbolicLink(inbox.resolve(prefix + "-link.csv"), secret);

        start(inbox, route);

        Path failed = inbox.resolve("failed");
        await().atMost(Duration.ofSeconds(15)).until(() -> reasons(failed).size() == 1);
        assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.isSymbolicLink(failed.resolve(prefix + "-link.csv"))).isTrue();
        assertThat(Files.readString(secret)).isEqualTo(csv);
        assertThat(Files.readString(reasons(failed).get(0))).contains("symbolic-link");
        assertThat(gateCalls.get()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aNameTooLongForItsReportsGoesToFailedOnce(String prefix,
            BiFunction<AgencyConfig, AdapterContext, RouteBuilder> route, String csv) throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        String name = prefix + "-" + "a".repeat(254 - prefix.length() - 5) + ".csv";
        assertThat(name).hasSize(254);
        Files.writeString(inbox.resolve(name), csv, StandardCharsets.UTF_8);

        start(inbox, route);

        Path failed = inbox.resolve("failed");
        await().atMost(Duration.ofSeconds(15)).until(() -> reasons(failed).size() == 1);
        assertThat(Files.exists(inbox.resolve(name))).isFalse();
        assertThat(Files.readString(reasons(failed).get(0))).contains("name-too-long");
        try (Stream<Path> kept = Files.list(failed)) {
            assertThat(kept.map(p -> p.getFileName().toString()))
                    .allMatch(n -> n.getBytes(StandardCharsets.UTF_8).length <= 255)
                    .anyMatch(n -> n.startsWith(prefix + "-aaaa") && n.endsWith(".csv"));
        }
        assertThat(gateCalls.get()).isZero();
    }

    @org.junit.jupiter.api.Test
    void theThreeRoutesShareOneInboxEachGuardingItsOwnFiles() throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        for (String prefix : List.of("consents", "responses", "alerts")) {
            Files.writeString(inbox.resolve(prefix + "-a\\b.csv"), "x\n", StandardCharsets.UTF_8);
        }
        start(inbox, (la, ctx) -> new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                getContext().addRoutes(new ConsentInboxRoute(la, ctx));
                getContext().addRoutes(new ResponsesInboxRoute(la, ctx));
                getContext().addRoutes(new AlertInboxRoute(la, ctx));
            }
        });
        Path failed = inbox.resolve("failed");
        await().atMost(Duration.ofSeconds(15)).until(() -> reasons(failed).size() == 3);
        assertThat(camel.getRoutes()).hasSize(3);
        assertThat(gateCalls.get()).isZero();
    }

    private void start(Path inbox, BiFunction<AgencyConfig, AdapterContext, RouteBuilder> route) throws Exception {
        AgencyConfig la = new AgencyConfig("la-1", "Test Council", AgencyKind.LOCAL_AUTHORITY, "LA001",
                Optional.empty(), new AdapterConfig(LaCsvAdapterType.NAME,
                        Map.of(LaCsvAdapterType.INBOX, inbox.toString(), LaCsvAdapterType.OUTBOX,
                                root.resolve("outbox").toString())),
                BrokerAddresses.conventional("la-1"), List.of(), Optional.empty());
        InboundGate gate = new InboundGate() {
            @Override
            public Admission admit(Submission s) {
                gateCalls.incrementAndGet();
                Bundle m = s.message();
                return new Accepted(MessageBundles.messageId(m).orElse("x"), false);
            }

            @Override
            public List<MessageIssue> check(Submission s) {
                gateCalls.incrementAndGet();
                return List.of();
            }
        };
        RejectedInputStore rejected = r -> {
            kept.incrementAndGet();
            return "ref-" + kept.get();
        };
        camel = new DefaultCamelContext();
        camel.addRoutes(route.apply(la, new AdapterContext("direct", rejected, null, gate, null,
                new AlertImportFixtures.MemoryState())));
        camel.start();
    }

    private static List<Path> reasons(Path failed) throws Exception {
        if (!Files.isDirectory(failed)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(failed)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".reason.txt")).toList();
        }
    }
}
