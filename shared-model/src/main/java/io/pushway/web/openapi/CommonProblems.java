package io.pushway.web.openapi;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The four problem responses an authenticated operation that answers JSON documents together: 400
 * (invalid request), 401 (no or invalid token), 403 (missing scope or topic) and 406 (the client does
 * not accept JSON), each the {@link ApiDocs#PROBLEM Problem} response. springdoc reads the
 * {@code @ApiResponse}s of this meta-annotation as if they stood on the method; the operation lists its
 * other responses beside it, and one that answers only some of these four lists those itself.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ApiResponse(responseCode = "400", ref = ApiDocs.PROBLEM)
@ApiResponse(responseCode = "401", ref = ApiDocs.PROBLEM)
@ApiResponse(responseCode = "403", ref = ApiDocs.PROBLEM)
@ApiResponse(responseCode = "406", ref = ApiDocs.PROBLEM)
public @interface CommonProblems {
}
