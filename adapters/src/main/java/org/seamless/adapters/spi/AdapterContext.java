package org.seamless.adapters.spi;

/**
 * What the runtime gives an adapter instance.
 *
 * @param jmsComponent name of the Camel JMS component connected as this agency's own broker user
 * @param rejected     where to keep input the adapter rejects
 * @param deliveries   where the adapter's sink reports deliveries and business refusals
 * @param gate         where the adapter's inbound edge (e.g. a file inbox) hands canonical messages
 */
public record AdapterContext(String jmsComponent, RejectedInputStore rejected, DeliveryJournal deliveries,
                             InboundGate gate) {
}
