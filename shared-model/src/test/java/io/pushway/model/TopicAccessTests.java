package io.pushway.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicAccessTests {

    @Test
    void namesAndPrefixPatternsGrantAccess() {
        TopicAccess access = TopicAccess.of(List.of("alerts", "news.*"));
        assertThat(access.allows("alerts")).isTrue();
        assertThat(access.allows("news.sports")).isTrue();
        assertThat(access.allows("news.sports.eu")).isTrue();
        assertThat(access.allows("news")).isFalse();
        assertThat(access.allows("newsletter")).isFalse();
        assertThat(access.allows("alerts.high")).isFalse();
    }

    @Test
    void noClaimMeansNoLimitAndAnEmptyClaimMeansNoTopic() {
        assertThat(TopicAccess.of(null).allows("anything")).isTrue();
        assertThat(TopicAccess.of(List.of()).allows("anything")).isFalse();
    }
}
