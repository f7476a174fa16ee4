package org.seamless.privacy.transform.pseudonymise;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.seamless.privacy.decide.Decision;
import org.seamless.privacy.decide.DecisionRequest;
import org.seamless.privacy.decide.Outcome;
import org.seamless.privacy.identify.Subject;
import org.seamless.privacy.keys.Pseudonyms;
import org.seamless.privacy.transform.EntryIndex;
import org.seamless.privacy.transform.MessageTransform;
import org.seamless.privacy.transform.SecurityLabels;
import org.seamless.privacy.transform.minimise.BirthDateForm;
import org.seamless.privacy.transform.minimise.MinimisationProfile;
import org.seamless.privacy.transform.minimise.MinimisationProfiles;

/**
 * Stage 4, for {@link Outcome#RELEASE_PSEUDONYMISED} only (any other outcome passes the message
 * through unchanged). The subject's Patient is rebuilt around a keyed pseudonym for the
 * recipient's domain; other people (other Patients, RelatedPerson, Person) are not released;
 * every other resource is copied and scrubbed of free text and identifiers. Entry ids and full
 * URLs are replaced by ids derived from the message id, recipient and position (they may have
 * held an NHS number); the MessageHeader keeps its id, which is the message id.
 */
public final class Pseudonymiser implements MessageTransform {
    private static final Set<String> OTHER_PEOPLE = Set.of("Patient", "RelatedPerson", "Person");

    private final Pseudonyms pseudonyms;
    private final PseudonymDomains domains;
    private final MinimisationProfiles profiles;

    /** @param profiles where each profile's birth-date form is found (year when the profile is unknown) */
    public Pseudonymiser(Pseudonyms pseudonyms, PseudonymDomains domains, MinimisationProfiles profiles) {
        this.pseudonyms = Objects.requireNonNull(pseudonyms);
        this.domains = Objects.requireNonNull(domains);
        this.profiles = Objects.requireNonNull(profiles);
    }

    @Override
    public Bundle apply(Bundle message, DecisionRequest request, Decision decision) {
        if (decision.outcome() != Outcome.RELEASE_PSEUDONYMISED) {
            return message;
        }
        List<Bundle.BundleEntryComponent> entries = message.hasEntry() ? message.getEntry() : List.of();
        List<Patient> people = patients(message);
        SubjectFacts facts = SubjectFacts.of(request.subject(), people);
        Patient subjectPatient = people.isEmpty() ? null : people.get(0);

        String[] urls = new String[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            Resource r = entries.get(i).getResource();
            if (r == null || (OTHER_PEOPLE.contains(r.fhirType()) && r != subjectPatient)) {
                continue;
            }
            // why: the message id is transport metadata the recipient gets anyway (webhook event id, CSV file
            // name, ITK tracking, FHIR response identifier); another id in the body would only break the link
            // between them. The inbound gate refuses a message id that holds its subject's facts.
            urls[i] = r instanceof MessageHeader && hasId(entries.get(i))
                    ? entries.get(i).getFullUrl() : "urn:uuid:" + derivedId(request, i);
        }
        EntryIndex index = new EntryIndex(message);
        FreeTextScrubber scrubber = new FreeTextScrubber(facts, ref -> index.resolve(ref).stream()
                .mapToObj(j -> urls[j]).filter(Objects::nonNull).findFirst());

        Bundle out = header(message, facts);
        for (int i = 0; i < urls.length; i++) {
            if (urls[i] == null) {
                continue;
            }
            Resource r = entries.get(i).getResource();
            Resource released = r == subjectPatient
                    ? PseudonymisedPatient.build(subjectPatient, idOf(urls[i]), request.subject(),
                            pseudonymFor(request), birthDateForm(decision), request.at())
                    : scrubbed(r, urls[i].equals(entries.get(i).getFullUrl()) ? null : idOf(urls[i]), scrubber);
            out.addEntry().setFullUrl(urls[i]).setResource(released);
        }
        return out;
    }

    private Optional<String> pseudonymFor(DecisionRequest request) {
        String domain = domains.domainFor(request.recipient());
        return request.subject().nhsNumber().map(n -> pseudonyms.pseudonymFor(domain, n));
    }

    private BirthDateForm birthDateForm(Decision decision) {
        return profiles.find(decision.minimisationProfile()).map(MinimisationProfile::birthDateForm)
                .orElse(BirthDateForm.YEAR);
    }

    /** A scrubbed copy; {@code newId} null keeps the original id (a MessageHeader's clean message id). */
    private static Resource scrubbed(Resource original, String newId, FreeTextScrubber scrubber) {
        Resource copy = original.copy();
        if (newId != null) {
            copy.setId(newId);
        } else {
            copy.setId(original.getIdElement().getIdPart());
        }
        SecurityLabels.copyConfidentiality(original, copy);
        scrubber.scrub(copy);
        return copy;
    }

    private static Bundle header(Bundle message, SubjectFacts facts) {
        Bundle out = new Bundle().setType(message.getType());
        if (message.hasIdElement() && !facts.appearsIn(message.getIdElement().getIdPart())) {
            out.setId(message.getIdElement().getIdPart());
        }
        if (message.hasIdentifier() && !facts.appearsIn(message.getIdentifier().getValue())
                && !facts.appearsIn(message.getIdentifier().getSystem())) {
            Identifier id = message.getIdentifier();
            out.setIdentifier(new Identifier().setSystem(id.getSystem()).setValue(id.getValue()));
        }
        if (message.hasTimestampElement()) {
            out.setTimestampElement(message.getTimestampElement().copy());
        }
        return out;
    }

    private static boolean hasId(Bundle.BundleEntryComponent entry) {
        return entry.hasFullUrl() && entry.getResource().hasIdElement();
    }

    /**
     * Whether a message id holds one of its subject's numbers or phrases (NHS number, telephone digits,
     * address lines, birth date). Such an id would put personal data in file names, broker headers and
     * logs, so the inbound gate refuses it.
     */
    public static boolean idHoldsSubjectFacts(Bundle message, Subject subject, String messageId) {
        return SubjectFacts.of(subject, patients(message)).holdsFact(messageId, false);
    }

    private static List<Patient> patients(Bundle message) {
        return message.hasEntry() ? message.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance).map(Patient.class::cast).toList() : List.of();
    }

    private static String derivedId(DecisionRequest request, int position) {
        String seed = request.messageId() + "|" + request.recipient().id() + "|" + position;
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String idOf(String url) {
        return url.substring(url.lastIndexOf(url.startsWith("urn:uuid:") ? ':' : '/') + 1);
    }

    @Override
    public String toString() {
        return "Pseudonymiser";
    }
}
