/**
 * What operators and auditors use: message tracking, replay, delivery reliability (circuit breakers, the sinks' outage policy), the console, metrics, the operations API, PDS tracing (`pds`: the client wiring, the stored answers, the work queue and match-rate report, ADR 0079), and the care of stored data over time (encryption at rest, retention).
 */
package org.seamless.ops;
