package io.pushway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class QueryTokensTests {

    @Test
    void anAcceptedQueryTokenMovesToTheHeaderAndIsScrubbedHoweverTheNameIsWritten() {
        ServerHttpRequest plain = QueryTokens.accept().scrub(get("/api/v1/stream?topics=a,b&access_token=eyJ.x.sig&lastEventId=1-0"));
        assertThat(plain.getURI().getRawQuery()).isEqualTo("topics=a,b&access_token=***&lastEventId=1-0");
        assertThat(plain.getHeaders().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer eyJ.x.sig");
        assertThat(plain.getQueryParams().getFirst("topics")).isEqualTo("a,b");

        ServerHttpRequest encoded = QueryTokens.accept().scrub(get("/api/v1/ws?access%5Ftoken=eyJ.y.sig"));
        assertThat(encoded.getURI().getRawQuery()).isEqualTo("access%5Ftoken=***");
        assertThat(encoded.getHeaders().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer eyJ.y.sig");
    }

    @Test
    void aHeaderWinsAndTwoQueryTokensAuthenticateNothing() {
        ServerHttpRequest both = QueryTokens.accept().scrub(MockServerHttpRequest.get("/s?access_token=query")
                .header(HttpHeaders.AUTHORIZATION, "Bearer header").build());
        assertThat(both.getHeaders().get(HttpHeaders.AUTHORIZATION)).containsExactly("Bearer header");
        assertThat(both.getURI().getRawQuery()).isEqualTo("access_token=***");

        ServerHttpRequest twice = QueryTokens.accept().scrub(get("/s?access_token=a&access_token=b"));
        assertThat(twice.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
        assertThat(twice.getURI().getRawQuery()).isEqualTo("access_token=***&access_token=***");
    }

    @Test
    void whereQueryTokensAreNotAcceptedTheyAreOnlyScrubbed() {
        ServerHttpRequest request = QueryTokens.discard().scrub(get("/api/v1/messages?access_token=eyJ.x.sig"));
        assertThat(request.getURI().getRawQuery()).isEqualTo("access_token=***");
        assertThat(request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
    }

    @Test
    void otherRequestsAreLeftAlone() {
        ServerHttpRequest request = get("/api/v1/inbox?limit=5&after=%41%42&my_access_token=x");
        assertThat(QueryTokens.accept().scrub(request)).isSameAs(request);
    }

    private static ServerHttpRequest get(String uri) {
        return MockServerHttpRequest.method(HttpMethod.GET, URI.create(uri)).build();
    }
}
