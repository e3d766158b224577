package io.pushway.web;

import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslHandler;

/**
 * Coalesces the flushes of every Redis connection: the commands written in one event-loop turn (a
 * batch's message records, an intake batch's appends, the commands that a read's answers start) leave
 * in one write, and over TLS in as few records as fit, instead of one encryption and one system call
 * each. Netty's {@link FlushConsolidationHandler}, placed just above TLS so that the TLS handler sees
 * one flush for them all; a flush waits at most until the end of the read in progress or, outside a
 * read, the event loop's next turn, so no command is held back longer than that.
 */
final class RedisFlushConsolidation implements NettyCustomizer {

    /** The handler's name in the pipeline. */
    static final String NAME = "pushway.flushConsolidation";

    @Override
    public void afterChannelInitialized(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        FlushConsolidationHandler handler =
                new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true);
        ChannelHandlerContext tls = pipeline.context(SslHandler.class);
        if (tls == null) {
            pipeline.addFirst(NAME, handler);
        } else {
            pipeline.addAfter(tls.name(), NAME, handler);
        }
    }
}
