package dev.outdial.engine.internal.compliance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The US state named by libphonenumber's English geocoder description of a US number: a state name
 * ({@code Idaho}, {@code Washington State}, {@code Washington D.C.}) or a place with the state's
 * code ({@code Seattle, WA}). Names come from {@code us-states-v1.txt} beside this class.
 * Thread-safe.
 */
final class UsStates {

  private static final String RESOURCE = "us-states-v1.txt";
  private static final UsStates INSTANCE = load();

  private final Map<String, String> codeByName;
  private final Set<String> codes;

  private UsStates(Map<String, String> codeByName, Set<String> codes) {
    this.codeByName = codeByName;
    this.codes = codes;
  }

  static UsStates instance() {
    return INSTANCE;
  }

  /**
   * The two-letter code of the state {@code description} names, or empty when it names none (an
   * empty description, {@code United States}, a place without a state).
   */
  Optional<String> codeFor(String description) {
    String code = codeByName.get(description);
    if (code != null) {
      return Optional.of(code);
    }
    int comma = description.lastIndexOf(", ");
    if (comma >= 0) {
      String tail = description.substring(comma + 2);
      if (codes.contains(tail)) {
        return Optional.of(tail);
      }
    }
    return Optional.empty();
  }

  private static UsStates load() {
    InputStream in = UsStates.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("resource " + RESOURCE + " is missing");
    }
    Map<String, String> byName = new HashMap<>();
    Set<String> codes = new HashSet<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String code = line.substring(0, 2);
        codes.add(code);
        for (String name : line.substring(3).split("\\|")) {
          byName.put(name.strip(), code);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE, e);
    }
    return new UsStates(Map.copyOf(byName), Set.copyOf(codes));
  }
}
