package org.seamless.mappings.consent;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.ErrorHandlerAdapter;
import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.seamless.mappings.canonical.FhirContexts;

/**
 * Reads a FHIR R4 {@code Consent} strictly: unknown elements and invalid values are errors, not
 * warnings, and nothing from the input is logged or repeated in a message.
 */
public final class ConsentResources {
    private ConsentResources() {
    }

    /** Parses JSON; throws {@link ConsentInputException} {@code malformed-json}, {@code unknown-field}, {@code invalid-value} or {@code not-a-consent}. */
    public static Consent parseStrict(byte[] json) {
        Strict handler = new Strict();
        IParser parser = FhirContexts.r4().newJsonParser().setParserErrorHandler(handler);
        IBaseResource resource;
        try {
            resource = parser.parseResource(new String(json, StandardCharsets.UTF_8));
        } catch (DataFormatException | IllegalArgumentException e) {
            throw handler.first != null ? handler.first
                    : new ConsentInputException("malformed-json", "$", "the body is not a well-formed FHIR JSON resource");
        }
        if (handler.first != null) {
            throw handler.first;
        }
        if (!(resource instanceof Consent consent)) {
            throw new ConsentInputException("not-a-consent", "resourceType", "the body must be a FHIR R4 Consent");
        }
        return consent;
    }

    /** Keeps the first problem, naming the element only. */
    private static final class Strict extends ErrorHandlerAdapter {
        ConsentInputException first;

        @Override
        public void unknownElement(IParseLocation location, String elementName) {
            keep(new ConsentInputException("unknown-field", cap(elementName), "unknown element"));
        }

        @Override
        public void unknownAttribute(IParseLocation location, String attributeName) {
            unknownElement(location, attributeName);
        }

        @Override
        public void unknownReference(IParseLocation location, String reference) {
            // a reference to something not in the body is the mapper's business
        }

        @Override
        public void invalidValue(IParseLocation location, String value, String error) {
            keep(new ConsentInputException("invalid-value", where(location), "invalid value (not repeated)"));
        }

        @Override
        public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
            keep(new ConsentInputException("invalid-value", cap(elementName), "element must not repeat"));
        }

        private void keep(ConsentInputException e) {
            if (first == null) {
                first = e;
            }
        }

        private static String where(IParseLocation location) {
            return location == null || location.getParentElementName() == null ? "$" : cap(location.getParentElementName());
        }

        private static String cap(String s) {
            return s == null ? "$" : s.length() <= 64 ? s : s.substring(0, 64);
        }
    }
}
