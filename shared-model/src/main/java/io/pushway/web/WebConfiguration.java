package io.pushway.web;

import io.pushway.model.JsonCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/** Beans every Pushway service uses: the one JSON mapper and the problem+json handler. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /**
     * Pushway's strict mapper, also used by WebFlux's JSON codecs; problem details get their
     * extension members at the top level (RFC 9457 §3.2).
     */
    @Bean
    JsonMapper jsonMapper() {
        return JsonCodec.configure(JsonMapper.builder(JsonCodec.factory()))
                .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
                .build();
    }

    @Bean
    ProblemHandler problemHandler() {
        return new ProblemHandler();
    }
}
