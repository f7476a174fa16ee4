package org.seamless.ops.console.messages;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /console/messages}: the message search (a GET form: its fields are ids, codes, states and times,
 * never personal data) and {@code /console/messages/{id}} a message's timeline. For operators and
 * auditors, as the tracking API (ADR 0047, ADR 0053).
 */
@Controller
public class MessagesConsoleController {
    public static final String PATH = "/console/messages";

    private final MessageSearch search;
    private final MessageTimeline timeline;
    private final AgencyRegistry registry;

    public MessagesConsoleController(MessageSearch search, MessageTimeline timeline, AgencyRegistry registry) {
        this.search = search;
        this.timeline = timeline;
        this.registry = registry;
    }

    /** The zone the pages show times in (the templates have no access to static fields). */
    @org.springframework.web.bind.annotation.ModelAttribute("zone")
    public java.time.ZoneId zone() {
        return org.seamless.ops.console.messages.SearchCriteria.ZONE;
    }

    @GetMapping(PATH)
    @PreAuthorize("hasAnyRole('OPERATOR', 'AUDITOR')")
    public String search(@RequestParam(name = "messageId", required = false) String messageId,
                         @RequestParam(name = "agency", required = false) String agency,
                         @RequestParam(name = "role", required = false) String role,
                         @RequestParam(name = "event", required = false) String event,
                         @RequestParam(name = "state", required = false) String state,
                         @RequestParam(name = "from", required = false) String from,
                         @RequestParam(name = "to", required = false) String to,
                         @RequestParam(name = "after", required = false) String after,
                         Model model) {
        SearchCriteria.Form form = new SearchCriteria.Form(nz(messageId), nz(agency), role == null ? "sender" : role,
                nz(event), nz(state), nz(from), nz(to));
        List<String> problems = new ArrayList<>();
        Optional<SearchCriteria> criteria = form.toCriteria(problems);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("agencies", registry.all().stream().map(AgencyConfig::id).sorted().toList());
        model.addAttribute("events", Arrays.stream(SeamlessEvent.values()).map(SeamlessEvent::code).toList());
        model.addAttribute("states", SearchCriteria.State.values());
        model.addAttribute("continued", after != null && !after.isBlank());
        if (criteria.isPresent()) {
            MessageSearch.Page page = search.search(criteria.get(), SearchCursor.decode(after), MessageSearch.PAGE_SIZE);
            model.addAttribute("page", page);
            model.addAttribute("nextUrl", page.next().map(c -> UriComponentsBuilder.fromPath(PATH)
                    .queryParam("messageId", form.messageId()).queryParam("agency", form.agency())
                    .queryParam("role", form.role()).queryParam("event", form.event()).queryParam("state", form.state())
                    .queryParam("from", form.from()).queryParam("to", form.to()).queryParam("after", c.encode())
                    .encode().build().toUriString()).orElse(null));
        }
        return "console/messages";
    }

    @GetMapping(PATH + "/{id}")
    @PreAuthorize("hasAnyRole('OPERATOR', 'AUDITOR')")
    public String timeline(@PathVariable("id") String id, @RequestParam(name = "source", required = false) String source,
                           Model model) {
        if (id.length() > 64) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        List<String> sources = timeline.sources(id).stream().filter(s -> source == null || s.equals(source)).toList();
        if (sources.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no message with this id");
        }
        if (sources.size() > 1) {
            model.addAttribute("messageId", id);
            model.addAttribute("sources", sources);
            return "console/message-sources";
        }
        model.addAttribute("timeline", timeline.of(id, sources.get(0)).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "console/message";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
