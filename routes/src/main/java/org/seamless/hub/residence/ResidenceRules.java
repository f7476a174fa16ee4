package org.seamless.hub.residence;

import java.util.Optional;
import java.util.Set;

/**
 * The order in which an address names a local authority: pseudo-postcodes are never guessed; a UPRN
 * the address directory lists wins (ADR 0062); a postcode whose properties straddle a council
 * boundary goes by the normalised address, never by the postcode; otherwise a live full postcode
 * wins; otherwise its district, only when all the district's live postcodes lie in one LA. Anything
 * else is a fallback with a specific reason.
 */
public final class ResidenceRules {
    private final PostcodeDirectory directory;
    private final AddressDirectory addresses;

    public ResidenceRules(PostcodeDirectory directory) {
        this(directory, AddressDirectory.empty());
    }

    public ResidenceRules(PostcodeDirectory directory, AddressDirectory addresses) {
        this.directory = directory;
        this.addresses = addresses;
    }

    /** By the postcode alone. */
    public Residence resolve(Optional<String> rawPostcode) {
        return resolve(PatientAddress.ofPostcode(rawPostcode));
    }

    public Residence resolve(PatientAddress address) {
        Optional<String> rawPostcode = address.postcode();
        Optional<String> pseudo = rawPostcode.flatMap(Postcodes::normalise).filter(Postcodes::isPseudo);
        if (pseudo.isPresent()) {
            return Residence.fallback(Postcodes.NO_FIXED_ABODE.equals(pseudo.get())
                    ? RoutingReason.NO_FIXED_ABODE : RoutingReason.PSEUDO_POSTCODE);
        }
        Optional<String> byUprn = address.uprn().flatMap(addresses::laOfUprn);
        if (byUprn.isPresent()) {
            return Residence.resolved(byUprn.get(), RoutingReason.UPRN);
        }
        Optional<String> straddling = rawPostcode.flatMap(Postcodes::normalise).filter(addresses::straddles);
        if (straddling.isPresent()) {
            String key = Addresses.key(address.lines());
            Set<String> las = key.isEmpty() ? Set.of() : addresses.lasOfAddress(straddling.get(), key);
            return las.size() == 1 ? Residence.resolved(las.iterator().next(), RoutingReason.ADDRESS)
                    : Residence.fallback(RoutingReason.STRADDLING_POSTCODE);
        }
        return byPostcode(rawPostcode);
    }

    private Residence byPostcode(Optional<String> rawPostcode) {
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
