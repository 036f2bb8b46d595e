package dev.outdial.benchmarks;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.outdial.engine.internal.check.PhoneNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The check of one recipient phone already in E.164: {@code fast} is {@code
 * PhoneNumbers.checkRecipient} (its E.164 fast path), {@code parse} is {@code
 * checkRecipientByParsing} (libphonenumber's parse, as before the fast path). Both give the same
 * verdict (engine-core's property tests). Phones are {@code gb}, 4,096 distinct UK mobiles as
 * {@link Fixtures#phone} spells them, or {@code world}, the example mobile number of every region
 * libphonenumber knows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PhoneCheckBenchmark {

  /** The phones, checked in turn. */
  @State(Scope.Thread)
  public static class Phones {
    @Param({"fast", "parse"})
    public String path;

    @Param({"gb", "world"})
    public String phones;

    String[] list;
    int next;

    @Setup
    public void phones() {
      list =
          switch (phones) {
            case "gb" -> gb();
            case "world" -> world();
            default -> throw new IllegalArgumentException("phones '" + phones + "' is not known");
          };
      for (String phone : list) {
        Checks.require(check(phone).fault() == null, phone + " is valid");
      }
    }

    PhoneNumbers.Checked check(String phone) {
      return path.equals("fast")
          ? PhoneNumbers.checkRecipient(phone)
          : PhoneNumbers.checkRecipientByParsing(phone);
    }

    private static String[] gb() {
      String[] gb = new String[4096];
      for (int i = 0; i < gb.length; i++) {
        gb[i] = Fixtures.phone(i * 2_441L);
      }
      return gb;
    }

    private static String[] world() {
      PhoneNumberUtil util = PhoneNumberUtil.getInstance();
      List<String> world = new ArrayList<>();
      for (String region : new java.util.TreeSet<>(util.getSupportedRegions())) {
        PhoneNumber example = util.getExampleNumberForType(region, PhoneNumberType.MOBILE);
        if (example != null) {
          world.add(util.format(example, PhoneNumberFormat.E164));
        }
      }
      return world.toArray(String[]::new);
    }
  }

  @Benchmark
  public PhoneNumbers.Checked checkRecipient(Phones state) {
    String[] list = state.list;
    String phone = list[state.next];
    state.next = (state.next + 1) % list.length;
    return state.check(phone);
  }
}
