package org.sparksegments.conditions.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding of a document that says where the first bad byte is. */
public final class Utf8 {
  private Utf8() {}

  /** The text, or an error at the first byte that is not UTF-8 (line, column and offset). */
  public static String decode(byte[] bytes) throws JsonReadError {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      int offset = in.position();
      out.flip();
      int line = 1;
      int column = 1;
      while (out.hasRemaining()) {
        if (out.get() == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      throw new JsonReadError("line " + line + ", column " + column + " (byte offset " + offset
          + ")", String.format("byte 0x%02x is not valid UTF-8 (expected a UTF-8 text file)",
          bytes[offset] & 0xff));
    }
    out.flip();
    return out.toString();
  }
}
