package org.seamless.privacy.transform.minimise;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildChoiceDefinition;
import ca.uhn.fhir.context.RuntimeChildContainedResources;
import ca.uhn.fhir.context.RuntimeChildExtension;
import ca.uhn.fhir.context.RuntimeChildNarrativeDefinition;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.parser.DataFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seamless.mappings.canonical.FhirContexts;

/**
 * Parses and checks allow-list paths against the FHIR R4 model: {@code Type(.element)*}, where an
 * element may be a typed choice ({@code eventCoding}) or any choice ({@code deceased[x]}), may be
 * followed by {@code where(child='literal')}, and the path may end in {@code extension('url')}.
 * Narrative, contained resources, meta, element ids and bare extensions cannot be listed.
 */
final class ProfilePaths {
    private static final Pattern ELEMENT = Pattern.compile("[a-z][A-Za-z0-9]*(\\[x])?");
    private static final Pattern WHERE = Pattern.compile("where\\(([a-z][A-Za-z0-9]*)\\s*=\\s*'([^']*)'\\)");
    private static final Pattern EXTENSION = Pattern.compile("extension\\('([^']+)'\\)");

    private ProfilePaths() {
    }

    /** A checked path; IllegalArgumentException says what is wrong with it. */
    static ProfilePath parse(String text) {
        List<String> tokens = tokens(text);
        FhirContext ctx = FhirContexts.r4();
        RuntimeResourceDefinition resource;
        try {
            resource = ctx.getResourceDefinition(tokens.get(0));
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("unknown resource type '" + tokens.get(0) + "'");
        }
        if (!resource.getName().equals(tokens.get(0))) {
            throw new IllegalArgumentException("unknown resource type '" + tokens.get(0) + "'");
        }
        List<PathStep> steps = new ArrayList<>();
        BaseRuntimeElementCompositeDefinition<?> current = resource;
        String at = resource.getName();
        for (int i = 1; i < tokens.size(); i++) {
            String token = tokens.get(i);
            Matcher ext = EXTENSION.matcher(token);
            Matcher where = WHERE.matcher(token);
            if (ext.matches()) {
                if (i != tokens.size() - 1 || current == null) {
                    throw new IllegalArgumentException("extension('...') must end the path and follow a complex element");
                }
                steps.add(PathStep.extension(ext.group(1)));
            } else if (where.matches()) {
                steps.add(withCondition(steps, current, at, where.group(1), where.group(2)));
            } else {
                if (current == null) {
                    throw new IllegalArgumentException("'" + at + "' has no elements to list below it");
                }
                BaseRuntimeChildDefinition child = checkedChild(current, at, token, i == 1);
                boolean choice = child instanceof RuntimeChildChoiceDefinition;
                BaseRuntimeElementDefinition<?> type = token.endsWith("[x]") ? null : child.getChildByName(token);
                String property = child.getElementName() + (choice ? "[x]" : "");
                String typeFilter = choice && type != null ? type.getName() : null;
                if (i == 1 && "id".equals(token)) {
                    current = null; // the resource id is always kept; listing it changes nothing
                    at = at + ".id";
                    continue;
                }
                steps.add(PathStep.element(property, typeFilter, null));
                current = type instanceof BaseRuntimeElementCompositeDefinition<?> c ? c : null;
                at = at + "." + token;
            }
        }
        return new ProfilePath(text, resource.getName(), steps);
    }

    private static BaseRuntimeChildDefinition checkedChild(BaseRuntimeElementCompositeDefinition<?> parent,
                                                           String at, String token, boolean resourceLevel) {
        if (!ELEMENT.matcher(token).matches()) {
            throw new IllegalArgumentException("cannot read '" + token + "' after '" + at + "'");
        }
        BaseRuntimeChildDefinition child = parent.getChildByName(token);
        if (child == null) {
            throw new IllegalArgumentException("'" + at + "' has no element '" + token + "'");
        }
        if (child instanceof RuntimeChildNarrativeDefinition) {
            throw new IllegalArgumentException("narrative text is never released");
        }
        if (child instanceof RuntimeChildContainedResources) {
            throw new IllegalArgumentException("contained resources are never released");
        }
        if (child instanceof RuntimeChildExtension) {
            throw new IllegalArgumentException("list extensions by URL: extension('<url>')");
        }
        if (resourceLevel && "meta".equals(token)) {
            throw new IllegalArgumentException("meta is not listed: only confidentiality labels are released");
        }
        if (!resourceLevel && "id".equals(token)) {
            throw new IllegalArgumentException("element ids are never released");
        }
        return child;
    }

    private static PathStep withCondition(List<PathStep> steps, BaseRuntimeElementCompositeDefinition<?> current,
                                          String at, String childName, String literal) {
        if (steps.isEmpty() || steps.get(steps.size() - 1).isExtension() || current == null
                || steps.get(steps.size() - 1).where() != null) {
            throw new IllegalArgumentException("where(...) must follow a complex element");
        }
        BaseRuntimeChildDefinition child = current.getChildByName(childName);
        if (child == null || child.getChildByName(childName) instanceof BaseRuntimeElementCompositeDefinition<?>) {
            throw new IllegalArgumentException("where(...) must test a primitive element of '" + at + "'");
        }
        PathStep last = steps.remove(steps.size() - 1);
        return PathStep.element(last.property(), last.typeFilter(), new PathStep.Condition(childName, literal));
    }

    /** Splits on dots outside quotes and parentheses. */
    private static List<String> tokens(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty path");
        }
        List<String> out = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean quoted = false;
        int depth = 0;
        for (char c : text.strip().toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            }
            if (c == '.' && !quoted && depth == 0) {
                out.add(token.toString());
                token.setLength(0);
            } else {
                token.append(c);
            }
        }
        out.add(token.toString());
        if (quoted || depth != 0 || out.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("unbalanced quotes or parentheses, or an empty step");
        }
        return out;
    }
}
