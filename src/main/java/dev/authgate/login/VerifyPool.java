package dev.authgate.login;

import dev.authgate.http.HttpProblem;
import dev.authgate.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool that runs password verification off the event loops. At most {@code workers} verifications
 * run and at most {@code queueSize} wait; a login beyond that is rejected at once with 503 and Retry-After,
 * because a queue that grows at peak only turns into client timeouts. One instance serves all verticles.
 */
public final class VerifyPool {

  private final WorkerExecutor executor;
  private final int capacity;
  private final int retryAfterSeconds;
  private final AtomicInteger admitted = new AtomicInteger();
  private final GatewayMetrics metrics;

  public VerifyPool(Vertx vertx, int workers, int queueSize, int retryAfterSeconds, GatewayMetrics metrics) {
    this.executor = vertx.createSharedWorkerExecutor("authgate-password", workers);
    this.capacity = workers + queueSize;
    this.retryAfterSeconds = retryAfterSeconds;
    this.metrics = metrics;
    metrics.passwordQueue(admitted::get, capacity);
  }

  /** Runs {@code work} on the pool, or fails at once with a 503 problem when the pool and queue are full. */
  public <T> Future<T> submit(Callable<T> work) {
    if (admitted.incrementAndGet() > capacity) {
      admitted.decrementAndGet();
      return Future.failedFuture(HttpProblem.unavailable(
          "overloaded", "The gateway is at its login capacity; retry shortly.", retryAfterSeconds));
    }
    long enqueued = System.nanoTime();
    Callable<T> timed = () -> {
      long started = System.nanoTime();
      metrics.passwordWait(started - enqueued);
      try {
        return work.call();
      } finally {
        metrics.passwordVerify(System.nanoTime() - started);
      }
    };
    return executor.executeBlocking(timed, false).andThen(done -> admitted.decrementAndGet());
  }

  /** Returns the verifications running or waiting now. */
  public int inFlight() {
    return admitted.get();
  }

  public int capacity() {
    return capacity;
  }

  public Future<Void> close() {
    return executor.close();
  }
}
