package io.pushway.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.json.JsonParserFactory;

/** The public API as a publisher (and an acknowledging subscriber) calls it, over HTTPS. */
final class Api {

    private final SystemStack stack;
    private final String publisher;
    private final String ingest;

    Api(SystemStack stack, String publisherName) {
        this(stack, publisherName, stack.ingest().url(""));
    }

    /** The API at {@code ingestBase} (e.g. a load balancer's {@code https://localhost:port}). */
    Api(SystemStack stack, String publisherName, String ingestBase) {
        this.stack = stack;
        this.publisher = stack.token(publisherName, "push.publish", "push.status");
        this.ingest = ingestBase;
    }

    /**
     * Publishes one message per entry of {@code recipients} (item i to recipients[i]) in one batch
     * request; returns the id of each accepted item, or {@code null} where an item was not accepted.
     */
    List<String> publishBatch(List<String> recipients, String payload) {
        StringBuilder body = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < recipients.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"recipients\":[\"").append(recipients.get(i))
                    .append("\"],\"payload\":").append(payload).append('}');
        }
        HttpResponse<String> response = send("POST", ingest + "/api/v1/messages/batch", publisher,
                body.append("]}").toString());
        List<String> ids = new ArrayList<>();
        if (response.statusCode() != 200) {
            recipients.forEach(r -> ids.add(null));
            return ids;
        }
        for (Object item : (List<?>) parse(response.body()).get("results")) {
            Map<?, ?> result = (Map<?, ?>) item;
            ids.add(Integer.valueOf(202).equals(result.get("status")) ? (String) result.get("id") : null);
        }
        return ids;
    }

    /** Publishes one message; returns the response. */
    HttpResponse<String> publish(String body) {
        return send("POST", ingest + "/api/v1/messages", publisher, body);
    }

    /** The status document of a message. */
    Map<String, Object> status(String id) {
        return parse(send("GET", ingest + "/api/v1/messages/" + id, publisher, null).body());
    }

    /** Acknowledges {@code id} as {@code recipient}; returns the HTTP status. */
    int ack(SystemStack.Service replica, String recipient, String id) {
        return send("POST", replica.url("/api/v1/messages/" + id + "/ack"), stack.token(recipient, "push.subscribe"), "")
                .statusCode();
    }

    HttpResponse<String> send(String method, String url, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(java.time.Duration.ofSeconds(30));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return stack.https().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> parse(String json) {
        return JsonParserFactory.getJsonParser().parseMap(json);
    }
}
