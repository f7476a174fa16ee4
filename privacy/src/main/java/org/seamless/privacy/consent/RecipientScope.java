package org.seamless.privacy.consent;

import java.util.Objects;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.privacy.AgencyRef;

/** Whom a consent or objection is about: one named agency, or every agency of a kind. */
public sealed interface RecipientScope permits RecipientScope.AgencyScope, RecipientScope.KindScope {

    /** Storage spelling of {@link #type()} for an agency-specific scope. */
    String AGENCY = "agency";
    /** Storage spelling of {@link #type()} for a kind-wide scope. */
    String KIND = "kind";

    boolean matches(AgencyRef recipient);

    /** True for a named agency: such an entry beats a kind-wide one of the same consent kind. */
    boolean agencySpecific();

    /** {@value #AGENCY} or {@value #KIND}. */
    String type();

    /** The agency id or the agency kind code. */
    String value();

    static RecipientScope agency(String agencyId) {
        return new AgencyScope(agencyId);
    }

    static RecipientScope kind(AgencyKind kind) {
        return new KindScope(kind);
    }

    /** Rebuilds a scope from its storage spelling. */
    static RecipientScope of(String type, String value) {
        return switch (type) {
            case AGENCY -> agency(value);
            case KIND -> kind(AgencyKind.fromCode(value));
            default -> throw new IllegalArgumentException("unknown recipient scope type '" + type + "'");
        };
    }

    /** One named agency. */
    record AgencyScope(String agencyId) implements RecipientScope {
        public AgencyScope {
            Objects.requireNonNull(agencyId, "agencyId");
            if (agencyId.isBlank()) {
                throw new IllegalArgumentException("agency id must not be blank");
            }
        }

        @Override
        public boolean matches(AgencyRef recipient) {
            return recipient.id().equals(agencyId);
        }

        @Override
        public boolean agencySpecific() {
            return true;
        }

        @Override
        public String type() {
            return AGENCY;
        }

        @Override
        public String value() {
            return agencyId;
        }
    }

    /** Every agency of one kind. */
    record KindScope(AgencyKind kind) implements RecipientScope {
        public KindScope {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public boolean matches(AgencyRef recipient) {
            return recipient.kind() == kind;
        }

        @Override
        public boolean agencySpecific() {
            return false;
        }

        @Override
        public String type() {
            return KIND;
        }

        @Override
        public String value() {
            return kind.code();
        }
    }
}
