package io.pushway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RedisFlushConsolidationTests {

    @Test
    void commandsWrittenInOneTurnLeaveInOneFlush() throws Exception {
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        LocalAddress address = new LocalAddress(RedisFlushConsolidationTests.class);
        Flushes socket = new Flushes();
        try {
            Channel server = new ServerBootstrap().group(loop).channel(LocalServerChannel.class)
                    .childHandler(new ChannelInboundHandlerAdapter()).bind(address).sync().channel();
            Channel channel = new Bootstrap().group(loop).channel(LocalChannel.class)
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            new RedisFlushConsolidation().afterChannelInitialized(ch);
                            ch.pipeline().addFirst(socket); // between the consolidation and the socket
                        }
                    }).connect(address).sync().channel();

            int heldInTheTurn = channel.eventLoop().submit(() -> {
                channel.writeAndFlush("SET a 1");
                channel.writeAndFlush("SET b 2");
                channel.writeAndFlush("SET c 3");
                return socket.flushes;
            }).get(5, TimeUnit.SECONDS);
            int afterTheTurn = channel.eventLoop().submit(() -> socket.flushes).get(5, TimeUnit.SECONDS);

            assertThat(heldInTheTurn).isZero();
            assertThat(afterTheTurn).isEqualTo(1);
            assertThat(socket.written).containsExactly("SET a 1", "SET b 2", "SET c 3");
            channel.close().sync();
            server.close().sync();
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void aCommandWrittenWhileAnswersAreReadLeavesWhenTheReadEnds() {
        Flushes socket = new Flushes();
        EmbeddedChannel channel = new EmbeddedChannel();
        new RedisFlushConsolidation().afterChannelInitialized(channel);
        channel.pipeline().addFirst(socket); // between the consolidation and the socket

        channel.pipeline().fireChannelRead("+OK");
        channel.writeAndFlush("SET a 1");
        channel.writeAndFlush("SET b 2");
        assertThat(socket.flushes).isZero();
        channel.pipeline().fireChannelReadComplete();
        assertThat(socket.flushes).isEqualTo(1);
        assertThat(socket.written).containsExactly("SET a 1", "SET b 2");
        channel.finishAndReleaseAll();
    }

    @Test
    void overTlsTheFlushesAreCoalescedBeforeEncryption() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(false, false); // not registered: TLS does not start
        SslHandler tls = SslContextBuilder.forClient().build().newHandler(channel.alloc());
        channel.pipeline().addLast("tls", tls).addLast("encoder", new ChannelOutboundHandlerAdapter());

        new RedisFlushConsolidation().afterChannelInitialized(channel);

        assertThat(channel.pipeline().names()).containsSubsequence("tls", RedisFlushConsolidation.NAME, "encoder");
    }

    @Test
    void withoutTlsItIsNextToTheSocket() {
        EmbeddedChannel channel = new EmbeddedChannel(false, false);
        channel.pipeline().addLast("encoder", new ChannelOutboundHandlerAdapter());

        new RedisFlushConsolidation().afterChannelInitialized(channel);

        assertThat(channel.pipeline().names()).first().isEqualTo(RedisFlushConsolidation.NAME);
        assertThat(channel.pipeline().names()).containsSubsequence(RedisFlushConsolidation.NAME, "encoder");
    }

    /** Counts the flushes that reach the socket, and what was written. */
    private static final class Flushes extends ChannelOutboundHandlerAdapter {
        int flushes;
        final List<Object> written = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            written.add(msg);
            ctx.write(msg, promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
            ctx.flush();
        }
    }
}
