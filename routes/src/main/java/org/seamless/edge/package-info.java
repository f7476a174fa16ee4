/**
 * Inbound edges and the adapter runtime: the gate every edge hands messages to, the edges adapter types register (AdapterEdgesConfiguration), the sinks' runtime (AdapterRuntime) and the hub's side of the voluntary-sector JSON API (edge.vcs: the referral and mailbox tables behind the vcs-webhook type's VcsHub interface; the API itself is that type's servlet edge, ADR 0068).
 */
package org.seamless.edge;
