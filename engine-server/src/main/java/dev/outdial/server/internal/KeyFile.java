package dev.outdial.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outdial.server.ApiKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The file where the server keeps keys it generated: ids and SHA-256 hashes only, never secrets,
 * {@code {"api_keys": [{"key_id", "secret_sha256"}]}}, created owner-readable only.
 */
public final class KeyFile {
  private KeyFile() {}

  /** The keys in the file; none if it does not exist. */
  public static List<ApiKeys.StoredKey> read(Path file) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      JsonNode root = Json.MAPPER.readTree(file.toFile());
      List<ApiKeys.StoredKey> keys = new ArrayList<>();
      for (JsonNode key : root.path("api_keys")) {
        keys.add(
            new ApiKeys.StoredKey(key.path("key_id").asText(), key.path("secret_sha256").asText()));
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read key file " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes a new key file holding one key; refuses to overwrite an existing file. */
  public static void create(Path file, ApiKeys.StoredKey key) {
    ObjectNode root = Json.object();
    root.putArray("api_keys")
        .addObject()
        .put("key_id", key.keyId())
        .put("secret_sha256", key.secretSha256());
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file); // not a POSIX file system: the platform's defaults apply
      }
      Files.write(file, Json.bytes(root), StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException(
          "key file " + file + " already exists; not overwriting it", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write key file " + file, e);
    }
  }
}
