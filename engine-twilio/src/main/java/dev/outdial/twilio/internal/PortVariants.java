package dev.outdial.twilio.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The spellings of one URL that Twilio's validators accept a signature for: as given, with the
 * scheme's default port added when it has none, and with its port removed.
 */
public final class PortVariants {
  private PortVariants() {}

  /** The distinct variants, the URL as given first. */
  public static Set<String> of(String url) {
    Set<String> variants = new LinkedHashSet<>();
    variants.add(url);
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException notAUri) {
      return variants;
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      return variants;
    }
    int defaultPort = defaultPort(uri.getScheme());
    if (uri.getPort() < 0 && defaultPort > 0) {
      variants.add(rebuild(uri, ":" + defaultPort));
    }
    if (uri.getPort() >= 0) {
      variants.add(rebuild(uri, ""));
    }
    return variants;
  }

  private static int defaultPort(String scheme) {
    return switch (scheme.toLowerCase(Locale.ROOT)) {
      case "https" -> 443;
      case "http" -> 80;
      default -> -1;
    };
  }

  private static String rebuild(URI uri, String port) {
    StringBuilder url = new StringBuilder(uri.getScheme()).append("://");
    if (uri.getRawUserInfo() != null) {
      url.append(uri.getRawUserInfo()).append('@');
    }
    url.append(uri.getHost()).append(port);
    if (uri.getRawPath() != null) {
      url.append(uri.getRawPath());
    }
    if (uri.getRawQuery() != null) {
      url.append('?').append(uri.getRawQuery());
    }
    if (uri.getRawFragment() != null) {
      url.append('#').append(uri.getRawFragment());
    }
    return url.toString();
  }
}
