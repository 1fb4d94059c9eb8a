package org.sparksegments.conditions.error;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one bad-input exception: its message lists the errors as the command line does, bounded. */
class InvalidInputExceptionTest {

  private static ValidationError field(int i) {
    return new ValidationError(ErrorCode.UNKNOWN_FIELD, "seg.json", "s" + i, "/conditions/field",
        "Cannot find field 'cty" + i + "'");
  }

  @Test
  void theMessageRendersEveryErrorOnALine() {
    InvalidInputException e = new InvalidInputException(List.of(field(1),
        ValidationError.of(ErrorCode.BAD_OPTION, "Cannot use --as-of 'x'")));
    assertEquals("seg.json: segment s1: UNKNOWN_FIELD at /conditions/field: Cannot find field"
        + " 'cty1'\nBAD_OPTION at (root): Cannot use --as-of 'x'", e.getMessage());
    assertEquals(2, e.errors().size());
    assertInstanceOf(IllegalArgumentException.class, e);
  }

  @Test
  void manyErrorsAreListedUpToABoundButAllAreKept() {
    List<ValidationError> many = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      many.add(field(i));
    }
    InvalidInputException e = new InvalidInputException(many);
    String[] lines = e.getMessage().split("\n");
    assertEquals(InvalidInputException.MAX_LISTED + 1, lines.length);
    assertEquals(field(19).render(), lines[19]);
    assertEquals("… and 5 more", lines[20]);
    assertEquals(25, e.errors().size());
  }

  @Test
  void aLongMessageIsCut() {
    String huge = "x".repeat(100_000);
    InvalidInputException e = InvalidInputException.of(ErrorCode.BAD_LITERAL, huge);
    assertEquals(InvalidInputException.MAX_LINE + 1, e.getMessage().length());
    assertTrue(e.getMessage().startsWith("BAD_LITERAL at (root): xxx"), e.getMessage());
    assertTrue(e.getMessage().endsWith("x…"), e.getMessage());
    assertEquals(huge, e.errors().get(0).message());
  }

  @Test
  void throwIfAnyThrowsOnlyWithErrors() {
    assertDoesNotThrow(() -> InvalidInputException.throwIfAny(List.of()));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> InvalidInputException.throwIfAny(List.of(field(1))));
    assertEquals(List.of(field(1)), e.errors());
  }
}
