package org.seamless.privacy.transform.minimise;

import java.util.List;

/** A parsed, checked allow-list path, e.g. {@code Patient.address.postalCode}. */
record ProfilePath(String text, String resourceType, List<PathStep> steps) {
    ProfilePath {
        steps = List.copyOf(steps);
    }
}
