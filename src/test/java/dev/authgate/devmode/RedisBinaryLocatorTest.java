package dev.authgate.devmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisBinaryLocatorTest {

  @Test
  void bundledResourceMatchesPlatform() {
    assertEquals("redis-server-6.2.6-v5-linux-amd64", RedisBinaryLocator.bundledResourceName("Linux", "amd64"));
    assertEquals("redis-server-6.2.7-linux-arm64", RedisBinaryLocator.bundledResourceName("Linux", "aarch64"));
    assertEquals("redis-server-6.2.7-linux-386", RedisBinaryLocator.bundledResourceName("Linux", "i386"));
    assertEquals("redis-server-6.2.6-v5-darwin-amd64", RedisBinaryLocator.bundledResourceName("Mac OS X", "x86_64"));
    assertEquals("redis-server-6.2.6-v5-darwin-arm64", RedisBinaryLocator.bundledResourceName("Mac OS X", "aarch64"));
    assertEquals("redis-server-5.0.14.1-windows-amd64.exe",
        RedisBinaryLocator.bundledResourceName("Windows 11", "amd64"));
  }

  @Test
  void unsupportedPlatformNamesOsAndArch() {
    IllegalStateException failure = assertThrows(IllegalStateException.class,
        () -> RedisBinaryLocator.bundledResourceName("SunOS", "sparcv9"));

    assertTrue(failure.getMessage().contains("os.name=SunOS"), failure.getMessage());
    assertTrue(failure.getMessage().contains("os.arch=sparcv9"), failure.getMessage());
  }

  @Test
  void pathSearchSkipsNonExecutableFiles(@TempDir Path root) throws IOException {
    Path plain = Files.createDirectory(root.resolve("plain"));
    Files.createFile(plain.resolve("redis-server"));
    Path bin = Files.createDirectory(root.resolve("bin"));
    Path executable = Files.createFile(bin.resolve("redis-server"));
    Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwx------"));

    String pathVariable = String.join(File.pathSeparator, plain.toString(), "", bin.toString());

    assertEquals(Optional.of(executable), RedisBinaryLocator.findOnPath(pathVariable, false));
  }

  @Test
  void pathSearchFindsNothingInEmptyPath() {
    assertEquals(Optional.empty(), RedisBinaryLocator.findOnPath("", false));
    assertEquals(Optional.empty(), RedisBinaryLocator.findOnPath(null, false));
  }

  @Test
  void missingResourceFailsWithHint(@TempDir Path cache) {
    IllegalStateException failure = assertThrows(IllegalStateException.class,
        () -> RedisBinaryLocator.extractBundled("redis-server-0.0.0-nowhere", cache));

    assertTrue(failure.getMessage().contains("redis-server-0.0.0-nowhere"), failure.getMessage());
  }

  @Test
  void extractionCreatesExecutableCopy(@TempDir Path cache) throws IOException {
    String resource = RedisBinaryLocator.bundledResourceName(
        System.getProperty("os.name"), System.getProperty("os.arch"));

    Path first = RedisBinaryLocator.extractBundled(resource, cache);
    Path second = RedisBinaryLocator.extractBundled(resource, cache);

    assertEquals(first, second);
    assertTrue(first.startsWith(cache));
    assertTrue(Files.isExecutable(first));
    try (var entries = Files.list(first.getParent())) {
      assertEquals(1, entries.count(), "no temporary file may remain next to the binary");
    }
  }
}
