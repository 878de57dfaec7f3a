package dev.parley.adapters.web.socket;

import dev.parley.adapters.web.support.SocketUpgrades;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.EventLoop;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Finishes every socket upgrade on its connection's event loop. Micronaut writes the 101, runs
 * {@code @OnOpen} and only then puts the socket's frame handler in the pipeline, all on the thread
 * that completed the filter chain. When that is a worker (a socket ticket is spent in PostgreSQL, a
 * session is checked), a client answering {@code connected} at once can be read by the event loop
 * before the handler is there, and its frame is lost to a ClassCastException in the HTTP handler.
 * On the event loop the three steps run before the next read.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class UpgradeOnEventLoopFilter implements HttpServerFilter {

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    if (!SocketUpgrades.is(request) || !(request instanceof NettyHttpRequest<?> netty)) {
      return chain.proceed(request);
    }
    EventLoop loop = netty.getChannelHandlerContext().channel().eventLoop();
    return Mono.from(chain.proceed(request))
        .flatMap(
            response ->
                loop.inEventLoop()
                    ? Mono.just(response)
                    : Mono.just(response).publishOn(Schedulers.fromExecutor(loop)));
  }

  /** Outermost, so no filter's completion can move the upgrade off the loop again. */
  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE;
  }
}
