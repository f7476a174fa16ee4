package org.seamless.testsupport.pds;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * An in-process PDS FHIR API (Personal Demographics Service) for tests, on a random loopback port, in the
 * application-restricted access mode Seamless uses: no PDS sandbox can be reached from the build machines, and
 * the sandbox's fixed patients cannot hold a generated 10,000-person population.
 *
 * <p><b>Follows</b> the PDS FHIR API specification {@code specification/personal-demographics.yaml} and
 * {@code specification/components/paths/patient-search.yaml}, {@code patient-get.yaml} of
 * github.com/NHSDigital/personal-demographics-service-api at commit {@value #SPEC_COMMIT} ({@value #SPEC_DATE};
 * the document's {@code info.version} is a build placeholder). Implemented from that document (no code of NHS
 * England's sandbox):
 * <ul>
 *   <li>{@code GET /Patient?...}: parameters {@code family}, {@code given}, {@code gender}, {@code birthdate}
 *       ({@code eq|ge|le}yyyy-mm-dd, repeatable for a range), {@code address-postalcode}, {@code _exact-match},
 *       {@code _fuzzy-match} (accepted; matched as non-fuzzy), {@code _history} (accepted), {@code _max-results}
 *       (must be 1 in this mode: otherwise 403 INVALID_VALUE); family and birthdate are the non-fuzzy minimum
 *       (400 INVALID_SEARCH_DATA); no parameter 400 UNSUPPORTED_SERVICE; an unknown one 400 ADDITIONAL_PROPERTIES;
 *       a bad date or gender 400 INVALID_VALUE. Answers a {@code searchset} Bundle (total, entry fullUrl,
 *       {@code search.score}, the Patient with its NHS number and verification status extension); more matches
 *       than {@code _max-results}: 200 with an OperationOutcome TOO_MANY_MATCHES ({@code multiple-matches},
 *       severity information). With {@code _exact-match=true} only score 1.0 matches count;</li>
 *   <li>{@code GET /Patient/{id}}: 200 with the Patient and {@code ETag}; a superseded number answers the superseding
 *       record (its {@code id} differs from the one requested); a death is {@code deceasedDateTime} (date and time with
 *       offset, as in the specification's examples), the home address an {@code address} of {@code use} home with a
 *       {@code period} start and {@code postalCode}; 400 INVALID_RESOURCE_ID (not Modulus 11), 404
 *       RESOURCE_NOT_FOUND, 404 INVALIDATED_RESOURCE;</li>
 *   <li>{@code X-Request-ID} required and a UUID (400 MISSING_VALUE / INVALID_VALUE), mirrored back with
 *       {@code X-Correlation-ID}; {@code Authorization: Bearer} checked when a token is set (401 ACCESS_DENIED);</li>
 *   <li>the rate limit: 429 TOO_MANY_REQUESTS with {@code Retry-After}, on demand ({@link #refuseNext}); errors are
 *       OperationOutcomes coded in {@code https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode}.</li>
 * </ul>
 *
 * <p><b>Deliberately not modelled:</b> fuzzy matching (Soundex, transposed names, history), restricted patients,
 * healthcare worker mode (up to 50 results), the other endpoints (update, create, RelatedPerson, Coverage), and a
 * rate limit measured by the clock (tests ask for 429 answers by count, never by timing).
 */
public final class PdsSimulator implements AutoCloseable {
    /** Commit of github.com/NHSDigital/personal-demographics-service-api the specification was read at. */
    public static final String SPEC_COMMIT = "f57f5839b956fedb708555227ef2f9aefcc0cc37";
    /** Date of that commit. */
    public static final String SPEC_DATE = "2026-03-13";
    static final String BASE_PATH = "/personal-demographics/FHIR/R4";
    private static final Set<String> SEARCH_PARAMS = Set.of("family", "given", "gender", "birthdate",
            "address-postalcode", "address-postcode", "_exact-match", "_fuzzy-match", "_history", "_max-results",
            "death-date", "general-practitioner", "email", "phone");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATE = Pattern.compile("(eq|ge|le)\\d{4}-\\d{2}-\\d{2}");

    static {
        // why: the JDK server writes headers and body apart; with Nagle's algorithm each answer then waits for the
        // client's delayed ACK (tens of ms). Read once, when the JDK's server configuration loads
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final PdsRegister register = new PdsRegister();
    private final AtomicInteger searches = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger toRefuse = new AtomicInteger();
    private final Map<String, Integer> requestIds = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String token;
    private volatile int retryAfterSeconds = 1;

    private PdsSimulator() throws IOException {
        // why: the first encoding of each resource type makes HAPI scan its model (seconds on a loaded machine)
        PdsAnswer.error(400, "value", "INVALID_VALUE", "warm-up");
        PdsAnswer.tooManyMatches();
        PdsAnswer.searchset(List.of(new PdsRegister.Scored(new PdsRegister.Person("9990000018", "Warm", null, null,
                LocalDate.of(2000, 1, 1), null), 1.0)), "http://localhost");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(BASE_PATH + "/Patient", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** A simulator with no patients, requiring no token. */
    public static PdsSimulator start() {
        try {
            return new PdsSimulator();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base URL a client is configured with. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH;
    }

    /** From now on, requests must carry {@code Authorization: Bearer token}. */
    public PdsSimulator requireToken(String token) {
        this.token = token;
        return this;
    }

    /** Adds a current record. */
    public PdsSimulator add(String nhsNumber, String family, String given, String gender, LocalDate birthDate,
                            String postcode) {
        NhsNumber.parse(nhsNumber);
        register.add(new PdsRegister.Person(nhsNumber, family, given, gender, birthDate, postcode));
        return this;
    }

    /** {@code old} is superseded by the current record {@code successor}. */
    public PdsSimulator supersede(String old, String successor) {
        register.supersede(old, successor);
        return this;
    }

    /** The current record {@code nhs} now records a death: its Patient carries {@code deceasedDateTime}. */
    public PdsSimulator died(String nhs, LocalDate date) {
        register.update(nhs, p -> new PdsRegister.Person(p.nhsNumber(), p.family(), p.given(), p.gender(),
                p.birthDate(), p.postcode(), date));
        return this;
    }

    /** The current record {@code nhs} now has its home address at {@code postcode}. */
    public PdsSimulator moved(String nhs, String postcode) {
        register.update(nhs, p -> new PdsRegister.Person(p.nhsNumber(), p.family(), p.given(), p.gender(),
                p.birthDate(), postcode, p.deceased()));
        return this;
    }

    /** {@code nhs} is invalidated and not superseded. */
    public PdsSimulator invalidate(String nhs) {
        register.invalidate(nhs);
        return this;
    }

    /** The next {@code n} requests are answered 429 TOO_MANY_REQUESTS with {@code Retry-After: seconds}. */
    public PdsSimulator refuseNext(int n, int seconds) {
        retryAfterSeconds = seconds;
        toRefuse.set(n);
        return this;
    }

    public int searches() {
        return searches.get();
    }

    public int reads() {
        return reads.get();
    }

    /** How many requests were answered 429. */
    public int rateLimited() {
        return refused.get();
    }

    /** How many times a request id was seen (a retry repeats it). */
    public int timesSeen(String requestId) {
        return requestIds.getOrDefault(requestId, 0);
    }

    /** The largest number of times any one request id was seen. */
    public int mostRepeatedRequestId() {
        return requestIds.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            PdsAnswer answer;
            try {
                answer = answer(ex);
            } catch (RuntimeException e) {
                answer = PdsAnswer.error(500, "exception", "SERVICE_ERROR", "simulator failure");
            }
            String rid = ex.getRequestHeaders().getFirst("X-Request-ID");
            if (rid != null) {
                ex.getResponseHeaders().add("X-Request-ID", rid);
            }
            String cid = ex.getRequestHeaders().getFirst("X-Correlation-ID");
            if (cid != null) {
                ex.getResponseHeaders().add("X-Correlation-ID", cid);
            }
            answer.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.getResponseHeaders().add("Content-Type", "application/fhir+json");
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(answer.status(), body.length);
            ex.getResponseBody().write(body);
        }
    }

    private PdsAnswer answer(HttpExchange ex) {
        if (!"GET".equals(ex.getRequestMethod())) {
            return PdsAnswer.error(405, "not-supported", "INVALID_METHOD", "Method not allowed");
        }
        String expected = token;
        if (expected != null && !("Bearer " + expected).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            return PdsAnswer.error(401, "forbidden", "ACCESS_DENIED", "Access Denied - Unauthorised");
        }
        String rid = ex.getRequestHeaders().getFirst("X-Request-ID");
        if (rid == null) {
            return PdsAnswer.error(400, "structure", "MISSING_VALUE", "Invalid request with error - X-Request-ID header must be supplied to access this resource");
        }
        if (!UUID.matcher(rid).matches()) {
            return PdsAnswer.error(400, "value", "INVALID_VALUE", "Invalid value - '" + rid + "' in header 'X-Request-ID'");
        }
        requestIds.merge(rid, 1, Integer::sum);
        if (toRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            refused.incrementAndGet();
            PdsAnswer a = PdsAnswer.error(429, "throttled", "TOO_MANY_REQUESTS", "Your application has exceeded its quota");
            a.headers().put("Retry-After", String.valueOf(retryAfterSeconds));
            return a;
        }
        String path = ex.getRequestURI().getPath().substring(BASE_PATH.length());
        if (path.equals("/Patient") || path.equals("/Patient/")) {
            searches.incrementAndGet();
            return search(query(ex.getRequestURI().getRawQuery()));
        }
        reads.incrementAndGet();
        return read(path.substring("/Patient/".length()));
    }

    private PdsAnswer read(String id) {
        if (NhsNumber.tryParse(id).isEmpty() || !id.matches("\\d{10}")) {
            return PdsAnswer.error(400, "value", "INVALID_RESOURCE_ID", "Resource Id is invalid");
        }
        return register.read(id).map(p -> {
            PdsAnswer a = new PdsAnswer(200, PdsAnswer.patientJson(p), new LinkedHashMap<>());
            a.headers().put("ETag", "W/\"1\"");
            return a;
        }).orElseGet(() -> register.isInvalidated(id)
                ? PdsAnswer.error(404, "processing", "INVALIDATED_RESOURCE", "Resource that has been marked as invalid was requested - invalid resources cannot be retrieved")
                : PdsAnswer.error(404, "not-found", "RESOURCE_NOT_FOUND", "Resource not found"));
    }

    private PdsAnswer search(Map<String, List<String>> q) {
        if (q.isEmpty()) {
            return PdsAnswer.error(400, "not-supported", "UNSUPPORTED_SERVICE", "Unsupported Service");
        }
        for (String name : q.keySet()) {
            if (!SEARCH_PARAMS.contains(name)) {
                return PdsAnswer.error(400, "structure", "ADDITIONAL_PROPERTIES", "Invalid request with error - Additional properties are not allowed ('" + name + "' was unexpected)");
            }
        }
        if (q.containsKey("address-postcode") && q.containsKey("address-postalcode")) {
            return PdsAnswer.error(400, "invalid", "INVALID_SEARCH_DATA", "Invalid search data provided - 'address-postcode' and 'address-postalcode' both given");
        }
        List<String> birth = q.getOrDefault("birthdate", List.of());
        for (String b : birth) {
            if (!DATE.matcher(b).matches() || !validDate(b.substring(2))) {
                return PdsAnswer.error(400, "value", "INVALID_VALUE", "Invalid value - '" + b + "' in field 'birthdate'");
            }
        }
        String gender = one(q, "gender");
        if (gender != null && !Set.of("male", "female", "other", "unknown").contains(gender)) {
            return PdsAnswer.error(400, "value", "INVALID_VALUE", "Invalid value - '" + gender + "' in field 'gender'");
        }
        String maxRaw = one(q, "_max-results");
        int max = 1;
        if (maxRaw != null) {
            if (!maxRaw.matches("\\d{1,2}")) {
                return PdsAnswer.error(400, "value", "INVALID_VALUE", "Invalid value - '" + maxRaw + "' in field '_max-results'");
            }
            max = Integer.parseInt(maxRaw);
            if (max != 1) {
                return PdsAnswer.error(403, "value", "INVALID_VALUE", "Invalid value - '" + maxRaw + "' in field '_max-results'");
            }
        }
        String family = one(q, "family");
        if (family == null || birth.isEmpty()) {
            return PdsAnswer.error(400, "invalid", "INVALID_SEARCH_DATA", "Invalid search data provided - 'Too few search parameters'");
        }
        String postcode = one(q, "address-postalcode") != null ? one(q, "address-postalcode") : one(q, "address-postcode");
        List<PdsRegister.Scored> found = register.search(new PdsRegister.Criteria(family, one(q, "given"), gender,
                birth, postcode));
        if ("true".equals(one(q, "_exact-match"))) {
            found = found.stream().filter(s -> s.score() >= 1.0).toList();
        }
        if (found.size() > max) {
            return new PdsAnswer(200, PdsAnswer.tooManyMatches(), new LinkedHashMap<>());
        }
        return new PdsAnswer(200, PdsAnswer.searchset(found, baseUrl()), new LinkedHashMap<>());
    }

    private static boolean validDate(String s) {
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String one(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
