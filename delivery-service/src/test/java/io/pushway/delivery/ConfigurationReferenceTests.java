package io.pushway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.testsupport.ConfigurationReference;
import org.junit.jupiter.api.Test;

/** docs/operations.md lists every pushway.* property of this service with its real default. */
class ConfigurationReferenceTests {

    @Test
    void everyPropertyIsDocumentedWithItsDefault() {
        assertThat(ConfigurationReference.problems("delivery")).isEmpty();
    }
}
