package org.seamless.privacy.decide;

import java.util.List;

/** The sharing rules (or routing table) cannot be used: every problem found, one per line, each naming its rule, event or recipient. */
public class SharingRulesException extends RuntimeException {
    private final List<String> problems;

    public SharingRulesException(String source, List<String> problems) {
        super(source + ": " + problems.size() + " problem(s)\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
