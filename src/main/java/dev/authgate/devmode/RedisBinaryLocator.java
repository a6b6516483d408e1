package dev.authgate.devmode;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a {@code redis-server} executable: the first one on the {@code PATH}, else the binary
 * bundled in the embedded-redis jar, extracted once into a per-user cache directory.
 *
 * <p>Blocking: it reads the file system and may copy about 10 MB.
 */
final class RedisBinaryLocator {

  /**
   * Bundled binaries by platform key ({@code os-arch}). The names are the classpath resources of
   * com.github.codemonstur:embedded-redis 1.4.3 and must change when that version changes.
   * NOTE: the tests run only the binary for the machine they run on (linux-amd64 on CI). The
   * Windows one is a Redis 5.0 port, untested with the arguments in {@link RedisLaunch#command()}.
   */
  private static final Map<String, String> BUNDLED_RESOURCES = Map.of(
      "linux-amd64", "redis-server-6.2.6-v5-linux-amd64",
      "linux-arm64", "redis-server-6.2.7-linux-arm64",
      "linux-386", "redis-server-6.2.7-linux-386",
      "darwin-amd64", "redis-server-6.2.6-v5-darwin-amd64",
      "darwin-arm64", "redis-server-6.2.6-v5-darwin-arm64",
      "windows-amd64", "redis-server-5.0.14.1-windows-amd64.exe");

  private RedisBinaryLocator() {
  }

  /** Returns the binary to run, preferring the {@code PATH} unless {@code forceBundled} is set. */
  static RedisBinary locate(boolean forceBundled) throws IOException {
    if (!forceBundled) {
      Optional<Path> onPath = findOnPath(System.getenv("PATH"), isWindows(System.getProperty("os.name")));
      if (onPath.isPresent()) {
        return new RedisBinary(onPath.get(), RedisBinary.Source.PATH);
      }
    }

    String resource = bundledResourceName(System.getProperty("os.name"), System.getProperty("os.arch"));
    Path extracted = extractBundled(resource, cacheRoot());
    return new RedisBinary(extracted, RedisBinary.Source.BUNDLED);
  }

  /** Returns the first executable regular file named {@code redis-server} in the given PATH value. */
  static Optional<Path> findOnPath(String pathVariable, boolean windows) {
    if (pathVariable == null || pathVariable.isBlank()) {
      return Optional.empty();
    }
    String fileName = windows ? "redis-server.exe" : "redis-server";
    for (String directory : pathVariable.split(File.pathSeparator)) {
      if (directory.isBlank()) {
        continue;
      }
      Path candidate = Path.of(directory, fileName);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  /** Maps {@code os.name} and {@code os.arch} to a bundled resource, or fails naming both. */
  static String bundledResourceName(String osName, String osArch) {
    String key = osFamily(osName) + "-" + archFamily(osArch);
    String resource = BUNDLED_RESOURCES.get(key);
    if (resource == null) {
      throw new IllegalStateException("No bundled redis-server for os.name=" + osName
          + ", os.arch=" + osArch + ". Install redis-server on the PATH");
    }
    return resource;
  }

  /**
   * Copies the resource to {@code cacheRoot/<resource>-<size>/<resource>} unless a copy of the same
   * size is already there, and returns that path. Concurrent JVMs are safe because each writes a
   * temporary file and renames it into place.
   */
  static Path extractBundled(String resource, Path cacheRoot) throws IOException {
    URL url = RedisBinaryLocator.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IllegalStateException("Bundled Redis binary " + resource + " not found on the classpath."
          + " Add com.github.codemonstur:embedded-redis or install redis-server on the PATH");
    }
    URLConnection connection = url.openConnection();
    long size = connection.getContentLengthLong();
    Path directory = ensurePrivateDirectory(cacheRoot.resolve(resource + "-" + size));
    Path target = directory.resolve(resource);
    if (isUsableCopy(target, size)) {
      return target;
    }

    Path temporary = Files.createTempFile(directory, "extract-", ".tmp");
    try (InputStream in = connection.getInputStream()) {
      Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
      makeOwnerExecutable(temporary);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException raceLostOnWindows) {
      // Another JVM finished first on a file system whose rename does not replace, so use its copy.
    } finally {
      Files.deleteIfExists(temporary);
    }
    return target;
  }

  private static boolean isUsableCopy(Path target, long expectedSize) throws IOException {
    return Files.isRegularFile(target)
        && Files.isExecutable(target)
        && (expectedSize < 0 || Files.size(target) == expectedSize);
  }

  /** Returns a per-user cache under {@code java.io.tmpdir}, so one user does not run another user's copy. */
  private static Path cacheRoot() {
    String user = System.getProperty("user.name", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
    return Path.of(System.getProperty("java.io.tmpdir"), "authgate-redis-bin-" + user);
  }

  /**
   * Creates the directory with access for its owner only. On POSIX file systems it fails when the
   * directory belongs to another user, because a binary planted there would run as this user.
   */
  private static Path ensurePrivateDirectory(Path directory) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (posix) {
      Files.createDirectories(directory.getParent(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.createDirectories(directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      checkOwnedByCurrentUser(directory.getParent());
      checkOwnedByCurrentUser(directory);
    } else {
      Files.createDirectories(directory);
    }
    return directory;
  }

  private static void checkOwnedByCurrentUser(Path directory) throws IOException {
    UserPrincipal owner = Files.getOwner(directory);
    UserPrincipal current = directory.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
    if (!owner.equals(current)) {
      throw new IOException("Redis binary cache directory " + directory + " is owned by " + owner.getName()
          + ", not by " + current.getName() + ". Delete it or change java.io.tmpdir");
    }
  }

  private static void makeOwnerExecutable(Path file) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    } else if (!file.toFile().setExecutable(true, true)) {
      throw new IOException("Could not mark " + file + " as executable");
    }
  }

  private static boolean isWindows(String osName) {
    return osName != null && osName.toLowerCase(Locale.ROOT).startsWith("windows");
  }

  private static String osFamily(String osName) {
    String os = String.valueOf(osName).toLowerCase(Locale.ROOT);
    if (os.startsWith("linux")) {
      return "linux";
    }
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return "darwin";
    }
    if (os.startsWith("windows")) {
      return "windows";
    }
    return os;
  }

  private static String archFamily(String osArch) {
    String arch = String.valueOf(osArch).toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i486", "i586", "i686" -> "386";
      default -> arch;
    };
  }
}
