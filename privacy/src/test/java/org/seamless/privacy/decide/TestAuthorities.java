package org.seamless.privacy.decide;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.Purpose;

/** Consent authorities for tests that are not about consent authority. */
public final class TestAuthorities {
    /** The demo agencies' kinds; any other id is taken to be a local authority. */
    public static final Map<String, AgencyKind> DEMO = Map.of("demo-trust", AgencyKind.NHS_TRUST,
            "demo-la-csv", AgencyKind.LOCAL_AUTHORITY, "demo-la-soap", AgencyKind.LOCAL_AUTHORITY,
            "demo-charity", AgencyKind.VOLUNTARY_ORG);

    private TestAuthorities() {
    }

    /** Every kind may record anything (only the fixed "never consent for itself" rule applies). */
    public static ConsentAuthority permissive() {
        List<ConsentAuthority.Grant> grants = EnumSet.allOf(AgencyKind.class).stream()
                .map(k -> new ConsentAuthority.Grant("all-" + k.code(), k, EnumSet.allOf(ConsentRecord.Kind.class),
                        EnumSet.allOf(Purpose.class), EnumSet.allOf(AgencyKind.class)))
                .toList();
        return new ConsentAuthority("test", grants, Set.of(),
                id -> Optional.of(DEMO.getOrDefault(id, AgencyKind.LOCAL_AUTHORITY)));
    }
}
