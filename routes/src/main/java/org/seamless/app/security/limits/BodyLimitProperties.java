package org.seamless.app.security.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request body limits ({@code seamless.limits}) of the endpoints that have no limit of their own.
 * The FHIR edge's limit is the largest {@code max-message-bytes} of the registry's trusts, the
 * charity and consent APIs' their own {@code max-body-bytes}.
 *
 * @param soapMaxBodyBytes    the ITK SOAP edges (an alert or an answer envelope)
 * @param igMaxBodyBytes      the IG and operator APIs (a one-field JSON body)
 * @param tokenMaxBodyBytes   the OAuth2 token endpoint (a form with a client assertion)
 * @param defaultMaxBodyBytes any other path (demo systems, actuator, alert accesses)
 */
@ConfigurationProperties("seamless.limits")
public record BodyLimitProperties(@DefaultValue("1048576") long soapMaxBodyBytes,
                                  @DefaultValue("16384") long igMaxBodyBytes,
                                  @DefaultValue("32768") long tokenMaxBodyBytes,
                                  @DefaultValue("1048576") long defaultMaxBodyBytes) {
}
