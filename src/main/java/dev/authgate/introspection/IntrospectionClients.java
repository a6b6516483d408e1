package dev.authgate.introspection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authgate.config.ConfigException;
import dev.authgate.config.GatewayConfig;
import dev.authgate.config.Mode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The resource servers allowed to call {@code /oauth/introspect}, from {@code introspection.clients}: a list of
 * {@code {id, secret-hash}} where {@code secret-hash} is {@code sha256:} and the hex SHA-256 of the secret.
 *
 * <p>A plain SHA-256 is enough because client secrets are generated, not chosen: 32 random bytes cannot be
 * guessed from their hash, and a slow password hash on every introspection call would cost milliseconds of
 * CPU for no gain. Secrets must therefore be random, for example {@code openssl rand -base64 32}.
 */
public final class IntrospectionClients {

  static final String KEY = "introspection.clients";

  /** The client that development mode adds when none is configured. A sample secret, not for use. */
  static final String DEVELOPMENT_CLIENT_ID = "demo-resource-server";
  static final String DEVELOPMENT_CLIENT_SECRET = "demo-introspection-secret";

  private static final Set<String> ENTRY_KEYS = Set.of("id", "secret-hash");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern HASH = Pattern.compile("sha256:[0-9a-fA-F]{64}");
  /** Compared against when the id is unknown, so an unknown id costs the same as a wrong secret. */
  private static final byte[] NO_CLIENT_HASH = new byte[32];

  private record Client(String id, byte[] secretHash) {}

  private final List<Client> clients;

  private IntrospectionClients(List<Client> clients) {
    this.clients = List.copyOf(clients);
  }

  /** Reads and checks the list. Throws {@link ConfigException} naming the entry and what is wrong. */
  public static IntrospectionClients from(GatewayConfig config) {
    JsonNode list = config.reader().node(KEY);
    if (!list.isArray()) {
      throw new ConfigException("Configuration key '" + KEY + "' must be a list of {id, secret-hash}, got " + list.getNodeType());
    }
    List<Client> clients = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Client client = client(list.get(i), KEY + "[" + i + "]");
      if (!ids.add(client.id())) {
        throw new ConfigException("Configuration key '" + KEY + "[" + i + "]': client id '" + client.id() + "' is listed twice");
      }
      clients.add(client);
    }
    if (clients.isEmpty() && config.mode() == Mode.DEVELOPMENT) {
      clients.add(new Client(DEVELOPMENT_CLIENT_ID, sha256(DEVELOPMENT_CLIENT_SECRET)));
    }
    return new IntrospectionClients(clients);
  }

  /** Returns the id of the client these credentials belong to. The work is the same whichever part is wrong. */
  Optional<String> authenticate(String id, String secret) {
    byte[] presented = sha256(secret);
    String matched = null;
    boolean idKnown = false;
    for (Client client : clients) {
      boolean sameId = client.id().equals(id);
      boolean sameSecret = MessageDigest.isEqual(presented, client.secretHash());
      idKnown |= sameId;
      if (sameId && sameSecret) {
        matched = client.id();
      }
    }
    if (!idKnown) {
      MessageDigest.isEqual(presented, NO_CLIENT_HASH);
    }
    return Optional.ofNullable(matched);
  }

  int size() {
    return clients.size();
  }

  private static Client client(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new ConfigException("Configuration key '" + where + "' must be an object {id, secret-hash}, got " + node.getNodeType());
    }
    node.fieldNames().forEachRemaining(name -> {
      if (!ENTRY_KEYS.contains(name)) {
        throw new ConfigException("Configuration key '" + where + "': unknown key '" + name + "'; the keys are id and secret-hash");
      }
    });
    String id = node.path("id").asText("");
    if (!ID.matcher(id).matches()) {
      throw new ConfigException("Configuration key '" + where + ".id' must be 1 to 64 of A-Z a-z 0-9 . _ -, got '" + id + "'");
    }
    String hash = node.path("secret-hash").asText("");
    if (!HASH.matcher(hash).matches()) {
      // The value is not echoed: an operator may have pasted the secret itself here.
      throw new ConfigException("Configuration key '" + where + ".secret-hash' must be 'sha256:' followed by 64 hex digits;"
          + " make it with: printf %s \"$SECRET\" | sha256sum");
    }
    return new Client(id, HexFormat.of().parseHex(hash.substring("sha256:".length())));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
