package io.pushway.delivery.ack;

import io.pushway.delivery.status.Acknowledgement;
import io.pushway.delivery.status.DeliveryStatus;
import io.pushway.model.Ids;
import io.pushway.model.MessageIds;
import io.pushway.web.Problems;
import io.pushway.web.openapi.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/messages/{id}/ack}: the token's subject confirms it processed a message. 204
 * (also when repeated); 404 when the message is not the caller's; 409 when it already expired.
 */
@RestController
class AckController {

    private final DeliveryStatus status;

    AckController(DeliveryStatus status) {
        this.status = status;
    }

    @PostMapping("/api/v1/messages/{id}/ack")
    @Operation(operationId = "acknowledge", tags = "acknowledge", summary = "Acknowledge a message as its recipient",
            description = "Moves the caller's delivery state to ACKNOWLEDGED and removes the message from the inbox. "
                    + "404 when the message is not the caller's; 409 when it already EXPIRED or FAILED.",
            security = {@SecurityRequirement(name = ApiDocs.BEARER, scopes = "push.subscribe"),
                @SecurityRequirement(name = ApiDocs.QUERY_TOKEN, scopes = "push.subscribe")})
    @ApiResponse(responseCode = "204", description = "ACKNOWLEDGED, now or before.", content = @Content)
    @ApiResponse(responseCode = "400", ref = ApiDocs.PROBLEM)
    @ApiResponse(responseCode = "401", ref = ApiDocs.PROBLEM)
    @ApiResponse(responseCode = "403", ref = ApiDocs.PROBLEM)
    @ApiResponse(responseCode = "404", ref = ApiDocs.PROBLEM)
    @ApiResponse(responseCode = "409", ref = ApiDocs.PROBLEM)
    @ApiResponse(responseCode = "503", ref = ApiDocs.RETRY_LATER)
    Mono<ResponseEntity<ProblemDetail>> acknowledge(@Parameter(description = "The message id (UUIDv7).") @PathVariable String id,
            Authentication caller) {
        if (!MessageIds.isValid(id) || !Ids.isValid(caller.getName())) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        return status.acknowledge(caller.getName(), id).map(AckController::response);
    }

    private static ResponseEntity<ProblemDetail> response(Acknowledgement outcome) {
        if (outcome instanceof Acknowledgement.Final terminal) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.of(HttpStatus.CONFLICT, Problems.CONFLICT,
                    "Cannot acknowledge", "the message is " + terminal.state() + " and can no longer be acknowledged"));
        }
        if (outcome instanceof Acknowledgement.Unknown) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return ResponseEntity.noContent().build();
    }
}
