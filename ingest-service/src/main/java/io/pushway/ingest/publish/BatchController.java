package io.pushway.ingest.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pushway.model.TopicAccess;
import io.pushway.web.InvalidRequestException;
import io.pushway.web.ProblemHandler;
import io.pushway.web.Problems;
import io.pushway.web.ServiceUnavailableException;
import io.pushway.web.openapi.ApiDocs;
import io.pushway.web.openapi.CommonProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
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
import java.util.Optional;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/messages/batch}: 1..500 messages, each validated on its own; the answer lists
 * one result per item, in order — accepted with its id, or rejected with a problem. The valid items
 * are written to Kafka together, in item order, so items for one recipient arrive in that order; if
 * Kafka fails, every valid item gets a 503 problem and nothing is published. A body that is not
 * JSON, or not {@code {"messages":[...]}}, is rejected as a whole.
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
    @Operation(operationId = "publishBatch", tags = "publish", summary = "Publish 1..500 messages; one result per item, in order",
            description = "Each item is validated on its own; the valid ones are written to Kafka together, in item "
                    + "order. If Kafka fails, every valid item gets a 503 problem and nothing is published. A body that is not "
                    + "JSON, or not `{\"messages\":[...]}` with 1..500 items, is rejected as a whole (400).",
            security = @SecurityRequirement(name = ApiDocs.BEARER, scopes = "push.publish"))
    @ApiResponse(responseCode = "200", description = "One result per item.")
    @CommonProblems
    @ApiResponse(responseCode = "413", ref = ApiDocs.PROBLEM)
    @ApiResponse(responseCode = "415", ref = ApiDocs.PROBLEM)
    @ApiResponse(responseCode = "429", ref = ApiDocs.RETRY_LATER)
    Mono<BatchResult> publish(@RequestBody Batch batch, JwtAuthenticationToken caller, ServerWebExchange exchange) {
        if (batch.messages() == null || batch.messages().isEmpty() || batch.messages().size() > MAX_ITEMS) {
            throw new InvalidRequestException("messages", "must list 1 to " + MAX_ITEMS + " messages");
        }
        TopicAccess topics = PublishController.topicAccess(caller);
        List<Object> prepared = batch.messages().stream().map(node -> prepare(node, caller.getName(), topics)).toList();
        List<Publishing.Message> valid = prepared.stream()
                .filter(Publishing.Message.class::isInstance).map(Publishing.Message.class::cast).toList();
        Mono<ProblemDetail> written = valid.isEmpty() ? Mono.empty() : publishing.write(valid)
                .then(Mono.<ProblemDetail>empty())
                .onErrorResume(ServiceUnavailableException.class, e -> Mono.just(e.problem()));
        String statusUrls = PublishController.Accepted.statusUrls(exchange);
        return written.map(Optional::of).defaultIfEmpty(Optional.empty()).map(failure -> new BatchResult(
                prepared.stream().map(item -> item instanceof Publishing.Message m
                        ? failure.map(Item::rejected)
                                .orElseGet(() -> Item.accepted(PublishController.Accepted.of(m.id(), statusUrls)))
                        : Item.rejected((ProblemDetail) item)).toList()));
    }

    /** A valid item as a {@link Publishing.Message}, or the problem that rejects it. */
    private Object prepare(JsonNode node, String publisher, TopicAccess topics) {
        PublishRequest request;
        try {
            request = json.treeToValue(node, PublishRequest.class);
        } catch (JacksonException e) {
            return ProblemHandler.unreadableJson(e);
        }
        if (request == null) { // the item is JSON null
            return Problems.validation(List.of(new Problems.FieldError("", "has the wrong type or value")));
        }
        Set<ConstraintViolation<PublishRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            return Problems.validation(violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> new Problems.FieldError(path(v), v.getMessage())).toList());
        }
        try {
            return publishing.prepare(request, publisher, topics);
        } catch (InvalidRequestException e) {
            return Problems.validation(e.errors());
        } catch (TopicForbiddenException e) {
            return Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden", e.getReason());
        }
    }

    /** {@code recipients[2].<list element>} → {@code recipients[2]}. */
    private static String path(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replace(".<list element>", "");
    }

    /** The request body. */
    @Schema(name = "BatchRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record Batch(@ArraySchema(minItems = 1, maxItems = MAX_ITEMS, schema = @Schema(implementation = PublishRequest.class),
            arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED)) List<JsonNode> messages) {
    }

    /** The answer: one result per message, in request order. */
    record BatchResult(List<Item> results) {
    }

    /** One message's result: its HTTP-like status, and the accepted message or the problem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "BatchItemResult")
    record Item(@Schema(description = "202, or the problem's status.") int status, String id,
            @Schema(allowableValues = "ACCEPTED") String state, @Schema(format = "uri") String statusUrl, @Schema(description = "Why the item was rejected.") ProblemDetail problem) {

        static Item accepted(PublishController.Accepted accepted) {
            return new Item(HttpStatus.ACCEPTED.value(), accepted.id(), accepted.state().name(), accepted.statusUrl(), null);
        }

        static Item rejected(ProblemDetail problem) {
            return new Item(problem.getStatus(), null, null, null, problem);
        }
    }
}
