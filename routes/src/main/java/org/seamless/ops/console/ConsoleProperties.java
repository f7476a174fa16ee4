package org.seamless.ops.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator and IG console ({@code /console}, ADR 0051).
 *
 * @param sessionTimeout how long a signed-in console session may stay idle before the person must sign in
 *                       again (default 15 minutes)
 * @param serviceName    the name in the console's header (e.g. the organisation's name for its hub)
 */
@ConfigurationProperties("seamless.console")
public record ConsoleProperties(@DefaultValue("15m") Duration sessionTimeout,
                                @DefaultValue("Seamless") String serviceName) {

    public ConsoleProperties {
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalStateException("seamless.console.session-timeout must be positive");
        }
    }
}
