package dev.authgate.http;

import dev.authgate.config.ConfigException;
import dev.authgate.config.ConfigReader;
import dev.authgate.http.IpAddresses.Cidr;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the client IP address of each request and stores it in the routing context, for login throttling
 * and the audit trail. The socket peer is the client unless it is one of {@code http.trusted-proxies}. Then
 * {@code X-Forwarded-For} is read from the right, skipping trusted proxies, and the first other address is
 * the client. Entries further left were written by the client itself and could be forged, so they are never
 * used. With no trusted proxies configured the header is ignored.
 */
public final class ClientIp implements Handler<RoutingContext> {

  /** The value used when the peer has no IP address, such as a Unix domain socket. */
  public static final String UNKNOWN = "unknown";

  private static final String CONTEXT_KEY = "authgate.client-ip";
  private static final String FORWARDED_FOR = "X-Forwarded-For";

  private final List<Cidr> trustedProxies;

  ClientIp(List<Cidr> trustedProxies) {
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  /** Reads {@code http.trusted-proxies}: IP addresses and CIDR blocks. Fails start-up naming a bad entry. */
  public static ClientIp fromConfig(ConfigReader config) {
    List<Cidr> blocks = new ArrayList<>();
    for (String entry : config.textList("http.trusted-proxies")) {
      blocks.add(Cidr.parse(entry).orElseThrow(() -> new ConfigException(
          "Configuration key 'http.trusted-proxies' must contain IP addresses or CIDR blocks such as 10.0.0.0/8, got '"
              + entry + "'")));
    }
    return new ClientIp(blocks);
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(CONTEXT_KEY, resolve(ctx.request()));
    ctx.next();
  }

  /** Returns the client address that this handler stored, or the socket peer when the handler did not run. */
  public static String of(RoutingContext ctx) {
    String resolved = ctx.get(CONTEXT_KEY);
    return resolved != null ? resolved : peerOf(ctx.request()).map(IpAddresses::text).orElse(UNKNOWN);
  }

  /** Parses one address of each family, so the first request does not load the parsers on an event loop. */
  public static void warmUp() {
    ClientIp resolver = new ClientIp(List.of(Cidr.parse("2001:db8::/32").orElseThrow()));
    resolver.resolve(IpAddresses.parse("2001:db8::1"), List.of("192.0.2.1, [2001:db8::2]:443"));
  }

  String resolve(HttpServerRequest request) {
    return resolve(peerOf(request), request.headers().getAll(FORWARDED_FOR));
  }

  /**
   * Returns the client address for a socket peer and the {@code X-Forwarded-For} header values in the order
   * received. An entry that is not an IP address stops the walk: the trusted proxy to its right is then taken
   * as the client, so a garbled header can only make clients share their proxy's throttling budget.
   */
  String resolve(Optional<InetAddress> peer, List<String> forwardedFor) {
    if (peer.isEmpty()) {
      return UNKNOWN;
    }
    InetAddress client = peer.get();
    if (!isTrusted(client)) {
      return IpAddresses.text(client);
    }
    List<String> hops = hopsOf(forwardedFor);
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = IpAddresses.parse(hops.get(i));
      if (hop.isEmpty()) {
        break;
      }
      client = hop.get();
      if (!isTrusted(client)) {
        break;
      }
    }
    return IpAddresses.text(client);
  }

  private boolean isTrusted(InetAddress address) {
    for (Cidr block : trustedProxies) {
      if (block.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> hopsOf(List<String> headerValues) {
    List<String> hops = new ArrayList<>();
    for (String value : headerValues) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          hops.add(part.strip());
        }
      }
    }
    return hops;
  }

  private static Optional<InetAddress> peerOf(HttpServerRequest request) {
    SocketAddress peer = request.remoteAddress();
    if (peer == null || !peer.isInetSocket() || peer.hostAddress() == null) {
      return Optional.empty();
    }
    return IpAddresses.parse(peer.hostAddress());
  }
}
