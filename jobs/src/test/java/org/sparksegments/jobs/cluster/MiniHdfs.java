package org.sparksegments.jobs.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS in this JVM: Hadoop's own {@link MiniDFSCluster}, one NameNode and one DataNode on
 * 127.0.0.1 on ports the system picks, its blocks under a local folder. Other JVMs (a
 * {@code spark-submit}, a standalone worker's executors) reach it over RPC at {@link #uri()}.
 */
final class MiniHdfs implements AutoCloseable {
  private final MiniDFSCluster cluster;
  private final FileSystem fs;
  private final String uri;

  private MiniHdfs(MiniDFSCluster cluster) throws IOException {
    this.cluster = cluster;
    this.fs = cluster.getFileSystem();
    this.uri = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
  }

  /** Formats a new HDFS under {@code dir} (a local folder) and waits until it takes writes. */
  static MiniHdfs start(java.nio.file.Path dir) throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toAbsolutePath().toString());
    // One DataNode: one copy of each block is all there can be.
    conf.setInt("dfs.replication", 1);
    conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    MiniDFSCluster c = new MiniDFSCluster.Builder(conf, dir.toAbsolutePath().toFile())
        .numDataNodes(1).nameNodePort(0).nameNodeHttpPort(0).checkDataNodeAddrConfig(true)
        .format(true).build();
    try {
      c.waitActive();
      return new MiniHdfs(c);
    } catch (IOException | RuntimeException e) {
      c.shutdown(true);
      throw e;
    }
  }

  /** {@code hdfs://127.0.0.1:PORT}, the file system's root URI. */
  String uri() {
    return uri;
  }

  /** {@code hdfs://127.0.0.1:PORT/PATH} for an absolute {@code path}. */
  String uri(String path) {
    return uri + path;
  }

  /** A client of this HDFS (in this JVM). */
  FileSystem fs() {
    return fs;
  }

  /** Copies local folder {@code local} to {@code path} on HDFS, replacing what is there. */
  void copyIn(java.nio.file.Path local, String path) throws IOException {
    Path to = new Path(path);
    fs.delete(to, true);
    fs.mkdirs(to.getParent());
    // From the checksummed local file system: its .crc side files are not copied.
    fs.copyFromLocalFile(false, true, new Path(local.toAbsolutePath().toUri()), to);
  }

  boolean exists(String path) throws IOException {
    return fs.exists(new Path(path));
  }

  boolean isFile(String path) throws IOException {
    return fs.exists(new Path(path)) && fs.getFileStatus(new Path(path)).isFile();
  }

  /** The names directly inside folder {@code path}, sorted; none when it is absent. */
  List<String> names(String path) throws IOException {
    List<String> out = new ArrayList<>();
    if (!fs.exists(new Path(path))) {
      return out;
    }
    for (FileStatus s : fs.listStatus(new Path(path))) {
      out.add(s.getPath().getName());
    }
    out.sort(null);
    return out;
  }

  /** Every file under {@code path} (relative path, '/'-separated) to the SHA-256 of its bytes. */
  Map<String, String> hashTree(String path) throws Exception {
    Map<String, String> out = new TreeMap<>();
    Path root = fs.makeQualified(new Path(path));
    if (!fs.exists(root)) {
      return out;
    }
    String prefix = root.toUri().getPath() + "/";
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      Path f = it.next().getPath();
      out.put(f.toUri().getPath().substring(prefix.length()),
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(read(f))));
    }
    return out;
  }

  /** The text of file {@code path}. */
  String readString(String path) throws IOException {
    return new String(read(new Path(path)), StandardCharsets.UTF_8);
  }

  private byte[] read(Path p) throws IOException {
    try (InputStream in = fs.open(p)) {
      return in.readAllBytes();
    }
  }

  /** Stops the DataNode and the NameNode and deletes their folders. */
  @Override
  public void close() {
    cluster.shutdown(true);
  }
}
