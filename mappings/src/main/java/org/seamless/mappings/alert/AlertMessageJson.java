package org.seamless.mappings.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.InstantType;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.NhsNumberVerification;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.FhirUrls;
import org.seamless.mappings.message.ResourceIds;

/**
 * Writes the JSON of an alert message straight from the alert, without HAPI's model walk (ADR 0091): the same
 * characters, in the same order, with the same pretty printing and escaping as
 * {@code MessageBundles.toJson(AlertMessages.message(a, event, messageId, sentAt, today))} (and, with
 * {@code nhsNumberVerified}, after {@link NhsNumberVerification#markVerified}). The gate digests these bytes and a
 * re-run of a file must be recognised as a duplicate, so equality is proven by {@code AlertMessageJsonTest} against
 * HAPI over generated alerts; any change to {@link AlertMessages#message}, {@link AlertFlags#flag} or the HAPI
 * version must keep that test green.
 *
 * <p>Covered: every alert whose dates have four-digit years (1000-9999). Otherwise {@link #covers} is false and
 * the caller encodes with HAPI (the reference).
 */
final class AlertMessageJson {
    // why: HAPI's JacksonWriter (8.x) pretty printer: "name": value, entries one per line indented by two spaces,
    // arrays inline as "[ a, b ]" / "[ {" ... "} ]"
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(new Separators("", ':', Separators.Spacing.AFTER, ',', Separators.Spacing.NONE, ',',
                    Separators.Spacing.NONE))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));
    private static final String URN = "urn:uuid:";

    /** The last bundle timestamp rendered (an import sends every message with the same one). */
    private record Stamp(Instant at, String zone, String text) {
    }

    private static volatile Stamp lastStamp;

    private AlertMessageJson() {
    }

    /** True when {@link #write} produces exactly HAPI's encoding for this alert (four-digit years). */
    static boolean covers(SocialCareAlert a) {
        return fourDigits(a.start()) && fourDigits(a.end()) && fourDigits(a.review());
    }

    private static boolean fourDigits(LocalDate d) {
        return d == null || (d.getYear() >= 1000 && d.getYear() <= 9999);
    }

    /** The message's JSON; only for alerts {@link #covers} accepts. */
    static String write(SocialCareAlert a, SeamlessEvent event, String messageId, Instant sentAt, LocalDate today,
                        boolean nhsNumberVerified) {
        String orgId = ResourceIds.derived(messageId, "Organization");
        String patientId = ResourceIds.derived(messageId, "Patient");
        String flagId = ResourceIds.derived(messageId, "Flag");
        StringWriter out = new StringWriter(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(PRETTY.createInstance());
            g.writeStartObject();
            g.writeStringField("resourceType", "Bundle");
            g.writeStringField("type", "message");
            g.writeStringField("timestamp", timestamp(sentAt));
            g.writeArrayFieldStart("entry");

            entry(g, messageId, "MessageHeader", FhirUrls.UKCORE_MESSAGE_HEADER);
            g.writeObjectFieldStart("eventCoding");
            coding(g, SeamlessEvent.SYSTEM, event.code(), event.display());
            g.writeEndObject();
            reference(g, "sender", orgId);
            g.writeObjectFieldStart("source");
            g.writeStringField("endpoint", "urn:seamless:agency:" + a.laAgencyId());
            g.writeEndObject();
            g.writeArrayFieldStart("focus");
            g.writeStartObject();
            g.writeStringField("reference", URN + flagId);
            g.writeEndObject();
            g.writeEndArray();
            endEntry(g);

            entry(g, patientId, "Patient", FhirUrls.UKCORE_PATIENT);
            g.writeArrayFieldStart("identifier");
            g.writeStartObject();
            if (nhsNumberVerified) {
                g.writeArrayFieldStart("extension");
                g.writeStartObject();
                g.writeStringField("url", FhirUrls.NHS_NUMBER_VERIFICATION_STATUS);
                g.writeObjectFieldStart("valueCodeableConcept");
                g.writeArrayFieldStart("coding");
                g.writeStartObject();
                coding(g, FhirUrls.NHS_NUMBER_VERIFICATION_STATUS_ENGLAND, NhsNumberVerification.VERIFIED,
                        NhsNumberVerification.VERIFIED_DISPLAY);
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
            }
            g.writeStringField("system", NhsNumber.SYSTEM);
            g.writeStringField("value", a.nhsNumber().value());
            g.writeEndObject();
            g.writeEndArray();
            endEntry(g);

            flag(g, a, flagId, patientId, orgId, today);

            organization(g, a, orgId);

            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void flag(JsonGenerator g, SocialCareAlert a, String flagId, String patientId, String orgId,
                             LocalDate today) throws IOException {
        g.writeStartObject();
        g.writeStringField("fullUrl", URN + flagId);
        g.writeObjectFieldStart("resource");
        g.writeStringField("resourceType", "Flag");
        g.writeStringField("id", flagId);
        g.writeObjectFieldStart("meta");
        g.writeArrayFieldStart("profile");
        g.writeString(AlertMessages.UKCORE_FLAG);
        g.writeEndArray();
        if (a.deleted()) {
            g.writeArrayFieldStart("tag");
            g.writeStartObject();
            coding(g, AlertFlags.TAG_SYSTEM, AlertFlags.DELETED_TAG, "Deleted by the local authority");
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeEndObject();
        if (a.review() != null) {
            g.writeArrayFieldStart("extension");
            g.writeStartObject();
            g.writeStringField("url", AlertMessages.REVIEW_DATE);
            g.writeStringField("valueDate", a.review().toString());
            g.writeEndObject();
            g.writeEndArray();
        }
        identifier(g, SocialCareAlert.IDENTIFIER_SYSTEM, a.identifierValue());
        g.writeStringField("status", a.activeOn(today) ? "active" : "inactive");
        AlertType type = a.type();
        g.writeArrayFieldStart("category");
        g.writeStartObject();
        g.writeArrayFieldStart("coding");
        g.writeStartObject();
        coding(g, AlertType.FLAG_CATEGORY, type.category(), switch (type.category()) {
            case "safety" -> "Safety";
            case "admin" -> "Administrative";
            default -> "Subject Contact";
        });
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeObjectFieldStart("code");
        g.writeArrayFieldStart("coding");
        if (type.snomedCode().isPresent()) {
            g.writeStartObject();
            coding(g, AlertType.SNOMED, type.snomedCode().get(), type.snomedDisplay());
            g.writeEndObject();
        }
        g.writeStartObject();
        coding(g, AlertType.SYSTEM, type.code(), type.display());
        g.writeEndObject();
        g.writeEndArray();
        g.writeStringField("text", type.display());
        g.writeEndObject();
        reference(g, "subject", patientId);
        g.writeObjectFieldStart("period");
        g.writeStringField("start", a.start().toString());
        LocalDate end = a.effectiveEnd(today).orElse(null);
        if (end != null) {
            g.writeStringField("end", end.toString());
        }
        g.writeEndObject();
        reference(g, "author", orgId);
        endEntry(g);
    }

    /** {@code "identifier": [ {"system": …, "value": …} ]}: one identifier, no extension. */
    private static void identifier(JsonGenerator g, String system, String value) throws IOException {
        g.writeArrayFieldStart("identifier");
        g.writeStartObject();
        g.writeStringField("system", system);
        g.writeStringField("value", value);
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void organization(JsonGenerator g, SocialCareAlert a, String orgId) throws IOException {
        entry(g, orgId, "Organization", FhirUrls.UKCORE_ORGANIZATION);
        if (a.laOdsCode() != null && !a.laOdsCode().isBlank()) {
            identifier(g, FhirUrls.ODS_ORGANIZATION_CODE, a.laOdsCode());
        }
        // why: HAPI leaves out a primitive whose value is blank (whitespace only), and an element left empty by that
        if (present(a.laName())) {
            g.writeStringField("name", a.laName());
        }
        boolean teamName = present(a.teamName());
        if (teamName || a.teamPhone() != null) {
            g.writeArrayFieldStart("contact");
            g.writeStartObject();
            if (teamName) {
                g.writeObjectFieldStart("name");
                g.writeStringField("text", a.teamName());
                g.writeEndObject();
            }
            if (a.teamPhone() != null) {
                g.writeArrayFieldStart("telecom");
                g.writeStartObject();
                g.writeStringField("system", "phone");
                if (present(a.teamPhone())) {
                    g.writeStringField("value", a.teamPhone());
                }
                g.writeStringField("use", "work");
                g.writeEndObject();
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndArray();
        }
        endEntry(g);
    }

    /** Opens an entry: fullUrl, then the resource's type, id and meta.profile. */
    private static void entry(JsonGenerator g, String id, String resourceType, String profile) throws IOException {
        g.writeStartObject();
        g.writeStringField("fullUrl", URN + id);
        g.writeObjectFieldStart("resource");
        g.writeStringField("resourceType", resourceType);
        g.writeStringField("id", id);
        g.writeObjectFieldStart("meta");
        g.writeArrayFieldStart("profile");
        g.writeString(profile);
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void endEntry(JsonGenerator g) throws IOException {
        g.writeEndObject(); // resource
        g.writeEndObject(); // entry
    }

    private static void coding(JsonGenerator g, String system, String code, String display) throws IOException {
        g.writeStringField("system", system);
        g.writeStringField("code", code);
        g.writeStringField("display", display);
    }

    private static void reference(JsonGenerator g, String name, String uuid) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("reference", URN + uuid);
        g.writeEndObject();
    }

    /** HAPI's test for an encodable primitive: not null and not blank ({@code StringUtils.isBlank}). */
    private static boolean present(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code Bundle.timestamp} as HAPI renders {@code new InstantType(Date.from(sentAt))} (milliseconds, the JVM's
     * default time zone), kept for the last instant: an import stamps all its messages alike.
     */
    static String timestamp(Instant sentAt) {
        String zone = TimeZone.getDefault().getID();
        Stamp s = lastStamp;
        if (s == null || !s.at().equals(sentAt) || !s.zone().equals(zone)) {
            s = new Stamp(sentAt, zone, new InstantType(Date.from(sentAt)).getValueAsString());
            lastStamp = s;
        }
        return s.text();
    }
}
