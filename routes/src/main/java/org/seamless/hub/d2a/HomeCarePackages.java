package org.seamless.hub.d2a;

import java.time.Instant;
import java.util.Optional;
import org.seamless.mappings.d2a.HomeCarePackage;

/**
 * The home-care packages councils recorded (ADR 0063), one per person reference and council, in the hub
 * database ({@link JdbcHomeCarePackages}, table {@code d2a_home_care_package}, V119).
 */
public interface HomeCarePackages {
    /** A package as stored, with the stay whose admission suspended its visits, if any. */
    record Stored(HomeCarePackage homeCarePackage, Optional<String> suspendedStayRef) {
    }

    Optional<Stored> find(String personRef, String council);

    /** Records the package for the person and council, replacing an earlier one (a suspension in course stays). */
    void record(String personRef, HomeCarePackage homeCarePackage, String messageId, Instant at);

    /** Forgets the person's package with this council (package ended, or replaced by one the hub cannot act on). */
    void end(String personRef, String council);

    /** Whether the stay is over (discharged or its referral cancelled), from the stay records ({@code d2a_stay_clock}). */
    boolean stayOver(String stayRef);

    /** Notes that this stay's admission suspended the visits. */
    void suspended(String personRef, String council, String stayRef, Instant at);
}
