package io.pushway.ingest.publish;

import static io.pushway.ingest.publish.PublishFuzzing.assertClientError;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pushway.model.JsonCodec;
import io.pushway.model.MessageIds;
import io.pushway.web.InvalidRequestException;
import io.pushway.web.Problems;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;

/**
 * Fuzzes {@code POST /api/v1/messages/batch} bodies through the JSON codec and the real
 * {@link BatchController} (docs/security.md#fuzzing): a body is rejected whole as a client error, or
 * answered with one result per item in order — accepted with a message id, or a 4xx problem.
 */
class BatchFuzzTests {

    private static final BatchController BATCHES = PublishFuzzing.batches();

    @DictionaryFile(resourcePath = "publish.dict")
    @FuzzTest
    void batchIsRejectedWholeOrAnsweredPerItem(byte[] body) {
        BatchController.Batch batch;
        try {
            batch = JsonCodec.mapper().readValue(body, BatchController.Batch.class);
        } catch (JacksonException e) {
            assertClientError(PublishFuzzing.unreadable(e));
            return;
        }
        if (batch == null) {
            return; // JSON null: no body, which WebFlux answers with 400
        }
        BatchController.BatchResult result;
        try {
            result = BATCHES.publish(batch, PublishFuzzing.CALLER, PublishFuzzing.BATCH_EXCHANGE).block();
        } catch (InvalidRequestException e) {
            assertClientError(Problems.validation(e.errors()));
            return;
        }
        assertThat(result.results()).hasSameSizeAs(batch.messages()).allSatisfy(item -> {
            if (item.status() == HttpStatus.ACCEPTED.value()) {
                assertThat(MessageIds.isValid(item.id())).isTrue();
                assertThat(item.statusUrl()).isEqualTo("https://localhost:8443/api/v1/messages/" + item.id());
            } else {
                assertThat(item.problem().getStatus()).isEqualTo(item.status());
                assertClientError(item.problem());
            }
        });
    }
}
