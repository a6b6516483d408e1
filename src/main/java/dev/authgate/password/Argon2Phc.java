package dev.authgate.password;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed Argon2 PHC string in the form libsodium and the reference implementation write:
 * {@code $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>} (or {@code $argon2i$...}), salt and
 * hash in standard base64 without padding.
 *
 * <p>Parsing is deliberately strict so that both engines accept exactly the same strings: version 19 only
 * (no {@code v=16}, no missing {@code v=}), parameters in the order m,t,p with no extra keys, decimal numbers
 * without sign or leading zeros, canonical unpadded base64, salt 8–64 bytes, hash 16–64 bytes, and the cost
 * limits of {@link Argon2Parameters} ({@code MAX_*}). {@code $argon2d$} is not accepted.
 */
record Argon2Phc(Type type, int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

  enum Type {
    ARGON2I("argon2i", org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_i),
    ARGON2ID("argon2id", org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id);

    final String id;
    final int bouncyCastleType;

    Type(String id, int bouncyCastleType) {
      this.id = id;
      this.bouncyCastleType = bouncyCastleType;
    }
  }

  static final int VERSION = 19;
  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;
  static final int MIN_SALT_BYTES = 8;
  static final int MAX_SALT_BYTES = 64;
  static final int MIN_HASH_BYTES = 16;
  static final int MAX_HASH_BYTES = 64;

  private static final Pattern PARAMS = Pattern.compile("m=(0|[1-9][0-9]{0,9}),t=(0|[1-9][0-9]{0,9}),p=(0|[1-9][0-9]{0,9})");
  private static final Pattern B64 = Pattern.compile("[A-Za-z0-9+/]+");
  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

  static Argon2Phc parse(String phc) throws MalformedHashException {
    if (phc == null) {
      throw new MalformedHashException("null");
    }
    String[] parts = phc.split("\\$", -1);
    if (parts.length != 6 || !parts[0].isEmpty()) {
      throw new MalformedHashException("expected $type$v=19$m=..,t=..,p=..$salt$hash");
    }
    Type type;
    if (parts[1].equals(Type.ARGON2ID.id)) {
      type = Type.ARGON2ID;
    } else if (parts[1].equals(Type.ARGON2I.id)) {
      type = Type.ARGON2I;
    } else {
      throw new MalformedHashException("unsupported Argon2 variant");
    }
    if (!parts[2].equals("v=" + VERSION)) {
      throw new MalformedHashException("unsupported Argon2 version (only v=19)");
    }
    Matcher m = PARAMS.matcher(parts[3]);
    if (!m.matches()) {
      throw new MalformedHashException("bad parameter section (expected m=..,t=..,p=..)");
    }
    long memory = Long.parseLong(m.group(1));
    long iterations = Long.parseLong(m.group(2));
    long parallelism = Long.parseLong(m.group(3));
    if (parallelism < 1 || parallelism > Argon2Parameters.MAX_PARALLELISM) {
      throw new MalformedHashException("parallelism out of range");
    }
    if (iterations < 1 || iterations > Argon2Parameters.MAX_ITERATIONS) {
      throw new MalformedHashException("iterations out of range");
    }
    if (memory < 8 * parallelism || memory > Argon2Parameters.MAX_MEMORY_KIB) {
      throw new MalformedHashException("memory cost out of range");
    }
    byte[] salt = decode(parts[4], "salt");
    byte[] hash = decode(parts[5], "hash");
    if (salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES) {
      throw new MalformedHashException("salt length out of range");
    }
    if (hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) {
      throw new MalformedHashException("hash length out of range");
    }
    return new Argon2Phc(type, (int) memory, (int) iterations, (int) parallelism, salt, hash);
  }

  private static byte[] decode(String b64, String what) throws MalformedHashException {
    if (!B64.matcher(b64).matches()) {
      throw new MalformedHashException(what + " is not unpadded standard base64");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new MalformedHashException(what + " is not valid base64");
    }
    // libsodium rejects non-canonical encodings (stray low bits, impossible lengths); so do we.
    if (!ENCODER.encodeToString(bytes).equals(b64)) {
      throw new MalformedHashException(what + " is not canonical base64");
    }
    return bytes;
  }

  static String encode(Type type, Argon2Parameters p, byte[] salt, byte[] hash) {
    return "$" + type.id + "$v=" + VERSION + "$m=" + p.memoryKib() + ",t=" + p.iterations() + ",p="
        + p.parallelism() + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
  }

  Argon2Parameters parameters() {
    return new Argon2Parameters(memoryKib, iterations, parallelism);
  }

  /** True when this is what {@link PasswordHasher#hash} would produce today at {@code params}. */
  boolean isCurrent(Argon2Parameters params) {
    return type == Type.ARGON2ID
        && memoryKib == params.memoryKib()
        && iterations == params.iterations()
        && parallelism == params.parallelism()
        && salt.length >= SALT_BYTES
        && hash.length == HASH_BYTES;
  }
}
