package org.sparksegments.jobs.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.Path;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.jobs.fs.Storage;

/**
 * Points one table of a catalog file at a new source, atomically: the file is rewritten as a
 * whole (a Jackson tree edit, everything else kept, pretty-printed) into a temporary file of the
 * same folder, then renamed over the catalog ({@link Storage#replace}). Readers see the old file
 * or the new one, never a mix, on the local file system and HDFS.
 */
final class CatalogFile {
  private CatalogFile() {}

  /**
   * Sets {@code databases.DB.TABLE} to {@code replacement}, provided it still reads
   * {@code expected}: a catalog changed by someone else meanwhile is left alone (IOException).
   */
  static void switchSource(Storage storage, Path file, String db, String table,
      String expected, String replacement) throws IOException {
    String text = new String(storage.read(file), StandardCharsets.UTF_8);
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new IOException("the catalog " + file + " is not valid JSON"
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
          + ": " + e.getOriginalMessage(), e);
    }
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
    Path tmp = new Path(file.getParent(), "." + file.getName() + ".segments-tmp-"
        + ProcessHandle.current().pid());
    try {
      storage.write(tmp, out.getBytes(StandardCharsets.UTF_8));
      storage.replace(tmp, file);
    } finally {
      storage.deleteTree(tmp);
    }
  }
}
