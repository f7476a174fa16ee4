package org.seamless.privacy.consent;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a person stands for one purpose and recipient at one instant, after consent/objection
 * precedence (see {@link ConsentResolver} and ADR 0003).
 *
 * @param governing the record that decided it; empty for {@link Position#NONE}
 */
public record ConsentStanding(Position position, Optional<ConsentRecord> governing) {

    /** The closed set of positions. */
    public enum Position { CONSENTED, OBJECTED, NONE }

    public ConsentStanding {
        Objects.requireNonNull(position, "position");
        governing = governing == null ? Optional.empty() : governing;
        if ((position == Position.NONE) != governing.isEmpty()) {
            throw new IllegalArgumentException("a standing other than NONE needs its governing record");
        }
    }

    public static ConsentStanding none() {
        return new ConsentStanding(Position.NONE, Optional.empty());
    }

    public static ConsentStanding consented(ConsentRecord r) {
        return new ConsentStanding(Position.CONSENTED, Optional.of(r));
    }

    public static ConsentStanding objected(ConsentRecord r) {
        return new ConsentStanding(Position.OBJECTED, Optional.of(r));
    }
}
