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
    public static final String CONSENT_REJECT_THRESHOLD = "consent-reject-threshold-percent";
    public static final String SFTP_HOST = "sftp-host";
    public static final String SFTP_PORT = "sftp-port";
    public static final String SFTP_USER = "sftp-user";
    public static final String SFTP_PASSWORD = "sftp-password";
    public static final String SFTP_PRIVATE_KEY = "sftp-private-key";
    public static final String SFTP_DIRECTORY = "sftp-directory";
    public static final String SFTP_KNOWN_HOSTS = "sftp-known-hosts";

    public LaCsvAdapterType() {
        super(NAME, "CSV files in folders shared with a local authority case system",
                Set.of(Direction.SOURCE, Direction.SINK), Set.of(AgencyKind.LOCAL_AUTHORITY), List.of(
                        ParameterSpec.optional(OUTBOX, "folder Seamless writes notice files (and .ok markers) to;"
                                + " the LA import job polls it. Required unless sftp-host is set", null),
                        ParameterSpec.optional(SFTP_HOST, "deliver notice files over SFTP to this host instead of a folder", null),
                        ParameterSpec.optional(SFTP_PORT, "SFTP port", "22"),
                        ParameterSpec.optional(SFTP_USER, "SFTP user name", null),
                        ParameterSpec.secret(SFTP_PASSWORD, "SFTP password (or use sftp-private-key)", false),
                        ParameterSpec.secret(SFTP_PRIVATE_KEY, "SFTP private key, PEM text (OpenSSH or PKCS#8)", false),
                        ParameterSpec.optional(SFTP_DIRECTORY, "remote folder the LA import job polls", "."),
                        ParameterSpec.optional(SFTP_KNOWN_HOSTS, "known_hosts file holding the server's host key (required"
                                + " with sftp-host: the host key is always checked)", null),
                        ParameterSpec.optional(INBOX, "folder the LA drops consents-*.csv (and later response and alert) files into", null),
                        ParameterSpec.optional(CONSENT_REJECT_THRESHOLD,
                                "a consents file with more rejected rows than this percentage is rejected whole", "10"),
                        ParameterSpec.optional(FORMULA_POLICY,
                                "neutralise | off: prefix cells that a spreadsheet would run as formulas", "neutralise"),
                        ParameterSpec.required(STATE_DIR, "folder for this adapter's own state (idempotency keys)")));
    }

    @Override
    public java.util.List<org.apache.camel.RoutesBuilder> routes(org.seamless.adapters.registry.AgencyConfig agency,
                                                                 org.seamless.adapters.spi.AdapterContext context) {
        if (agency.adapter().param(INBOX).filter(s -> !s.isBlank()).isPresent()) {
            return java.util.List.of(new LaCsvSinkRoute(agency, context), new ConsentInboxRoute(agency, context));
        }
        return java.util.List.of(new LaCsvSinkRoute(agency, context));
    }
}
