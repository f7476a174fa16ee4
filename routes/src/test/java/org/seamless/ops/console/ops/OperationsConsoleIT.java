package org.seamless.ops.console.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.ops.reliability.ItkCaseSystemServer;
import org.seamless.ops.reliability.SinkCircuitBreakers;
import org.seamless.testsupport.TestEnvironment;
import org.seamless.ops.tracking.Quarantine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;

/**
 * The operations console's services against the running application: a real dead letter replayed
 * (refused without a reason, then delivered as a new generation and taken off the dead-letter
 * address), a circuit held open by hand until closed by hand, and a quarantined item deleted; each
 * change recorded with the person and the reason, and nothing changed by a refused request.
 */
class OperationsConsoleIT extends OperationsFixture {
    @Autowired
    DeadLetterConsole deadLetters;

    @Autowired
    CircuitConsole circuits;

    @Autowired
    QuarantineConsole quarantine;

    @Autowired
    Quarantine store;

    @Autowired
    SinkCircuitBreakers breakers;

    @BeforeEach
    void asOperator() {
        var user = User.withUsername(TestEnvironment.OPERATOR).password("unused")
                .authorities(new SimpleGrantedAuthority("ROLE_OPERATOR")).build();
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
        jdbc.update("DELETE FROM sink_circuit_hold");
        CASE_SYSTEM.mode(ItkCaseSystemServer.Mode.UP);
    }

    @Test
    void aDeadLetterIsReplayedOnlyWithAReasonAndItsNewGenerationIsDelivered() throws Exception {
        String id = deadLetter(71_001);
        assertThat(deliveryStates(id, 0)).containsExactly("DEAD_LETTERED");
        DeadLetterConsole.AgencyDeadLetters listed = deadLetters.list(TestEnvironment.LA_SOAP).orElseThrow();
        assertThat(listed.messages()).filteredOn(m -> id.equals(m.messageId())).singleElement()
                .satisfies(m -> assertThat(m.lastFailure()).startsWith("deadline-passed"));

        CASE_SYSTEM.mode(ItkCaseSystemServer.Mode.UP);
        for (String blank : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> deadLetters.replay(TestEnvironment.LA_SOAP, List.of(id), blank))
                    .isInstanceOf(Reason.Invalid.class).hasMessage("Enter a reason for the replay");
        }
        assertThatThrownBy(() -> deadLetters.replay(TestEnvironment.LA_SOAP, List.of(), "a reason"))
                .isInstanceOf(Reason.Invalid.class).hasMessage("Select at least one message to replay");
        assertThat(audit("replay", id)).as("nothing recorded for a refused replay").isEmpty();
        assertThat(parked()).contains(id);
        assertThat(deliveryStates(id, 1)).as("nothing replayed").isEmpty();

        List<DeadLetterConsole.Replayed> done = deadLetters.replay(TestEnvironment.LA_SOAP, List.of(id),
                "  INC-1234: council gateway fixed  ");
        assertThat(done).singleElement().satisfies(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.generation()).isEqualTo(1);
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveryStates(id, 1), s -> s.equals(List.of("DELIVERED")));
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.status(id)
                .map(v -> DeadLetterConsole.settled(v, 1)).orElse(false));
        assertThat(deadLetters.status(id).orElseThrow().recipients()).filteredOn(l -> l.agency()
                .equals(TestEnvironment.LA_SOAP)).singleElement().satisfies(l -> {
                    assertThat(l.replayGeneration()).isEqualTo(1);
                    assertThat(l.state()).isEqualTo("delivered");
                });
        assertThat(CASE_SYSTEM.actionsPerMessage()).containsEntry(id, 1);
        assertThat(parked()).as("the parked copy is settled by the replay").doesNotContain(id);
        assertThat(audit("replay", id)).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("person", TestEnvironment.OPERATOR).containsEntry("outcome", "replayed")
                    .containsEntry("reason", "INC-1234: council gateway fixed");
        });

        assertThat(deadLetters.replay(TestEnvironment.LA_SOAP, List.of(id), "again")).singleElement()
                .satisfies(r -> assertThat(r.ok()).as("no longer a dead letter").isFalse());
        assertThat(deliveryStates(id, 2)).isEmpty();
    }

    @Test
    void aCircuitOpenedByHandStaysOpenUntilClosedByHand() {
        assertThatThrownBy(() -> circuits.open(TestEnvironment.LA_CSV, " ")).isInstanceOf(Reason.Invalid.class)
                .hasMessage("Enter a reason for opening the circuit");
        assertThat(breakers.state(TestEnvironment.LA_CSV).orElseThrow().state()).isEqualTo("CLOSED");
        assertThat(audit("circuit-open", TestEnvironment.LA_CSV)).isEmpty();

        circuits.open(TestEnvironment.LA_CSV, "council asked us to pause deliveries during their upgrade");
        // the probe would close an automatically opened circuit within 300 ms; this one stays open
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                breakers.state(TestEnvironment.LA_CSV).orElseThrow(), s -> s.state().equals("OPEN") && s.heldOpenByHand());
        assertThat(audit("circuit-open", TestEnvironment.LA_CSV)).singleElement().satisfies(row ->
                assertThat(row).containsEntry("outcome", "opened").containsEntry("reason",
                        "council asked us to pause deliveries during their upgrade"));
        assertThat(jdbc.queryForList("SELECT agency_id FROM sink_circuit_hold", String.class))
                .as("the hold every instance follows").containsExactly(TestEnvironment.LA_CSV);

        circuits.close(TestEnvironment.LA_CSV, "upgrade finished");
        assertThat(breakers.state(TestEnvironment.LA_CSV).orElseThrow()).satisfies(s -> {
            assertThat(s.state()).isEqualTo("CLOSED");
            assertThat(s.heldOpenByHand()).isFalse();
        });
        assertThat(audit("circuit-close", TestEnvironment.LA_CSV)).singleElement().satisfies(row ->
                assertThat(row).containsEntry("outcome", "closed").containsEntry("reason", "upgrade finished"));
        assertThat(jdbc.queryForList("SELECT agency_id FROM sink_circuit_hold", String.class)).isEmpty();
        assertThatThrownBy(() -> circuits.open("no-such-agency", "reason")).isInstanceOf(Reason.Invalid.class);
    }

    @Test
    void aCircuitHeldOpenOnAnotherInstanceIsHeldHereAndReleasedWithIt() {
        // another hub's console (or this instance before a restart) recorded the hold
        jdbc.update("INSERT INTO sink_circuit_hold (agency_id, held_since, instance_id) VALUES (?, ?, ?)",
                TestEnvironment.LA_CSV, java.sql.Timestamp.from(java.time.Instant.now()), "hub-elsewhere");
        await().atMost(Duration.ofSeconds(10)).until(() -> breakers.state(TestEnvironment.LA_CSV).orElseThrow(),
                s -> s.state().equals("OPEN") && s.heldOpenByHand());

        jdbc.update("DELETE FROM sink_circuit_hold WHERE agency_id = ?", TestEnvironment.LA_CSV);
        await().atMost(Duration.ofSeconds(10)).until(() -> breakers.state(TestEnvironment.LA_CSV).orElseThrow(),
                s -> s.state().equals("CLOSED") && !s.heldOpenByHand());
    }

    @Test
    void aQuarantinedItemIsDeletedOnlyWithAReasonAndIsThenGone() {
        String id = store.keep(new RejectedInputStore.Rejection(TestEnvironment.TRUST, "fhir", "not-parseable",
                "the body is not JSON", null, "application/fhir+json", "{not json".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> quarantine.delete(id, "")).isInstanceOf(Reason.Invalid.class)
                .hasMessage("Enter a reason for deleting the item");
        assertThat(store.read(id)).isPresent();
        assertThat(audit("quarantine-delete", id)).isEmpty();

        assertThat(quarantine.open(id)).hasValueSatisfying(item -> assertThat(item.payload()).asString(
                StandardCharsets.UTF_8).isEqualTo("{not json"));
        assertThat(audit("quarantine-read", id)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("outcome", "read"));

        assertThat(quarantine.delete(id, "test message sent by the trust's supplier")).isTrue();
        assertThat(store.read(id)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE id = ?", Integer.class, id)).isZero();
        assertThat(audit("quarantine-delete", id)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("outcome", "deleted").containsEntry("reason", "test message sent by the trust's supplier"));
        assertThat(quarantine.delete(id, "again")).isFalse();
    }
}
