package io.pushway.delivery;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.protocol.TracedCommand;
import io.lettuce.core.tracing.TraceContext;
import io.lettuce.core.tracing.Tracing;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Calls of one Lua script sent to Redis together, in one write on a connection of their own, where a call
 * through the reactive template costs a Reactor chain, a deadline timer and a breaker permit of its own.
 * Each call is still its own {@code EVALSHA} with keys of one hash tag, so on Redis Cluster the connection
 * routes every call to its slot. A script Redis does not know (after a restart or {@code SCRIPT FLUSH}) goes again as
 * {@code EVAL}, which also loads it. Lettuce's command timeout and observation apply to every call, and a
 * call's span is a child of the observation the call names; the caller guards the whole pipeline
 * ({@link io.pushway.resilience.RedisCalls}).
 */
@Component
public class ScriptPipeline implements DisposableBean {

    private final LettuceConnectionFactory factory;
    /** The connection, opened on first use; a failed attempt is not kept, so the next call tries again. */
    private final Mono<Opened> connection;
    private volatile Opened opened;

    /** The pipeline's connection, and the tracing of the client that opened it. */
    private record Opened(StatefulConnection<String, String> connection, Tracing tracing) {
    }

    ScriptPipeline(LettuceConnectionFactory factory) {
        this.factory = factory;
        this.connection = Mono.fromCallable(this::connect).subscribeOn(Schedulers.boundedElastic())
                .cacheInvalidateIf(open -> false);
    }

    /**
     * One call of a script: its keys (one hash tag) and arguments, and the observation its Redis span is
     * a child of (null: the span has no parent).
     */
    public record Call(List<String> keys, List<String> args, Observation parent) {

        public Call(List<String> keys, List<String> args) {
            this(keys, args, null);
        }
    }

    /**
     * Runs {@code script} once per call, all sent in one write, and emits their answers in call order,
     * or the first failure once every call has ended. The script answers an integer ({@code Long}) or a
     * string ({@code String}). Calls should be repeatable: after a {@code NOSCRIPT} answer the calls Redis
     * refused run again.
     */
    public <T> Mono<List<T>> run(RedisScript<T> script, List<Call> calls) {
        return this.connection.flatMap(connection -> {
            List<AsyncCommand<String, String, T>> sent = send(connection, script, calls, false);
            return ended(sent).flatMap(done -> withScriptLoaded(connection, script, calls, done))
                    .flatMap(all -> answers(all));
        });
    }

    /** {@code done}, with the calls Redis refused for not knowing the script run again as {@code EVAL}. */
    private static <T> Mono<List<AsyncCommand<String, String, T>>> withScriptLoaded(Opened connection,
            RedisScript<T> script, List<Call> calls, List<AsyncCommand<String, String, T>> done) {
        List<Integer> refused = new ArrayList<>();
        for (int i = 0; i < done.size(); i++) {
            if (isNoScript(done.get(i))) {
                refused.add(i);
            }
        }
        if (refused.isEmpty()) {
            return Mono.just(done);
        }
        return ended(send(connection, script, refused.stream().map(calls::get).toList(), true)).map(retried -> {
            List<AsyncCommand<String, String, T>> all = new ArrayList<>(done);
            for (int i = 0; i < refused.size(); i++) {
                all.set(refused.get(i), retried.get(i));
            }
            return all;
        });
    }

    private static <T> List<AsyncCommand<String, String, T>> send(Opened connection, RedisScript<T> script,
            List<Call> calls, boolean withBody) {
        List<AsyncCommand<String, String, T>> commands = new ArrayList<>(calls.size());
        for (Call call : calls) {
            CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8)
                    .add(withBody ? script.getScriptAsString() : script.getSha1())
                    .add(call.keys().size());
            args.addKeys(call.keys()).addValues(call.args());
            RedisCommand<String, String, T> command = new Command<>(withBody ? CommandType.EVAL : CommandType.EVALSHA,
                    output(script), args);
            TraceContext trace = traceOf(connection.tracing(), call.parent());
            commands.add(new AsyncCommand<>(trace == null ? command : new TracedCommand<>(command, trace)));
        }
        connection.connection().dispatch(commands);
        return commands;
    }

    /** What Lettuce's tracing takes as the parent of a command's span: {@code parent}'s; null if none. */
    private static TraceContext traceOf(Tracing tracing, Observation parent) {
        if (parent == null || !tracing.isEnabled()) {
            return null;
        }
        return parent.scoped(() -> tracing.initialTraceContextProvider().getTraceContext());
    }

    @SuppressWarnings("unchecked")
    private static <T> CommandOutput<String, String, T> output(RedisScript<T> script) {
        Class<T> type = script.getResultType();
        CommandOutput<String, String, ?> output;
        if (type == Long.class) {
            output = new IntegerOutput<>(StringCodec.UTF8);
        } else if (type == String.class) {
            output = new ValueOutput<>(StringCodec.UTF8);
        } else {
            throw new IllegalArgumentException("a script answering " + type + " cannot go through the pipeline");
        }
        return (CommandOutput<String, String, T>) output;
    }

    /** The commands, once every one has ended (answered, failed or timed out). */
    private static <T> Mono<List<AsyncCommand<String, String, T>>> ended(List<AsyncCommand<String, String, T>> commands) {
        return Mono.fromFuture(CompletableFuture.allOf(commands.toArray(CompletableFuture[]::new))
                .handle((ignored, e) -> commands));
    }

    private static <T> Mono<List<T>> answers(List<AsyncCommand<String, String, T>> commands) {
        List<T> answers = new ArrayList<>(commands.size());
        for (AsyncCommand<String, String, T> command : commands) {
            Throwable failure = failure(command);
            if (failure != null) {
                return Mono.error(failure);
            }
            answers.add(command.join());
        }
        return Mono.just(answers);
    }

    private static boolean isNoScript(CompletableFuture<?> command) {
        return failure(command) instanceof RedisNoScriptException;
    }

    /** Why an ended command failed; null if it answered. */
    private static Throwable failure(CompletableFuture<?> command) {
        if (!command.isCompletedExceptionally()) {
            return null;
        }
        try {
            command.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        }
    }

    /**
     * Opens the pipeline's connection with the factory's client, as the factory opens its own (its URI,
     * TLS, credentials, options), on a thread that may block. Not the factory's shared connection: the
     * factory opens that under a lock every reactive call also takes, and Lettuce's I/O threads wait for
     * that lock while the connection they would have to open is waiting for them.
     */
    private Opened connect() {
        AbstractRedisClient client = factory.getRequiredNativeClient();
        StatefulConnection<String, String> connection;
        if (client instanceof RedisClient standalone) {
            connection = standalone.connect(StringCodec.UTF8);
        } else if (client instanceof RedisClusterClient cluster) {
            connection = cluster.connect(StringCodec.UTF8);
        } else {
            throw new IllegalStateException("not a Lettuce client: " + client);
        }
        opened = new Opened(connection, client.getResources().tracing());
        return opened;
    }

    @Override
    public void destroy() {
        Opened connection = opened;
        if (connection != null) {
            connection.connection().close();
        }
    }
}
