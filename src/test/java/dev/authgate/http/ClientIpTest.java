package dev.authgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authgate.config.ConfigException;
import dev.authgate.config.ConfigReader;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Client address resolution. Addresses are from the documentation ranges (RFC 5737, RFC 3849). They only
 * appear as header values and socket peers here, and nothing is sent to them.
 */
class ClientIpTest {

  private static final ClientIp BEHIND_PROXIES = resolverTrusting("10.0.0.0/8", "2001:db8:ffff::/48");
  private static final ClientIp NO_PROXIES = resolverTrusting();

  @Test
  void untrustedPeerIsClientDespiteHeader() {
    assertEquals("198.51.100.7", NO_PROXIES.resolve(peer("198.51.100.7"), List.of("192.0.2.1")));
  }

  @Test
  void headerFromUntrustedPeerIgnoredEvenWhenProxiesConfigured() {
    assertEquals("198.51.100.7", BEHIND_PROXIES.resolve(peer("198.51.100.7"), List.of("192.0.2.1")));
  }

  @Test
  void trustedPeerTakesRightMostUntrustedEntry() {
    String resolved = BEHIND_PROXIES.resolve(peer("10.0.0.5"), List.of("203.0.113.9, 192.0.2.1, 10.0.0.4"));

    assertEquals("192.0.2.1", resolved);
  }

  @Test
  void forgedLeftEntriesNeverUsed() {
    // The client wrote 10.1.1.1 itself; the proxy appended the real peer 192.0.2.1 to its right.
    assertEquals("192.0.2.1", BEHIND_PROXIES.resolve(peer("10.0.0.5"), List.of("10.1.1.1, 192.0.2.1")));
  }

  @Test
  void severalHeaderLinesReadInOrder() {
    assertEquals("192.0.2.2", BEHIND_PROXIES.resolve(peer("10.0.0.5"), List.of("192.0.2.1", "192.0.2.2")));
  }

  @Test
  void allEntriesTrustedTakesLeftMost() {
    assertEquals("10.0.0.1", BEHIND_PROXIES.resolve(peer("10.0.0.5"), List.of("10.0.0.1, 10.0.0.2")));
  }

  @Test
  void garbledEntryFallsBackToProxy() {
    assertEquals("10.0.0.4", BEHIND_PROXIES.resolve(peer("10.0.0.5"), List.of("192.0.2.1, unknown, 10.0.0.4")));
  }

  @Test
  void hostNameEntryNotResolved() {
    assertEquals("10.0.0.5", BEHIND_PROXIES.resolve(peer("10.0.0.5"), List.of("localhost")));
  }

  @Test
  void missingHeaderTakesPeer() {
    assertEquals("10.0.0.5", BEHIND_PROXIES.resolve(peer("10.0.0.5"), List.of()));
  }

  @Test
  void portsAndBracketsStripped() {
    assertEquals("192.0.2.1", BEHIND_PROXIES.resolve(peer("10.0.0.5"), List.of("192.0.2.1:51234")));
    assertEquals("2001:db8:0:0:0:0:0:1", BEHIND_PROXIES.resolve(peer("10.0.0.5"), List.of("[2001:db8::1]:443")));
  }

  @Test
  void ipv6ProxyBlockMatched() {
    assertEquals("192.0.2.1", BEHIND_PROXIES.resolve(peer("2001:db8:ffff::9"), List.of("192.0.2.1")));
  }

  @Test
  void ipv6WrittenInFullForm() {
    assertEquals("2001:db8:1:2:0:0:0:5", NO_PROXIES.resolve(peer("2001:db8:1:2::5"), List.of()));
  }

  @Test
  void noPeerIsUnknown() {
    assertEquals(ClientIp.UNKNOWN, NO_PROXIES.resolve(Optional.empty(), List.of()));
  }

  @Test
  void cidrPrefixMatchesPartialByte() {
    IpAddresses.Cidr block = IpAddresses.Cidr.parse("192.0.2.128/25").orElseThrow();

    assertTrue(block.contains(address("192.0.2.200")));
    assertEquals(false, block.contains(address("192.0.2.100")));
  }

  @Test
  void invalidTrustedProxyFailsStartUpNamingKey() {
    ConfigException error = assertThrows(ConfigException.class, () -> resolverTrusting("10.0.0.0/33"));

    assertTrue(error.getMessage().contains("http.trusted-proxies"), error.getMessage());
    assertTrue(error.getMessage().contains("10.0.0.0/33"), error.getMessage());
  }

  @Test
  void hostNameAsTrustedProxyRejected() {
    assertThrows(ConfigException.class, () -> resolverTrusting("proxy.internal"));
  }

  private static ClientIp resolverTrusting(String... blocks) {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    var list = tree.putObject("http").putArray("trusted-proxies");
    for (String block : blocks) {
      list.add(block);
    }
    return ClientIp.fromConfig(new ConfigReader(tree));
  }

  private static Optional<InetAddress> peer(String text) {
    return Optional.of(address(text));
  }

  private static InetAddress address(String text) {
    return IpAddresses.parse(text).orElseThrow();
  }
}
