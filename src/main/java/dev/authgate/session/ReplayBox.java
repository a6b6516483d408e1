package dev.authgate.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the token pair that a refresh produced, so that a retry with the same refresh token inside the grace
 * window receives the very same pair. The key is derived from the presented refresh token's secret, which
 * Redis never stores, so the sealed pair in Redis is useless to anyone who does not hold that token.
 * AES-256-GCM with a random 96-bit nonce; the session id is bound as associated data.
 */
final class ReplayBox {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private ReplayBox() {}

  /** A sealed pair: the new refresh token and the access token that came with it. */
  record Pair(String refreshToken, String accessToken) {

    @Override
    public String toString() {
      return "Pair[sealed]";
    }
  }

  static String seal(RefreshToken presented, Pair pair) {
    byte[] refresh = pair.refreshToken().getBytes(StandardCharsets.US_ASCII);
    byte[] access = pair.accessToken().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer plain = ByteBuffer.allocate(4 + refresh.length + access.length);
    plain.putInt(refresh.length).put(refresh).put(access);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, presented, nonce);
      byte[] sealed = cipher.doFinal(plain.array());
      ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
      return Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required by the Java platform", e);
    }
  }

  /** Opens a sealed pair; empty when it was not sealed for this token or was altered. */
  static Optional<Pair> open(RefreshToken presented, String sealedText) {
    try {
      byte[] all = Base64.getDecoder().decode(sealedText);
      byte[] nonce = Arrays.copyOfRange(all, 0, NONCE_BYTES);
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, presented, nonce);
      ByteBuffer plain = ByteBuffer.wrap(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES));
      byte[] refresh = new byte[plain.getInt()];
      plain.get(refresh);
      byte[] access = new byte[plain.remaining()];
      plain.get(access);
      return Optional.of(new Pair(new String(refresh, StandardCharsets.US_ASCII), new String(access, StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Cipher cipher(int mode, RefreshToken presented, byte[] nonce) throws GeneralSecurityException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update("authgate refresh replay v1".getBytes(StandardCharsets.US_ASCII));
    byte[] key = digest.digest(presented.secret().getBytes(StandardCharsets.US_ASCII));
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(presented.sessionId().getBytes(StandardCharsets.US_ASCII));
    return cipher;
  }
}
