package org.seamless.adapters.lacsv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AdapterConfig;
import org.seamless.mappings.canonical.PrivateFiles;

/**
 * Where an LA's notice files go: its {@code outbox} folder, or its SFTP server when
 * {@code sftp-host} is set. Either way files are written under a temporary name and renamed, and
 * an existing file of the same name is replaced. A local outbox is owner-only (folder 700, files
 * 600 set explicitly) unless {@code outbox-group-read} opens it to the group. SFTP secrets are set on the endpoint, never put
 * in its URI, so they cannot appear in logs or route dumps; the host key is always checked.
 */
final class CsvDeliveryTarget {
    private static final String WRITE_OPTIONS = "tempPrefix=.partial-&fileExist=Override&charset=UTF-8";

    private CsvDeliveryTarget() {
    }

    static Endpoint endpoint(CamelContext camel, AgencyConfig agency) {
        AdapterConfig cfg = agency.adapter();
        if (cfg.param(LaCsvAdapterType.SFTP_HOST).isEmpty()) {
            String outbox = cfg.param(LaCsvAdapterType.OUTBOX).orElseThrow(() -> new IllegalStateException(
                    "agency " + agency.id() + ": la-csv needs 'outbox' or 'sftp-host'"));
            // why: notices are personal data; owner-only unless the LA's import job needs its group to read them
            boolean group = Boolean.parseBoolean(cfg.param(LaCsvAdapterType.OUTBOX_GROUP_READ).orElse("false"));
            PrivateFiles.directory(Path.of(outbox), group ? PrivateFiles.GROUP_DIRECTORY : PrivateFiles.DIRECTORY);
            return camel.getEndpoint("file:" + outbox + "?" + WRITE_OPTIONS + (group ? "&chmod=640&chmodDirectory=750"
                    : "&chmod=600&chmodDirectory=700"));
        }
        String user = cfg.requiredParam(LaCsvAdapterType.SFTP_USER);
        String knownHosts = cfg.param(LaCsvAdapterType.SFTP_KNOWN_HOSTS).orElseThrow(() -> new IllegalStateException(
                "agency " + agency.id() + ": sftp-host needs sftp-known-hosts (the server's host key is always checked)"));
        if (cfg.param(LaCsvAdapterType.SFTP_PASSWORD).isEmpty() && cfg.param(LaCsvAdapterType.SFTP_PRIVATE_KEY).isEmpty()) {
            throw new IllegalStateException("agency " + agency.id() + ": sftp-host needs sftp-password or sftp-private-key");
        }
        String uri = "sftp://" + user + "@" + cfg.requiredParam(LaCsvAdapterType.SFTP_HOST) + ":"
                + cfg.param(LaCsvAdapterType.SFTP_PORT).orElse("22") + "/"
                + cfg.param(LaCsvAdapterType.SFTP_DIRECTORY).orElse(".") + "?" + WRITE_OPTIONS
                + "&binary=true&strictHostKeyChecking=yes&useUserKnownHostsFile=false&autoCreate=true";
        SftpEndpoint endpoint = camel.getEndpoint(uri, SftpEndpoint.class);
        var conf = endpoint.getConfiguration();
        conf.setKnownHostsFile(knownHosts);
        cfg.param(LaCsvAdapterType.SFTP_PASSWORD).ifPresent(conf::setPassword);
        cfg.param(LaCsvAdapterType.SFTP_PRIVATE_KEY)
                .ifPresent(key -> conf.setPrivateKey(key.getBytes(StandardCharsets.UTF_8)));
        return endpoint;
    }
}
