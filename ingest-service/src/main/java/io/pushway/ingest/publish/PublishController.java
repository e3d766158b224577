package io.pushway.ingest.publish;

import io.pushway.model.DeliveryState;
import io.pushway.model.TopicAccess;
import jakarta.validation.Valid;
import io.pushway.web.InvalidRequestException;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/messages}: 202 with the message id once Kafka acknowledged it; 200 with the first
 * message's id for a repeated {@code Idempotency-Key}.
 */
@RestController
class PublishController {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final Publishing publishing;

    PublishController(Publishing publishing) {
        this.publishing = publishing;
    }

    @PostMapping(path = "/api/v1/messages", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Accepted>> publish(@Valid @RequestBody PublishRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            JwtAuthenticationToken caller, ServerWebExchange exchange) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidRequestException("Idempotency-Key", "must be 1 to 128 visible ASCII characters");
        }
        return publishing.publish(request, caller.getName(), topicAccess(caller), idempotencyKey).map(published -> {
            Accepted body = Accepted.of(published.id(), exchange);
            return ResponseEntity.status(published instanceof Publishing.Published.Duplicate
                    ? HttpStatus.OK : HttpStatus.ACCEPTED).location(URI.create(body.statusUrl())).body(body);
        });
    }

    /** The topics the caller's token may publish to ({@code push_topics}). */
    static TopicAccess topicAccess(JwtAuthenticationToken caller) {
        return TopicAccess.of(caller.getToken().getClaimAsStringList(TopicAccess.CLAIM));
    }

    /** The answer to an accepted publish; {@code state} is the state at acceptance. */
    record Accepted(String id, DeliveryState state, String statusUrl) {

        static Accepted of(String id, ServerWebExchange exchange) {
            URI status = UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
                    .replacePath("/api/v1/messages/{id}").replaceQuery(null).build(id);
            return new Accepted(id, DeliveryState.ACCEPTED, status.toString());
        }
    }
}
