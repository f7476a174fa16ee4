package org.seamless.mappings.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;

class SeamlessEventCodeSystemTest {

    private static CodeSystem load() throws Exception {
        try (InputStream in = SeamlessEventCodeSystemTest.class.getClassLoader()
                .getResourceAsStream("fhir/CodeSystem-seamless-event.json")) {
            assertThat(in).as("CodeSystem on the classpath").isNotNull();
            return FhirContexts.r4().newJsonParser().parseResource(CodeSystem.class, in);
        }
    }

    @Test
    void codeSystemAndEnumAgreeExactly() throws Exception {
        CodeSystem cs = load();
        Map<String, String> fromFile = new LinkedHashMap<>();
        cs.getConcept().forEach(c -> fromFile.put(c.getCode(), c.getDisplay()));
        Map<String, String> fromEnum = new LinkedHashMap<>();
        Arrays.stream(SeamlessEvent.values()).forEach(e -> fromEnum.put(e.code(), e.display()));

        assertThat(fromFile).containsExactlyEntriesOf(fromEnum);
        assertThat(cs.getConcept()).allSatisfy(c -> assertThat(c.getDefinition()).isNotBlank());
        assertThat(cs.getCount()).isEqualTo(SeamlessEvent.values().length);
    }

    @Test
    void codeSystemIdentity() throws Exception {
        CodeSystem cs = load();
        assertThat(cs.getUrl()).isEqualTo(SeamlessEvent.SYSTEM);
        assertThat(cs.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
        assertThat(cs.getStatus().toCode()).isEqualTo("active");
        assertThat(cs.getCaseSensitive()).isTrue();
    }
}
