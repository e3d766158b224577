package io.pushway.delivery.transport;

import io.pushway.delivery.inbox.Feed;
import io.pushway.delivery.session.Cursor;
import io.pushway.model.Ids;
import io.pushway.model.TopicAccess;
import io.pushway.web.Problems;
import io.pushway.web.ServiceUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * What a stream subscribes to — the caller's inbox plus the topics of {@code topics=a,b} — and where
 * it resumes, checked against the token: its subject is the recipient, its {@code push_topics}
 * claim bounds the topics. Shared by the SSE and WebSocket transports.
 */
record StreamRequest(List<Feed> feeds, Cursor cursor) {

    /** Most topics one stream may carry. */
    static final int MAX_TOPICS = 16;
    private static final Duration RETRY_FULL = Duration.ofSeconds(1);

    /** The request, or the problem that rejects it. */
    sealed interface Parsed {
    }

    record Valid(StreamRequest request) implements Parsed {
    }

    record Invalid(ProblemDetail problem) implements Parsed {
    }

    /** The problem for a user who already holds the maximum number of streams on this replica. */
    static ProblemDetail tooManyStreams() {
        return Problems.of(HttpStatus.TOO_MANY_REQUESTS, Problems.TOO_MANY_STREAMS, "Too many streams",
                "this user already holds the maximum number of open streams; close one first");
    }

    /** The error for a stream this replica has no room for: 503 {@code overloaded}, retry (another replica). */
    static ServiceUnavailableException replicaFull() {
        return new ServiceUnavailableException(Problems.OVERLOADED,
                "this replica holds its maximum of open streams; retry shortly", RETRY_FULL, null);
    }

    static Parsed parse(Authentication caller, String topicsParam, String lastEventId) {
        return parse(caller, topicsParam, lastEventId, "Last-Event-ID");
    }

    /** As {@link #parse(Authentication, String, String)}, naming the cursor parameter {@code cursorName} in errors. */
    static Parsed parse(Authentication caller, String topicsParam, String lastEventId, String cursorName) {
        if (!Ids.isValid(caller.getName())) {
            return new Invalid(Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden",
                    "the token subject is not a valid recipient id"));
        }
        List<Feed> feeds = new ArrayList<>(List.of(Feed.inbox(caller.getName())));
        Set<String> topics = new LinkedHashSet<>(topicsParam == null || topicsParam.isEmpty()
                ? List.of() : List.of(topicsParam.split(",", -1)));
        if (topics.size() > MAX_TOPICS || !topics.stream().allMatch(Ids::isValid)) {
            return new Invalid(Problems.validation(List.of(new Problems.FieldError("topics",
                    "must be up to " + MAX_TOPICS + " distinct comma-separated topic names matching " + Ids.REGEX))));
        }
        TopicAccess access = TopicAccess.of(caller instanceof JwtAuthenticationToken jwt
                ? jwt.getToken().getClaimAsStringList(TopicAccess.CLAIM) : List.of());
        if (!topics.stream().allMatch(access::allows)) {
            return new Invalid(Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden",
                    "the token may not subscribe to every requested topic (push_topics)"));
        }
        topics.forEach(topic -> feeds.add(Feed.topic(topic)));
        try {
            return new Valid(new StreamRequest(feeds, Cursor.parse(lastEventId, feeds.size())));
        } catch (IllegalArgumentException e) {
            return new Invalid(Problems.validation(List.of(new Problems.FieldError(cursorName, e.getMessage()))));
        }
    }
}
