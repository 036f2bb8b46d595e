package dev.outdial.server.internal;

import dev.outdial.engine.store.CampaignStore;
import dev.outdial.server.ServerConfig;
import dev.outdial.store.JdbcCampaignStore;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** Opens the store a configuration's {@code store} section names. */
public final class Stores {
  private Stores() {}

  /**
   * The store, open; {@code null} for {@code memory} (the engine then keeps nothing).
   *
   * @param environment reads an environment variable ({@code System::getenv}), for {@code
   *     password_env}
   * @throws dev.outdial.engine.store.StoreException naming the file or database and why, if it
   *     cannot be opened
   * @throws IllegalArgumentException if the password's environment variable is not set
   */
  public static @Nullable CampaignStore open(
      ServerConfig.Store store, UnaryOperator<@Nullable String> environment) {
    return switch (store.type()) {
      case "memory" -> null;
      case "sqlite" ->
          JdbcCampaignStore.sqlite(
              Path.of(Objects.requireNonNull(store.file(), "store.file")).toAbsolutePath());
      case "postgres" ->
          JdbcCampaignStore.postgres(
              Objects.requireNonNull(store.url(), "store.url"),
              Objects.requireNonNull(store.user(), "store.user"),
              store.password(environment));
      default -> throw new IllegalArgumentException("store.type '" + store.type() + "' unknown");
    };
  }
}
