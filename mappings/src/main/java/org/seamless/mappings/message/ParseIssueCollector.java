package org.seamless.mappings.message;

import ca.uhn.fhir.parser.ErrorHandlerAdapter;
import ca.uhn.fhir.parser.IParser;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.seamless.mappings.canonical.FhirContexts;

/**
 * A parser error handler that records problems as {@link MessageIssue}s naming the element only.
 * Replaces HAPI's lenient handler, which logs offending values (personal data) at WARN.
 */
final class ParseIssueCollector extends ErrorHandlerAdapter {
    private static final int MAX_NAME = 64;
    private final List<MessageIssue> issues = new ArrayList<>();

    /** A JSON parser reporting into a new collector. */
    static IParser jsonParser(ParseIssueCollector collector) {
        return FhirContexts.r4().newJsonParser().setParserErrorHandler(collector);
    }

    /** An XML parser reporting into a new collector (HAPI's XML parsing refuses DTDs and external entities). */
    static IParser xmlParser(ParseIssueCollector collector) {
        return FhirContexts.r4().newXmlParser().setParserErrorHandler(collector);
    }

    List<MessageIssue> issues() {
        return List.copyOf(issues);
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        issues.add(MessageIssue.error(IssueType.VALUE, where(location), "Invalid value (value not repeated)"));
    }

    @Override
    public void unknownElement(IParseLocation location, String elementName) {
        // unknown elements are errors: an element we would drop could be one the sender relies on
        issues.add(MessageIssue.error(IssueType.STRUCTURE, where(location),
                "Unknown element '" + cap(elementName) + "'"));
    }

    @Override
    public void unknownAttribute(IParseLocation location, String attributeName) {
        unknownElement(location, attributeName);
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
        issues.add(MessageIssue.error(IssueType.STRUCTURE, where(location),
                "Element '" + cap(elementName) + "' must not repeat"));
    }

    private static String where(IParseLocation location) {
        return location == null || location.getParentElementName() == null ? null : cap(location.getParentElementName());
    }

    private static String cap(String s) {
        return s == null ? "" : s.length() <= MAX_NAME ? s : s.substring(0, MAX_NAME);
    }
}
