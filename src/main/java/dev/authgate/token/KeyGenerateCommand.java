package dev.authgate.token;

import dev.authgate.config.ConfigException;
import dev.authgate.config.GatewayConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code java -jar authgate.jar keys generate --kid KID --dir DIR [--algorithm RS256]}: writes a new key pair as
 * PEM files and prints the configuration entry that adds it in state next, the first step of a rotation
 * (docs/key-rotation.md). The private key file is readable by its owner only, and existing files are never
 * overwritten.
 */
public final class KeyGenerateCommand {

  private KeyGenerateCommand() {}

  public static void run(String[] args, PrintStream out) {
    String kid = null;
    Path dir = null;
    String algorithm = "RS256";
    for (int i = 2; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--kid" -> kid = value;
        case "--dir" -> dir = value == null ? null : Path.of(value);
        case "--algorithm" -> algorithm = value;
        default -> throw new ConfigException("Unknown option '" + args[i] + "'; usage: keys generate --kid KID --dir DIR [--algorithm RS256|ES256|EdDSA]");
      }
      i++;
    }
    if (kid == null || !kid.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new ConfigException("--kid must be 1 to 64 of A-Z a-z 0-9 . _ -, got " + (kid == null ? "nothing" : "'" + kid + "'"));
    }
    if (dir == null) {
      throw new ConfigException("--dir is required: the folder for the new key files");
    }
    if (!GatewayConfig.ALGORITHMS.contains(algorithm)) {
      throw new ConfigException("--algorithm must be one of " + GatewayConfig.ALGORITHMS + ", got '" + algorithm + "'");
    }

    SigningKey key = SigningKeyLoader.generate(kid, algorithm);
    Path privateFile = dir.resolve(kid + ".key");
    Path publicFile = dir.resolve(kid + ".pub");
    try {
      Files.createDirectories(dir);
      writeOwnerOnly(privateFile, key.privatePem());
      Files.writeString(publicFile, Pem.encodePublic(key.publicKey()), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      throw new ConfigException("Refusing to overwrite " + e.getFile() + "; choose another kid or folder");
    } catch (IOException e) {
      throw new ConfigException("Cannot write key files to " + dir + ": " + e.getMessage(), e);
    }
    out.printf("Wrote %s (private, owner-only) and %s.%n", privateFile, publicFile);
    out.printf("Add this entry to tokens.signing-keys with state next, roll it out, and wait at least %d s before%n",
        MetadataHandlers.JWKS_MAX_AGE_SECONDS);
    out.println("making it active (see docs/key-rotation.md):");
    out.printf("  - {kid: \"%s\", private-key-file: \"%s\", public-key-file: \"%s\", state: next}%n",
        kid, privateFile.toAbsolutePath(), publicFile.toAbsolutePath());
  }

  private static void writeOwnerOnly(Path file, String content) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, content, StandardCharsets.US_ASCII);
  }
}
