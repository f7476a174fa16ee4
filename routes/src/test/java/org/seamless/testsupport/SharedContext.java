package org.seamless.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An integration test class that runs in failsafe's {@code shared-context} execution (ADR 0090): one JVM, classes in
 * alphabetical order, one Spring context (and so one data directory, database schema and broker) for all of them,
 * instead of a JVM and a context start of their own. A class may carry it only when it
 * <ul>
 *   <li>extends {@link SeamlessTestBase} and changes nothing of its configuration: no properties of its own, no
 *       {@code ENV.withProperty}, no mock beans or test configuration (any of these makes a second context, whose
 *       broker would lock the first one's journal);</li>
 *   <li>asserts only on its own messages, people and files (by message id, NHS number, agency), never on a whole
 *       table's count or a whole outbox, which earlier classes have written to;</li>
 *   <li>leaves the context as it found it (routes it adds removed, switches reset).</li>
 * </ul>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(SharedContext.TAG)
public @interface SharedContext {
    /** The JUnit tag the failsafe executions select on (routes/pom.xml). */
    String TAG = "shared-context";
}
