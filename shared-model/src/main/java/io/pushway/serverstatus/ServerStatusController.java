package io.pushway.serverstatus;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushway.serverstatus.DependencyChecks.Check;
import io.pushway.web.SecurityChains;
import io.pushway.web.openapi.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/status}: open to anyone (a token, when sent, must be valid); {@code 200} when
 * {@code UP} or {@code DEGRADED}, {@code 503} when {@code DOWN}, never cached.
 */
@RestController
class ServerStatusController {

    private final DependencyChecks dependencies;
    private final RecentRates rates;
    private final MeterRegistry meters;
    private final ApplicationAvailability availability;
    private final StatusIdentity identity;

    ServerStatusController(DependencyChecks dependencies, RecentRates rates, MeterRegistry meters,
            ApplicationAvailability availability, StatusIdentity identity) {
        this.dependencies = dependencies;
        this.rates = rates;
        this.meters = meters;
        this.availability = availability;
        this.identity = identity;
    }

    @Operation(operationId = "serverStatus", tags = "status", summary = "Server status",
            description = "Open to anyone, no token needed (a token, when sent, must be valid). `UP`: every "
                    + "dependency answers; `DEGRADED`: it serves, but a dependency it can do without for a while "
                    + "does not answer (delivery without Kafka); `DOWN` (503): a dependency its readiness needs "
                    + "does not answer, or it is shutting down. Only `push.admin` tokens get `details`. Dependencies "
                    + "are probed at most once a second per replica; never cached.")
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "UP or DEGRADED.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ServerStatus.class)))
    @ApiResponse(responseCode = "401", ref = ApiDocs.PROBLEM)
    @ApiResponse(responseCode = "503", description = "DOWN.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ServerStatus.class)))
    @GetMapping(path = "/api/v1/status", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ServerStatus>> status() {
        return Mono.zip(dependencies.checks(), isAdmin()).map(both -> {
            Map<String, Check> checks = both.getT1();
            ServerState state = ServerState.of(
                    availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC,
                    DependencyChecks.unreachable(checks), identity.essential());
            ServerStatus body = new ServerStatus(state, identity.version(), both.getT2() ? details(checks) : null);
            return ResponseEntity.status(state == ServerState.DOWN ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
                    .cacheControl(CacheControl.noStore())
                    .body(body);
        });
    }

    private Mono<Boolean> isAdmin() {
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication() != null && context.getAuthentication().getAuthorities()
                        .stream().map(GrantedAuthority::getAuthority).anyMatch(SecurityChains.ADMIN::equals))
                .defaultIfEmpty(false);
    }

    private ServerStatus.Details details(Map<String, Check> checks) {
        Map<String, ServerStatus.Dependency> dependencies = new TreeMap<>();
        checks.forEach((name, check) -> dependencies.put(name, new ServerStatus.Dependency(
                check.up() ? ServerState.UP : ServerState.DOWN, check.latency().toNanos() / 1e6)));
        return new ServerStatus.Details(identity.service(),
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000, dependencies, rates.perSecond(),
                gauges("pushway.streams.active", true), gauges("kafka.consumer.fetch.manager.records.lag.max", false));
    }

    /** The sum (or the maximum) of the gauges of that name; null when the service has none. */
    private Long gauges(String name, boolean sum) {
        Collection<Gauge> gauges = meters.find(name).gauges();
        if (gauges.isEmpty()) {
            return null;
        }
        var values = gauges.stream().mapToDouble(Gauge::value).filter(Double::isFinite);
        return (long) (sum ? values.sum() : values.max().orElse(0));
    }

    /** Who this service is: its name, version and the dependencies its readiness needs. */
    record StatusIdentity(String service, String version, Set<String> essential) {
    }
}
