package org.seamless.ops.console.ops;

import jakarta.jms.JMSException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.seamless.ops.tracking.MessageTracking;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Dead letters and replay: {@code /console/dead-letters} (every agency's count and last failure),
 * {@code /console/dead-letters/{agency}} (each message with its last failure, and the replay form),
 * {@code POST .../replay} (operators, with a required reason), then {@code .../replays?m=...}, where
 * each replayed message's new generation is followed (htmx polls {@code /console/messages/{id}/progress}
 * every 2 s until every leg has settled).
 */
@Controller
@ConditionalOnProperty(name = "seamless.run-hub", havingValue = "true", matchIfMissing = true)
public class DeadLetterPages {
    private final DeadLetterConsole console;

    public DeadLetterPages(DeadLetterConsole console) {
        this.console = console;
    }

    @GetMapping("/console/dead-letters")
    @PreAuthorize(ConsoleRoles.VIEW)
    public String overview(Model model) throws JMSException {
        model.addAttribute("agencies", console.overview());
        return "console/ops/dead-letters";
    }

    @GetMapping("/console/dead-letters/{agencyId}")
    @PreAuthorize(ConsoleRoles.VIEW)
    public String agency(@PathVariable("agencyId") String agencyId, Model model, HttpServletResponse response)
            throws JMSException {
        return agencyPage(agencyId, model, response);
    }

    @PostMapping("/console/dead-letters/{agencyId}/replay")
    @PreAuthorize(ConsoleRoles.ACT)
    public String replay(@PathVariable("agencyId") String agencyId,
                         @RequestParam(name = "messageId", required = false) List<String> messageIds,
                         @RequestParam(name = "reason", required = false) String reason, Model model,
                         HttpServletResponse response) throws JMSException {
        List<DeadLetterConsole.Replayed> done;
        try {
            done = console.replay(agencyId, messageIds, reason);
        } catch (Reason.Invalid e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.getMessage().startsWith("Select") ? "messages" : "reason");
            model.addAttribute("reason", reason == null ? "" : reason);
            model.addAttribute("selected", messageIds == null ? List.of() : messageIds);
            return agencyPage(agencyId, model, response);
        }
        UriComponentsBuilder to = UriComponentsBuilder.fromPath("/console/dead-letters/{agency}/replays");
        done.forEach(r -> to.queryParam("m", r.ok() ? r.messageId() + ":" + r.generation() : r.messageId() + ":0"));
        return "redirect:" + to.buildAndExpand(agencyId).encode().toUriString();
    }

    /** After a replay: each message with the generation it was replayed as (0: it was not), followed live. */
    @GetMapping("/console/dead-letters/{agencyId}/replays")
    @PreAuthorize(ConsoleRoles.VIEW)
    public String replays(@PathVariable("agencyId") String agencyId,
                          @RequestParam(name = "m", required = false) List<String> replayed, Model model) {
        List<Progress> items = (replayed == null ? List.<String>of() : replayed).stream().limit(DeadLetterConsole.MAX_SELECTION)
                .map(DeadLetterPages::parse).map(p -> progress(p.messageId(), p.generation())).toList();
        model.addAttribute("agencyId", agencyId);
        model.addAttribute("items", items);
        return "console/ops/replays";
    }

    /** The htmx fragment: where the message's replay stands now; it stops polling once settled. */
    @GetMapping("/console/messages/{messageId}/progress")
    @PreAuthorize(ConsoleRoles.VIEW)
    public String progress(@PathVariable("messageId") String messageId,
                           @RequestParam(name = "generation", defaultValue = "1") int generation, Model model) {
        model.addAttribute("item", progress(messageId, generation));
        return "console/ops/replays :: progress";
    }

    /** A replayed message and where its generation stands. */
    public record Progress(String messageId, int generation, MessageTracking.MessageView view, boolean settled) {
    }

    private Progress progress(String messageId, int generation) {
        Optional<MessageTracking.MessageView> view = generation > 0 ? console.status(messageId) : Optional.empty();
        return new Progress(messageId, generation, view.orElse(null),
                generation <= 0 || view.map(v -> DeadLetterConsole.settled(v, generation)).orElse(false));
    }

    private record Replayed(String messageId, int generation) {
    }

    private static Replayed parse(String value) {
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return new Replayed(value, 0);
        }
        try {
            return new Replayed(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        } catch (NumberFormatException e) {
            return new Replayed(value, 0);
        }
    }

    private String agencyPage(String agencyId, Model model, HttpServletResponse response) throws JMSException {
        Optional<DeadLetterConsole.AgencyDeadLetters> found = console.list(agencyId);
        if (found.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("agencyId", agencyId);
            return "console/ops/not-found";
        }
        model.addAttribute("agency", found.get());
        model.addAttribute("canAct", ConsoleRoles.canAct());
        model.addAttribute("maxSelection", DeadLetterConsole.MAX_SELECTION);
        if (!model.containsAttribute("reason")) {
            model.addAttribute("reason", "");
            model.addAttribute("selected", List.of());
        }
        return "console/ops/dead-letter-agency";
    }
}
