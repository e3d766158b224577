package io.pushway.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import reactor.core.publisher.Mono;

/**
 * The API endpoints a service serves, as "METHOD path", for checking them against the OpenAPI
 * description: annotated controllers, functional routes (by visiting their predicates) and URL
 * mappings (WebSocket handlers).
 */
public final class ServedEndpoints implements RouterFunctions.Visitor, RequestPredicates.Visitor {

    private final List<String> routes = new ArrayList<>();
    private final List<String> methods = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();

    private ServedEndpoints() {
    }

    /** Everything under {@code /api/} the application context serves. */
    public static Set<String> of(ApplicationContext context) {
        Set<String> served = new TreeSet<>();
        context.getBean(RequestMappingHandlerMapping.class).getHandlerMethods().keySet()
                .forEach(info -> info.getPatternsCondition().getPatterns().forEach(path -> info.getMethodsCondition()
                        .getMethods().forEach(method -> served.add(method.name() + " " + path))));
        context.getBeanProvider(RouterFunction.class).forEach(route -> {
            ServedEndpoints visitor = new ServedEndpoints();
            route.accept(visitor);
            served.addAll(visitor.routes);
        });
        context.getBeansOfType(SimpleUrlHandlerMapping.class).values()
                .forEach(mapping -> mapping.getUrlMap().keySet().forEach(path -> served.add("GET " + path)));
        served.removeIf(endpoint -> !endpoint.contains(" /api/"));
        return served;
    }

    @Override
    public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
        methods.clear();
        paths.clear();
        predicate.accept(this);
        methods.forEach(method -> paths.forEach(path -> routes.add(method + " " + path)));
    }

    @Override
    public void method(Set<HttpMethod> set) {
        set.forEach(method -> methods.add(method.name()));
    }

    @Override
    public void path(String pattern) {
        paths.add(pattern);
    }

    @Override
    public void startNested(RequestPredicate predicate) {
    }

    @Override
    public void endNested(RequestPredicate predicate) {
    }

    @Override
    public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
    }

    @Override
    public void attributes(java.util.Map<String, Object> attributes) {
    }

    @Override
    public void unknown(RouterFunction<?> routerFunction) {
    }

    @Override
    public void pathExtension(String extension) {
    }

    @Override
    public void header(String name, String value) {
    }

    @Override
    public void queryParam(String name, String value) {
    }

    @Override
    public void startAnd() {
    }

    @Override
    public void and() {
    }

    @Override
    public void endAnd() {
    }

    @Override
    public void startOr() {
    }

    @Override
    public void or() {
    }

    @Override
    public void endOr() {
    }

    @Override
    public void startNegate() {
    }

    @Override
    public void endNegate() {
    }

    @Override
    public void unknown(RequestPredicate predicate) {
    }

    @Override
    public void version(String version) {
    }
}
