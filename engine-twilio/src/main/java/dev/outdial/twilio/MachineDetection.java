package dev.outdial.twilio;

/**
 * Which answering-machine detection Twilio runs on each call (its {@code MachineDetection}
 * parameter). Detection is always asynchronous ({@code AsyncAmd=true}): the agent starts talking at
 * once and the verdict arrives later on the AMD callback.
 */
public enum MachineDetection {
  /**
   * Twilio answers as soon as it can tell a person from a machine ({@code AnsweredBy=human} or
   * {@code machine_start}). The default: the fastest way to stop talking to a machine.
   */
  ENABLE("Enable"),
  /**
   * Twilio waits for the end of the machine's greeting ({@code machine_end_beep}, {@code
   * machine_end_silence}, {@code machine_end_other}): use it when the host leaves a message.
   */
  DETECT_MESSAGE_END("DetectMessageEnd");

  private final String wire;

  MachineDetection(String wire) {
    this.wire = wire;
  }

  /** The value sent as {@code MachineDetection}. */
  public String wire() {
    return wire;
  }
}
