package org.seamless.hub.answers;

import java.time.Clock;
import org.hl7.fhir.r4.model.Bundle;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.registry.AgencyRegistry;
import org.seamless.hub.UnroutableMessageException;
import org.seamless.mappings.answer.NoticeAnswerMessages;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.ops.replay.InboundMessages;
import org.springframework.stereotype.Component;

/**
 * The hub's side of the answer back: a {@code notice-response} consumed from a local authority's
 * inbound address is checked again (the LA must have been released the notice), completed from
 * the kept notice with the subject and the stay, recorded in {@code notice_answer}, and addressed
 * to the one agency that sent the notice. The privacy chain then runs on it like on any leg.
 */
@Component
public class HubAnswers {
    private final AnswerValidation validation;
    private final InboundMessages inbound;
    private final NoticeAnswerLog log;
    private final AgencyRegistry registry;
    private final Clock clock;

    public HubAnswers(AnswerValidation validation, InboundMessages inbound, NoticeAnswerLog log,
                      AgencyRegistry registry, Clock clock) {
        this.validation = validation;
        this.inbound = inbound;
        this.log = log;
        this.registry = registry;
        this.clock = clock;
    }

    /** The completed response and the trust it goes back to. */
    public Completed complete(Bundle response, AgencyConfig answering, String responseMessageId) {
        AnswerValidation.Checked checked = validation.validate(response, answering);
        String noticeId = checked.answer().noticeMessageId();
        Bundle notice = inbound.find(noticeId).stream().filter(k -> k.sourceAgency().equals(checked.noticeSource()))
                .findFirst().map(k -> MessageBundles.parse(k.canonicalJson()))
                .orElseThrow(() -> new UnroutableMessageException("the notice this response answers is no longer kept"));
        AgencyConfig trust = registry.find(checked.noticeSource())
                .orElseThrow(() -> new UnroutableMessageException("the notice's source agency is no longer registered"));
        log.record(responseMessageId, checked.answer(), trust.id(), answering.id(), clock.instant());
        return new Completed(NoticeAnswerMessages.complete(response, notice, clock.instant()), trust);
    }

    /** A response ready for the privacy chain, and its one recipient. */
    public record Completed(Bundle message, AgencyConfig trust) {
    }
}
