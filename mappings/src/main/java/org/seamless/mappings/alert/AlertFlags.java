package org.seamless.mappings.alert;

import java.time.LocalDate;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.message.MessageBundles;

/**
 * The FHIR Flag (UK Core Flag) for a social care alert, and the stand-alone form that is pushed to a
 * trust's FHIR server or returned by a pull: subject by NHS number (a logical reference, since the
 * trust's server holds its own Patient), author the LA as a contained Organization carrying the
 * allocated team's contact (ADR 0015).
 */
public final class AlertFlags {
    /** meta.tag code marking an alert the LA deleted (end-dated, status inactive). */
    public static final String DELETED_TAG = "deleted-by-source";
    public static final String TAG_SYSTEM = "https://seamless.dev/fhir/CodeSystem/seamless-alert-tag";

    private AlertFlags() {
    }

    /** The Flag without subject and author references (the message builder sets them). */
    static Flag flag(SocialCareAlert a, LocalDate today) {
        Flag f = new Flag();
        f.getMeta().addProfile(AlertMessages.UKCORE_FLAG);
        f.addIdentifier().setSystem(SocialCareAlert.IDENTIFIER_SYSTEM).setValue(a.identifierValue());
        f.setStatus(a.activeOn(today) ? Flag.FlagStatus.ACTIVE : Flag.FlagStatus.INACTIVE);
        f.addCategory(new CodeableConcept(new Coding(AlertType.FLAG_CATEGORY, a.type().category(),
                switch (a.type().category()) {
                    case "safety" -> "Safety";
                    case "admin" -> "Administrative";
                    default -> "Subject Contact";
                })));
        CodeableConcept code = new CodeableConcept().setText(a.type().display());
        a.type().snomedCode().ifPresent(s -> code.addCoding(new Coding(AlertType.SNOMED, s, a.type().snomedDisplay())));
        code.addCoding(new Coding(AlertType.SYSTEM, a.type().code(), a.type().display()));
        f.setCode(code);
        f.getPeriod().setStartElement(new DateTimeType(a.start().toString()));
        a.effectiveEnd(today).ifPresent(end -> f.getPeriod().setEndElement(new DateTimeType(end.toString())));
        if (a.review() != null) {
            f.addExtension(AlertMessages.REVIEW_DATE, AlertMessages.date(a.review()));
        }
        if (a.deleted()) {
            f.getMeta().addTag(TAG_SYSTEM, DELETED_TAG, "Deleted by the local authority");
        }
        return f;
    }

    /** The alert type named by a Flag's code (the project coding). */
    public static Optional<AlertType> type(Flag flag) {
        return flag.getCode().getCoding().stream().filter(c -> AlertType.SYSTEM.equals(c.getSystem()))
                .map(Coding::getCode).map(AlertType::fromCode).flatMap(Optional::stream).findFirst();
    }

    /** The business identifier (system and value) of an alert Flag. */
    public static Optional<Identifier> businessIdentifier(Flag flag) {
        return flag.getIdentifier().stream().filter(i -> SocialCareAlert.IDENTIFIER_SYSTEM.equals(i.getSystem())).findFirst();
    }

    /**
     * The stand-alone Flag from a released alert message: the subject becomes a logical reference by
     * NHS number, the author a contained Organization (whatever of it the chain released).
     */
    public static Flag standalone(Bundle released) {
        Flag in = AlertMessages.flag(released).orElseThrow(() -> new IllegalArgumentException("message has no Flag"));
        Flag out = in.copy();
        out.setIdElement(null);
        out.getMeta().setProfile(new java.util.ArrayList<>()).addProfile(AlertMessages.UKCORE_FLAG);
        Optional<String> nhs = MessageBundles.resolve(released, in.getSubject()).filter(Patient.class::isInstance)
                .map(Patient.class::cast).flatMap(p -> p.getIdentifier().stream()
                        .filter(i -> NhsNumber.SYSTEM.equals(i.getSystem())).map(Identifier::getValue).findFirst());
        out.setSubject(new Reference().setType("Patient")
                .setIdentifier(new Identifier().setSystem(NhsNumber.SYSTEM).setValue(nhs.orElseThrow(
                        () -> new IllegalArgumentException("alert subject has no NHS number")))));
        MessageBundles.resolve(released, in.getAuthor()).filter(Organization.class::isInstance).map(Organization.class::cast)
                .ifPresentOrElse(la -> {
                    Organization contained = la.copy();
                    contained.setId("la");
                    out.addContained(contained);
                    out.setAuthor(new Reference("#la"));
                }, () -> out.setAuthor(null));
        return out;
    }
}
