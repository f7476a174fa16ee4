package org.seamless.mappings.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Property;
import org.seamless.mappings.message.MessageIssue;

/**
 * The error-level invariants of base R4 and UK Core whose verdict depends on values rather than on
 * a message's shape, checked on every message the shape cache lets through: {@code per-1} (a
 * period's start is not after its end) and {@code bdl-7} (full URL and version unique). The
 * others that read values are made part of the shape or make a message uncacheable (see
 * {@link ShapeSignature}); UK Core's own error-level invariants apply to resource types these
 * messages do not carry.
 */
final class ValueInvariants {
    private ValueInvariants() {
    }

    static List<MessageIssue> check(Bundle bundle) {
        List<MessageIssue> issues = new ArrayList<>();
        Set<String> fullUrls = new HashSet<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent e = bundle.getEntry().get(i);
            String version = e.getResource() == null ? "" : e.getResource().getMeta().getVersionId();
            if (e.hasFullUrl() && !fullUrls.add(e.getFullUrl() + "|" + version)) {
                issues.add(MessageIssue.error(IssueType.INVARIANT, "Bundle.entry[" + i + "]",
                        "bdl-7: FullUrl must be unique in a bundle"));
            }
            if (e.getResource() != null) {
                periods(e.getResource(), "Bundle.entry[" + i + "].resource", issues);
            }
        }
        return issues;
    }

    private static void periods(Base element, String path, List<MessageIssue> issues) {
        if (element instanceof Period p && startAfterEnd(p.getStartElement(), p.getEndElement())) {
            issues.add(MessageIssue.error(IssueType.INVARIANT, path, "per-1: If present, start SHALL have a lower value than end"));
        }
        for (Property prop : element.children()) {
            List<Base> values = prop.getValues();
            for (int i = 0; i < values.size(); i++) {
                Base v = values.get(i);
                if (v != null && !v.isPrimitive()) {
                    periods(v, path + "." + prop.getName() + "[" + i + "]", issues);
                }
            }
        }
    }

    /**
     * FHIRPath {@code start <= end}: compared to the coarser precision; equal at that precision but
     * of different precisions is "empty", which an invariant treats as passing.
     */
    static boolean startAfterEnd(BaseDateTimeType start, BaseDateTimeType end) {
        if (start == null || end == null || start.getValue() == null || end.getValue() == null) {
            return false;
        }
        int precision = Math.min(start.getPrecision().ordinal(), end.getPrecision().ordinal());
        String s = truncated(start, precision);
        String e = truncated(end, precision);
        return s.compareTo(e) > 0;
    }

    private static String truncated(BaseDateTimeType dt, int precisionOrdinal) {
        // compare in UTC so that offsets do not distort the order
        java.time.Instant instant = dt.getValue().toInstant();
        String iso = instant.toString(); // 2025-03-01T10:15:30Z or with fractions
        int len = switch (ca.uhn.fhir.model.api.TemporalPrecisionEnum.values()[precisionOrdinal]) {
            case YEAR -> 4;
            case MONTH -> 7;
            case DAY -> 10;
            case MINUTE -> 16;
            case SECOND -> 19;
            case MILLI -> 23;
        };
        return iso.length() >= len ? iso.substring(0, len) : iso;
    }
}
