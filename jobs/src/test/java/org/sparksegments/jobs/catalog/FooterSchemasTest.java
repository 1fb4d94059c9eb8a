package org.sparksegments.jobs.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.schema.FieldType;
import org.sparksegments.conditions.schema.FieldType.Kind;
import org.sparksegments.conditions.schema.TableSchema;
import org.sparksegments.conditions.spark.SparkSchemas;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.testing.SharedSpark;

/** The binder's schema view read from footers equals the one Spark itself reads. */
@ExtendWith(SharedSpark.class)
class FooterSchemasTest {

  @Test
  void footerSchemaEqualsSparkSchemaForEverySampleTable(SparkSession spark) throws Exception {
    Path root = TestSample.catalog().getParent();
    for (String table : List.of("shop/profiles", "shop/events", "shop/subscriptions",
        "shop/static_segments", "shop/crm", "app/profiles", "app/events")) {
      String uri = root.resolve(table).toUri().toString();
      TableSchema fromFooter = FooterSchemas.read(uri, Configuration::new);
      TableSchema fromSpark = SparkSchemas.toTableSchema(spark.read().parquet(uri).schema());
      assertEquals(fromSpark, fromFooter, table);
    }
  }

  @Test
  void hiddenFilesAndEmptyFoldersAreNotData(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("t/_temporary"));
    Files.writeString(dir.resolve("t/_SUCCESS"), "");
    Files.writeString(dir.resolve("t/.part.crc"), "");
    IOException e = assertThrows(IOException.class,
        () -> FooterSchemas.read(dir.resolve("t").toUri().toString(), Configuration::new));
    assertEquals("no data files in file:" + dir.resolve("t"), e.getMessage());
  }

  @Test
  void anUnreadableFooterIsNamedByItsQualifiedUri(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("t"));
    Files.writeString(dir.resolve("t/part-0.parquet"), "not parquet");
    IOException e = assertThrows(IOException.class,
        () -> FooterSchemas.read(dir.resolve("t").toString(), Configuration::new));
    assertTrue(e.getMessage().startsWith("cannot read the Parquet footer of file:"
        + dir.resolve("t/part-0.parquet") + ": "), e.getMessage());
  }

  @Test
  void parquetWrittenByOtherToolsIsReadAsSparkWould() {
    TableSchema s = ParquetTypes.toTableSchema(MessageTypeParser.parseMessageType("""
        message m {
          required binary id (STRING);
          optional int64 created_at (TIMESTAMP(MICROS,true));
          optional int64 local_at (TIMESTAMP(MILLIS,false));
          optional int96 legacy_ts;
          optional int32 day (DATE);
          optional int32 n;
          optional fixed_len_byte_array(16) amount (DECIMAL(30,2));
          optional binary raw;
          optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
          optional group old_tags (LIST) { repeated binary array (STRING); }
          optional group attrs (MAP) { repeated group key_value {
            required binary key (STRING); optional double value; } }
          optional group address { optional binary zip (STRING); }
          repeated int32 scores;
        }
        """));
    assertEquals(Kind.STRING, kind(s, "id"));
    assertEquals(Kind.TIMESTAMP, kind(s, "created_at"));
    assertEquals(Kind.TIMESTAMP_NTZ, kind(s, "local_at"));
    assertEquals(Kind.TIMESTAMP, kind(s, "legacy_ts"));
    assertEquals(Kind.DATE, kind(s, "day"));
    assertEquals(Kind.INTEGER, kind(s, "n"));
    assertEquals(FieldType.scalar(Kind.DECIMAL, "decimal(30,2)"), s.column("amount").get());
    assertEquals(Kind.OTHER, kind(s, "raw"));
    assertEquals("array<string>", s.column("tags").get().describe());
    assertEquals("array<string>", s.column("old_tags").get().describe());
    assertEquals("map<string,double>", s.column("attrs").get().describe());
    assertEquals(List.of("address", "address.zip"),
        s.paths().stream().filter(p -> p.startsWith("address")).toList());
    assertEquals("array<int>", s.column("scores").get().describe());
  }

  private static Kind kind(TableSchema s, String column) {
    return s.column(column).flatMap(FieldType::scalarKind).orElseThrow();
  }
}
