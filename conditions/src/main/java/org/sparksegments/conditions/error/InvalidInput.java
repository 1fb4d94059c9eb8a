package org.sparksegments.conditions.error;

import java.util.List;

/**
 * An exception that stands for bad input found before anything was computed or changed: every
 * problem, each with its code and pointer. Entry points report them and exit with status 2.
 */
public interface InvalidInput {
  List<ValidationError> errors();
}
