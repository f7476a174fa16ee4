package org.seamless.privacy.transform.pseudonymise;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Signature;
import org.hl7.fhir.r4.model.UriType;
import org.seamless.privacy.transform.ElementWalker;
import org.seamless.privacy.transform.ElementWalker.Action;

/**
 * Makes a copied resource safe for pseudonymised release. Free text goes entirely (every
 * {@code string} and {@code markdown}, narrative, notes, attachments, extensions), and so does
 * every identifier, name, telecom and address outside the rebuilt Patient. References are
 * re-pointed to the released entries or removed; dates are cut to month precision; any remaining
 * code or URI that repeats a fact about the people in the message, or holds ten digits in a row
 * (except SNOMED CT and dm+d codes), is removed. Name words are looked for in codes and ids, not
 * in URIs or in codes of known code systems, so that a person called "Dev" or "Notice" does not
 * strike the message's own event coding out.
 */
final class FreeTextScrubber {
    /** Code systems whose codes are long digit strings, exempt from the ten-digits-in-a-row rule. */
    private static final Set<String> NUMERIC_CODE_SYSTEMS = Set.of("http://snomed.info/sct", "https://dmd.nhs.uk");
    /** Code systems (by prefix) whose codes are vocabulary, not text: not searched for name words. */
    private static final List<String> KNOWN_SYSTEMS = List.of("http://snomed.info/sct", "https://dmd.nhs.uk",
            "http://terminology.hl7.org/", "http://hl7.org/fhir/", "http://unitsofmeasure.org",
            "https://fhir.hl7.org.uk/", "https://fhir.nhs.uk/", "https://seamless.dev/fhir/CodeSystem/");

    private final SubjectFacts facts;
    private final Function<String, Optional<String>> relink;

    /** @param relink maps an original reference to the released entry's new full URL, if released */
    FreeTextScrubber(SubjectFacts facts, Function<String, Optional<String>> relink) {
        this.facts = facts;
        this.relink = relink;
    }

    void scrub(Resource copy) {
        ElementWalker.walk(copy, this::visit);
    }

    private Action visit(Base parent, String name, Base child) {
        if (parent instanceof Resource && "id".equals(name)) {
            return Action.KEEP; // already replaced by the pseudonymiser
        }
        if (child instanceof Resource || child instanceof Narrative || child instanceof Extension
                || child instanceof Identifier || child instanceof HumanName || child instanceof ContactPoint
                || child instanceof Address || child instanceof Annotation || child instanceof Attachment
                || child instanceof Signature || child instanceof Base64BinaryType
                || ("id".equals(name) && parent instanceof Element)) {
            return Action.REMOVE;
        }
        if (child instanceof Reference ref) {
            return relink(ref);
        }
        if (child instanceof Coding coding && coding.hasCodeElement() && leaks(coding, coding.getCodeElement())) {
            return Action.REMOVE; // a coding without its code would still say that something was there
        }
        if (child instanceof PrimitiveType<?> p) {
            return primitive(parent, p);
        }
        return Action.DESCEND;
    }

    private Action relink(Reference ref) {
        Optional<String> target = ref.hasReference() ? relink.apply(ref.getReference()) : Optional.empty();
        if (target.isEmpty()) {
            return Action.REMOVE;
        }
        String type = ref.hasType() && !facts.appearsIn(ref.getType()) ? ref.getType() : null;
        ref.setDisplay(null);
        ref.setIdentifier(null);
        ref.setExtension(null);
        ref.setId(null);
        ref.setType(type);
        ref.setReference(target.get());
        return Action.KEEP;
    }

    private Action primitive(Base parent, PrimitiveType<?> p) {
        String type = p.fhirType();
        if ("string".equals(type) || "markdown".equals(type) || "xhtml".equals(type) || p.getValue() == null) {
            return Action.REMOVE;
        }
        p.setExtension(null);
        p.setId(null);
        if (p instanceof BaseDateTimeType date) {
            if (date instanceof InstantType) {
                return Action.REMOVE;
            }
            if (date.getPrecision().ordinal() > TemporalPrecisionEnum.MONTH.ordinal()) {
                date.setPrecision(TemporalPrecisionEnum.MONTH);
            }
            return Action.KEEP;
        }
        return leaks(parent, p) ? Action.REMOVE : Action.KEEP;
    }

    private boolean leaks(Base parent, PrimitiveType<?> p) {
        if (p instanceof Enumeration<?>) {
            return false; // a code from a fixed FHIR value set: cannot hold anything else
        }
        String type = p.fhirType();
        String value = p.getValueAsString();
        String system = parent instanceof Coding c && "code".equals(type) && c.hasSystem() ? c.getSystem() : null;
        boolean vocabulary = system != null && KNOWN_SYSTEMS.stream().anyMatch(system::startsWith);
        boolean tenDigitsAllowed = system != null && NUMERIC_CODE_SYSTEMS.contains(system);
        return (!tenDigitsAllowed && SubjectFacts.hasTenDigits(value))
                || facts.holdsFact(value, !(p instanceof UriType) && !vocabulary);
    }
}
