package org.seamless.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.method.OperationMethodBinding;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.endpoint.ServerRegistry;
import org.junit.jupiter.api.Test;
import org.seamless.adapters.spi.Edges;
import org.seamless.edge.AdapterEdges;
import org.seamless.testsupport.SeamlessTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.seamless.testsupport.SharedContext;

/**
 * Every HTTP handler the running application exposes (Spring MVC mappings, the FHIR servlet's
 * operations and resource types, the CXF SOAP services, the actuator endpoints) refuses an anonymous
 * call with 401 or 403, except the short list of public paths below, each with its reason (ADR 0047).
 * A new endpoint is denied by the security chain's default; this test catches a rule that lets one through.
 */
@SharedContext
class EndpointInventoryIT extends SeamlessTestBase {
    /** Public on purpose; the security chain's permitAll rules must match exactly these. */
    static final Map<String, String> PUBLIC = Map.ofEntries(
            Map.entry("GET /actuator/health", "load balancers and monitoring probe it; components show no personal data"),
            Map.entry("GET /actuator/info", "build information for monitoring; nothing secret"),
            Map.entry("GET /api/v1/vcs/openapi.yaml", "the published charity API contract"),
            Map.entry("GET /api/v1/vcs/openapi.json", "the published charity API contract"),
            Map.entry("GET /api/ops/openapi.yaml", "the published operator API contract"),
            Map.entry("GET /api/ops/openapi.json", "the published operator API contract"),
            Map.entry("GET /api/ig/openapi.yaml", "the published IG API contract"),
            Map.entry("GET /api/ig/openapi.json", "the published IG API contract"),
            Map.entry("POST /oauth2/token", "the signed client assertion in the body is the authentication"),
            Map.entry("POST /demo/demo-charity/webhook", "demo simulator only (refused in production); checks the "
                    + "webhook signature itself"),
            Map.entry("POST /demo/demo-homecare/webhook", "demo simulator only (refused in production); checks the "
                    + "webhook signature itself"));
    /**
     * Whole simulated partner systems, served only with {@code seamless.demo.simulators} (which the
     * production profile refuses): Seamless delivers to them as it would to a real partner.
     */
    static final Map<String, String> PUBLIC_PREFIXES = Map.of(
            "/demo/demo-trust/fhir/", "the simulated trust's FHIR server; its $process-message checks the bearer token",
            "/soap/demo/demo-la-soap", "the simulated local authority's SOAP service");
    /**
     * The console's pages (ADR 0051) are for signed-in people in a browser: an anonymous GET is sent to the
     * sign-in page (302 to {@value #CONSOLE_LOGIN}), an anonymous POST is refused for want of a CSRF token
     * (403). Public there: the sign-in page itself and the refusal page.
     */
    static final String CONSOLE = "/console";
    static final String CONSOLE_LOGIN = "/console/login";
    static final Map<String, String> CONSOLE_PUBLIC = Map.of(
            "GET /console/login", "the console's sign-in page",
            "GET /console/denied", "the console's refusal page (403, no content)");

    @Autowired
    ApplicationContext context;
    @Autowired
    Environment env;

    @Test
    void everyEndpointRefusesAnAnonymousCallUnlessListedAsPublic() throws Exception {
        TreeSet<String> endpoints = inventory();
        assertThat(endpoints).as("the inventory finds every kind of handler")
                .anyMatch(e -> e.startsWith("POST /api/ops/replay"))
                .anyMatch(e -> e.startsWith("POST /api/ig/subject-access")) // ADR 0070: IG lead only, never public
                .anyMatch(e -> e.startsWith("POST /fhir/$process-message"))
                .anyMatch(e -> e.startsWith("POST /soap/itk/alerts"))
                .anyMatch(e -> e.startsWith("POST /api/v1/vcs/referrals/inventory-probe/outcome")) // an adapter's servlet
                .anyMatch(e -> e.startsWith("GET /actuator/health"))
                .anyMatch(e -> e.equals("GET /console"));
        List<String> open = new ArrayList<>();
        for (String endpoint : endpoints) {
            int space = endpoint.indexOf(' ');
            String method = endpoint.substring(0, space);
            String path = endpoint.substring(space + 1);
            if (PUBLIC.containsKey(endpoint) || CONSOLE_PUBLIC.containsKey(endpoint)
                    || PUBLIC_PREFIXES.keySet().stream().anyMatch(path::startsWith)) {
                continue;
            }
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (path.equals(CONSOLE) || path.startsWith(CONSOLE + "/")) {
                boolean toSignIn = r.statusCode() == 302 && r.headers().firstValue("Location")
                        .map(l -> URI.create(l).getPath().equals(CONSOLE_LOGIN)).orElse(false);
                if (!toSignIn && r.statusCode() != 401 && r.statusCode() != 403) {
                    open.add(endpoint + " answered " + r.statusCode() + " to an anonymous call (a console page must send "
                            + "it to " + CONSOLE_LOGIN + " or refuse it)");
                }
                continue;
            }
            if (r.statusCode() != 401 && r.statusCode() != 403) {
                open.add(endpoint + " answered " + r.statusCode() + " to an anonymous call");
            }
        }
        assertThat(open).as("endpoints reachable without a credential (%d checked)", endpoints.size()).isEmpty();
    }

    /** "METHOD /path" for every handler, path variables filled with a placeholder. */
    private TreeSet<String> inventory() {
        TreeSet<String> out = new TreeSet<>();
        RequestMappingHandlerMapping mvc = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        mvc.getHandlerMethods().keySet().forEach(info -> {
            var methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod m : methods.isEmpty() ? List.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                    out.add(m.name() + " " + concrete(pattern));
                }
            }
        });
        for (ServletRegistrationBean<?> servlet : context.getBeansOfType(ServletRegistrationBean.class).values()) {
            if (servlet.getServlet() instanceof RestfulServer fhir) {
                String base = servlet.getUrlMappings().iterator().next().replace("/*", "");
                out.add("GET " + base + "/metadata");
                fhir.getResourceBindings().forEach(b -> {
                    out.add("GET " + base + "/" + b.getResourceName());
                    out.add("POST " + base + "/" + b.getResourceName());
                });
                fhir.getServerBindings().stream().filter(OperationMethodBinding.class::isInstance)
                        .map(b -> ((OperationMethodBinding) b).getName())
                        .forEach(name -> out.add("POST " + base + "/" + name));
            }
        }
        String soap = env.getProperty("cxf.path", "/soap");
        for (Server server : context.getBean(Bus.class).getExtension(ServerRegistry.class).getServers()) {
            String address = server.getEndpoint().getEndpointInfo().getAddress();
            out.add("POST " + soap + address);
            out.add("GET " + soap + address + "?wsdl");
        }
        // the servlets adapter types register: their operations, or GET and POST at each URL pattern
        for (AdapterEdges.ServletEdge s : context.getBean(AdapterEdges.class).servlets()) {
            if (s.servlet() instanceof Edges.Operations ops) {
                ops.operations().forEach(o -> out.add(concrete(o)));
            } else {
                s.urlPatterns().forEach(p -> {
                    out.add("GET " + concrete(p));
                    out.add("POST " + concrete(p));
                });
            }
        }
        context.getBean(PathMappedEndpoints.class).getAllPaths().forEach(p -> out.add("GET " + p));
        return out;
    }

    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{[^}]*}", "inventory-probe").replace("/**", "/inventory-probe")
                .replace("*", "inventory-probe");
    }
}
