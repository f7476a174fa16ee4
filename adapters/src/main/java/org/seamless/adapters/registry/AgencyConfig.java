package org.seamless.adapters.registry;

import java.util.List;
import java.util.Optional;
import org.seamless.mappings.canonical.AgencyKind;

/**
 * One agency in the registry.
 *
 * @param apiKeySha256 hex SHA-256 of the agency's API key (keys are random and long, so a fast
 *                     hash is safe here); empty when the agency has no API access
 * @param catchment    postcode districts or sectors the agency serves (local authorities); used only
 *                     for districts the postcode directory does not know (ADR 0010)
 * @param laCode       ONS local authority district code ({@code oslaua} in the ONS Postcode Directory,
 *                     e.g. E08000035) of a local authority; empty for other agencies
 * @param delivery     the agency's delivery deadline and circuit probe ({@code delivery:} in the registry)
 * @param policy       what the hub does for the agency, whatever its adapter type ({@code policy:} in the registry)
 */
public record AgencyConfig(
        String id,
        String name,
        AgencyKind kind,
        String odsCode,
        Optional<String> apiKeySha256,
        AdapterConfig adapter,
        BrokerAddresses addresses,
        List<String> catchment,
        Optional<String> laCode,
        DeliverySettings delivery,
        AgencyPolicy policy) {

    public AgencyConfig {
        delivery = delivery == null ? DeliverySettings.DEFAULTS : delivery;
        policy = policy == null ? AgencyPolicy.of(kind, adapter) : policy;
        apiKeySha256 = apiKeySha256 == null ? Optional.empty() : apiKeySha256;
        catchment = catchment == null ? List.of() : List.copyOf(catchment);
        laCode = laCode == null ? Optional.empty() : laCode;
    }

    /** An agency with the default policy of its kind. */
    public AgencyConfig(String id, String name, AgencyKind kind, String odsCode, Optional<String> apiKeySha256,
                        AdapterConfig adapter, BrokerAddresses addresses, List<String> catchment, Optional<String> laCode,
                        DeliverySettings delivery) {
        this(id, name, kind, odsCode, apiKeySha256, adapter, addresses, catchment, laCode, delivery, null);
    }

    /** An agency with the default delivery terms. */
    public AgencyConfig(String id, String name, AgencyKind kind, String odsCode, Optional<String> apiKeySha256,
                        AdapterConfig adapter, BrokerAddresses addresses, List<String> catchment, Optional<String> laCode) {
        this(id, name, kind, odsCode, apiKeySha256, adapter, addresses, catchment, laCode, DeliverySettings.DEFAULTS);
    }

    /** An agency without an LA code. */
    public AgencyConfig(String id, String name, AgencyKind kind, String odsCode, Optional<String> apiKeySha256,
                        AdapterConfig adapter, BrokerAddresses addresses, List<String> catchment) {
        this(id, name, kind, odsCode, apiKeySha256, adapter, addresses, catchment, Optional.empty(), DeliverySettings.DEFAULTS);
    }

    /** The broker user this agency's adapter connects as. */
    public String brokerUser() {
        return "agency-" + id;
    }

    @Override
    public String toString() {
        return "AgencyConfig[id=" + id + ", kind=" + kind.code() + ", adapter=" + adapter.type() + "]";
    }
}
