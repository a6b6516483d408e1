package authgate.loadtest;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Logged-in sessions that PeakMixSimulation shares between virtual users, so that a refresh or a profile read
 * costs one request and does not need a login of its own. Thread-safe: Gatling runs virtual users on several
 * threads.
 *
 * <p>Reads may share a session. A refresh borrows one exclusively, because the gateway accepts each refresh
 * token only once. Borrowing is first in, first out, so refreshes rotate through the whole pool.
 */
final class SessionPool {

  /** One gateway session. The tokens change on every refresh, so they are volatile. */
  static final class PooledSession {
    private volatile String accessToken;
    private volatile String refreshToken;

    private PooledSession(String accessToken, String refreshToken) {
      this.accessToken = accessToken;
      this.refreshToken = refreshToken;
    }

    String accessToken() {
      return accessToken;
    }

    String refreshToken() {
      return refreshToken;
    }
  }

  private final List<PooledSession> all = new CopyOnWriteArrayList<>();
  private final Queue<PooledSession> idle = new ConcurrentLinkedQueue<>();
  private final LongAdder emptyBorrows = new LongAdder();

  void add(String accessToken, String refreshToken) {
    PooledSession session = new PooledSession(accessToken, refreshToken);
    all.add(session);
    idle.add(session);
  }

  /** Returns a random session for a read, or null when the pool is empty. */
  PooledSession any() {
    List<PooledSession> snapshot = List.copyOf(all);
    return snapshot.isEmpty() ? null : snapshot.get(ThreadLocalRandom.current().nextInt(snapshot.size()));
  }

  /** Takes a session out for a refresh, or returns null (and counts it) when every session is in use. */
  PooledSession borrow() {
    PooledSession session = idle.poll();
    if (session == null) {
      emptyBorrows.increment();
    }
    return session;
  }

  /** Stores the pair that a refresh returned and makes the session available again. */
  void giveBack(PooledSession session, String accessToken, String refreshToken) {
    session.accessToken = accessToken;
    session.refreshToken = refreshToken;
    idle.add(session);
  }

  /** Drops a session whose refresh failed: its refresh token may be spent, so it can never refresh again. */
  void discard(PooledSession session) {
    all.remove(session);
  }

  int size() {
    return all.size();
  }

  long emptyBorrows() {
    return emptyBorrows.sum();
  }
}
