package org.sparksegments.jobs.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sparksegments.jobs.TestSample;

/** Runs {@code scripts/segments} as a user does: a separate process, exit status and output. */
public final class Cli {
  /** What a finished command left. */
  public record Result(int exit, String out, String err) {
    public List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private Cli() {}

  public static Result run(String... args) throws Exception {
    Path root = TestSample.root();
    List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("scripts/segments").toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    // The script would build the project first; a test runs the classes under test instead.
    String cp = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    pb.environment().put("SEGMENTS_CLASSPATH", cp.replace(File.pathSeparatorChar, ':'));
    pb.environment().put("SEGMENTS_JAVA_OPTS", "-Xmx1g");
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
        Files.readString(err, StandardCharsets.UTF_8).strip());
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return r;
  }
}
