package dev.authgate.testing;

import dev.authgate.devmode.RedisServerOptions;
import dev.authgate.devmode.RedisServerProcess;
import java.io.IOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one real {@code redis-server} per test class, on its own free port with its own data
 * directory, and stops it after the class. Nested test classes share the outer class's server.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisServerExtension REDIS = RedisServerExtension.create().flushingBeforeEach();
 *
 * @Test
 * void storesSession() {
 *   Redis client = Redis.createClient(vertx, REDIS.uri());
 *   ...
 *   REDIS.server().kill();   // simulate an outage
 * }
 * }</pre>
 *
 * <p>The field must be {@code static}, because JUnit calls {@code beforeAll} only on extensions
 * registered that way. {@code @ExtendWith(RedisServerExtension.class)} works as well, and then a
 * test method or constructor takes the server as a {@link RedisServerProcess} parameter.
 *
 * <p>Before each test, a server that an earlier test killed is restarted on the same port, so one
 * test's outage never leaks into the next. Keys are kept between tests unless
 * {@link #flushingBeforeEach()} is used.
 */
public final class RedisServerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

  private final RedisServerOptions options;
  private final boolean flushBeforeEach;
  private RedisServerProcess server;
  private Class<?> ownerClass;

  /** Used by {@code @ExtendWith}: default options, keys kept between tests. */
  public RedisServerExtension() {
    this(RedisServerOptions.defaults(), false);
  }

  private RedisServerExtension(RedisServerOptions options, boolean flushBeforeEach) {
    this.options = options;
    this.flushBeforeEach = flushBeforeEach;
  }

  /** Returns an extension with default options: a free port and a binary from the PATH or the bundle. */
  public static RedisServerExtension create() {
    return new RedisServerExtension();
  }

  /** Returns a copy that starts its server with the given options. */
  public RedisServerExtension withOptions(RedisServerOptions newOptions) {
    return new RedisServerExtension(newOptions, flushBeforeEach);
  }

  /** Returns a copy that runs {@code FLUSHALL} before each test. */
  public RedisServerExtension flushingBeforeEach() {
    return new RedisServerExtension(options, true);
  }

  /** Returns the running server, for {@code kill()}, {@code restart()} and its port. */
  public RedisServerProcess server() {
    if (server == null) {
      throw new IllegalStateException("Redis server not started: register RedisServerExtension"
          + " on a static field with @RegisterExtension, or with @ExtendWith");
    }
    return server;
  }

  /** Returns the connection string of the running server, such as {@code redis://127.0.0.1:41234}. */
  public String uri() {
    return server().uri();
  }

  /** Deletes every key, for a test that needs an empty store in the middle of a class. */
  public void flushAll() throws IOException {
    server().flushAll();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (server != null) {
      return;
    }
    server = RedisServerProcess.start(options);
    ownerClass = context.getRequiredTestClass();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server == null || context.getRequiredTestClass() != ownerClass) {
      return;
    }
    server.stop();
    server = null;
    ownerClass = null;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    RedisServerProcess running = server();
    if (!running.isRunning()) {
      running.restart();
    }
    if (flushBeforeEach) {
      running.flushAll();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == RedisServerProcess.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return server();
  }
}
