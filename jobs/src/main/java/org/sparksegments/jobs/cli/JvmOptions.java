package org.sparksegments.jobs.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The {@code -D} lines of jvm.options (packed into the jar), applied as system properties when
 * the launcher did not pass them, so that a plain {@code java -jar} works like the scripts.
 * Module flags cannot be set at run time: the jar's manifest carries them as Add-Opens.
 */
final class JvmOptions {
  private JvmOptions() {}

  static void applySystemProperties() {
    try (InputStream in = JvmOptions.class.getResourceAsStream("/org/sparksegments/jobs/jvm.options")) {
      if (in == null) {
        return;
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        line = line.strip();
        int eq = line.indexOf('=');
        if (line.startsWith("-D") && eq > 2 && System.getProperty(line.substring(2, eq)) == null) {
          System.setProperty(line.substring(2, eq), line.substring(eq + 1));
        }
      }
    } catch (IOException e) {
      // Missing flags only matter for serializers; the command can still run.
    }
  }
}
