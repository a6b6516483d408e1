package dev.authgate.token;

import dev.authgate.config.GatewayConfig.KeyState;
import java.util.List;

/**
 * The configured signing keys: the one active key signs, and every key (next, active, retired) is published
 * in the JWKS and accepted when verifying. Publishing a next key before it signs lets gateways cache it in
 * time, and keeping a retired key published lets tokens it signed verify until they expire.
 */
public record KeyRing(SigningKey active, List<SigningKey> published) {

  public static KeyRing of(List<SigningKey> keys) {
    List<SigningKey> active = keys.stream().filter(key -> key.state() == KeyState.ACTIVE).toList();
    if (active.size() != 1) {
      throw new IllegalArgumentException("Exactly one active signing key is required, found " + active.size());
    }
    return new KeyRing(active.get(0), List.copyOf(keys));
  }
}
