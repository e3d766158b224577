package io.pushway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.pushway.model.KafkaNames;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The bad-input suite (docs/security.md): a table of malformed, oversize, mistyped, injected and
 * unauthenticated requests against the real services, each of which must be refused with the
 * documented 4xx as an RFC 9457 problem (or, where the HTTP server refuses before any Pushway code
 * runs, a bare 4xx), without reflecting the input. Over the whole table: no 5xx, not one record
 * written to {@value KafkaNames#MESSAGES}, and afterwards both services are ready and a normal
 * message still goes from publish to both delivery replicas. Prints its counts.
 */
class BadInputSystemTests {

    private final SystemStack stack = SystemStack.shared();
    private final Map<String, Integer> byExpected = new TreeMap<>();
    private final Map<String, Integer> byCategory = new LinkedHashMap<>();
    private final Map<String, Integer> byTransport = new TreeMap<>();
    private final Map<String, Integer> byAnswer = new TreeMap<>();
    private final List<String> failed = new ArrayList<>();
    private int serverErrors;

    @TestFactory
    Stream<DynamicNode> everyBadInputIsRefusedAndPublishesNothing() {
        Endpoints endpoints = new Endpoints(stack);
        List<BadInput> table = table(endpoints);
        Wire wire = new Wire(stack);
        long started = System.nanoTime();
        long recordsBefore = publishedRecords();
        Map<String, List<BadInput>> categories = table.stream()
                .collect(Collectors.groupingBy(BadInput::category, LinkedHashMap::new, Collectors.toList()));
        Stream<DynamicNode> cases = categories.entrySet().stream().map(category -> dynamicContainer(category.getKey(),
                category.getValue().stream().map(input -> dynamicTest(input.name(), () -> refused(wire, input)))));
        return Stream.concat(cases, Stream.of(dynamicTest("afterwards: nothing published, no 5xx, services healthy",
                () -> afterwards(endpoints, table.size(), recordsBefore, started))));
    }

    private List<BadInput> table(Endpoints endpoints) {
        List<BadInput> table = new ArrayList<>();
        for (CaseTable part : List.of(new BodyCases(endpoints), new ByteCases(endpoints),
                new TokenCases(endpoints, stack.keys()), new InjectionCases(endpoints), new ParameterCases(endpoints))) {
            table.addAll(part.rows());
        }
        return table;
    }

    private void refused(Wire wire, BadInput input) {
        Answer answer = wire.send(input.request());
        List<String> violations = Refusal.violations(input, answer);
        byExpected.merge(input.expected().label(), 1, Integer::sum);
        byCategory.merge(input.category(), 1, Integer::sum);
        byTransport.merge(answer.transport(), 1, Integer::sum);
        byAnswer.merge(answer.status() + (answer.isProblem() || answer.status() < 400 ? "" : " (no body)"), 1, Integer::sum);
        if (answer.status() >= 500) {
            serverErrors++;
        }
        if (!violations.isEmpty()) {
            failed.add(input.category() + " / " + input.name());
        }
        assertThat(violations).as("%s / %s", input.category(), input.name()).isEmpty();
    }

    private void afterwards(Endpoints endpoints, int total, long recordsBefore, long started) {
        long recordsAfter = publishedRecords();
        System.out.printf("[bad-input] %d cases in %d ms: %d refused as expected, %d not; 5xx: %d%n", total,
                (System.nanoTime() - started) / 1_000_000, total - failed.size(), failed.size(), serverErrors);
        System.out.printf("[bad-input] by expected answer: %s%n", byExpected);
        System.out.printf("[bad-input] by answer: %s%n", byAnswer);
        System.out.printf("[bad-input] by category: %s%n", byCategory);
        System.out.printf("[bad-input] by transport: %s%n", byTransport);
        System.out.printf("[bad-input] records in %s: %d before, %d after%n", KafkaNames.MESSAGES, recordsBefore,
                recordsAfter);
        failed.forEach(name -> System.out.printf("[bad-input] not as expected: %s%n", name));

        assertThat(serverErrors).as("5xx answers to bad input").isZero();
        assertThat(recordsAfter).as("records published by bad input").isEqualTo(recordsBefore);
        assertThat(stack.isReady(stack.ingest())).as("ingest ready").isTrue();
        stack.deliveries().forEach(replica -> assertThat(stack.isReady(replica)).as(replica.name() + " ready").isTrue());
        aNormalMessageStillGoesThrough(endpoints);
        assertThat(publishedRecords()).as("records after one normal message").isEqualTo(recordsAfter + 1);
    }

    /** Publishes one message and reads it from the inbox on every delivery replica, then acknowledges it. */
    private void aNormalMessageStillGoesThrough(Endpoints endpoints) {
        String recipient = "after-bad-input-" + endpoints.run;
        Api api = new Api(stack, endpoints.publisherName);
        HttpResponse<String> published = api.publish("{\"recipients\":[\"" + recipient + "\"],\"payload\":{\"ok\":true}}");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
        String id = (String) Api.parse(published.body()).get("id");
        String token = stack.token(recipient, "push.subscribe");
        for (SystemStack.Service replica : stack.deliveries()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    api.send("GET", replica.url("/api/v1/inbox"), token, null).body()).contains("\"id\":\"" + id + "\""));
        }
        assertThat(api.ack(stack.deliveries().get(0), recipient, id)).isEqualTo(204);
    }

    private long publishedRecords() {
        return KafkaOffsets.endOffsetSum(stack.bootstrap(), KafkaNames.MESSAGES);
    }
}
