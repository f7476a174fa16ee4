package org.seamless.hub.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import org.seamless.mappings.consent.ConsentForm;

/**
 * Reads the simple JSON form strictly (unknown fields, trailing content and wrong types fail). Jackson's
 * own messages quote the input, so they are replaced by ones that name the field only.
 */
final class ConsentFormReader {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ConsentFormReader() {
    }

    static ConsentForm read(byte[] body) {
        try {
            ConsentForm form = JSON.readValue(body, ConsentForm.class);
            if (form == null) {
                throw new ConsentApiException(ConsentProblemType.MALFORMED_JSON, "malformed-json", "the body is empty");
            }
            return form;
        } catch (UnrecognizedPropertyException e) {
            String name = e.getPropertyName() == null ? "?" : e.getPropertyName();
            throw new ConsentApiException(ConsentProblemType.UNKNOWN_FIELD, "unknown-field", "unknown field '"
                    + (name.length() > 40 ? name.substring(0, 40) : name) + "'; the fields are nhsNumber, decision,"
                    + " purpose, recipient (agency or kind), start, end, reference");
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new ConsentApiException(ConsentProblemType.INVALID_FIELD, "invalid-value",
                    "a field has the wrong JSON type (at " + path(e) + ")");
        } catch (JsonProcessingException e) {
            throw new ConsentApiException(ConsentProblemType.MALFORMED_JSON, "malformed-json",
                    "the body is not well-formed JSON");
        } catch (IOException e) {
            throw new ConsentApiException(ConsentProblemType.MALFORMED_JSON, "malformed-json", "the body could not be read");
        }
    }

    private static String path(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        StringBuilder b = new StringBuilder("$");
        e.getPath().forEach(r -> b.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]"));
        return b.toString();
    }
}
