package io.pushway.ingest.publish;

import io.pushway.model.DeliveryState;
import io.pushway.model.TopicAccess;
import io.pushway.web.InvalidRequestException;
import io.pushway.web.openapi.ApiDocs;
import io.pushway.web.openapi.CommonProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
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
    @Operation(operationId = "publish", tags = "publish", summary = "Publish one message to recipients or to a topic",
            description = "Answered only after Kafka acknowledged the message for every recipient. 403 also when "
                    + "the token's `push_topics` do not allow the topic; 409 while a request with the same "
                    + "Idempotency-Key is in progress; 503 when Kafka or Redis is unavailable (nothing was published).",
            security = @SecurityRequirement(name = ApiDocs.BEARER, scopes = "push.publish"),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
                @ExampleObject(name = "direct", description = "To two recipients, high priority, for an hour.",
                        value = PublishRequest.DIRECT_EXAMPLE),
                @ExampleObject(name = "topic", description = "To every subscriber of a topic.",
                        value = PublishRequest.TOPIC_EXAMPLE)})))
    @ApiResponse(responseCode = "202", description = "Accepted: durably in Kafka.",
            headers = @Header(name = "Location", description = "The status URL.", schema = @Schema(type = "string", format = "uri")))
    @ApiResponse(responseCode = "200", description = "A repeat of an earlier request with the same Idempotency-Key; nothing was published.")
    @CommonProblems
    @ApiResponse(responseCode = "409", ref = ApiDocs.RETRY_LATER)
    @ApiResponse(responseCode = "413", ref = ApiDocs.PROBLEM)
    @ApiResponse(responseCode = "415", ref = ApiDocs.PROBLEM)
    @ApiResponse(responseCode = "429", ref = ApiDocs.RETRY_LATER)
    @ApiResponse(responseCode = "503", ref = ApiDocs.RETRY_LATER)
    Mono<ResponseEntity<Accepted>> publish(@Valid @RequestBody PublishRequest request,
            @Parameter(description = "The same publisher with the same key within 24 h gets the first message's id (200).",
                    schema = @Schema(pattern = "^[\\x21-\\x7E]{1,128}$"))
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            JwtAuthenticationToken caller, ServerWebExchange exchange) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidRequestException("Idempotency-Key", "must be 1 to 128 visible ASCII characters");
        }
        return publishing.publish(request, caller.getName(), topicAccess(caller), idempotencyKey).map(published -> {
            Accepted body = Accepted.of(published.id(), Accepted.statusUrls(exchange));
            return ResponseEntity.status(published instanceof Publishing.Published.Duplicate
                    ? HttpStatus.OK : HttpStatus.ACCEPTED).location(URI.create(body.statusUrl())).body(body);
        });
    }

    /** The topics the caller's token may publish to ({@code push_topics}). */
    static TopicAccess topicAccess(JwtAuthenticationToken caller) {
        return TopicAccess.of(caller.getToken().getClaimAsStringList(TopicAccess.CLAIM));
    }

    /** The answer to an accepted publish; {@code state} is the state at acceptance. */
    record Accepted(@Schema(description = "The message id (UUIDv7).") String id,
            @Schema(allowableValues = "ACCEPTED") DeliveryState state,
            @Schema(format = "uri") String statusUrl) {

        static Accepted of(String id, String statusUrls) {
            return new Accepted(id, DeliveryState.ACCEPTED, statusUrls + id);
        }

        /**
         * The status URL of a message accepted by this request, less its id (which needs no encoding):
         * {@code https://host/api/v1/messages/}. Built once per request, not per message of a batch.
         */
        static String statusUrls(ServerWebExchange exchange) {
            return UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
                    .replacePath("/api/v1/messages/").replaceQuery(null).build().toUriString();
        }
    }
}
