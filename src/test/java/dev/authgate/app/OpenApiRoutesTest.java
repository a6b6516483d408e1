package dev.authgate.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.authgate.login.VerifyPool;
import dev.authgate.metrics.GatewayMetrics;
import dev.authgate.password.PasswordHasher;
import dev.authgate.redis.RedisStore;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.testing.TestUsers;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keeps {@code openapi.yaml} in step with the router: every documented operation is served, every served route
 * is documented, and the gateway serves the bundled document unchanged. Operations are compared as
 * {@code "METHOD /path"} strings, with Vert.x path parameters ({@code :id}) written as OpenAPI ones ({@code {id}}).
 * A Vert.x wildcard suffix ({@code /prefix/*}) matches any sub-path, which OpenAPI cannot express, so the
 * document lists it as {@code /prefix/{path}}.
 */
class OpenApiRoutesTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create();

  /** The keys of an OpenAPI 3.0 path item that name operations. Other keys, such as summary, do not. */
  private static final Set<String> OPERATION_KEYS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /**
   * The first Redis call in a fresh JVM (connecting and loading classes) can take longer than TestGateway's
   * 500 ms Redis timeout on a loaded machine. No test here is about timeouts, so a longer one avoids false failures.
   */
  private static final Map<String, String> RELAXED_REDIS_TIMEOUT = Map.of("AUTHGATE_REDIS_TIMEOUT_MS", "5000");

  static TestGateway gateway;
  static JsonNode document;
  static Set<String> documented;
  static Set<String> served;

  @BeforeAll
  static void readDocumentAndRouter() throws Exception {
    gateway = TestGateway.start(REDIS.uri(), RELAXED_REDIS_TIMEOUT);
    document = readDocument();
    documented = documentedOperations(document);
    served = servedOperations(buildRouter());
  }

  @AfterAll
  static void stopGateway() {
    if (gateway == null) {
      return;
    }
    try {
      gateway.assertNoBlockedThreads();
    } finally {
      gateway.close();
    }
  }

  @Test
  void documentIsOpenApi303() {
    assertEquals("3.0.3", document.path("openapi").asText());
  }

  @Test
  void documentedOperationsAreServed() {
    Set<String> missing = new TreeSet<>(documented);
    missing.removeAll(served);

    assertEquals(Set.of(), missing, "documented in openapi.yaml but not routed; served: " + served);
  }

  @Test
  void servedRoutesAreDocumented() {
    Set<String> undocumented = new TreeSet<>(served);
    undocumented.removeAll(documented);

    assertEquals(Set.of(), undocumented, "routed but missing from openapi.yaml; documented: " + documented);
  }

  @Test
  void localReferencesResolve() {
    List<String> references = new ArrayList<>();
    collectReferences(document, references);

    List<String> broken = references.stream()
        .filter(ref -> !ref.startsWith("#/") || document.at(ref.substring(1)).isMissingNode())
        .toList();

    assertEquals(List.of(), broken, "$ref values that are not local or point at nothing in openapi.yaml");
  }

  @Test
  void servedDocumentMatchesResource() throws IOException {
    var response = TestGateway.await(gateway.client().get("/openapi.yaml").send());

    assertEquals(200, response.statusCode());
    assertEquals("application/yaml", response.getHeader("Content-Type"));
    assertArrayEquals(resourceBytes(), response.body().getBytes());
  }

  private static Set<String> documentedOperations(JsonNode openApi) {
    Set<String> operations = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : openApi.path("paths").properties()) {
      path.getValue().fieldNames().forEachRemaining(key -> {
        if (OPERATION_KEYS.contains(key)) {
          operations.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey());
        }
      });
    }
    return operations;
  }

  /**
   * Returns the operations of every route that has a path or a method. Routes with neither (the body handler
   * and the failure handler) match every request and serve no operation of their own. A route with a path but
   * no method, or with a regular expression, is kept in a form no document entry can match, so it fails the test.
   */
  private static Set<String> servedOperations(Router router) {
    Set<String> operations = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      // vertx-web 5.0.7 returns null, not an empty set, for a route that accepts every method.
      Set<HttpMethod> methods = route.methods() == null ? Set.of() : route.methods();
      // vertx-web 5.0.7 also reports isRegexPath() for a path with parameters, but only a route declared
      // with a regular expression lacks a path.
      if (route.getPath() == null && route.isRegexPath()) {
        operations.add("REGEX " + route.getName());
      } else if (route.getPath() != null) {
        String path = toOpenApiPath(route.getPath());
        if (methods.isEmpty()) {
          operations.add("ANY " + path);
        }
        for (HttpMethod method : methods) {
          operations.add(method.name() + " " + path);
        }
      } else if (!methods.isEmpty()) {
        operations.add(methods + " (any path)");
      }
    }
    return operations;
  }

  /**
   * Converts a route path to OpenAPI form. vertx-web 5.0.7 reports {@code /prefix/*} as {@code /prefix/}, so a
   * trailing slash is read as that wildcard.
   */
  private static String toOpenApiPath(String vertxPath) {
    String path = vertxPath.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
    return path.length() > 1 && path.endsWith("/") ? path + "{path}" : path;
  }

  /** Builds the router that each HTTP verticle serves, on a Vert.x instance of its own. Nothing listens on it. */
  private static Router buildRouter() throws Exception {
    Vertx vertx = Vertx.vertx();
    GatewayMetrics metrics = new GatewayMetrics();
    VerifyPool pool = new VerifyPool(vertx, 1, 1, 1, metrics);
    RedisStore redis = RedisStore.create(vertx, gateway.config().redis(), metrics);
    try {
      SharedServices shared = new SharedServices(gateway.config(), TestGateway.key(), List.of(TestGateway.key()),
          PasswordHasher.create("auto", TestUsers.FAST), pool, metrics, Clock.systemUTC());
      return Routes.build(vertx, shared, redis);
    } finally {
      redis.close().eventually(pool::close).eventually(vertx::close).await(10, TimeUnit.SECONDS);
    }
  }

  private static void collectReferences(JsonNode node, List<String> references) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (field.getKey().equals("$ref")) {
          references.add(field.getValue().asText());
        } else {
          collectReferences(field.getValue(), references);
        }
      }
    } else if (node.isArray()) {
      node.forEach(item -> collectReferences(item, references));
    }
  }

  private static JsonNode readDocument() throws IOException {
    return new ObjectMapper(new YAMLFactory()).readTree(resourceBytes());
  }

  private static byte[] resourceBytes() throws IOException {
    try (InputStream in = OpenApiRoutesTest.class.getClassLoader().getResourceAsStream(OpenApiHandler.RESOURCE)) {
      if (in == null) {
        throw new IOException(OpenApiHandler.RESOURCE + " is not on the test classpath");
      }
      return in.readAllBytes();
    }
  }
}
