package io.pushway.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.model.JsonCodec;
import org.junit.jupiter.api.Test;

/** The batch endpoint without a server: in-memory ports, the real codec and validator. */
class BatchControllerTests {

    @Test
    void aNullItemIsRejectedOnItsOwnNotAsAServerError() {
        BatchController.Batch batch = JsonCodec.mapper().readValue(
                "{\"messages\":[null,{\"recipients\":[\"alice\"],\"payload\":1}]}", BatchController.Batch.class);

        BatchController.BatchResult result = PublishFuzzing.batches()
                .publish(batch, PublishFuzzing.CALLER, PublishFuzzing.BATCH_EXCHANGE).block();

        assertThat(result.results()).extracting(BatchController.Item::status).containsExactly(400, 202);
        assertThat(result.results().get(0).problem().getDetail()).isEqualTo(": has the wrong type or value");
    }
}
