package io.pushway.ingest.publish;

import io.pushway.model.DeliveryState;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/** {@code POST /api/v1/messages}: 202 with the message id once Kafka acknowledged it. */
@RestController
class PublishController {

    private final Publishing publishing;

    PublishController(Publishing publishing) {
        this.publishing = publishing;
    }

    @PostMapping(path = "/api/v1/messages", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Accepted>> publish(@Valid @RequestBody PublishRequest request,
            JwtAuthenticationToken caller, ServerWebExchange exchange) {
        return publishing.publish(request, caller.getName()).map(id -> {
            URI status = UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
                    .replacePath("/api/v1/messages/{id}").replaceQuery(null).build(id);
            return ResponseEntity.accepted().location(status)
                    .body(new Accepted(id, DeliveryState.ACCEPTED, status.toString()));
        });
    }

    /** The answer to an accepted publish. */
    record Accepted(String id, DeliveryState state, String statusUrl) {
    }
}
