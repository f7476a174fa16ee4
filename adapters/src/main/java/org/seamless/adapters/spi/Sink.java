package org.seamless.adapters.spi;

import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.seamless.adapters.failure.TransientDeliveryException;

/**
 * What an adapter type supplies to deliver to one agency: the delivery step and the exception that
 * means "the partner is away, try later". Everything around it (the consumer of the agency's outbound
 * address, the broker transaction, the idempotency key, the delivery journal of repeats, the quiet
 * retry and the circuit breaker) is {@link AgencySinkRoute}'s, the same for every adapter type.
 * <p>The delivery step records a delivery or a business refusal in the {@link AdapterContext#deliveries()
 * delivery journal}, throws {@link #retryLater()} (or any {@link TransientDeliveryException}) when the
 * partner is away, and any other exception to roll the broker transaction back.
 */
public interface Sink {

    /** Short name of the delivery, e.g. {@code fhir}: the sink route is {@code adapter-<agency>-<name>-sink}. */
    String name();

    /** The node id suffix of the delivery step ({@code adapter-<agency>-<step>}), e.g. {@code fhir-push}. */
    default String step() {
        return name() + "-send";
    }

    /** Delivers one released message (body and broker headers as consumed). */
    void deliver(Exchange exchange) throws Exception;

    /** The exception this sink throws when the partner is away or busy; the outage policy makes the message wait. */
    default Class<? extends TransientDeliveryException> retryLater() {
        return TransientDeliveryException.class;
    }

    /**
     * Where the sink keeps the keys it delivered, for partners that cannot recognise a repeat themselves
     * (a file drop); null (the default) when the partner is idempotent by the message's own id.
     */
    default IdempotentRepository deliveredKeys() {
        return null;
    }

    /**
     * The journal's detail for a message the {@link #deliveredKeys()} say was delivered already (a
     * redelivery after a crash between the delivery and the broker commit): it is acknowledged again.
     */
    default String repeatDetail() {
        return "already delivered; acknowledged again after a redelivery";
    }
}
