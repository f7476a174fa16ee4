package org.seamless.adapters.spi;

/**
 * What the runtime gives an adapter instance.
 *
 * @param jmsComponent name of the Camel JMS component connected as this agency's own broker user
 * @param rejected     where to keep input the adapter rejects
 */
public record AdapterContext(String jmsComponent, RejectedInputStore rejected) {
}
