package org.seamless.app.demo.fhir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.seamless.mappings.canonical.FhirContexts;

/**
 * The demo trust's Flag storage: resources by logical id with a version per change, and a count of
 * every write, so tests can see that a re-send changed nothing. An update whose content equals the
 * current version keeps the version (as HAPI's JPA server does).
 */
public class DemoTrustFlags {
    private final Map<String, Flag> byId = new LinkedHashMap<>();
    private long nextId = 1;
    private long writes;
    private long versionsCreated;

    /** Conditional create-or-update on {@code identifier=system|value}; returns {id, created}. */
    synchronized Object[] upsert(String system, String value, Flag incoming) {
        Optional<Flag> current = findByIdentifier(system, value);
        writes++;
        if (current.isEmpty()) {
            String id = Long.toString(nextId++);
            store(id, 1, incoming);
            return new Object[] {id, true, 1L};
        }
        Flag old = current.get();
        String id = old.getIdElement().getIdPart();
        long version = old.getIdElement().getVersionIdPartAsLong();
        if (!sameContent(old, incoming)) {
            version++;
            store(id, version, incoming);
        }
        return new Object[] {id, false, version};
    }

    private void store(String id, long version, Flag f) {
        Flag copy = f.copy();
        copy.setId(new org.hl7.fhir.r4.model.IdType("Flag", id, Long.toString(version)));
        copy.getMeta().setVersionId(Long.toString(version));
        byId.put(id, copy);
        versionsCreated++;
    }

    private static boolean sameContent(Flag a, Flag b) {
        Flag x = a.copy();
        Flag y = b.copy();
        x.setIdElement(null);
        y.setIdElement(null);
        x.getMeta().setVersionIdElement(null).setLastUpdatedElement(null);
        y.getMeta().setVersionIdElement(null).setLastUpdatedElement(null);
        var p = FhirContexts.r4().newJsonParser();
        return p.encodeResourceToString(x).equals(p.encodeResourceToString(y));
    }

    public synchronized Optional<Flag> findByIdentifier(String system, String value) {
        return byId.values().stream().filter(f -> f.getIdentifier().stream().anyMatch(i -> matches(i, system, value)))
                .findFirst().map(Flag::copy);
    }

    synchronized Optional<Flag> read(String id) {
        return Optional.ofNullable(byId.get(id)).map(Flag::copy);
    }

    private static boolean matches(Identifier i, String system, String value) {
        return (system == null || system.equals(i.getSystem())) && value.equals(i.getValue());
    }

    /** The Flags matching {@code filter}, in storage order. */
    synchronized List<Flag> search(java.util.function.Predicate<Flag> filter) {
        return new ArrayList<>(byId.values().stream().filter(filter).map(Flag::copy).toList());
    }

    public synchronized List<Flag> all() {
        return new ArrayList<>(byId.values().stream().map(Flag::copy).toList());
    }

    /** Writes received (creates and updates, changed or not). */
    public synchronized long writes() {
        return writes;
    }

    /** Versions stored: creations plus updates that changed content. */
    public synchronized long versionsCreated() {
        return versionsCreated;
    }

    public synchronized void clear() {
        byId.clear();
        writes = 0;
        versionsCreated = 0;
    }
}
