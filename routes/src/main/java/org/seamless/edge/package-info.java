/**
 * Inbound edges and the adapter runtime: the gate every edge hands messages to, the edges adapter types register (AdapterEdgesConfiguration), the sinks' runtime (AdapterRuntime) and the voluntary-sector JSON API (edge.vcs), which needs the hub's stores and so lives here rather than in its adapter type (ADR 0068).
 */
package org.seamless.edge;
