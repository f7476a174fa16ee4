package org.seamless.adapters.registry;

import java.util.Map;
import java.util.Optional;

/** An agency's adapter: the template name and its resolved parameter values. */
public record AdapterConfig(String type, Map<String, String> params) {

    public AdapterConfig {
        params = Map.copyOf(params);
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    public String requiredParam(String name) {
        return param(name).orElseThrow(() -> new IllegalStateException("adapter parameter '" + name + "' is not set"));
    }

    @Override
    public String toString() {
        return "AdapterConfig[type=" + type + ", params=" + params.keySet() + "]";
    }
}
