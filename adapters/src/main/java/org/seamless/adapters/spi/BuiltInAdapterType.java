package org.seamless.adapters.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.seamless.mappings.canonical.AgencyKind;

/** Base for the adapter types that ship with Seamless: adds the parameters every adapter has. */
public abstract class BuiltInAdapterType implements AdapterType {
    /** Password of the agency's broker user; generated per start when the broker is embedded. */
    public static final String BROKER_PASSWORD = "broker-password";

    private final String name;
    private final String description;
    private final Set<Direction> directions;
    private final Set<AgencyKind> kinds;
    private final List<ParameterSpec> parameters;

    protected BuiltInAdapterType(String name, String description, Set<Direction> directions, Set<AgencyKind> kinds,
                                 List<ParameterSpec> own) {
        this.name = name;
        this.description = description;
        this.directions = Set.copyOf(directions);
        this.kinds = Set.copyOf(kinds);
        List<ParameterSpec> all = new ArrayList<>(own);
        all.add(ParameterSpec.secret(BROKER_PASSWORD,
                "password of this agency's broker user (external broker only; from the environment)", false));
        this.parameters = List.copyOf(all);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Set<Direction> directions() {
        return directions;
    }

    @Override
    public Set<AgencyKind> agencyKinds() {
        return kinds;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return parameters;
    }
}
