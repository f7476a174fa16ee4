package org.seamless.adapters.vcswebhook;

import java.util.Optional;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.vcs.VcsViews;

/**
 * What a voluntary organisation is sent for a released message: the plain JSON view for referrals
 * and outcomes ({@code application/json}, see {@link VcsViews}); the canonical FHIR message for any
 * other event a rule may one day route to an organisation ({@code application/fhir+json}).
 */
record VcsBody(String contentType, String body) {
    static final String PLAIN = "application/json;charset=UTF-8";
    static final String FHIR = "application/fhir+json;charset=UTF-8";

    static VcsBody of(String releasedFhirJson) {
        Optional<String> plain;
        try {
            plain = VcsViews.json(MessageBundles.parse(releasedFhirJson));
        } catch (RuntimeException e) {
            plain = Optional.empty(); // not a bundle the views understand: pass the canonical form on
        }
        return plain.map(p -> new VcsBody(PLAIN, p)).orElseGet(() -> new VcsBody(FHIR, releasedFhirJson));
    }
}
