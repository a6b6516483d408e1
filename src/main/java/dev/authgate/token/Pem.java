package dev.authgate.token;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.Base64;

/** Encodes and decodes the PEM wrapping of PKCS#8 private keys and X.509 public keys. */
final class Pem {

  private Pem() {}

  static String encodePrivate(Key key) {
    return encode("PRIVATE KEY", key.getEncoded());
  }

  static String encodePublic(Key key) {
    return encode("PUBLIC KEY", key.getEncoded());
  }

  private static String encode(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /**
   * Returns the DER bytes of the first PEM block with the given label.
   *
   * @throws IllegalArgumentException when the text has no such block; the message never contains key material
   */
  static byte[] decode(String text, String label, String source) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int start = text.indexOf(begin);
    int stop = text.indexOf(end);
    if (start < 0 || stop < start) {
      throw new IllegalArgumentException(source + " has no '" + begin + "' block; expected a PEM "
          + ("PRIVATE KEY".equals(label) ? "PKCS#8 private key (convert with: openssl pkcs8 -topk8 -nocrypt)" : "X.509 public key"));
    }
    String body = text.substring(start + begin.length(), stop).replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " has a PEM block that is not valid base64", e);
    }
  }
}
