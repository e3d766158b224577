package io.pushway.delivery.transport;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.pushway.delivery.session.FeedEvent;
import io.pushway.delivery.session.Sessions;
import io.pushway.web.ProblemResponses;
import io.pushway.web.Problems;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/inbox?after=<cursor>&limit=100&topics=a,b}: polling for clients without streams.
 * The same events and cursors as the stream — per feed oldest first, up to {@code limit} per feed,
 * gaps included; {@code next} is the cursor for the following call.
 */
@Component
class PollHandler {

    static final int MAX_LIMIT = 100;

    private final Sessions sessions;

    PollHandler(Sessions sessions) {
        this.sessions = sessions;
    }

    Mono<ServerResponse> poll(ServerRequest request) {
        int limit;
        try {
            limit = Integer.parseInt(request.queryParam("limit").orElse(String.valueOf(MAX_LIMIT)));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return ProblemResponses.of(Problems.validation(List.of(
                    new Problems.FieldError("limit", "must be an integer from 1 to " + MAX_LIMIT))));
        }
        int pageSize = limit;
        return request.principal().cast(Authentication.class).flatMap(caller -> {
            StreamRequest.Parsed parsed = StreamRequest.parse(caller, request.queryParam("topics").orElse(null),
                    request.queryParam("after").orElse(null), "after");
            if (parsed instanceof StreamRequest.Invalid invalid) {
                return ProblemResponses.of(invalid.problem());
            }
            StreamRequest poll = ((StreamRequest.Valid) parsed).request();
            return sessions.poll(poll.feeds(), poll.cursor(), pageSize).flatMap(page -> ServerResponse.ok()
                    .contentType(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store")
                    .bodyValue(new Polled(page.events().stream().map(PollHandler::event).toList(), page.next().toString())));
        });
    }

    private static Polled.Event event(FeedEvent.Emitted emitted) {
        return emitted.event() instanceof FeedEvent.Message message
                ? new Polled.Event(emitted.cursor().toString(), "message", message.event().data())
                : new Polled.Event(emitted.cursor().toString(), "gap", Frames.gap((FeedEvent.Gap) emitted.event()));
    }


    /** The answer of a poll. */
    @Schema(name = "PollResult")
    record Polled(List<Event> events, @Schema(description = "The cursor for the next poll.") String next) {

        /** One event: the same id, name and data as on the stream. */
        @Schema(name = "PollEvent")
        record Event(@Schema(description = "The cursor after this event.") String id,
                @Schema(allowableValues = {"message", "gap"}) String event,
                @Schema(description = "EventData (set by TransportDocs).") @JsonRawValue String data) {
        }
    }
}
