package dev.authgate.app;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI 3 description of the API, bundled as {@code openapi.yaml} and read once. */
final class OpenApiHandler {

  static final String RESOURCE = "openapi.yaml";
  private static final Buffer DOCUMENT = load();

  private OpenApiHandler() {}

  /** Loads the document now, on the calling thread, so the first request does not read the jar on an event loop. */
  static void preload() {
    DOCUMENT.length();
  }

  static void serve(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "application/yaml")
        .putHeader("Cache-Control", "public, max-age=300")
        .end(DOCUMENT);
  }

  private static Buffer load() {
    try (InputStream in = OpenApiHandler.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }
}
