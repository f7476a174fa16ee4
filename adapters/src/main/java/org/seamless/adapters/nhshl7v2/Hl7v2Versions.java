package org.seamless.adapters.nhshl7v2;

import java.util.Set;

/** The HL7 v2 versions the adapter reads (MSH-12), all into the 2.5.1 model. */
final class Hl7v2Versions {
    static final Set<String> SUPPORTED = Set.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1");

    private Hl7v2Versions() {
    }
}
