package org.sparksegments.conditions.error;

/** Stable codes of the problems found in segment documents; tools may match on them. */
public enum ErrorCode {
  /** The file is not well-formed JSON. */
  MALFORMED_JSON,
  /** The file is larger than 1 MiB. */
  FILE_TOO_LARGE,
  /** The file or folder cannot be read. */
  UNREADABLE_FILE,
  /** A segment, condition or option is not a JSON object where one is required. */
  NOT_AN_OBJECT,
  /** A key that the language does not know (typos must not silently widen a segment). */
  UNKNOWN_KEY,
  /** A required key is absent. */
  MISSING_KEY,
  /** A segment id that is not 1 to 64 of A-Z a-z 0-9 _ -. */
  BAD_ID,
  /** A segment id already used by an earlier segment of the same set. */
  DUPLICATE_ID,
  /** A database name that the catalog does not have. */
  UNKNOWN_DATABASE,
  /** A table the condition needs is not in the catalog. */
  UNKNOWN_TABLE,
  /** A table of the catalog cannot be read (missing path, no data files, unreadable footer). */
  UNREADABLE_TABLE,
  /**
   * A valid segment whose evaluation failed inside a run (an exception or an error such as a
   * stack or memory overflow): that segment only is failed, the run's others are computed.
   */
  EVALUATION_FAILED,
  /** A table lacks a required column, or has it with the wrong type. */
  BAD_TABLE,
  /**
   * A catalog table declared as Parquet whose folder holds a Delta table ({@code _delta_log/}):
   * its files include those Delta has removed, so it must be declared {@code "format": "delta"}.
   */
  DELTA_TABLE_AS_PARQUET,
  /** A range that is not 0 <= from < to <= 100 with at most two decimals. */
  BAD_RANGE,
  /** A limit that is not a non-negative integer or a well-formed limit object. */
  BAD_LIMIT,
  /** A condition object with none of the known kind keys. */
  UNKNOWN_KIND,
  /** A condition object with more than one kind key. */
  MULTIPLE_KINDS,
  /** A kind of condition where it cannot stand: only field tests go inside {@code where}. */
  KIND_NOT_ALLOWED,
  /** A window that is empty or reversed, or with the wrong keys. */
  BAD_WINDOW,
  /** A referenced segment that is itself invalid. */
  INVALID_REFERENCE,
  /** An {@code all} or {@code any} with an empty array. */
  EMPTY_GROUP,
  /** An operator name the condition kind does not have. */
  UNKNOWN_OPERATOR,
  /** A value whose JSON shape is wrong for the operator (string instead of array, …). */
  WRONG_VALUE_TYPE,
  /** An operator that does not apply to the field's type. */
  TYPE_MISMATCH,
  /** A literal that cannot be converted to the field's type. */
  BAD_LITERAL,
  /** A field path that does not exist in the table. */
  UNKNOWN_FIELD,
  /** A regular expression that does not compile or is longer than 256 characters. */
  BAD_REGEX,
  /** {@code between} with low greater than high. */
  BAD_BETWEEN,
  /** Conditions nested deeper than 32. */
  TOO_DEEP,
  /** More than 10,000 condition nodes in one segment. */
  TOO_MANY_NODES,
  /** A referenced segment that is not in the command's set. */
  UNKNOWN_SEGMENT,
  /** A referenced segment on another database. */
  DATABASE_MISMATCH,
  /** Segments that refer to each other in a cycle. */
  SEGMENT_CYCLE,
  /** A segment that others still depend on, so it cannot be deleted without --force. */
  HAS_DEPENDENTS,
  /** A bad command-line option value (as-of, sample, …). */
  BAD_OPTION,
  /** The catalog file itself is wrong. */
  BAD_CATALOG
}
