package org.seamless.adapters.pds;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * The two PDS FHIR API interactions a tracer needs, application-restricted: a non-fuzzy exact-match search by
 * demographics ({@code GET /Patient?family=&given=&gender=&birthdate=eqYYYY-MM-DD&address-postalcode=&_exact-match=true&_max-results=1})
 * and a read by NHS number ({@code GET /Patient/{nhs}}), each through the shared {@link RequestThrottle}, with a new
 * {@code X-Request-ID} per request that a retry after 429 repeats (PDS de-duplicates by it). A 429 is waited out by
 * its {@code Retry-After} (1 s when absent) up to {@link PdsSettings#maxRateLimitRetries()} times; any other failure is
 * a {@link PdsUnavailableException}. Thread-safe.
 */
public final class PdsClient {
    static final String ERROR_SYSTEM = "https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode";
    private final PdsSettings settings;
    private final RequestThrottle throttle;
    private final HttpClient http;

    public PdsClient(PdsSettings settings) {
        this(settings, new RequestThrottle(settings.requestsPerSecond(), settings.burst()));
    }

    public PdsClient(PdsSettings settings, RequestThrottle throttle) {
        this.settings = settings;
        this.throttle = throttle;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /** Exact-match search; a unique patient is {@link PdsOutcome.Matched}, never a partial match. */
    public PdsOutcome search(Demographics d) {
        List<String> q = new ArrayList<>();
        q.add(param("family", d.family()));
        if (d.given() != null) {
            q.add(param("given", d.given()));
        }
        if (d.gender() != null) {
            q.add(param("gender", d.gender()));
        }
        q.add(param("birthdate", "eq" + d.birthDate()));
        if (d.postcode() != null) {
            q.add(param("address-postalcode", d.postcode()));
        }
        q.add("_exact-match=true");
        q.add("_max-results=1");
        Answer a = send(URI.create(settings.baseUrl() + "/Patient?" + String.join("&", q)));
        if (a.status() != 200) {
            throw unexpected(a);
        }
        IBaseResource r = parse(a);
        if (r instanceof OperationOutcome oo) {
            if ("TOO_MANY_MATCHES".equals(code(oo))) {
                return new PdsOutcome.MultipleMatches();
            }
            throw new PdsUnavailableException(a.status(), "PDS search answered an OperationOutcome " + code(oo), null);
        }
        if (!(r instanceof Bundle b)) {
            throw new PdsUnavailableException(a.status(), "PDS search answered neither a Bundle nor an OperationOutcome", null);
        }
        List<Bundle.BundleEntryComponent> exact = b.getEntry().stream()
                .filter(e -> e.getResource() instanceof Patient)
                .filter(e -> e.getSearch().hasScore() && e.getSearch().getScore().doubleValue() >= 1.0)
                .toList();
        if (b.getEntry().size() > 1) {
            return new PdsOutcome.MultipleMatches();
        }
        if (exact.isEmpty()) {
            return new PdsOutcome.NoMatch(); // why: a partial match is not a trace: never guessed
        }
        return nhsOf((Patient) exact.get(0).getResource())
                .<PdsOutcome>map(PdsOutcome.Matched::new)
                .orElseThrow(() -> new PdsUnavailableException(200, "PDS search answered a patient without a valid NHS number", null));
    }

    /** Read by NHS number: current, superseded (PDS answers with another id), or not found. */
    public PdsOutcome read(NhsNumber nhs) {
        Object r = readRecord(nhs);
        if (r instanceof PdsOutcome.NotFound nf) {
            return nf;
        }
        PdsPatient p = (PdsPatient) r;
        return p.superseded() ? new PdsOutcome.Superseded(p.nhsNumber()) : new PdsOutcome.Matched(p.nhsNumber());
    }

    /**
     * Read by NHS number with the details an identity event needs (ADR 0084): the number answered under (superseded
     * when it differs), {@code deceasedDateTime}'s date, and the postal code of the current home address. Empty when
     * PDS has no current record for the number (not found, invalidated).
     */
    public Optional<PdsPatient> readPatient(NhsNumber nhs) {
        return readRecord(nhs) instanceof PdsPatient p ? Optional.of(p) : Optional.empty();
    }

    private Object readRecord(NhsNumber nhs) {
        Answer a = send(URI.create(settings.baseUrl() + "/Patient/" + nhs.value()));
        if (a.status() == 404 || a.status() == 400) {
            IBaseResource r = parse(a);
            String code = r instanceof OperationOutcome oo ? code(oo) : null;
            if (code != null && (code.equals("RESOURCE_NOT_FOUND") || code.equals("INVALIDATED_RESOURCE")
                    || code.equals("INVALID_RESOURCE_ID"))) {
                return new PdsOutcome.NotFound(code);
            }
            throw unexpected(a);
        }
        if (a.status() != 200) {
            throw unexpected(a);
        }
        if (!(parse(a) instanceof Patient p)) {
            throw new PdsUnavailableException(200, "PDS read answered no Patient", null);
        }
        NhsNumber id = NhsNumber.tryParse(p.getIdElement().getIdPart()).or(() -> nhsOf(p))
                .orElseThrow(() -> new PdsUnavailableException(200, "PDS read answered a patient without a valid NHS number", null));
        Optional<LocalDate> death = p.hasDeceasedDateTimeType() && p.getDeceasedDateTimeType().getValueAsString() != null
                ? Optional.of(LocalDate.parse(p.getDeceasedDateTimeType().getValueAsString().substring(0, 10)))
                : Optional.empty();
        return new PdsPatient(id, !id.value().equals(nhs.value()), death, homePostcode(p));
    }

    /** The postal code of the current home address (use home, no period end in the past). */
    private static Optional<String> homePostcode(Patient p) {
        java.util.Date now = new java.util.Date();
        return p.getAddress().stream()
                .filter(ad -> ad.getUse() == org.hl7.fhir.r4.model.Address.AddressUse.HOME)
                .filter(ad -> !ad.hasPeriod() || !ad.getPeriod().hasEnd() || ad.getPeriod().getEnd().after(now))
                .map(org.hl7.fhir.r4.model.Address::getPostalCode)
                .filter(pc -> pc != null && !pc.isBlank())
                .findFirst();
    }

    private record Answer(int status, String body, Optional<String> retryAfter) {
    }

    private Answer send(URI uri) {
        String requestId = UUID.randomUUID().toString();
        for (int attempt = 0; ; attempt++) {
            throttle.acquire();
            HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET()
                    .header("Accept", "application/fhir+json")
                    .header("X-Request-ID", requestId);
            if (settings.bearerToken() != null && !settings.bearerToken().isBlank()) {
                req.header("Authorization", "Bearer " + settings.bearerToken());
            }
            HttpResponse<String> res;
            try {
                res = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new PdsUnavailableException(0, "PDS did not answer: " + e.getClass().getSimpleName(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PdsUnavailableException(0, "interrupted while waiting for PDS", e);
            }
            Optional<String> retryAfter = res.headers().firstValue("Retry-After");
            if (res.statusCode() == 429 && attempt < settings.maxRateLimitRetries()) {
                throttle.pauseFor(TimeUnit.SECONDS.toNanos(retryAfterSeconds(retryAfter)));
                continue; // why: the same X-Request-ID, so PDS sees one request retried
            }
            return new Answer(res.statusCode(), res.body(), retryAfter);
        }
    }

    static long retryAfterSeconds(Optional<String> header) {
        try {
            return header.map(String::strip).map(Long::parseLong).filter(s -> s >= 0 && s <= 300).orElse(1L);
        } catch (NumberFormatException e) {
            return 1; // why: an HTTP date or garbage; a second is PDS's own polling advice
        }
    }

    private static IBaseResource parse(Answer a) {
        IParser p = FhirContexts.r4().newJsonParser();
        try {
            return p.parseResource(a.body());
        } catch (DataFormatException e) {
            throw new PdsUnavailableException(a.status(), "PDS answered a body that is not FHIR JSON (HTTP " + a.status() + ")", null);
        }
    }

    private static PdsUnavailableException unexpected(Answer a) {
        String code = null;
        try {
            if (parse(a) instanceof OperationOutcome oo) {
                code = code(oo);
            }
        } catch (PdsUnavailableException ignored) {
            // no OperationOutcome to name
        }
        return new PdsUnavailableException(a.status(), "PDS answered HTTP " + a.status() + (code == null ? "" : " " + code), null);
    }

    /** The Spine error code of an OperationOutcome's first issue. */
    static String code(OperationOutcome oo) {
        return oo.getIssue().stream().flatMap(i -> i.getDetails().getCoding().stream())
                .filter(c -> ERROR_SYSTEM.equals(c.getSystem()) || c.getSystem() == null)
                .map(c -> c.getCode()).findFirst().orElse(null);
    }

    private static Optional<NhsNumber> nhsOf(Patient p) {
        return p.getIdentifier().stream().filter(i -> NhsNumber.SYSTEM.equals(i.getSystem()))
                .map(i -> NhsNumber.tryParse(i.getValue())).flatMap(Optional::stream).findFirst()
                .or(() -> NhsNumber.tryParse(p.getIdElement().getIdPart()));
    }

    private static String param(String name, String value) {
        return name + "=" + URLEncoder.encode(value.strip(), StandardCharsets.UTF_8).replace("*", "%2A");
    }

    @Override
    public String toString() {
        return "PdsClient[" + settings + "]";
    }

}
