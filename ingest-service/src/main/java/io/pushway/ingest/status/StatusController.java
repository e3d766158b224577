package io.pushway.ingest.status;

import io.pushway.model.MessageIds;
import io.pushway.web.InvalidRequestException;
import io.pushway.web.SecurityChains;
import io.pushway.web.openapi.ApiDocs;
import io.pushway.web.openapi.CommonProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** {@code GET /api/v1/messages/{id}}: the delivery status of a message, for its publisher or an admin. */
@RestController
class StatusController {

    /** Recipients per page of status detail. */
    static final int MAX_PAGE = 100;

    private final StatusReader reader;

    StatusController(StatusReader reader) {
        this.reader = reader;
    }

    @GetMapping("/api/v1/messages/{id}")
    @Operation(operationId = "status", tags = "status", summary = "Delivery status of a message",
            description = "For the message's publisher (scope `push.status`) or an admin (`push.admin`); anyone "
                    + "else gets 404. Past 100 recipients the detail is paged: follow `next`.",
            security = {@SecurityRequirement(name = ApiDocs.BEARER, scopes = "push.status"),
                @SecurityRequirement(name = ApiDocs.BEARER, scopes = "push.admin")})
    @ApiResponse(responseCode = "200", description = "The status.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = MessageStatus.class)))
    @CommonProblems
    @ApiResponse(responseCode = "404", ref = ApiDocs.PROBLEM)
    @ApiResponse(responseCode = "503", ref = ApiDocs.RETRY_LATER)
    Mono<MessageStatus> status(@Parameter(description = "The message id (UUIDv7).") @PathVariable String id,
            @Parameter(description = "First recipient of the page.",
                    schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
            @RequestParam(required = false) String offset,
            @Parameter(description = "Recipients per page.",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "100"))
            @RequestParam(required = false) String limit,
            JwtAuthenticationToken caller) {
        int from = offset == null ? 0 : parse("offset", offset, 0, Integer.MAX_VALUE);
        int size = limit == null ? MAX_PAGE : parse("limit", limit, 1, MAX_PAGE);
        if (!MessageIds.isValid(id)) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        boolean admin = caller.getAuthorities().stream()
                .anyMatch(a -> SecurityChains.ADMIN.equals(a.getAuthority()));
        return reader.read(id, caller.getName(), admin, from, size)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }

    private static int parse(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException(name, "must be an integer from " + min + " to " + max);
    }
}
