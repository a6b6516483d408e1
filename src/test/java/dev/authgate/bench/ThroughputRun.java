package dev.authgate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs one operation in a loop on several platform threads and measures completed operations per second,
 * after a warm-up that lets the JIT compile the loop. Used by {@link Ceilings}.
 */
final class ThroughputRun {

  private final long warmUpNanos;
  private final long measureNanos;

  ThroughputRun(double warmUpSeconds, double measureSeconds) {
    this.warmUpNanos = (long) (warmUpSeconds * 1e9);
    this.measureNanos = (long) (measureSeconds * 1e9);
  }

  /**
   * Returns operations per second, all threads together. {@code perThread} is called once on each thread, so
   * that each thread gets its own operation (for example its own token issuer). An operation that returns
   * false or throws stops the run with an exception, because a failed verification would count as work done.
   */
  double perSecond(int threads, Supplier<BooleanSupplier> perThread) throws InterruptedException {
    AtomicLong completed = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread worker = new Thread(() -> loop(perThread, running, completed, failure), "ceiling-" + i);
      workers.add(worker);
      worker.start();
    }

    Thread.sleep(warmUpNanos / 1_000_000);
    long startCount = completed.get();
    long start = System.nanoTime();
    Thread.sleep(measureNanos / 1_000_000);
    long endCount = completed.get();
    long end = System.nanoTime();

    running.set(false);
    for (Thread worker : workers) {
      worker.join();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    // An operation that spans a boundary counts in the window where it ends: an error of at most one
    // operation per thread at each boundary.
    return (endCount - startCount) / ((end - start) / 1e9);
  }

  private static void loop(Supplier<BooleanSupplier> perThread, AtomicBoolean running, AtomicLong completed,
      AtomicReference<RuntimeException> failure) {
    try {
      BooleanSupplier operation = perThread.get();
      while (running.get()) {
        if (!operation.getAsBoolean()) {
          throw new IllegalStateException("the measured operation returned false");
        }
        completed.incrementAndGet();
      }
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
      running.set(false);
    }
  }
}
