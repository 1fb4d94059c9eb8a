package org.sparksegments.jobs.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.conditions.bind.DatabaseView;
import org.sparksegments.conditions.bind.FieldType;
import org.sparksegments.conditions.bind.FieldType.Kind;
import org.sparksegments.conditions.bind.TableSchema;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.conditions.model.Segment;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.Database;

/**
 * Checks parsed segments against the catalog and the tables' real schemas (read from footers,
 * no job run), giving either a bound segment or every problem found.
 */
public final class Validator {
  private final Catalog catalog;
  private final SchemaSource schemas;
  private final Map<String, Object> views = new HashMap<>();

  public Validator(Catalog catalog, SchemaSource schemas) {
    this.catalog = catalog;
    this.schemas = schemas;
  }

  /**
   * Binds one parsed segment. Parse errors come first, then the problems the binder finds in
   * the parts that could be read: all of them at once.
   */
  public Binder.Result validate(Parsed parsed) {
    if (parsed.segment() == null) {
      return new Binder.Result(null, parsed.errors());
    }
    Binder.Result bound = bindParsed(parsed.segment());
    if (parsed.ok()) {
      return bound;
    }
    List<ValidationError> all = new ArrayList<>(parsed.errors());
    all.addAll(bound.errors());
    return new Binder.Result(null, all);
  }

  private Binder.Result bindParsed(Segment s) {
    String pointer = s.pointerPrefix() + "/database";
    Optional<Database> db = catalog.database(s.database());
    if (db.isEmpty()) {
      return fail(s, ErrorCode.UNKNOWN_DATABASE, pointer, "Cannot find database '"
          + s.database() + "' in the catalog (expected one of "
          + String.join(", ", catalog.databases().keySet()) + ")");
    }
    Object view = views.computeIfAbsent(db.get().name(), n -> view(db.get()));
    if (view instanceof ValidationError e) {
      return fail(s, e.code(), pointer, e.message());
    }
    return Binder.bind(s, (DatabaseView) view);
  }

  /** The database view, or the error that makes its profiles table unusable. */
  private Object view(Database db) {
    TableSchema profiles;
    try {
      profiles = schemas.schema(db.profiles());
    } catch (IOException | RuntimeException e) {
      return new ValidationError(ErrorCode.UNREADABLE_TABLE, null, null, "",
          "Cannot read the profiles table of database '" + db.name() + "' at "
              + db.profiles().written() + ": " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    Optional<Kind> id = profiles.column(db.idColumn()).flatMap(FieldType::scalarKind);
    if (id.isEmpty() || !(id.get() == Kind.STRING || id.get() == Kind.INTEGER)) {
      problems.add("id column '" + db.idColumn() + "' "
          + (id.isEmpty() ? "is missing or not a scalar" : "is not string or integer"));
    }
    Optional<Kind> created = profiles.column("created_at").flatMap(FieldType::scalarKind);
    if (created.isEmpty() || created.get() != Kind.TIMESTAMP
        && created.get() != Kind.TIMESTAMP_NTZ) {
      problems.add("column 'created_at' " + (created.isEmpty() ? "is missing" : "is not a timestamp"));
    }
    if (!problems.isEmpty()) {
      return new ValidationError(ErrorCode.BAD_TABLE, null, null, "",
          "Cannot use the profiles table of database '" + db.name() + "': "
              + String.join("; ", problems) + " (expected the id column as string or integer and"
              + " created_at as timestamp)");
    }
    return new DatabaseView(db.name(), db.idColumn(), db.zone(), profiles);
  }

  private static Binder.Result fail(Segment s, ErrorCode code, String pointer, String message) {
    return new Binder.Result(null,
        List.of(new ValidationError(code, s.source(), s.id(), pointer, message)));
  }
}
