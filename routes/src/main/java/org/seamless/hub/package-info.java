/**
 * The hub: consumes every agency's inbound address, hands each message to its event family's intake (hub.intake), resolves recipients and runs the privacy chain once per recipient; the only sender to outbound addresses. Sub-packages hold each family's hub logic (alerts, answers, consent, d2a, d2aclock).
 */
package org.seamless.hub;
