package org.seamless.mappings.vcs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Strict JSON reading for the voluntary-sector API: unknown fields, duplicate fields, a number or
 * boolean where text is expected, text where a list is expected, and trailing content are all
 * refused with a {@link VcsInputException} that names the field and never repeats the value.
 */
public final class VcsJson {
    /** Shared, configured once: Jackson's defaults would ignore unknown fields and coerce 42 into "42". */
    static final ObjectMapper MAPPER = strictMapper();

    private VcsJson() {
    }

    static ObjectMapper strictMapper() {
        JsonMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean}) {
            m.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Collection).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Collection).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return m;
    }

    /** Reads a referral submission; structure only (see {@link ReferralChecks} for the values). */
    public static ReferralSubmission referral(byte[] body) {
        return read(body, ReferralSubmission.class);
    }

    /** Reads an outcome submission; structure only. */
    public static OutcomeSubmission outcome(byte[] body) {
        return read(body, OutcomeSubmission.class);
    }

    /** Reads any strict DTO of this API. */
    public static <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw new VcsInputException("malformed-json", null, "the body is empty");
        }
        T value;
        try {
            value = MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw classify(e);
        } catch (IOException e) {
            throw new VcsInputException("malformed-json", null, "the body could not be read");
        }
        if (value == null) {
            throw new VcsInputException("wrong-type", "", "the body must be a JSON object");
        }
        return value;
    }

    private static VcsInputException classify(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonParseException p) {
                // why: the parser's own message can quote the offending text; give the position only
                var loc = p.getLocation();
                return new VcsInputException("malformed-json", null, "the body is not well-formed JSON"
                        + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"));
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return new VcsInputException("unknown-field", path(u), "field '" + path(u) + "' is not part of this API"
                    + " (known fields: " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + ")");
        }
        if (e instanceof MismatchedInputException m && m.getOriginalMessage() != null
                && m.getOriginalMessage().startsWith("Trailing token")) {
            return new VcsInputException("malformed-json", null, "the body has content after the JSON object");
        }
        if (e instanceof JsonMappingException m) {
            String p = path(m);
            return new VcsInputException("wrong-type", p, p.isEmpty()
                    ? "the body must be a JSON object" : "field '" + p + "' has the wrong JSON type");
        }
        return new VcsInputException("malformed-json", null, "the body is not well-formed JSON");
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
