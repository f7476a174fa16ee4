package org.seamless.adapters.lasoap;

import java.util.List;
import java.util.Set;
import org.seamless.adapters.spi.BuiltInAdapterType;
import org.seamless.adapters.spi.ParameterSpec;
import org.seamless.mappings.canonical.AgencyKind;

/** Local authority case systems with an NHS ITK 2 SOAP web service. */
public class LaSoapAdapterType extends BuiltInAdapterType {
    public static final String NAME = "la-soap";
    public static final String ENDPOINT = "endpoint";

    public LaSoapAdapterType() {
        super(NAME, "NHS ITK 2 SOAP web service of a local authority case system",
                Set.of(Direction.SOURCE, Direction.SINK), Set.of(AgencyKind.LOCAL_AUTHORITY), List.of(
                        ParameterSpec.required(ENDPOINT, "URL of the LA's ITK SOAP endpoint"),
                        ParameterSpec.optional("timeout-ms", "SOAP call timeout in milliseconds", "10000")));
    }
}
