package io.pushway.delivery.transport;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.pushway.delivery.inbox.EntryId;
import io.pushway.delivery.session.Sessions;
import io.pushway.model.Ids;
import io.pushway.web.Problems;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/inbox?after=<event id>&limit=100}: polling for clients without streams. The
 * same events as the stream, oldest first; {@code next} is the cursor for the following call.
 */
@Component
class PollHandler {

    static final int MAX_LIMIT = 100;

    private final Sessions sessions;

    PollHandler(Sessions sessions) {
        this.sessions = sessions;
    }

    Mono<ServerResponse> poll(ServerRequest request) {
        EntryId after;
        int limit;
        try {
            after = request.queryParam("after").filter(a -> !a.isEmpty()).map(EntryId::parse).orElse(EntryId.ZERO);
        } catch (IllegalArgumentException e) {
            return problem(Problems.validation(List.of(new Problems.FieldError("after", e.getMessage()))));
        }
        try {
            limit = Integer.parseInt(request.queryParam("limit").orElse(String.valueOf(MAX_LIMIT)));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return problem(Problems.validation(List.of(
                    new Problems.FieldError("limit", "must be an integer from 1 to " + MAX_LIMIT))));
        }
        int pageSize = limit;
        return request.principal().cast(Authentication.class).flatMap(auth -> Ids.isValid(auth.getName())
                ? sessions.poll(auth.getName(), after, pageSize).flatMap(page -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store")
                        .bodyValue(new Polled(page.events().stream()
                                .map(e -> new Polled.Event(e.entryId().toString(), "message", e.data())).toList(),
                                page.next().toString())))
                : problem(Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden",
                        "the token subject is not a valid recipient id")));
    }

    static Mono<ServerResponse> problem(ProblemDetail problem) {
        return ServerResponse.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(problem);
    }

    /** The answer of a poll. */
    record Polled(List<Event> events, String next) {

        /** One event: the same id, name and data as on the stream. */
        record Event(String id, String event, @JsonRawValue String data) {
        }
    }
}
