package org.seamless.adapters.spi;

/**
 * One parameter of an adapter template.
 *
 * @param secret when true the value is a credential: resolved from the environment or a mounted
 *               file, never printed
 */
public record ParameterSpec(String name, String description, boolean required, boolean secret, String defaultValue) {

    public static ParameterSpec required(String name, String description) {
        return new ParameterSpec(name, description, true, false, null);
    }

    public static ParameterSpec optional(String name, String description, String defaultValue) {
        return new ParameterSpec(name, description, false, false, defaultValue);
    }

    public static ParameterSpec secret(String name, String description, boolean required) {
        return new ParameterSpec(name, description, required, true, null);
    }
}
