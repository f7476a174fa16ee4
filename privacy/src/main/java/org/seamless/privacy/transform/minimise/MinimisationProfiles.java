package org.seamless.privacy.transform.minimise;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The minimisation profiles, loaded from YAML and checked on load: unknown keys, unknown resource
 * types and unparseable or contradictory paths are errors that name the profile.
 *
 * <pre>
 * profiles:
 *   hospital-notice:
 *     description: what the local authority needs for an ADW notice
 *     allow:
 *       - Patient.identifier.where(system='https://fhir.nhs.uk/Id/nhs-number')
 *       - Encounter.extension('https://seamless.dev/fhir/StructureDefinition/planned-discharge-date')
 *     pseudonymised:
 *       birthDate: age-band        # or year (the default)
 *   referral:
 *     extends: referral-identifiable   # its paths first, then any 'allow' of its own
 * </pre>
 */
public final class MinimisationProfiles {
    /** What every profile releases of the MessageHeader: what the hub needs to route and correlate. */
    public static final List<String> MESSAGE_HEADER_BASELINE = List.of(
            "MessageHeader.event[x]",
            "MessageHeader.source.endpoint", "MessageHeader.source.name",
            "MessageHeader.destination.endpoint", "MessageHeader.destination.name",
            "MessageHeader.destination.receiver",
            "MessageHeader.sender", "MessageHeader.focus",
            "MessageHeader.response.identifier", "MessageHeader.response.code");

    private final Map<String, MinimisationProfile> profiles;

    private MinimisationProfiles(Map<String, MinimisationProfile> profiles) {
        this.profiles = Map.copyOf(profiles);
    }

    /** Loads and checks a profiles file. */
    public static MinimisationProfiles load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw new InvalidProfileException(file.toString(), null, "cannot read the file: " + e.getMessage());
        }
    }

    /** Loads and checks profiles YAML; {@code source} names it in error messages. */
    public static MinimisationProfiles load(InputStream yaml, String source) {
        return new MinimisationProfiles(ProfilesYaml.read(yaml, source));
    }

    /** The profile with this name. */
    public Optional<MinimisationProfile> find(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /** The profile with this name; IllegalArgumentException (nothing released) when there is none. */
    public MinimisationProfile require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "no minimisation profile named '" + name + "'; known: " + names()));
    }

    /** The profile names, sorted (e.g. for checking sharing rules at startup). */
    public Set<String> names() {
        return new java.util.TreeSet<>(profiles.keySet());
    }
}
