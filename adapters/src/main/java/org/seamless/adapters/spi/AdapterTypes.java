package org.seamless.adapters.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The adapter types known to this build: the built-in ones plus any a deployer adds on the
 * class path through {@link ServiceLoader} ({@code META-INF/services/org.seamless.adapters.spi.AdapterType}).
 */
public final class AdapterTypes {
    private final Map<String, AdapterType> byName = new LinkedHashMap<>();

    public AdapterTypes(List<AdapterType> types) {
        for (AdapterType t : types) {
            if (byName.putIfAbsent(t.name(), t) != null) {
                throw new IllegalStateException("two adapter types are named '" + t.name() + "'");
            }
        }
    }

    /** Every adapter type registered with {@link ServiceLoader}. */
    public static AdapterTypes discover() {
        return new AdapterTypes(ServiceLoader.load(AdapterType.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    /**
     * Every adapter type registered with {@link ServiceLoader}, plus the classes named (each with a public
     * no-argument constructor): a deployer's extra types named in configuration ({@code seamless.adapter-types}).
     */
    public static AdapterTypes discover(List<String> extraClassNames) {
        List<AdapterType> all = new java.util.ArrayList<>(ServiceLoader.load(AdapterType.class).stream()
                .map(ServiceLoader.Provider::get).toList());
        for (String name : extraClassNames) {
            if (name == null || name.isBlank()) {
                continue;
            }
            try {
                Object type = Class.forName(name.strip(), true, Thread.currentThread().getContextClassLoader())
                        .getConstructor().newInstance();
                if (!(type instanceof AdapterType t)) {
                    throw new IllegalStateException("seamless.adapter-types: " + name + " is not an AdapterType");
                }
                all.add(t);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("seamless.adapter-types: cannot make " + name.strip() + " ("
                        + e.getClass().getSimpleName() + ")", e);
            }
        }
        return new AdapterTypes(all);
    }

    /** Every type, in registration order. */
    public List<AdapterType> all() {
        return List.copyOf(byName.values());
    }

    public Optional<AdapterType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
