package org.seamless.privacy;

import java.util.Objects;
import org.seamless.mappings.canonical.AgencyKind;

/** An agency as the privacy chain sees it: its registry id and kind. */
public record AgencyRef(String id, AgencyKind kind) {
    public AgencyRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
    }
}
