package org.seamless.app.demo.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.testsupport.SeamlessTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.seamless.testsupport.SharedContext;

/**
 * The demo trust's FHIR server lists what it holds as a HAPI server would (issue 22): Flags by
 * {@code patient.identifier}, by {@code status}, all of them, and in pages of {@code _count} followed
 * by the Bundle's {@code next} links - not only one Flag per business identifier.
 */
@SharedContext
class DemoTrustFlagSearchIT extends SeamlessTestBase {
    private static final String NHS_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

    @Autowired
    DemoTrustFlags flags;

    private IGenericClient client;
    private final List<NhsNumber> people = TestNhsNumbers.distinct(2201, 3);

    @BeforeEach
    void someFlags() {
        flags.clear();
        // person 0: 3 active and 2 inactive flags; person 1: 25 active; person 2: 1 inactive
        int n = 0;
        for (int i = 0; i < 5; i++) {
            add(n++, people.get(0), i < 3 ? Flag.FlagStatus.ACTIVE : Flag.FlagStatus.INACTIVE);
        }
        for (int i = 0; i < 25; i++) {
            add(n++, people.get(1), Flag.FlagStatus.ACTIVE);
        }
        add(n, people.get(2), Flag.FlagStatus.INACTIVE);
        // why: no CapabilityStatement fetch before the first call (it timed out on a loaded machine); a trust's
        // client would not depend on it either
        FhirContexts.r4().getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FhirContexts.r4().getRestfulClientFactory().setSocketTimeout(120_000);
        client = FhirContexts.r4().newRestfulGenericClient("http://localhost:" + port + DemoTrustFhirConfiguration.PATH);
        client.registerInterceptor(new BearerTokenAuthInterceptor(ENV.trustAuthToken()));
    }

    private void add(int n, NhsNumber person, Flag.FlagStatus status) {
        Flag f = new Flag().setStatus(status).setSubject(new Reference().setIdentifier(
                new Identifier().setSystem(NHS_SYSTEM).setValue(person.value())));
        f.addIdentifier().setSystem(SocialCareAlert.IDENTIFIER_SYSTEM).setValue("la-x/A" + n);
        flags.upsert(SocialCareAlert.IDENTIFIER_SYSTEM, "la-x/A" + n, f);
    }

    private List<Flag> all(String url) {
        Bundle page = client.search().byUrl(url).returnBundle(Bundle.class).execute();
        List<Flag> out = new ArrayList<>();
        int pages = 0;
        while (true) {
            pages++;
            page.getEntry().forEach(e -> out.add((Flag) e.getResource()));
            if (page.getLink(Bundle.LINK_NEXT) == null || pages > 50) {
                return out;
            }
            page = client.loadPage().next(page).execute();
        }
    }

    private static List<String> ids(List<Flag> flags) {
        return flags.stream().map(f -> f.getIdentifierFirstRep().getValue()).sorted().toList();
    }

    @Test
    void searchesByPatientIdentifierAndStatus() {
        String person0 = NHS_SYSTEM + "|" + people.get(0).value();

        assertThat(ids(all("Flag?patient.identifier=" + person0)))
                .containsExactly("la-x/A0", "la-x/A1", "la-x/A2", "la-x/A3", "la-x/A4");
        assertThat(ids(all("Flag?patient.identifier=" + person0 + "&status=active")))
                .containsExactly("la-x/A0", "la-x/A1", "la-x/A2");
        assertThat(all("Flag?patient.identifier=" + NHS_SYSTEM + "|" + people.get(2).value() + "&status=active")).isEmpty();
        assertThat(all("Flag?status=inactive")).hasSize(3);
        assertThat(all("Flag?identifier=" + SocialCareAlert.IDENTIFIER_SYSTEM + "|la-x/A7")).singleElement()
                .satisfies(f -> assertThat(f.getSubject().getIdentifier().getValue()).isEqualTo(people.get(1).value()));
    }

    @Test
    void listsEverythingInPagesOfCount() {
        Bundle first = client.search().byUrl("Flag?status=active&_count=10").returnBundle(Bundle.class).execute();
        assertThat(first.getEntry()).hasSize(10);
        assertThat(first.getTotal()).isEqualTo(28);
        assertThat(first.getLink(Bundle.LINK_NEXT)).isNotNull();

        List<Flag> active = all("Flag?status=active&_count=10");
        assertThat(active).hasSize(28).allSatisfy(f -> assertThat(f.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE));
        assertThat(ids(active)).doesNotHaveDuplicates();
        assertThat(all("Flag")).hasSize(31);
    }
}
