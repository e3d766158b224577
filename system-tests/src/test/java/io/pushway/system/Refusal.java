package io.pushway.system;

import io.pushway.system.BadInput.Bare;
import io.pushway.system.BadInput.Closed;
import io.pushway.system.BadInput.ItemsRejected;
import io.pushway.system.BadInput.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Judges the answer to a bad input: the expected refusal (status, problem+json with a stable
 * {@code type}, a challenge on 401), never a 5xx, and nothing of the input reflected — neither the
 * injected text (raw or JSON-escaped) nor any long header value such as a token.
 */
final class Refusal {

    private static final String TYPE_PREFIX = "https://pushway.io/problems/";
    private static final Map<Integer, String> TYPE_OF_STATUS = Map.of(401, "unauthorized", 403, "forbidden",
            404, "not-found", 405, "method-not-allowed", 406, "not-acceptable", 413, "payload-too-large",
            415, "unsupported-media-type");
    private static final Set<String> TYPES_OF_400 = Set.of("validation", "malformed-json");
    /** Headers whose values (media types) an answer may name without reflecting anything. */
    private static final Set<String> MEDIA_HEADERS = Set.of("Content-Type", "Accept");

    private Refusal() {
    }

    /** What is wrong with {@code answer} to {@code input}; empty when it is the refusal expected. */
    static List<String> violations(BadInput input, Answer answer) {
        List<String> violations = new ArrayList<>();
        if (answer.status() >= 500) {
            violations.add("server error " + answer.status());
        }
        if (input.expected() instanceof Problem problem) {
            problem(problem, answer, violations);
        } else if (input.expected() instanceof ItemsRejected items) {
            itemsRejected(items, answer, violations);
        } else if (input.expected() instanceof Closed closed) {
            if (answer.status() != 101 || answer.closeCode() != closed.code()) {
                violations.add("expected a WebSocket closed with " + closed.code() + ", got " + describe(answer));
            }
        } else if (input.expected() instanceof Bare bare) {
            status(bare.status(), answer, violations);
        }
        echoes(input, answer, violations);
        return violations;
    }

    private static String describe(Answer answer) {
        String body = answer.body().length() > 300 ? answer.body().substring(0, 300) + "…" : answer.body();
        return answer.status() + (answer.closeCode() >= 0 ? " close " + answer.closeCode() + " " + answer.closeReason() : "")
                + " " + answer.header("Content-Type") + " " + body.replace("\n", "\\n").replace("\r", "\\r");
    }

    private static void problem(Problem expected, Answer answer, List<String> violations) {
        if (!status(expected.status(), answer, violations)) {
            return;
        }
        if (!answer.isProblem()) {
            violations.add("expected application/problem+json, got " + describe(answer));
            return;
        }
        Map<String, Object> problem = json(answer.body(), violations);
        Object type = problem.get("type");
        String kind = type instanceof String uri && uri.startsWith(TYPE_PREFIX) ? uri.substring(TYPE_PREFIX.length()) : null;
        boolean typeFits = expected.type() != null ? expected.type().equals(kind)
                : answer.status() == 400 ? TYPES_OF_400.contains(kind) : Objects.equals(TYPE_OF_STATUS.get(answer.status()), kind);
        if (!typeFits) {
            violations.add("problem type " + type + " does not fit " + answer.status()
                    + (expected.type() == null ? "" : " (expected " + expected.type() + ")"));
        }
        if (!Integer.valueOf(answer.status()).equals(problem.get("status"))) {
            violations.add("problem status " + problem.get("status") + " differs from HTTP status " + answer.status());
        }
        if (answer.status() == 401 && !answer.header("WWW-Authenticate").startsWith("Bearer")) {
            violations.add("401 without a Bearer challenge");
        }
    }

    /** Checks the status; false when it is wrong. */
    private static boolean status(int expected, Answer answer, List<String> violations) {
        if (answer.status() != expected) {
            violations.add("expected " + expected + ", got " + describe(answer));
        }
        return answer.status() == expected;
    }

    private static void itemsRejected(ItemsRejected expected, Answer answer, List<String> violations) {
        if (!status(200, answer, violations)) {
            return;
        }
        Object results = json(answer.body(), violations).get("results");
        if (!(results instanceof List<?> items) || items.isEmpty()) {
            violations.add("no results in " + describe(answer));
            return;
        }
        for (Object item : items) {
            Map<?, ?> result = (Map<?, ?>) item;
            Object problem = result.get("problem");
            if (!Integer.valueOf(expected.itemStatus()).equals(result.get("status")) || result.containsKey("id")
                    || !(problem instanceof Map<?, ?> p && p.get("type") instanceof String t && t.startsWith(TYPE_PREFIX))) {
                violations.add("item not rejected with " + expected.itemStatus() + " and a problem: " + result);
            }
        }
    }

    private static void echoes(BadInput input, Answer answer, List<String> violations) {
        String text = answer.body() + answer.closeReason();
        List<String> inputs = new ArrayList<>();
        if (input.probe() != null && input.probe().length() >= 3) {
            inputs.add(input.probe());
            inputs.add(Endpoints.json(input.probe()).substring(1, Endpoints.json(input.probe()).length() - 1));
        }
        input.request().headers().stream().filter(h -> !MEDIA_HEADERS.contains(h.name()))
                .map(Request.Header::value).filter(v -> v.length() >= 16).forEach(inputs::add);
        inputs.stream().distinct().filter(text::contains)
                .forEach(echo -> violations.add("answer reflects the input " + abbreviate(echo)));
        if (text.toLowerCase(Locale.ROOT).contains("<script")) {
            violations.add("answer contains a script tag");
        }
    }

    private static Map<String, Object> json(String body, List<String> violations) {
        try {
            return Api.parse(body);
        } catch (RuntimeException e) {
            violations.add("body is not a JSON object: " + abbreviate(body));
            return Map.of();
        }
    }

    private static String abbreviate(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return "'" + shown.replace("\n", "\\n").replace("\r", "\\r") + "'";
    }
}
