package io.pushway.system;

import static io.pushway.system.BadInput.problem;

import io.pushway.testsupport.TestKeys;
import io.pushway.testsupport.TestTokens;
import io.pushway.testsupport.TestTokens.Defect;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Token defects on every endpoint (missing, malformed, {@code alg: none}, HS256, forged, expired, not
 * yet valid, wrong scope), broken {@code Authorization} headers, and a valid token in a place it is
 * not accepted (query on ingest, cookie, another scheme or header, the body).
 */
final class TokenCases extends CaseTable {

    private final TestKeys keys;

    TokenCases(Endpoints endpoints, TestKeys keys) {
        super(endpoints);
        this.keys = keys;
    }

    @Override
    protected void fill() {
        for (Endpoints.Endpoint endpoint : endpoints.all()) {
            add("token", endpoint.name() + ": no token", endpoint.call().apply(null), 401);
            for (Defect defect : Defect.values()) {
                String token = TestTokens.defective(keys, defect, endpoint.subject(), endpoint.scope());
                add("token", endpoint.name() + ": " + defect, endpoint.call().apply(token), problem(401), token);
            }
            add("token", endpoint.name() + ": wrong scope", endpoint.call().apply(
                    endpoints.token(endpoint.subject(), endpoint.wrongScope())), 403);
        }
        brokenHeaders();
        wrongPlaces();
    }

    /** Authorization headers that are not one well-formed bearer token. */
    private void brokenHeaders() {
        Request publish = endpoints.publish(endpoints.validMessage()).without("Authorization");
        Request inbox = endpoints.inbox("").without("Authorization");
        String valid = endpoints.publisher;
        String[] parts = valid.split("\\.");
        header("bare scheme", publish, "Bearer");
        header("empty token", publish, "Bearer ");
        header("two spaces", publish, "Bearer  " + valid);
        header("two segments", publish, "Bearer " + parts[0] + "." + parts[1]);
        header("four segments", publish, "Bearer " + valid + ".e30");
        header("tampered signature", publish, "Bearer " + parts[0] + "." + parts[1] + "."
                + new StringBuilder(parts[2]).reverse());
        header("tampered claims", publish, "Bearer " + parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"admin\",\"scope\":\"push.admin\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[2]);
        header("token with a quote", publish, "Bearer " + valid + "\"");
        header("non-ASCII token", publish, "Bearer " + valid + "é");
        add("token", "garbage Authorization first, valid second",
                inbox.header("Authorization", "Bearer garbage").bearer(endpoints.subscriber), 401);
    }

    private void header(String name, Request request, String authorization) {
        add("token", "publish: " + name, request.header("Authorization", authorization), problem(401),
                authorization.length() > 16 ? authorization.substring(7) : null);
    }

    /** A valid token where the service does not look for one: each is a request without a token. */
    private void wrongPlaces() {
        String publisher = endpoints.publisher;
        String subscriber = endpoints.subscriber;
        Request publish = endpoints.publish(endpoints.validMessage()).without("Authorization");
        Request status = endpoints.status(Endpoints.UNKNOWN_ID).without("Authorization");
        Request batch = endpoints.batch("{\"messages\":[" + endpoints.validMessage() + "]}").without("Authorization");
        placed("access_token query on publish", publish.query("access_token=" + publisher), publisher);
        placed("access_token query on batch", batch.query("access_token=" + publisher), publisher);
        placed("access_token query on status", status.query("access_token=" + publisher), publisher);
        placed("cookie on publish", publish.header("Cookie", "access_token=" + publisher), publisher);
        placed("cookie on status", status.header("Cookie", "Authorization=Bearer%20" + publisher), publisher);
        placed("Token scheme", publish.header("Authorization", "Token " + publisher), publisher);
        placed("JWT scheme", publish.header("Authorization", "JWT " + publisher), publisher);
        placed("Basic scheme", publish.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("x:" + publisher).getBytes(StandardCharsets.UTF_8))), publisher);
        placed("X-Access-Token header", publish.header("X-Access-Token", publisher), publisher);
        placed("access_token in a form body", publish.without("Content-Type").body(
                "application/x-www-form-urlencoded", ("access_token=" + publisher).getBytes(StandardCharsets.UTF_8)),
                publisher);
        placed("access_token in the JSON body", publish.without("Content-Type").json(
                "{\"access_token\":\"" + publisher + "\",\"recipients\":[\"r\"],\"payload\":1}"), publisher);
        // The header wins over a query token (which is scrubbed and ignored): a second token cannot add a scope.
        add("token-placement", "wrong-scope header with a valid query token on inbox", endpoints.inbox(
                "access_token=" + subscriber).without("Authorization").bearer(publisher), problem(403), subscriber);
        placed("access_token twice on stream", endpoints.stream("access_token=" + subscriber
                + "&access_token=" + subscriber).without("Authorization"), subscriber);
        placed("access_token with a bad token on ws", endpoints.ws("access_token=" + Base64.getUrlEncoder()
                .encodeToString("not a token".getBytes(StandardCharsets.UTF_8))).without("Authorization"), null);
    }

    private void placed(String name, Request request, String token) {
        add("token-placement", name, request, problem(401), token);
    }
}
