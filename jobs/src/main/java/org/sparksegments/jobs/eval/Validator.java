package org.sparksegments.jobs.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.bind.DatabaseView;
import org.sparksegments.conditions.bind.ExpandedLimits;
import org.sparksegments.conditions.schema.FieldType;
import org.sparksegments.conditions.schema.FieldType.Kind;
import org.sparksegments.conditions.bind.ReferenceChecks;
import org.sparksegments.conditions.bind.ReferencedSegments;
import org.sparksegments.conditions.bind.SegmentResolver;
import org.sparksegments.conditions.schema.TableSchema;
import org.sparksegments.conditions.bind.Tables;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.conditions.model.Segment;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.catalog.ExternalTable;
import org.sparksegments.jobs.catalog.TableSource;

/**
 * Checks parsed segments against the catalog, the other segments of the set and the tables' real
 * schemas (read from footers, no job run), giving either a bound segment or every problem found.
 * A segment that refers to an invalid segment is invalid too.
 */
public final class Validator {
  private final Catalog catalog;
  private final SchemaSource schemas;
  private final SegmentSet set;
  private final Map<String, ViewOrError> views = new HashMap<>();
  /** Results by parsed entry (identity: two files may hold equal documents). */
  private final Map<Parsed, Binder.Result> results = new IdentityHashMap<>();
  /** The expanded sizes of imported segments, each computed once for the whole set. */
  private final ExpandedLimits limits = new ExpandedLimits();

  /** A validator for segments that refer to no other segment. */
  public Validator(Catalog catalog, SchemaSource schemas) {
    this(catalog, schemas, null);
  }

  /** A validator whose segments may refer to the others of {@code set}. */
  public Validator(Catalog catalog, SchemaSource schemas, SegmentSet set) {
    this.catalog = catalog;
    this.schemas = schemas;
    this.set = set;
  }

  /**
   * Binds one parsed segment. Parse errors come first, then the problems the binder finds in
   * the parts that could be read: all of them at once.
   */
  public Binder.Result validate(Parsed parsed) {
    if (parsed.segment() == null) {
      return new Binder.Result(null, parsed.errors());
    }
    Binder.Result cached = results.get(parsed);
    if (cached != null) {
      return cached;
    }
    Binder.Result r = validateNew(parsed, new HashSet<>());
    results.put(parsed, r);
    return r;
  }

  /** The bound segment of a valid segment of the set, by id. */
  public Optional<BoundSegment> bound(String id) {
    if (set == null) {
      return Optional.empty();
    }
    return set.find(id).map(this::validate).filter(Binder.Result::ok)
        .map(Binder.Result::segment);
  }

  private Binder.Result validateNew(Parsed parsed, Set<String> visiting) {
    Binder.Result bound = bindParsed(parsed.segment());
    List<ValidationError> all = new ArrayList<>(parsed.errors());
    all.addAll(bound.errors());
    // A reference already blamed (a cycle, an unknown segment) gets no second error.
    Set<String> blamed = new HashSet<>();
    all.forEach(e -> blamed.add(e.pointer()));
    if (set != null) {
      ReferenceChecks.invalidReferences(parsed.segment(), referenced(), visiting).stream()
          .filter(e -> !blamed.contains(e.pointer())).forEach(all::add);
    }
    return all.isEmpty() ? bound : new Binder.Result(null, all);
  }

  /**
   * The other segments of the set for the checks of references: each validated once, those
   * whose document could not be read by their parse errors.
   */
  private ReferencedSegments referenced() {
    return new ReferencedSegments() {
      @Override
      public Optional<Found> find(String id) {
        return resolver().find(id);
      }

      @Override
      public Optional<List<ValidationError>> problems(String id, Set<String> visiting) {
        return set.find(id).map(other -> {
          Binder.Result r = results.get(other);
          if (r == null) {
            r = other.segment() == null ? new Binder.Result(null, other.errors())
                : validateNew(other, visiting);
            results.putIfAbsent(other, r);
          }
          return r.errors();
        });
      }
    };
  }

  /** The segments of the set whose documents could be read, by id. */
  private SegmentResolver resolver() {
    return set == null ? SegmentResolver.NONE
        : id -> set.find(id).filter(p -> p.segment() != null)
            .map(p -> new SegmentResolver.Found(p.segment(), p.ok()));
  }

  private Binder.Result bindParsed(Segment s) {
    String pointer = s.pointerPrefix() + "/database";
    Optional<Database> db = catalog.database(s.database());
    if (db.isEmpty()) {
      return fail(s, ErrorCode.UNKNOWN_DATABASE, pointer, "Cannot find database '"
          + s.database() + "' in the catalog (expected one of "
          + String.join(", ", catalog.databases().keySet()) + ")");
    }
    ViewOrError view = views.computeIfAbsent(db.get().name(), n -> view(db.get()));
    if (view instanceof Unusable u) {
      if (u.error().file() != null) {
        // Located in the catalog (its declaration of the profiles table): reported there.
        return new Binder.Result(null, List.of(u.error().locate(u.error().file(), s.id())));
      }
      return fail(s, u.error().code(), pointer, u.error().message());
    }
    return Binder.bind(s, ((Usable) view).view(), resolver(), limits);
  }

  /** A database's view, or the error that makes its profiles table unusable. */
  private sealed interface ViewOrError permits Usable, Unusable {}

  private record Usable(DatabaseView view) implements ViewOrError {}

  private record Unusable(ValidationError error) implements ViewOrError {}

  /** The database view, or the error that makes its profiles table unusable. */
  private ViewOrError view(Database db) {
    TableSchema profiles;
    try {
      profiles = schemas.schema(db.profiles());
    } catch (InvalidInputException e) {
      return new Unusable(e.errors().get(0));
    } catch (Exception e) {
      // Spark's AnalysisException (a missing catalog table) is checked and undeclared.
      return new Unusable(ValidationError.of(ErrorCode.UNREADABLE_TABLE,
          "Cannot read the profiles table of database '" + db.name() + "' at "
              + db.profiles().written() + ": " + e.getMessage()));
    }
    List<String> problems = new ArrayList<>();
    Optional<Kind> id = profiles.column(db.idColumn()).flatMap(FieldType::scalarKind);
    if (id.isEmpty() || !(id.get() == Kind.STRING || id.get() == Kind.INTEGER)) {
      problems.add("id column '" + db.idColumn() + "' "
          + (id.isEmpty() ? "is missing or not a scalar" : "is not string or integer"));
    }
    Optional<Kind> created = profiles.column("created_at").flatMap(FieldType::scalarKind);
    if (created.isEmpty() || created.get() != Kind.TIMESTAMP) {
      problems.add("column 'created_at' " + (created.isEmpty() ? "is missing"
          : "is " + profiles.column("created_at").get().describe() + ", not a timestamp"));
    }
    if (!problems.isEmpty()) {
      return new Unusable(ValidationError.of(ErrorCode.BAD_TABLE,
          "Cannot use the profiles table of database '" + db.name() + "': "
              + String.join("; ", problems) + " (expected the id column as string or integer and"
              + " created_at as timestamp)"));
    }
    return new Usable(new DatabaseView(db.name(), db.idColumn(), db.zone(), profiles,
        tables(db)));
  }

  /** The database's other tables, their schemas read when a condition first needs one. */
  private Tables tables(Database db) {
    return new Tables() {
      @Override
      public Lookup lookup(String table) {
        Optional<TableSource> source = switch (table) {
          case "events" -> db.events();
          case "subscriptions" -> db.subscriptions();
          case "static_segments" -> db.staticSegments();
          default -> Optional.ofNullable(db.external().get(table.substring("external:".length())))
              .map(ExternalTable::source);
        };
        if (source.isEmpty()) {
          return new Lookup.Missing();
        }
        try {
          return new Lookup.Found(schemas.schema(source.get()));
        } catch (InvalidInputException e) {
          return new Lookup.Unreadable(e.getMessage(), e.errors().get(0));
        } catch (Exception e) {
      // Spark's AnalysisException (a missing catalog table) is checked and undeclared.
          return new Lookup.Unreadable("at " + source.get().written() + ": " + e.getMessage());
        }
      }

      @Override
      public Optional<ExternalKey> externalKey(String name) {
        return Optional.ofNullable(db.external().get(name))
            .map(e -> new ExternalKey(e.key(), e.profileField()));
      }
    };
  }

  private static Binder.Result fail(Segment s, ErrorCode code, String pointer, String message) {
    return new Binder.Result(null,
        List.of(new ValidationError(code, s.source(), s.id(), pointer, message)));
  }
}
