package org.seamless.adapters.lacsv;

import java.util.List;
import java.util.Set;
import org.seamless.adapters.spi.BuiltInAdapterType;
import org.seamless.adapters.spi.ParameterSpec;
import org.seamless.mappings.canonical.AgencyKind;

/** Local authority case systems that exchange CSV batch files through folders. */
public class LaCsvAdapterType extends BuiltInAdapterType {
    public static final String NAME = "la-csv";
    public static final String OUTBOX = "outbox";
    public static final String INBOX = "inbox";
    public static final String FORMULA_POLICY = "formula-policy";
    public static final String STATE_DIR = "state-dir";

    public LaCsvAdapterType() {
        super(NAME, "CSV files in folders shared with a local authority case system",
                Set.of(Direction.SOURCE, Direction.SINK), Set.of(AgencyKind.LOCAL_AUTHORITY), List.of(
                        ParameterSpec.required(OUTBOX, "folder Seamless writes notice files to; the LA import job polls it"),
                        ParameterSpec.optional(INBOX, "folder the LA drops response and alert files into", null),
                        ParameterSpec.optional(FORMULA_POLICY,
                                "neutralise | off: prefix cells that a spreadsheet would run as formulas", "neutralise"),
                        ParameterSpec.required(STATE_DIR, "folder for this adapter's own state (idempotency keys)")));
    }

    @Override
    public java.util.List<org.apache.camel.RoutesBuilder> routes(org.seamless.adapters.registry.AgencyConfig agency,
                                                                 org.seamless.adapters.spi.AdapterContext context) {
        return java.util.List.of(new LaCsvSinkRoute(agency, context));
    }
}
