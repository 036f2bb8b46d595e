package dev.outdial.server.internal;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The standalone server's logging: logback with {@code logback-server.xml} (one line format, UTC
 * times; an operator's {@code -Dlogback.configurationFile} wins), and {@code java.util.logging} —
 * where the JDK's HTTP server and Caffeine log — routed through SLF4J into the same format.
 */
public final class ServerLogging {
  private static final String CONFIG = "dev/outdial/server/logback-server.xml";

  private ServerLogging() {}

  /** Call first in {@code main}, before any logger exists. */
  public static void install() {
    System.getProperties().putIfAbsent("logback.configurationFile", CONFIG);
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
  }
}
