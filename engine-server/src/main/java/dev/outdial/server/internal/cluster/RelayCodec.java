package dev.outdial.server.internal.cluster;

import dev.outdial.server.ApiRequest;
import dev.outdial.server.ApiResponse;
import dev.outdial.server.internal.ApiError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request passed to the key's owner through the database, and its answer, as bytes: a version
 * byte, then length-prefixed fields. Only nodes of one version read each other's bytes; a node
 * reading a version it does not know refuses it rather than misreading it.
 */
final class RelayCodec {
  private static final int VERSION = 1;

  private RelayCodec() {}

  static byte[] request(ApiRequest request, byte[] body) {
    return write(
        out -> {
          out.writeUTF(request.method());
          out.writeUTF(request.path());
          out.writeBoolean(request.query() != null);
          if (request.query() != null) {
            out.writeUTF(request.query());
          }
          out.writeInt(request.headers().size());
          for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            out.writeUTF(header.getKey());
            out.writeInt(header.getValue().size());
            for (String value : header.getValue()) {
              out.writeUTF(value);
            }
          }
          bytes(out, body);
        });
  }

  static ApiRequest request(byte[] bytes) {
    return read(
        bytes,
        in -> {
          String method = in.readUTF();
          String path = in.readUTF();
          String query = in.readBoolean() ? in.readUTF() : null;
          int headers = in.readInt();
          Map<String, List<String>> map = new LinkedHashMap<>();
          for (int i = 0; i < headers; i++) {
            String name = in.readUTF();
            int values = in.readInt();
            List<String> list = new ArrayList<>(values);
            for (int v = 0; v < values; v++) {
              list.add(in.readUTF());
            }
            map.put(name, list);
          }
          byte[] body = bytes(in);
          return new ApiRequest(method, path, query, map, new ByteArrayInputStream(body));
        });
  }

  static byte[] response(ApiResponse response) {
    return write(
        out -> {
          out.writeInt(response.status());
          out.writeInt(response.headers().size());
          for (Map.Entry<String, String> header : response.headers().entrySet()) {
            out.writeUTF(header.getKey());
            out.writeUTF(header.getValue());
          }
          bytes(out, response.body());
        });
  }

  static ApiResponse response(byte[] bytes) {
    return read(
        bytes,
        in -> {
          int status = in.readInt();
          int headers = in.readInt();
          Map<String, String> map = new LinkedHashMap<>();
          for (int i = 0; i < headers; i++) {
            map.put(in.readUTF(), in.readUTF());
          }
          return new ApiResponse(status, map, bytes(in));
        });
  }

  private interface Writing {
    void to(DataOutputStream out) throws IOException;
  }

  private interface Reading<T> {
    T from(DataInputStream in) throws IOException;
  }

  private static byte[] write(Writing writing) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeByte(VERSION);
      writing.to(out);
    } catch (java.io.UTFDataFormatException e) {
      throw new ApiError(
          431,
          "header_too_large",
          "a header or the query of this request is over 65,535 bytes: it cannot be passed to the"
              + " node owning its key");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  private static <T> T read(byte[] bytes, Reading<T> reading) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "a relayed message of version "
                + version
                + ", but this node reads only version "
                + VERSION
                + ": run one version of Outdial on every node");
      }
      return reading.from(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("a relayed message is damaged: " + e, e);
    }
  }

  private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IOException("negative length " + length);
    }
    return in.readNBytes(length);
  }
}
