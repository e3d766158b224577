package io.pushway.system;

import static io.pushway.system.BadInput.problem;

import io.pushway.system.BadInput.Expected;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Publish and batch bodies that are not acceptable JSON messages: malformed or truncated JSON, wrong
 * types, nulls, empty and huge arrays, and nesting past the limit of 64.
 */
final class BodyCases extends CaseTable {

    private static final String MALFORMED = "malformed-json";
    private static final String VALIDATION = "validation";

    BodyCases(Endpoints endpoints) {
        super(endpoints);
    }

    @Override
    protected void fill() {
        malformed();
        wrongTypes();
        nulls();
        arrays();
        nesting();
    }

    /** Each body is sent to both publish endpoints as it is. */
    private void malformed() {
        String valid = "{\"recipients\":[\"a\"],\"payload\":1}";
        both("empty body", "", problem(400));
        both("lone brace", "{", problem(400, MALFORMED));
        both("closing bracket", "]", problem(400, MALFORMED));
        both("bare word", "nul", problem(400, MALFORMED));
        both("truncated after a name", "{\"recipients\":", problem(400, MALFORMED));
        both("truncated before the payload", "{\"recipients\":[\"a\"],\"payload\":", problem(400, MALFORMED));
        both("unclosed object", "{\"recipients\":[\"a\"],\"payload\":{\"k\":\"v\"}", problem(400, MALFORMED));
        both("unterminated string", "{\"recipients\":[\"a\"],\"payload\":\"abc}", problem(400, MALFORMED));
        both("single quotes", "{'recipients':['a'],'payload':1}", problem(400, MALFORMED));
        both("unquoted names", "{recipients:[\"a\"],payload:1}", problem(400, MALFORMED));
        both("trailing comma", "{\"recipients\":[\"a\"],\"payload\":1,}", problem(400, MALFORMED));
        both("missing comma", "{\"recipients\":[\"a\"] \"payload\":1}", problem(400, MALFORMED));
        both("comment", "/* c */" + valid, problem(400, MALFORMED));
        both("NaN", "{\"recipients\":[\"a\"],\"payload\":NaN}", problem(400, MALFORMED));
        both("leading zero", "{\"recipients\":[\"a\"],\"payload\":01}", problem(400, MALFORMED));
        both("invalid escape", "{\"recipients\":[\"a\"],\"payload\":\"\\x41\"}", problem(400, MALFORMED));
        both("two documents", valid + valid, problem(400));
        both("duplicate name", "{\"recipients\":[\"a\"],\"recipients\":[\"b\"],\"payload\":1}", problem(400, MALFORMED));
    }

    private void wrongTypes() {
        for (String recipients : List.of("\"alice\"", "{\"a\":1}", "[1]", "[true]", "[[\"a\"]]", "[{}]")) {
            publish("types", "recipients " + recipients, "{\"recipients\":" + recipients + ",\"payload\":1}");
        }
        for (String topic : List.of("5", "[\"news\"]", "{}", "true")) {
            publish("types", "topic " + topic, "{\"topic\":" + topic + ",\"payload\":1}");
        }
        for (String ttl : List.of("\"60\"", "1.5", "true", "99999999999999999999", "[60]", "0", "-1", "604801")) {
            publish("types", "ttlSeconds " + ttl, "{\"recipients\":[\"a\"],\"payload\":1,\"ttlSeconds\":" + ttl + "}");
        }
        for (String priority : List.of("1", "true", "\"urgent\"", "\"HIGH\"", "[\"high\"]", "{}", "\"\"")) {
            publish("types", "priority " + priority, "{\"recipients\":[\"a\"],\"payload\":1,\"priority\":" + priority + "}");
        }
        for (String document : List.of("[]", "\"text\"", "42", "true")) {
            publish("types", "document " + document, document);
            batch("types", "document " + document, document, problem(400));
        }
        for (String messages : List.of("{}", "\"x\"", "1", "true")) {
            batch("types", "messages " + messages, "{\"messages\":" + messages + "}", problem(400));
        }
        for (String item : List.of("1", "\"x\"", "[]", "true")) {
            batch("types", "item " + item, "{\"messages\":[" + item + "]}", new BadInput.ItemsRejected(400));
        }
        publish("types", "unknown field", "{\"recipients\":[\"a\"],\"payload\":1,\"extra\":1}");
        publish("types", "field name in another case", "{\"Recipients\":[\"a\"],\"payload\":1}");
        publish("types", "both recipients and topic", "{\"recipients\":[\"a\"],\"topic\":\"news\",\"payload\":1}");
        publish("types", "neither recipients nor topic", "{\"payload\":1}");
        publish("types", "no payload", "{\"recipients\":[\"a\"]}");
        batch("types", "unknown top-level field", "{\"messages\":[{\"recipients\":[\"a\"],\"payload\":1}],\"x\":1}",
                problem(400));
    }

    private void nulls() {
        publish("nulls", "document null", "null", problem(400));
        batch("nulls", "document null", "null", problem(400));
        publish("nulls", "payload null", "{\"recipients\":[\"a\"],\"payload\":null}");
        publish("nulls", "recipients null", "{\"recipients\":null,\"payload\":1}");
        publish("nulls", "topic null", "{\"topic\":null,\"payload\":1}");
        publish("nulls", "recipient null", "{\"recipients\":[null],\"payload\":1}");
        publish("nulls", "second recipient null", "{\"recipients\":[\"a\",null],\"payload\":1}");
        publish("nulls", "every field null", "{\"recipients\":null,\"topic\":null,\"payload\":null}");
        batch("nulls", "messages null", "{\"messages\":null}", problem(400));
        batch("nulls", "item null", "{\"messages\":[null]}", new BadInput.ItemsRejected(400));
        batch("nulls", "item recipients null", "{\"messages\":[{\"recipients\":null,\"payload\":1}]}",
                new BadInput.ItemsRejected(400));
    }

    private void arrays() {
        publish("arrays", "no recipients", "{\"recipients\":[],\"payload\":1}");
        publish("arrays", "1001 recipients", "{\"recipients\":" + ids(1001) + ",\"payload\":1}");
        publish("arrays", "10000 recipients", "{\"recipients\":" + ids(10_000) + ",\"payload\":1}");
        publish("arrays", "repeated recipient", "{\"recipients\":[\"a\",\"b\",\"a\"],\"payload\":1}");
        publish("arrays", "payload array past 64 KiB",
                "{\"recipients\":[\"a\"],\"payload\":[" + "0,".repeat(40_000) + "0]}");
        batch("arrays", "no messages", "{\"messages\":[]}", problem(400));
        batch("arrays", "501 messages", "{\"messages\":" + items(501) + "}", problem(400));
        batch("arrays", "5000 messages", "{\"messages\":" + items(5000) + "}", problem(400));
        String topics17 = IntStream.range(0, 17).mapToObj(i -> "t" + i).collect(Collectors.joining(","));
        add("arrays", "17 topics on inbox", endpoints.inbox("topics=" + topics17), 400);
        add("arrays", "17 topics on stream", endpoints.stream("topics=" + topics17), 400);
        add("arrays", "17 topics on ws", endpoints.ws("topics=" + topics17), new BadInput.Closed(1008));
    }

    private void nesting() {
        String deep = "[".repeat(65) + "1" + "]".repeat(65);
        publish("nesting", "payload 65 arrays deep", withPayload(deep), problem(400, MALFORMED));
        publish("nesting", "payload 65 objects deep", withPayload("{\"a\":".repeat(65) + "1" + "}".repeat(65)),
                problem(400, MALFORMED));
        publish("nesting", "payload 1000 arrays deep", withPayload("[".repeat(1000) + "]".repeat(1000)),
                problem(400, MALFORMED));
        publish("nesting", "100000 unclosed arrays", withPayload("[".repeat(100_000)), problem(400, MALFORMED));
        // A list of ids fails at its second level already: a type error, not the nesting limit.
        publish("nesting", "recipients 100 arrays deep", "{\"recipients\":" + "[".repeat(100) + "]".repeat(100)
                + ",\"payload\":1}", problem(400, VALIDATION));
        batch("nesting", "messages 100 arrays deep", "{\"messages\":" + "[".repeat(100) + "]".repeat(100) + "}",
                problem(400, MALFORMED));
    }

    private static String withPayload(String payload) {
        return "{\"recipients\":[\"a\"],\"payload\":" + payload + "}";
    }

    private static String ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"r" + i + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    /** {@code count} batch items, each invalid (a recipient id with a space), so none could be published. */
    private static String items(int count) {
        return IntStream.range(0, count).mapToObj(i -> "{\"recipients\":[\"r " + i + "\"],\"payload\":1}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private void both(String name, String body, Expected expected) {
        publish("malformed-json", name, body, expected);
        batch("malformed-json", name, body, expected);
    }

    private void publish(String category, String name, String json) {
        publish(category, name, json, problem(400, VALIDATION));
    }
}
