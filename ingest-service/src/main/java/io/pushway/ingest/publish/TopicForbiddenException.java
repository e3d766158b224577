package io.pushway.ingest.publish;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The token's {@code push_topics} claim does not cover the topic: 403. */
class TopicForbiddenException extends ResponseStatusException {

    TopicForbiddenException() {
        super(HttpStatus.FORBIDDEN, "the token may not publish to this topic (push_topics)");
    }
}
