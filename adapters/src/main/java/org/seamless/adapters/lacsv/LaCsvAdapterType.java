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
    public static final String ALERT_COLUMNS = "alert-columns";
    public static final String ALERT_TYPE_VALUES = "alert-type-values";
    public static final String ALERT_REQUIRED_FIELDS = "alert-required-fields";
    public static final String ALERT_ENCODING = "alert-encoding";
    public static final String ALERT_DATE_FORMAT = "alert-date-format";
    public static final String ALERT_TIME_ZONE = "alert-time-zone";
    public static final String ALERT_REJECT_THRESHOLD = "alert-reject-threshold-percent";
    public static final String ALERT_MAX_END_PERCENT = "alert-max-end-percent";
    public static final String ALERT_MAX_END_FLOOR = "alert-max-end-floor";
    public static final String PDS_TRACE = "pds-trace";
    public static final String PDS_VERIFY_NUMBERS = "pds-verify-numbers";
    public static final String PDS_MINIMUM_MATCH_RATE = "pds-minimum-match-rate-percent";
    public static final String PDS_COLUMNS = "pds-columns";
    public static final String OUTBOX_GROUP_READ = "outbox-group-read";
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
                        ParameterSpec.optional(OUTBOX_GROUP_READ, "true: outbox files 640 and the folder 750, for an"
                                + " import job running as another user of Seamless's group; false: owner-only (600, 700)",
                                "false"),
                        ParameterSpec.optional(SFTP_HOST, "deliver notice files over SFTP to this host instead of a folder", null),
                        ParameterSpec.optional(SFTP_PORT, "SFTP port", "22"),
                        ParameterSpec.optional(SFTP_USER, "SFTP user name", null),
                        ParameterSpec.secret(SFTP_PASSWORD, "SFTP password (or use sftp-private-key)", false),
                        ParameterSpec.secret(SFTP_PRIVATE_KEY, "SFTP private key, PEM text (OpenSSH or PKCS#8)", false),
                        ParameterSpec.optional(SFTP_DIRECTORY, "remote folder the LA import job polls", "."),
                        ParameterSpec.optional(SFTP_KNOWN_HOSTS, "known_hosts file holding the server's host key (required"
                                + " with sftp-host: the host key is always checked)", null),
                        ParameterSpec.optional(INBOX, "folder the LA drops consents-*.csv and responses-*.csv (answers to notices) files into", null),
                        ParameterSpec.optional(CONSENT_REJECT_THRESHOLD,
                                "a consents file with more rejected rows than this percentage is rejected whole", "10"),
                        ParameterSpec.optional(FORMULA_POLICY,
                                "neutralise | off: prefix cells that a spreadsheet would run as formulas", "neutralise"),
                        ParameterSpec.optional(ALERT_COLUMNS, "alert extract column mapping: field=COLUMN;... (fields"
                                + " alert-id (A+B joins columns), nhs-number, type, start, end, review, team-name, team-phone,"
                                + " deleted; =value is a constant). Default: the Seamless layout", null),
                        ParameterSpec.optional(ALERT_TYPE_VALUES, "LA alert type values to Seamless alert types: VALUE=type;...", null),
                        ParameterSpec.optional(ALERT_REQUIRED_FIELDS, "optional alert fields this layout requires in every"
                                + " row (end, review, team-name, team-phone, deleted; comma separated): an empty one is a"
                                + " rejected row (missing-value). Fields alert-id, nhs-number, type and start are always"
                                + " required; an empty optional field means absent", null),
                        ParameterSpec.optional(ALERT_ENCODING, "alert extract character encoding", "UTF-8"),
                        ParameterSpec.optional(ALERT_DATE_FORMAT, "alert extract date pattern (java.time)", "yyyy-MM-dd"),
                        ParameterSpec.optional(ALERT_TIME_ZONE, "the LA's time zone: when 'today' starts for end dates", "Europe/London"),
                        ParameterSpec.optional(ALERT_REJECT_THRESHOLD,
                                "an alert extract with more rejected rows than this percentage is rejected whole", "10"),
                        ParameterSpec.optional(ALERT_MAX_END_PERCENT, "a full alert extract that would end more than this"
                                + " percentage of the LA's active alerts is refused and an operator alert raised", "20"),
                        ParameterSpec.optional(ALERT_MAX_END_FLOOR, "... unless it ends no more than this many", "10"),
                        ParameterSpec.optional(PDS_TRACE, "true: alert extract rows without an NHS number are traced"
                                + " in PDS (seamless.pds.*) by their demographics; no unique exact match holds the row"
                                + " (ADR 0079)", "false"),
                        ParameterSpec.optional(PDS_VERIFY_NUMBERS, "with pds-trace: also read each row's own NHS"
                                + " number in PDS (a superseded number is replaced, an unknown one held)", "true"),
                        ParameterSpec.optional(PDS_MINIMUM_MATCH_RATE, "with pds-trace: an extract whose rows without"
                                + " an NHS number are traced at a lower percentage is held whole with an operator alert", "80"),
                        ParameterSpec.optional(PDS_COLUMNS, "with pds-trace: demographics columns field=COLUMN;..."
                                + " (family, given, birth-date, gender, postcode). Default family_name, given_name,"
                                + " birth_date, gender, postcode", null),
                        ParameterSpec.optional(org.seamless.adapters.registry.D2aOutput.PARAM,
                                org.seamless.adapters.registry.D2aOutput.DESCRIPTION, null),
                        ParameterSpec.required(STATE_DIR, "folder for this adapter's own state (idempotency keys)")));
    }

    @Override
    public java.util.Optional<org.seamless.adapters.spi.Sink> sink(org.seamless.adapters.registry.AgencyConfig agency,
            org.seamless.adapters.spi.AdapterContext context, org.apache.camel.CamelContext camel) {
        return java.util.Optional.of(new LaCsvSink(agency, context, camel));
    }

    @Override
    public java.util.List<org.apache.camel.RoutesBuilder> routes(org.seamless.adapters.registry.AgencyConfig agency,
                                                                 org.seamless.adapters.spi.AdapterContext context) {
        if (agency.adapter().param(INBOX).filter(s -> !s.isBlank()).isPresent()) {
            if (context.alertState() != null) {
                return java.util.List.of(new ConsentInboxRoute(agency, context),
                        new ResponsesInboxRoute(agency, context), new AlertInboxRoute(agency, context),
                        new D2aAnswersInboxRoute(agency, context));
            }
            return java.util.List.of(new ConsentInboxRoute(agency, context),
                    new ResponsesInboxRoute(agency, context), new D2aAnswersInboxRoute(agency, context));
        }
        return java.util.List.of();
    }
}
