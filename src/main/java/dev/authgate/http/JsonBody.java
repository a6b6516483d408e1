package dev.authgate.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads a JSON object request body and its fields, failing with an {@link HttpProblem} that names the field. */
public final class JsonBody {

  private final JsonObject json;

  private JsonBody(JsonObject json) {
    this.json = json;
  }

  /** Parses the body; 415 unless the content type is JSON, 400 unless the body is one JSON object. */
  public static JsonBody of(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !isJson(contentType)) {
      throw HttpProblem.unsupportedMediaType("The request body must be application/json, got "
          + (contentType == null ? "no Content-Type" : "'" + contentType + "'") + ".");
    }
    if (isEmpty(ctx)) {
      throw HttpProblem.malformedBody("The request body is empty; expected a JSON object.");
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(ctx.body().buffer());
    } catch (DecodeException e) {
      throw HttpProblem.malformedBody("The request body is not valid JSON.");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw HttpProblem.malformedBody("The request body must be a JSON object.");
    }
    return new JsonBody(object);
  }

  /** Returns an empty body for requests that may omit one. */
  public static JsonBody ofOptional(RoutingContext ctx) {
    if (isEmpty(ctx)) {
      return new JsonBody(new JsonObject());
    }
    return of(ctx);
  }

  public String requiredString(String field) {
    String value = optionalString(field);
    if (value == null) {
      throw HttpProblem.invalidField(field, "The field '" + field + "' is required.");
    }
    return value;
  }

  /** Returns the field's text, or null when absent; 400 when present but not a non-empty string. */
  public String optionalString(String field) {
    if (!json.containsKey(field) || json.getValue(field) == null) {
      return null;
    }
    Object value = json.getValue(field);
    if (!(value instanceof String text)) {
      throw HttpProblem.invalidField(field, "The field '" + field + "' must be a string.");
    }
    if (text.isEmpty()) {
      throw HttpProblem.invalidField(field, "The field '" + field + "' must not be empty.");
    }
    return text;
  }

  /** Returns the field's boolean value, {@code fallback} when absent; 400 when present but not a boolean. */
  public boolean optionalBoolean(String field, boolean fallback) {
    if (!json.containsKey(field) || json.getValue(field) == null) {
      return fallback;
    }
    if (!(json.getValue(field) instanceof Boolean value)) {
      throw HttpProblem.invalidField(field, "The field '" + field + "' must be true or false.");
    }
    return value;
  }

  private static boolean isEmpty(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0;
  }

  private static boolean isJson(String contentType) {
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }
}
