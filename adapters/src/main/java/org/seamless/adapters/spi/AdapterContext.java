package org.seamless.adapters.spi;

/**
 * What the runtime gives an adapter instance.
 *
 * @param jmsComponent name of the Camel JMS component connected as this agency's own broker user
 * @param rejected     where to keep input the adapter rejects
 * @param deliveries   where the adapter's sink reports deliveries and business refusals
 * @param gate         where the adapter's inbound edge (e.g. a file inbox) hands canonical messages
 * @param mailbox      where a sink keeps what it released (pull inbox, delivered referrals)
 * @param alertState   an LA adapter's memory of the alerts it sent (null where the runtime has none)
 * @param sinkKeys     where sinks keep delivered keys, shared across instances (null: the adapter's own file)
 * @param transfers    where a sink whose transport confirms later keeps what it handed over (null where the
 *                     runtime has no database; a type that needs it refuses to start)
 * @param pds          PDS tracing for edges that receive records without a verified NHS number (null: PDS not
 *                     configured; ADR 0079)
 */
public record AdapterContext(String jmsComponent, RejectedInputStore rejected, DeliveryJournal deliveries,
                             InboundGate gate, AgencyMailbox mailbox, AlertExtractState alertState,
                             SinkKeyStores sinkKeys, PendingTransfers transfers,
                             org.seamless.adapters.pds.PdsTracing pds) {

    /**
     * The route configuration every sink route must use ({@code .routeConfigurationId(...)}): the
     * runtime's one outage policy for transient failures (the agency's circuit, Retry-After, the
     * delivery deadline). The runtime refuses to start a sink route without it.
     */
    public static final String SINK_ROUTE_CONFIGURATION = "seamless-sink-outage-policy";

    public AdapterContext {
        mailbox = mailbox == null ? AgencyMailbox.NONE : mailbox;
    }

    /** A context without a register of pending transfers or PDS tracing. */
    public AdapterContext(String jmsComponent, RejectedInputStore rejected, DeliveryJournal deliveries,
                          InboundGate gate, AgencyMailbox mailbox, AlertExtractState alertState,
                          SinkKeyStores sinkKeys) {
        this(jmsComponent, rejected, deliveries, gate, mailbox, alertState, sinkKeys, null, null);
    }

    /** A context whose sinks keep their keys in the adapter's own state folder. */
    public AdapterContext(String jmsComponent, RejectedInputStore rejected, DeliveryJournal deliveries,
                          InboundGate gate, AgencyMailbox mailbox, AlertExtractState alertState) {
        this(jmsComponent, rejected, deliveries, gate, mailbox, alertState, null);
    }

    /** A context without a mailbox or alert state. */
    public AdapterContext(String jmsComponent, RejectedInputStore rejected, DeliveryJournal deliveries,
                          InboundGate gate) {
        this(jmsComponent, rejected, deliveries, gate, AgencyMailbox.NONE, null);
    }
}
