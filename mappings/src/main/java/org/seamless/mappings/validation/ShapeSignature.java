package org.seamless.mappings.validation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.seamless.mappings.message.MessageBundles;

/**
 * The shape of a message: every element present, in order, with everything the profile validator
 * judges by except personal values. Codes, systems, URLs (UUIDs folded), code displays and
 * reference targets are kept verbatim; other primitives are reduced to what their validity rests
 * on (lexical validity, precision, sign, blank or padded). Two messages with the same shape get
 * the same structural verdict from the validator. A message with narrative has no shape (its
 * XHTML is judged by content), so it is always validated in full.
 */
final class ShapeSignature {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final MessageDigest digest;
    private final Bundle bundle;
    private boolean cacheable = true;

    private ShapeSignature(Bundle bundle) {
        this.bundle = bundle;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shape digest, or empty when the message cannot be judged by shape (narrative present). */
    static Optional<String> of(Bundle bundle) {
        ShapeSignature s = new ShapeSignature(bundle);
        s.walk(bundle, "Bundle");
        return s.cacheable ? Optional.of(HexFormat.of().formatHex(s.digest.digest())) : Optional.empty();
    }

    private void walk(Base element, String path) {
        if (!cacheable) {
            return;
        }
        if (element instanceof Resource r) {
            emit(path, "resource:" + r.fhirType());
            if (r instanceof org.hl7.fhir.r4.model.DomainResource d && d.hasContained()) {
                cacheable = false; // contained resources: dom-3 and ref-1 depend on ids and references
                return;
            }
        }
        if (element instanceof org.hl7.fhir.r4.model.Range) {
            cacheable = false; // rng-2 compares quantity values
            return;
        }
        if (element instanceof Bundle.BundleEntryComponent e && e.hasFullUrl() && e.getResource() != null) {
            String id = e.getResource().getIdElement().getIdPart();
            emit(path, "fullUrl-names-id:" + (id != null && e.getFullUrl().endsWith(id)));
        }
        if (element instanceof Reference ref && ref.hasReference()) {
            emit(path + ".reference", "ref:" + target(ref));
        }
        for (Property p : element.children()) {
            List<Base> values = p.getValues();
            for (int i = 0; i < values.size(); i++) {
                Base v = values.get(i);
                String child = path + "." + p.getName() + "[" + i + "]";
                if (v == null || (element instanceof Reference && "reference".equals(p.getName()))) {
                    continue;
                }
                if ("xhtml".equals(v.fhirType())) {
                    cacheable = false;
                    return;
                }
                if (v.isPrimitive()) {
                    emit(child, v.fhirType() + ":" + token(element, p.getName(), v));
                }
                walk(v, child);
            }
        }
    }

    private String target(Reference ref) {
        if (ref.getReference().startsWith("#")) {
            cacheable = false;
            return "contained";
        }
        return MessageBundles.resolve(bundle, ref).map(Resource::fhirType)
                .orElseGet(() -> "unresolved:" + (ref.getReference().startsWith("#") ? "contained" : fold(ref.getReference())));
    }

    private static String token(Base parent, String name, Base value) {
        String raw = value.primitiveValue();
        if (raw == null) {
            return "novalue";
        }
        switch (value.fhirType()) {
            case "code", "boolean":
                return raw;
            case "uri", "url", "canonical", "oid", "uuid":
                return fold(raw);
            case "id":
                // why: HAPI's parser gives an entry resource its urn:uuid fullUrl as id; folded, or every
                // parsed message would be a shape of its own and never reach the fast path
                return ID.matcher(raw).matches() ? "ok" : fold(raw);
            case "integer", "positiveInt", "unsignedInt":
                return raw.startsWith("-") ? "neg" : "0".equals(raw) ? "zero" : "pos";
            case "decimal":
                return (raw.startsWith("-") ? "neg" : raw.matches("[0.]+") ? "zero" : "pos") + (raw.contains(".") ? ".frac" : "");
            case "base64Binary":
                try {
                    java.util.Base64.getDecoder().decode(raw);
                    return "b64";
                } catch (IllegalArgumentException notBase64) {
                    return raw;
                }
            case "date", "dateTime", "instant":
                BaseDateTimeType dt = (BaseDateTimeType) value;
                return dt.getPrecision() + (dt.getTimeZone() == null || raw.length() <= 10 ? "" : "+tz");
            default:
                break;
        }
        if (parent instanceof Coding && "display".equals(name)) {
            return raw; // the validator checks displays against the code system
        }
        if (value instanceof PrimitiveType<?> && raw.isEmpty()) {
            return "empty";
        }
        return raw.strip().length() == raw.length() ? "s" : "s+ws";
    }

    /**
     * Every lower-case UUID in the text replaced by {@code {uuid}}, leftmost first, matches not overlapping: what
     * replacing the regex {@code [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}} gives
     * (ShapeSignatureFoldTest compares the two), by a scan instead of the regex, which was about 3 % of a
     * notice's CPU samples (issue 17).
     */
    static String fold(String uri) {
        int n = uri.length();
        if (n < UUID_LENGTH || uri.indexOf('-') < 0) {
            return uri;
        }
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i <= n - UUID_LENGTH) {
            if (isUuidAt(uri, i)) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(uri, copied, i).append("{uuid}");
                i += UUID_LENGTH;
                copied = i;
            } else {
                i++;
            }
        }
        return out == null ? uri : out.append(uri, copied, n).toString();
    }

    private static final int UUID_LENGTH = 36;

    private static boolean isUuidAt(String s, int at) {
        for (int k = 0; k < UUID_LENGTH; k++) {
            char c = s.charAt(at + k);
            if (k == 8 || k == 13 || k == 18 || k == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private void emit(String path, String token) {
        digest.update(path.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '=');
        digest.update(token.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }
}
