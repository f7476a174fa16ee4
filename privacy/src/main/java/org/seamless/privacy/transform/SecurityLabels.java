package org.seamless.privacy.transform;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Resource;

/**
 * The only part of {@code meta} a released resource keeps: its confidentiality label
 * (v3-Confidentiality, e.g. {@code R} restricted), so the recipient handles it accordingly.
 * Profiles, tags, versions and sensitivity-category labels (which would themselves reveal
 * something sensitive, e.g. "HIV") are not released.
 */
public final class SecurityLabels {
    /** The HL7 v3 Confidentiality code system. */
    public static final String CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

    private SecurityLabels() {
    }

    /** Copies the confidentiality labels of {@code from} onto {@code to}; nothing else of meta. */
    public static void copyConfidentiality(Resource from, Resource to) {
        if (!from.hasMeta() || !from.getMeta().hasSecurity()) {
            to.setMeta(null);
            return;
        }
        Meta meta = new Meta();
        for (Coding label : from.getMeta().getSecurity()) {
            if (CONFIDENTIALITY.equals(label.getSystem()) && label.hasCode()) {
                meta.addSecurity(new Coding(CONFIDENTIALITY, label.getCode(), null));
            }
        }
        to.setMeta(meta.isEmpty() ? null : meta);
    }
}
