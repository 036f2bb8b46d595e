package dev.outdial.server.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The one JSON mapper of the API: strict on input, plain on output. */
public final class Json {
  /** Request documents are shallow; deep nesting is only ever an attack. */
  private static final int MAX_NESTING_DEPTH = 32;

  public static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Parses a request body; malformed JSON is a 400 {@code invalid_json} saying what is wrong and
   * where ({@link JsonProblems}), without echoing the body back.
   */
  public static JsonNode parse(byte[] body) {
    String text = utf8(body);
    if (text.isBlank()) {
      throw new ApiError(
          400, "invalid_json", "the request body is empty; a JSON object is expected");
    }
    try (JsonParser parser = MAPPER.createParser(text)) {
      try {
        return MAPPER.readTree(parser);
      } catch (JsonProcessingException e) {
        throw new ApiError(400, "invalid_json", JsonProblems.describe(e, parser));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body as UTF-8 text (a UTF-8 byte order mark is skipped); other encodings are refused. */
  private static String utf8(byte[] body) {
    int start =
        body.length >= 3
                && body[0] == (byte) 0xEF
                && body[1] == (byte) 0xBB
                && body[2] == (byte) 0xBF
            ? 3
            : 0;
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body, start, body.length - start))
              .toString();
      if (text.indexOf('\u0000') >= 0) {
        throw new CharacterCodingException();
      }
      return text;
    } catch (CharacterCodingException e) {
      throw new ApiError(400, "invalid_json", "the request body is not UTF-8 text");
    }
  }

  /** JSON text of a node, on one line. */
  public static String text(JsonNode node) {
    return new String(bytes(node), StandardCharsets.UTF_8);
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** A short description of the JSON type of a value, for error messages. */
  public static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
