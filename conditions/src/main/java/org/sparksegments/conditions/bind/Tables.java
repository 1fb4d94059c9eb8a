package org.sparksegments.conditions.bind;

import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.schema.TableSchema;

import java.util.Optional;

/**
 * The other tables of a database, looked up when a condition needs one: {@code events},
 * {@code subscriptions}, {@code static_segments} or {@code external:NAME}.
 */
public interface Tables {

  /** What the lookup found. */
  sealed interface Lookup {
    /** The table exists and its schema was read. */
    record Found(TableSchema schema) implements Lookup {}

    /** The catalog does not name the table. */
    record Missing() implements Lookup {}

    /**
     * The catalog names it, but it cannot be read; {@code located}, when not null, is the error
     * already located where it was found (the catalog's declaration of the table), reported as
     * it is instead of at the condition.
     */
    record Unreadable(String message, ValidationError located) implements Lookup {
      public Unreadable(String message) {
        this(message, null);
      }
    }
  }

  Lookup lookup(String table);

  /** The external table's key column and the profile field it matches, if the catalog has it. */
  Optional<ExternalKey> externalKey(String name);

  /** How an external table joins the profiles. */
  record ExternalKey(String key, String profileField) {}

  /** A database with no table but profiles. */
  Tables NONE = new Tables() {
    @Override
    public Lookup lookup(String table) {
      return new Lookup.Missing();
    }

    @Override
    public Optional<ExternalKey> externalKey(String name) {
      return Optional.empty();
    }
  };
}
