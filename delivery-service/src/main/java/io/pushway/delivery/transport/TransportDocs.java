package io.pushway.delivery.transport;

import io.pushway.web.openapi.ApiDocs;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.List;

/**
 * The transports' part of the OpenAPI document: long texts for the route annotations, the event
 * schemas (the frames are written as text, see {@link Frames}, so they are described here), and the
 * WebSocket endpoint, which OpenAPI cannot model: its upgrade {@code GET}.
 */
final class TransportDocs {

    static final String TOPICS = "Up to 16 comma-separated topic names the token's `push_topics` allow, e.g. `news.sports,alerts`.";

    static final String STREAM = """
            Server-Sent Events of the caller's inbox and the `topics`. Events: `message` (data: `StreamEventData`), \
            `gap` (data: `Gap`: events older than the resume point are no longer retained), `reconnect` (data: \
            `{"reason":"shutdown"|"stalled"}`, then the stream ends; reconnect with the last event id). Comments: \
            `:subscribed` once every feed is live, then a heartbeat (`:hb`) every 15 s, skipped when an event was sent in the last 7.5 s. Event ids are cursors: resume \
            with `Last-Event-ID` (browsers send it) or `lastEventId`. Tokens: the `Authorization` header, the \
            `access_token` query parameter, or the stream cookie. 429: the user holds too many streams, or this \
            address makes too many connection attempts (with `Retry-After`). 503 `overloaded` (with \
            `Retry-After`): this replica holds its maximum of open streams; retry, another replica takes it.""";

    static final String STREAM_EXAMPLE = """
            :subscribed

            id:1764097200123-0
            event:message
            data:{"id":"019ab3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b","payload":{"text":"hi"},"createdAt":"2026-11-25T19:00:00.123Z"}

            """;

    static final String POLL = """
            The events after the cursor `after` (the previous answer's `next`), oldest first, up to `limit` per \
            feed (inbox and each topic), gaps included: the same events and cursors as the stream.""";

    private static final String WS = """
            WebSocket (upgrade `GET`) with the stream's events as JSON text frames \
            `{"id":"<cursor>","event":"message"|"gap"|"subscribed","data":{...}}`, ending with \
            `{"event":"reconnect","data":{"reason"}}` and close status 1012 (shutdown) or 1013 (stalled client). \
            Client frames `{"ack":"<message id>"}` acknowledge a message; the answer is \
            `{"event":"ack","data":{"id","result":"ACKNOWLEDGED"|"NOT_FOUND"|"EXPIRED"|"FAILED"}}`, any other frame \
            gets `{"event":"error"}`. Invalid or forbidden `topics` or `lastEventId`: closed at once with 1008; \
            too many streams, or a replica holding its maximum of streams: 1013. Browsers pass the token as `access_token`.""";

    private TransportDocs() {
    }

    /** Adds the event schemas and the WebSocket endpoint to {@code api}. */
    static void describe(OpenAPI api) {
        api.getComponents()
                .addSchemas("StreamEventData", new ObjectSchema().description("The data of a `message` event.")
                        .addProperty("id", new StringSchema().description("The message id: drop duplicates by it."))
                        .addProperty("topic", new StringSchema().description("Topic messages only."))
                        .addProperty("payload", new Schema<>().description("The published payload."))
                        .addProperty("createdAt", new StringSchema().format("date-time")))
                .addSchemas("Gap", new ObjectSchema().description("""
                                The data of a `gap` event: events of one feed between `after` and `lostUpTo` are no \
                                longer retained.""")
                        .addProperty("topic", new StringSchema().description("The topic, for a topic feed."))
                        .addProperty("inbox", new BooleanSchema().description("true for the inbox feed."))
                        .addProperty("after", new StringSchema())
                        .addProperty("lostUpTo", new StringSchema()))
                .addSchemas("EventData", new Schema<>().description("`StreamEventData` for `message`, `Gap` for `gap`.")
                        .oneOf(List.of(new Schema<>().$ref("StreamEventData"), new Schema<>().$ref("Gap"))));
        // A poll event's data is written raw (a String in PollHandler.Polled.Event): it is EventData.
        api.getComponents().getSchemas().get("PollEvent").addProperty("data", new Schema<>().$ref("EventData"));
        api.path("/api/v1/ws", new PathItem().get(new Operation().operationId("websocket").addTagsItem("subscribe")
                .summary("WebSocket: the stream's events as JSON frames; acks as client frames")
                .description(WS)
                .addParametersItem(new Parameter().in("query").name("topics").description(TOPICS).schema(new StringSchema()))
                .addParametersItem(new Parameter().in("query").name("lastEventId")
                        .description("The cursor to resume after.").schema(new StringSchema()))
                .security(List.of(scope(ApiDocs.BEARER), scope(ApiDocs.QUERY_TOKEN)))
                .responses(new ApiResponses()
                        .addApiResponse("101", new ApiResponse().description("Switching protocols: the WebSocket is open."))
                        .addApiResponse("400", problem(ApiDocs.PROBLEM))
                        .addApiResponse("401", problem(ApiDocs.PROBLEM))
                        .addApiResponse("403", problem(ApiDocs.PROBLEM))
                        .addApiResponse("429", problem(ApiDocs.RETRY_LATER)))));
    }

    private static SecurityRequirement scope(String scheme) {
        return new SecurityRequirement().addList(scheme, "push.subscribe");
    }

    private static ApiResponse problem(String name) {
        return new ApiResponse().$ref(name);
    }
}
