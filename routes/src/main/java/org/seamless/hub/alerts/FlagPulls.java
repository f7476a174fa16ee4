package org.seamless.hub.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.seamless.adapters.registry.AlertSetting;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.adapters.spi.InboundGate;
import org.seamless.mappings.alert.AlertAccess;
import org.seamless.mappings.alert.AlertAccessMessages;
import org.seamless.mappings.alert.AlertFlags;
import org.seamless.mappings.alert.AlertMessages;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.PrivacyChain;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.decide.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a clinical system's pull of a person's flags (ADR 0017). Each current flag is one leg of the
 * privacy chain, run synchronously with the hub's own chain (decide with the sharing rules and consent
 * registry, sensitivity, minimise, pseudonymise, ledger DECISION entry): a withheld flag is not returned
 * and its withholding is on record; a released one gets a ledger RELEASE entry before it is returned.
 * A pull that returns an active child protection or looked-after flag tells the owning LA through the
 * hub (an alert-access message admitted at the caller's inbound address, so it passes the chain like any
 * other message), unless the caller's registered setting is silent-read. Every access is kept in
 * {@code alert_access}.
 */
public class FlagPulls {
    private static final Logger log = LoggerFactory.getLogger(FlagPulls.class);
    static final String EDGE = "fhir-flag-pull";

    private final HubAlertStore store;
    private final PrivacyChain chain;
    private final AgencyRegistry registry;
    private final InboundGate gate;
    private final AlertAccessLog accesses;
    private final OperatorAlerts operatorAlerts;
    private final FlagPullWatch watch;
    private final Clock clock;
    private final ZoneId zone;

    public FlagPulls(HubAlertStore store, PrivacyChain chain, AgencyRegistry registry, InboundGate gate,
                     AlertAccessLog accesses, OperatorAlerts operatorAlerts, FlagPullWatch watch, Clock clock,
                     ZoneId zone) {
        this.store = store;
        this.chain = chain;
        this.registry = registry;
        this.gate = gate;
        this.accesses = accesses;
        this.operatorAlerts = operatorAlerts;
        this.watch = watch;
        this.clock = clock;
        this.zone = zone;
    }

    /** The stand-alone Flags the caller may see, in a stable order (an unscheduled access: ADR 0017). */
    public List<Flag> pull(AgencyConfig caller, NhsNumber nhs) {
        return pull(caller, nhs, AccessKind.UNSCHEDULED).released().stream().map(Released::flag).toList();
    }

    /**
     * What a pull means for the access log and the owning council (ADR 0081). The Patient Flags consumer
     * says which with its {@code IsUnscheduledAccessEvent} header; the original pull is always unscheduled.
     */
    public enum AccessKind {
        /** An unscheduled care access (ED, urgent care): recorded, and the council is told unless silent-read. */
        UNSCHEDULED,
        /** A scheduled care access: recorded (the council sees it in its access query), nobody is notified. */
        SCHEDULED,
        /** A read of the access history itself: on the ledger like any pull, no access row, no notification. */
        HISTORY
    }

    /** One released flag with the alert it came from and its owning council. */
    public record Released(Flag flag, SocialCareAlert alert, AgencyConfig owner) {
    }

    /** The flags released to the caller, and whether the owning councils were notified. */
    public record Pull(List<Released> released, boolean notified) {
    }

    /**
     * Runs the privacy chain once per current flag, returns the released ones in a stable order and
     * records the access as {@code kind} says.
     */
    public Pull pull(AgencyConfig caller, NhsNumber nhs, AccessKind kind) {
        AlertSetting setting = AlertSetting.of(caller);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        String pullId = UUID.randomUUID().toString();
        List<Released> out = new ArrayList<>();
        List<PrivacyChain.LegResult> released = new ArrayList<>();
        Map<String, List<AlertAccess.Viewed>> viewedByOwner = new LinkedHashMap<>();
        Map<String, Boolean> notifiesByOwner = new LinkedHashMap<>();
        for (HubAlertStore.Stored s : store.activeFor(nhs.value())) {
            SocialCareAlert alert = AlertMessages.alert(s.message(), s.owner());
            if (!alert.activeOn(today)) {
                continue; // why: ended since the hub stored it (the expiry job tells the operator)
            }
            AgencyConfig owner = registry.find(s.owner()).orElse(null);
            if (owner == null) {
                continue; // an LA removed from the registry: its flags are no longer offered
            }
            PrivacyChain.LegResult result = chain.process(new PrivacyChain.Leg(request(pullId, alert, s.message(), owner,
                    caller), s.message(), 0));
            if (result.released().isEmpty()) {
                continue; // withheld: the DECISION entry records it
            }
            if (result.decision().outcome() != Outcome.RELEASE_IDENTIFIABLE) {
                // why: a pull asks by NHS number; a pseudonymised flag answers nothing and is not released
                // (its DECISION entry stands, no RELEASE entry follows)
                continue;
            }
            Flag flag = AlertFlags.standalone(result.released().get());
            // why: a search result needs a logical id; a name-based UUID of the business identifier is stable
            flag.setId(UUID.nameUUIDFromBytes(alert.identifierValue().getBytes(StandardCharsets.UTF_8)).toString());
            out.add(new Released(flag, alert, owner));
            released.add(result);
            viewedByOwner.computeIfAbsent(owner.id(), k -> new ArrayList<>())
                    .add(new AlertAccess.Viewed(alert.identifierValue(), alert.type()));
            if (alert.type().notifiesAccess()) {
                notifiesByOwner.put(owner.id(), true);
            }
        }
        released.forEach(chain::released); // why: on record before the caller has them
        boolean notified = false;
        if (kind != AccessKind.HISTORY) {
            for (var e : viewedByOwner.entrySet()) {
                notified |= access(caller, setting, nhs, e.getKey(), e.getValue(),
                        kind == AccessKind.UNSCHEDULED && notifiesByOwner.getOrDefault(e.getKey(), false));
            }
        }
        watch.observe(caller.id(), nhs.value(), viewedByOwner.keySet());
        return new Pull(List.copyOf(out), notified);
    }

    private DecisionRequest request(String pullId, SocialCareAlert alert, Bundle message, AgencyConfig owner,
                                    AgencyConfig caller) {
        // why: one ledger key per (pull, flag): the ledger is idempotent on message id and recipient
        String legId = "pull-" + UUID.nameUUIDFromBytes((pullId + "|" + alert.identifierValue())
                .getBytes(StandardCharsets.UTF_8));
        SeamlessEvent event = MessageBundles.event(message).orElse(SeamlessEvent.ALERT_UPDATE);
        return new DecisionRequest(legId, event, new AgencyRef(owner.id(), owner.kind()),
                new AgencyRef(caller.id(), caller.kind()), chain.identify(message), clock.instant());
    }

    private boolean access(AgencyConfig caller, AlertSetting setting, NhsNumber nhs, String owner,
                           List<AlertAccess.Viewed> viewed, boolean notifiable) {
        boolean notified = false;
        if (notifiable && !setting.silentRead()) {
            AlertAccess access = new AlertAccess(nhs, clock.instant(), caller.id(), caller.odsCode(), caller.name(),
                    setting.id(), setting.name(), viewed.stream().filter(v -> v.identifierValue().startsWith(owner + "/"))
                    .filter(v -> v.type().notifiesAccess()).toList());
            notified = notify(caller, access);
        }
        accesses.record(new AlertAccessLog.Access(clock.instant(), nhs.value(), owner, caller.id(), caller.odsCode(),
                setting.id(), setting.name(), setting.silentRead(), notified));
        return notified;
    }

    /** Admits the notification at the caller's inbound address; the hub routes it to the owner through the chain. */
    private boolean notify(AgencyConfig caller, AlertAccess access) {
        Bundle message = AlertAccessMessages.message(access, UUID.randomUUID().toString());
        byte[] raw = MessageBundles.toJson(message).getBytes(StandardCharsets.UTF_8);
        try {
            InboundGate.Admission a = gate.admit(new InboundGate.Submission(caller, EDGE, message, raw,
                    "application/fhir+json"));
            if (a instanceof InboundGate.Accepted) {
                return true;
            }
            operatorAlerts.raise(caller.id(), "alert-access-notification-refused",
                    "an access notification was refused by the gate; kept as " + ((InboundGate.Rejected) a).reference());
        } catch (RuntimeException e) {
            log.error("access notification from {} not published: {}", caller.id(), e.getClass().getSimpleName());
            operatorAlerts.raise(caller.id(), "alert-access-notification-failed",
                    "an access notification could not be published (" + e.getClass().getSimpleName() + ")");
        }
        return false;
    }
}
