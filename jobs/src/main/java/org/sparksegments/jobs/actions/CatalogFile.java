package org.sparksegments.jobs.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.sparksegments.conditions.json.Json;

/**
 * Points one table of a catalog file at a new source, atomically: the file is rewritten as a
 * whole (a Jackson tree edit, everything else kept, pretty-printed) into a temporary file of the
 * same folder, flushed to disk, then renamed over the catalog. Readers see the old file or the
 * new one, never a mix.
 */
final class CatalogFile {
  private CatalogFile() {}

  /**
   * Sets {@code databases.DB.TABLE} to {@code replacement}, provided it still reads
   * {@code expected}: a catalog changed by someone else meanwhile is left alone (IOException).
   */
  static void switchSource(Path file, String db, String table, String expected,
      String replacement) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    JsonNode root = Json.MAPPER.readTree(text);
    JsonNode current = root.path("databases").path(db).get(table);
    if (!(root.path("databases").path(db) instanceof ObjectNode dbNode) || current == null
        || !current.isTextual() || !current.asText().equals(expected)) {
      throw new IOException("the catalog " + file + " changed while the command ran:"
          + " databases." + db + "." + table + " is no longer \"" + expected + "\"; the"
          + " catalog was left as it is and the new data stays unused at " + replacement);
    }
    dbNode.put(table, replacement);
    String out = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root)
        + (text.endsWith("\n") ? "\n" : "");
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling("." + abs.getFileName() + ".segments-tmp-"
        + ProcessHandle.current().pid());
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(out.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
