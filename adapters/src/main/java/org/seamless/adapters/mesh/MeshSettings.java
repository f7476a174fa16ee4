package org.seamless.adapters.mesh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;

/**
 * One agency's MESH connection, from its registry parameters. Passwords and the shared secret are
 * secrets: never in {@link #toString()}, logs or exception messages.
 *
 * @param workflows event code to MESH workflow id; {@code *} is the default
 */
public record MeshSettings(String agencyId, String baseUrl, String mailbox, String ownMailbox, String ownPassword,
                           String sharedSecret, Optional<Path> keyStore, char[] keyStorePassword,
                           Optional<Path> trustStore, char[] trustStorePassword, Map<String, String> workflows,
                           Duration pollInterval, int chunkSize, Duration timeout) {

    public MeshSettings {
        workflows = Map.copyOf(workflows);
        if (chunkSize < 1) {
            throw new IllegalArgumentException("agency " + agencyId + ": " + MeshAdapterType.CHUNK_SIZE_BYTES
                    + " must be positive");
        }
        if (workflows.isEmpty()) {
            throw new IllegalArgumentException("agency " + agencyId + ": " + MeshAdapterType.WORKFLOW_IDS
                    + " names no workflow");
        }
    }

    public static MeshSettings of(AgencyConfig agency) {
        return of(agency.id(), agency.adapter().params());
    }

    /** From adapter parameters (also how a test builds a partner's client). */
    public static MeshSettings of(String agencyId, Map<String, String> p) {
        return new MeshSettings(agencyId, required(agencyId, p, MeshAdapterType.BASE_URL),
                mailboxId(agencyId, p, MeshAdapterType.MAILBOX), mailboxId(agencyId, p, MeshAdapterType.OWN_MAILBOX),
                required(agencyId, p, MeshAdapterType.OWN_MAILBOX_PASSWORD),
                required(agencyId, p, MeshAdapterType.SHARED_SECRET),
                Optional.ofNullable(p.get(MeshAdapterType.KEY_STORE)).filter(s -> !s.isBlank()).map(Path::of),
                chars(p.get(MeshAdapterType.KEY_STORE_PASSWORD)),
                Optional.ofNullable(p.get(MeshAdapterType.TRUST_STORE)).filter(s -> !s.isBlank()).map(Path::of),
                chars(p.get(MeshAdapterType.TRUST_STORE_PASSWORD)),
                workflows(agencyId, required(agencyId, p, MeshAdapterType.WORKFLOW_IDS)),
                Duration.ofMillis(number(agencyId, p, MeshAdapterType.POLL_INTERVAL_MS, 300_000)),
                (int) number(agencyId, p, MeshAdapterType.CHUNK_SIZE_BYTES, 20_000_000),
                Duration.ofMillis(number(agencyId, p, MeshAdapterType.TIMEOUT_MS, 30_000)));
    }

    /** The workflow id for an event code: its own, else the default ({@code *}). */
    public Optional<String> workflowFor(String eventCode) {
        return Optional.ofNullable(workflows.getOrDefault(eventCode == null ? "*" : eventCode, workflows.get("*")));
    }

    static Map<String, String> workflows(String agencyId, String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String event = eq < 0 ? "" : pair.substring(0, eq).strip();
            String workflow = eq < 0 ? "" : pair.substring(eq + 1).strip();
            if (event.isEmpty() || workflow.isEmpty() || workflow.length() > 300 || out.put(event, workflow) != null) {
                throw new IllegalArgumentException("agency " + agencyId + ": " + MeshAdapterType.WORKFLOW_IDS
                        + " must be 'event=WORKFLOW_ID' pairs separated by commas, each event once");
            }
        }
        return out;
    }

    private static String required(String agencyId, Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("agency " + agencyId + ": adapter parameter '" + name + "' is not set");
        }
        return v.strip();
    }

    private static String mailboxId(String agencyId, Map<String, String> p, String name) {
        String v = required(agencyId, p, name);
        if (!v.matches("[A-Z0-9_-]{1,100}")) {
            throw new IllegalArgumentException("agency " + agencyId + ": " + name
                    + " must be a MESH mailbox id (upper case letters, digits, '_' or '-')");
        }
        return v;
    }

    private static long number(String agencyId, Map<String, String> p, String name, long dflt) {
        String v = p.get(name);
        try {
            long n = v == null || v.isBlank() ? dflt : Long.parseLong(v.strip());
            if (n <= 0 || n > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("agency " + agencyId + ": " + name + " must be a positive number");
        }
    }

    private static char[] chars(String v) {
        return v == null ? null : v.toCharArray();
    }

    @Override
    public String toString() {
        return "MeshSettings[agency=" + agencyId + ", baseUrl=" + baseUrl + ", mailbox=" + mailbox + ", ownMailbox="
                + ownMailbox + ", workflows=" + workflows + ", keyStore=" + keyStore.isPresent() + ", trustStore="
                + trustStore.isPresent() + ", chunkSize=" + chunkSize + "]";
    }
}
