package io.pushway.ingest.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pushway.web.InvalidRequestException;
import io.pushway.web.ProblemHandler;
import io.pushway.web.Problems;
import io.pushway.web.ServiceUnavailableException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/messages/batch}: 1..500 messages, each validated and published on its own; the
 * answer lists one result per item, in order — accepted with its id, or rejected with a problem.
 * A body that is not JSON, or not {@code {"messages":[...]}}, is rejected as a whole.
 */
@RestController
class BatchController {

    /** Most messages per batch. */
    static final int MAX_ITEMS = 500;

    private final Publishing publishing;
    private final Validator validator;
    private final JsonMapper json;

    BatchController(Publishing publishing, Validator validator, JsonMapper json) {
        this.publishing = publishing;
        this.validator = validator;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/messages/batch", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<BatchResult> publish(@RequestBody Batch batch, JwtAuthenticationToken caller, ServerWebExchange exchange) {
        if (batch.messages() == null || batch.messages().isEmpty() || batch.messages().size() > MAX_ITEMS) {
            throw new InvalidRequestException("messages", "must list 1 to " + MAX_ITEMS + " messages");
        }
        return Flux.range(0, batch.messages().size())
                .flatMapSequential(i -> publishItem(batch.messages().get(i), caller.getName(), exchange), 16)
                .collectList()
                .map(BatchResult::new);
    }

    private Mono<Item> publishItem(JsonNode node, String publisher, ServerWebExchange exchange) {
        PublishRequest request;
        try {
            request = json.treeToValue(node, PublishRequest.class);
        } catch (JacksonException e) {
            return Mono.just(Item.rejected(ProblemHandler.unreadableJson(e)));
        }
        Set<ConstraintViolation<PublishRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            return Mono.just(Item.rejected(Problems.validation(violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> new Problems.FieldError(path(v), v.getMessage())).toList())));
        }
        return Mono.defer(() -> publishing.publish(request, publisher, null))
                .map(published -> Item.accepted(PublishController.Accepted.of(published.id(), exchange)))
                .onErrorResume(InvalidRequestException.class, e -> Mono.just(Item.rejected(Problems.validation(e.errors()))))
                .onErrorResume(ServiceUnavailableException.class, e -> Mono.just(Item.rejected(Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE, Problems.UNAVAILABLE, "Service unavailable", e.getMessage()))));
    }

    /** {@code recipients[2].<list element>} → {@code recipients[2]}. */
    private static String path(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replace(".<list element>", "");
    }

    /** The request body. */
    record Batch(List<JsonNode> messages) {
    }

    /** The answer: one result per message, in request order. */
    record BatchResult(List<Item> results) {
    }

    /** One message's result: its HTTP-like status, and the accepted message or the problem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(int status, String id, String state, String statusUrl, ProblemDetail problem) {

        static Item accepted(PublishController.Accepted accepted) {
            return new Item(HttpStatus.ACCEPTED.value(), accepted.id(), accepted.state().name(), accepted.statusUrl(), null);
        }

        static Item rejected(ProblemDetail problem) {
            return new Item(problem.getStatus(), null, null, null, problem);
        }
    }
}
