/**
 * Wiring of the application: configuration, the broker and its users, cluster jobs, security, the published API description and the demo stand-ins for agencies' own systems. Nothing here handles a message.
 */
package org.seamless.app;
