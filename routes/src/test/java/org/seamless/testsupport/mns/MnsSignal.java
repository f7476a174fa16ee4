package org.seamless.testsupport.mns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * One Multicast Notification Service signal, in the CloudEvents shape MNS publishes its version 2 PDS events in
 * ({@code specversion}, {@code id}, {@code source}, {@code type}, {@code time}, {@code dataref}, {@code subject}:
 * the NHS number), as in {@code specification/schemas/cloudevents/examples/pdsDeath2Signal.json} and
 * {@code nhsNumberChange2Signal.json} of github.com/NHSDigital/multicast-notification-service (see
 * {@link MnsSimulator}), plus a {@code data} object with what a subscriber would read from PDS through
 * {@code dataref} (ADR 0084): {@code replacedBy}, {@code deathDate} or {@code postcode}.
 */
public record MnsSignal(String id, String type, Instant time, String subject, Map<String, String> data) {
    public static final String SOURCE = "https://fhir.nhs.uk/Id/nhsSpineASID/477121000324";
    public static final String PDS_PATIENT = "https://api.service.nhs.uk/personal-demographics/FHIR/R4/Patient/";
    private static final ObjectMapper JSON = new ObjectMapper();

    public MnsSignal {
        data = Map.copyOf(data);
    }

    public static MnsSignal numberChange(NhsNumber from, NhsNumber to, Instant at) {
        return new MnsSignal(UUID.randomUUID().toString(), "nhs-number-change-2", at, from.value(),
                Map.of("replacedBy", to.value()));
    }

    public static MnsSignal death(NhsNumber person, LocalDate deathDate, Instant at) {
        return new MnsSignal(UUID.randomUUID().toString(), "pds-death-notification-2", at, person.value(),
                Map.of("deathDate", deathDate.toString()));
    }

    public static MnsSignal addressChange(NhsNumber person, String postcode, Instant at) {
        return new MnsSignal(UUID.randomUUID().toString(), "pds-change-of-address-1", at, person.value(),
                Map.of("postcode", postcode));
    }

    /** The same signal with another type (e.g. one the subscriber does not handle). */
    public MnsSignal withType(String otherType) {
        return new MnsSignal(id, otherType, time, subject, data);
    }

    /** The same signal with other data. */
    /** The signal as MNS publishes it (version 2): no {@code data}, the details are read from PDS through {@code dataref}. */
    public MnsSignal thin() {
        return withData(Map.of());
    }

    public MnsSignal withData(Map<String, String> otherData) {
        return new MnsSignal(id, type, time, subject, otherData);
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("specversion", "1.0");
        root.put("id", id);
        root.put("source", SOURCE);
        root.put("type", type);
        root.put("time", time.toString());
        root.put("dataref", PDS_PATIENT + subject);
        root.put("subject", subject);
        if (!data.isEmpty()) {
            ObjectNode d = root.putObject("data");
            new LinkedHashMap<>(data).forEach(d::put);
        }
        return root.toString();
    }

    @Override
    public String toString() {
        return "MnsSignal[id=" + id + ", type=" + type + "]";
    }
}
