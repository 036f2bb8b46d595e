package dev.outdial.server.internal;

import dev.outdial.server.ServerConfig;
import dev.outdial.twilio.TwilioSettings;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up checks of a Twilio configuration that would otherwise fail silently, call by call: a
 * callback URL Twilio cannot reach (every call would then end only through a reconciliation
 * look-up, holding its slot all that time), and timings under which a call whose callbacks are lost
 * would end {@code timed_out} before the look-up that finds out how it really ended.
 */
public final class CheckTwilioSettings {
  private static final Logger LOG = LoggerFactory.getLogger(CheckTwilioSettings.class);

  private CheckTwilioSettings() {}

  /**
   * Refuses a missing callback URL, or one whose host is a loopback, unspecified, link-local or
   * private address, unless the operator opted in (a local fake Twilio).
   *
   * @throws IllegalArgumentException naming the setting and what to set
   */
  public static void callbackUrl(String configured, boolean allowPrivate) {
    if (allowPrivate) {
      return;
    }
    if (configured == null) {
      throw new IllegalArgumentException(
          "twilio.callback_base_url is required: set it to the public https URL under which"
              + " Twilio reaches this server's /twilio routes (e.g."
              + " https://dial.example.com/twilio); for a local fake Twilio set"
              + " twilio.allow_private_callback_url to true");
    }
    URI uri = URI.create(configured);
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException(
          "twilio.callback_base_url '" + configured + "' has no host");
    }
    String why = unreachableFromTwilio(host);
    if (why != null) {
      throw new IllegalArgumentException(
          "twilio.callback_base_url '"
              + configured
              + "' points at "
              + why
              + ", which Twilio cannot reach: set the public URL of this server's /twilio routes"
              + " (or twilio.allow_private_callback_url: true for a local fake Twilio)");
    }
  }

  /** Why Twilio cannot reach {@code host}, or null if it may. */
  static String unreachableFromTwilio(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return "a loopback address (" + host + ")";
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(name);
    } catch (UnknownHostException e) {
      LOG.warn(
          "twilio.callback_base_url host {} does not resolve here; make sure Twilio can reach it",
          host);
      return null;
    }
    String first = null;
    for (InetAddress address : addresses) {
      String kind = privateKind(address);
      if (kind == null) {
        return null; // one public address is enough for Twilio to reach it
      }
      if (first == null) {
        first = kind + " (" + address.getHostAddress() + ")";
      }
    }
    return first;
  }

  /** {@code ::a.b.c.d}: the first 12 bytes zero (loopback and unspecified are caught before). */
  private static boolean isIpv4Compatible(byte[] bytes) {
    for (int i = 0; i < 12; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static String privateKind(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return "a loopback address";
    }
    if (address.isAnyLocalAddress()) {
      return "the unspecified address";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local address";
    }
    if (address.isMulticastAddress()) {
      return "a multicast address";
    }
    byte[] bytes = address.getAddress();
    if (bytes.length == 16 && isIpv4Compatible(bytes)) {
      return "an IPv4-compatible IPv6 address";
    }
    boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc; // fc00::/7
    if (address.isSiteLocalAddress() || uniqueLocalV6) {
      return "a private address";
    }
    if (bytes.length == 4) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      if (first == 100 && (second & 0xc0) == 64) { // 100.64/10, carrier-grade NAT
        return "a shared address";
      }
      if (first == 0 || first >= 240) { // 0/8 "this network", 240/4 reserved and broadcast
        return "a reserved address";
      }
      if (first == 198 && (second & 0xfe) == 18) { // 198.18/15, benchmarking
        return "a reserved address";
      }
    }
    return null;
  }

  /**
   * With the server answering Twilio's voice URL, every agent needs a media-stream URL to connect
   * its calls to.
   *
   * @throws IllegalArgumentException naming the agents without one
   */
  public static void streamUrls(List<ServerConfig.AgentEntry> agents) {
    List<String> missing =
        agents.stream().filter(a -> a.streamUrl() == null).map(a -> a.agentId()).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "agents "
              + missing
              + " have no stream_url: with twilio and no twilio.twiml_url the server connects each"
              + " answered call to its agent's media stream (wss://…); set agents[].stream_url,"
              + " or twilio.twiml_url to serve your own TwiML");
    }
  }

  /**
   * Refuses timings under which the engine would end a call {@code timed_out} before the dialer's
   * reconciliation look-ups have had their two tries and their answers: the first is sent {@code
   * ring timeout + maximum call length + margin} after the dial and the second a margin after its
   * answer, each answer taking up to the request time-out, while the engine gives up at {@code
   * maximum call length + grace}. The maximum call length is on both sides, so it is ring timeout +
   * 2 × (margin + request time-out) that must stay below the grace.
   *
   * @throws IllegalArgumentException naming the settings
   */
  public static void reconciliationBeforeTimeout(
      TwilioSettings settings, Duration maxCallDuration, Duration timeoutGrace) {
    Duration perLookUp = settings.reconcileMargin().plus(settings.requestTimeout());
    Duration lookUps = settings.ringTimeout().plus(perLookUp.multipliedBy(2));
    if (lookUps.compareTo(timeoutGrace) >= 0) {
      throw new IllegalArgumentException(
          "twilio.ring_timeout_seconds ("
              + settings.ringTimeout().toSeconds()
              + " s) + 2 × (the reconciliation margin ("
              + settings.reconcileMargin().toSeconds()
              + " s) + the request time-out ("
              + settings.requestTimeout().toSeconds()
              + " s)) must be below the engine's time-out grace ("
              + timeoutGrace.toSeconds()
              + " s): a call whose callbacks are lost would end timed_out before Twilio is asked"
              + " how it ended (max_call_minutes = "
              + maxCallDuration.toMinutes()
              + " counts on both sides). Lower twilio.ring_timeout_seconds");
    }
  }
}
