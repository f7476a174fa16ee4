/**
 * The disclosure ledger: one hash-chained entry per release and acknowledgement, checkpoints and verification.
 */
package org.seamless.ledger;
