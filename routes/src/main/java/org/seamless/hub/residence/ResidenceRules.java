package org.seamless.hub.residence;

import java.util.Optional;

/**
 * The order in which a postcode names a local authority: pseudo-postcodes are never guessed; a
 * live full postcode wins; otherwise its district, only when all the district's live postcodes
 * lie in one LA. Anything else is a fallback with a specific reason.
 */
public final class ResidenceRules {
    private final PostcodeDirectory directory;

    public ResidenceRules(PostcodeDirectory directory) {
        this.directory = directory;
    }

    public Residence resolve(Optional<String> rawPostcode) {
        if (rawPostcode.isEmpty() || rawPostcode.get().isBlank()) {
            return Residence.fallback(RoutingReason.NO_POSTCODE);
        }
        Optional<String> normalised = Postcodes.normalise(rawPostcode.get());
        if (normalised.isEmpty()) {
            return Residence.fallback(RoutingReason.UNKNOWN_POSTCODE);
        }
        String postcode = normalised.get();
        if (Postcodes.isPseudo(postcode)) {
            return Residence.fallback(Postcodes.NO_FIXED_ABODE.equals(postcode)
                    ? RoutingReason.NO_FIXED_ABODE : RoutingReason.PSEUDO_POSTCODE);
        }
        Optional<String> exact = directory.laOfPostcode(postcode);
        if (exact.isPresent()) {
            return Residence.resolved(exact.get(), RoutingReason.POSTCODE);
        }
        String district = Postcodes.district(postcode);
        Optional<String> byDistrict = directory.laOfDistrict(district);
        if (byDistrict.isPresent()) {
            return Residence.resolved(byDistrict.get(), RoutingReason.DISTRICT);
        }
        return Residence.fallback(directory.knowsDistrict(district)
                ? RoutingReason.AMBIGUOUS_DISTRICT : RoutingReason.UNKNOWN_POSTCODE);
    }
}
