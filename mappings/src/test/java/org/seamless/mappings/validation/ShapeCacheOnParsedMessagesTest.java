package org.seamless.mappings.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNotices;

/**
 * Notices as the edge sees them (parsed from JSON, so HAPI has set each entry resource's id to its
 * {@code urn:uuid:} fullUrl) share a shape when only their values differ: the second one takes the
 * fast path. Found by the notice throughput benchmark, where every message went to the full
 * validator because the uuid in the id was part of the shape.
 */
class ShapeCacheOnParsedMessagesTest {

    @Test
    void parsedNoticesOfTheSameShapeAreValidatedOnceInFull() {
        ProfiledMessageValidator validator = new ProfiledMessageValidator(100);
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(validator.validate(MessageBundles.parse(TestNotices.discharge(seed).json()))).isEmpty();
        }
        assertThat(validator.fastValidations()).isPositive();
        assertThat(validator.fullValidations()).isLessThan(5);
    }
}
