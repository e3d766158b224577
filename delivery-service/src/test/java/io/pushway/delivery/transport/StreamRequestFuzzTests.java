package io.pushway.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pushway.delivery.inbox.Feed;
import io.pushway.delivery.session.Cursor;
import io.pushway.model.Ids;
import io.pushway.model.TopicAccess;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Fuzzes what a stream or poll request is made of (docs/security.md#fuzzing): the token subject,
 * {@code topics} and the resume cursor, one per line of the input. {@link StreamRequest#parse} never
 * throws; it answers a valid request — the caller's inbox, then distinct, allowed topics, and a
 * cursor with one position per feed — or a 400/403 problem whose detail does not echo the input.
 */
class StreamRequestFuzzTests {

    private static final List<String> GRANTED = List.of("news.*", "alerts");
    private static final TopicAccess ACCESS = TopicAccess.of(GRANTED);
    private static final Set<String> DETAILS = Set.of(
            "the token subject is not a valid recipient id",
            "topics: must be up to " + StreamRequest.MAX_TOPICS
                    + " distinct comma-separated topic names matching " + Ids.REGEX,
            "the token may not subscribe to every requested topic (push_topics)",
            "Last-Event-ID: must be an event id received from this stream",
            "Last-Event-ID: must be an event id received from this stream (same topics)");

    @FuzzTest
    void streamRequestIsValidOrAClientError(byte[] input) {
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", 3);
        String subject = lines[0];
        String topics = lines.length > 1 ? lines[1] : null;
        String lastEventId = lines.length > 2 ? lines[2] : null;

        StreamRequest.Parsed parsed = StreamRequest.parse(caller(subject), topics, lastEventId);

        if (parsed instanceof StreamRequest.Invalid invalid) {
            assertThat(invalid.problem().getStatus())
                    .isIn(HttpStatus.BAD_REQUEST.value(), HttpStatus.FORBIDDEN.value());
            assertThat(invalid.problem().getDetail()).isIn(DETAILS);
            return;
        }
        StreamRequest request = ((StreamRequest.Valid) parsed).request();
        List<Feed> feeds = request.feeds();
        assertThat(feeds.get(0)).isEqualTo(Feed.inbox(subject));
        assertThat(feeds.subList(1, feeds.size())).hasSizeLessThanOrEqualTo(StreamRequest.MAX_TOPICS)
                .doesNotHaveDuplicates()
                .allSatisfy(feed -> {
                    assertThat(feed.kind()).isEqualTo(Feed.Kind.TOPIC);
                    assertThat(ACCESS.allows(feed.name())).isTrue();
                });
        assertThat(request.cursor().positions()).hasSameSizeAs(feeds);
        assertThat(Cursor.parse(request.cursor().toString(), feeds.size())).isEqualTo(request.cursor());
    }

    private static JwtAuthenticationToken caller(String subject) {
        return new JwtAuthenticationToken(Jwt.withTokenValue("token").header("alg", "RS256").subject(subject)
                .claim(TopicAccess.CLAIM, GRANTED).build());
    }
}
