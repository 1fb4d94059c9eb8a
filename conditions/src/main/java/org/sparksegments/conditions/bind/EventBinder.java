package org.sparksegments.conditions.bind;

import org.sparksegments.conditions.schema.FieldType;

import org.sparksegments.conditions.schema.TableSchema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sparksegments.conditions.schema.FieldType.Kind;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.Quote;
import org.sparksegments.conditions.error.Pointers;
import org.sparksegments.conditions.model.Aggregate;
import org.sparksegments.conditions.model.EventFilter;
import org.sparksegments.conditions.model.EventOp;
import org.sparksegments.conditions.model.EventTest;
import org.sparksegments.conditions.model.Literal;
import org.sparksegments.conditions.model.Sequence;
import org.sparksegments.conditions.model.Window;

/** Binds event tests and sequences against the database's events table. */
final class EventBinder {
  private static final List<String> EVENT_COLUMNS = List.of("event", "channel", "campaign",
      "message", "ts");

  private final Binder b;

  EventBinder(Binder b) {
    this.b = b;
  }

  BoundCondition event(EventTest t) {
    int before = b.problems.size();
    Optional<TableSchema> events = TableChecks.require(b, "events", Pointers.key(t.pointer(),
        "event"), EVENT_COLUMNS);
    if (events.isEmpty()) {
      return null;
    }
    BoundEventFilter filter = filter(t.filter(), events.get());
    Optional<BoundWindow> window = t.window().map(w -> window(w));
    Optional<FieldRef> of = Optional.empty();
    Optional<Aggregate.Fn> fn = t.aggregate().map(Aggregate::fn);
    List<BoundValue> values = new ArrayList<>();
    if (t.aggregate().isPresent()) {
      Aggregate a = t.aggregate().get();
      of = FieldResolver.resolve(events.get(), a.of(), "events", Pointers.key(a.pointer(), "of"),
          b.problems);
      if (of.isPresent()) {
        Optional<Kind> result = resultKind(a.fn(), of.get().type());
        if (result.isEmpty()) {
          b.problems.add(ErrorCode.TYPE_MISMATCH, Pointers.key(a.pointer(), "fn"), "Cannot"
              + " compute " + a.fn().json() + " of '" + a.of() + "': it is "
              + of.get().type().describe() + " (expected " + (a.fn() == Aggregate.Fn.SUM
              || a.fn() == Aggregate.Fn.AVG ? "a number column" : a.fn()
              == Aggregate.Fn.COUNT_DISTINCT ? "a scalar column"
              : "a number, string, date or timestamp column") + ")");
        } else {
          for (Literal l : t.values()) {
            LiteralConverter.convert(l, result.get(), a.fn().json() + " of " + a.of(),
                b.db.zone(), b.problems).ifPresent(values::add);
          }
          if (t.op() == EventOp.BETWEEN && values.size() == 2
              && Ordering.greater(values.get(0), values.get(1))) {
            b.problems.add(ErrorCode.BAD_BETWEEN, Pointers.key(t.pointer(), "value"), "Cannot"
                + " use a range whose low bound is greater than its high bound (expected [low,"
                + " high] with low <= high)");
          }
        }
      }
    }
    if (b.problems.size() > before) {
      return null;
    }
    return new BoundCondition.Event(t.pointer(), filter, window, t.op(), t.count(), fn, of,
        values, t.days());
  }

  BoundCondition sequence(Sequence s) {
    int before = b.problems.size();
    Optional<TableSchema> events = TableChecks.require(b, "events", Pointers.key(s.pointer(),
        "sequence"), EVENT_COLUMNS);
    if (events.isEmpty()) {
      return null;
    }
    List<BoundEventFilter> steps = new ArrayList<>();
    for (EventFilter f : s.steps()) {
      steps.add(filter(f, events.get()));
    }
    Optional<BoundWindow> window = s.window().map(this::window);
    if (b.problems.size() > before) {
      return null;
    }
    return new BoundCondition.Sequence(steps, s.withinDays(), window);
  }

  private BoundEventFilter filter(EventFilter f, TableSchema events) {
    Optional<BoundCondition> where = f.where().map(w -> b.bindCondition(w,
        new Binder.Scope(events, "events")));
    return new BoundEventFilter(f.events(), f.channels(), f.campaigns(), f.messages(), where);
  }

  /** A window with its absolute bounds resolved in the database's zone. */
  BoundWindow window(Window w) {
    if (w instanceof Window.LastDays l) {
      return new BoundWindow.LastDays(l.days());
    }
    if (w instanceof Window.DaysAgo d) {
      return new BoundWindow.DaysAgo(d.from(), d.to());
    }
    if (w instanceof Window.Dates d) {
      return new BoundWindow.Dates(d.from(), d.to());
    }
    Window.Instants i = (Window.Instants) w;
    Optional<Instant> since = bound(i.since(), Pointers.key(w.pointer(), "since"));
    Optional<Instant> until = bound(i.until(), Pointers.key(w.pointer(), "until"));
    if (since.isEmpty() || until.isEmpty()) {
      return null;
    }
    if (!since.get().isBefore(until.get())) {
      b.problems.add(ErrorCode.BAD_WINDOW, Pointers.key(w.pointer(), "until"), "Cannot use a"
          + " window from " + since.get() + " until " + until.get() + ": since is not before"
          + " until (expected since < until)");
      return null;
    }
    return new BoundWindow.Instants(since.get(), until.get());
  }

  private Optional<Instant> bound(String text, String pointer) {
    if (LiteralConverter.inGap(text, b.db.zone())) {
      // Moving it to the next valid time would silently change the window.
      b.problems.add(ErrorCode.BAD_WINDOW, pointer, "Cannot use the local time \""
          + Quote.text(text) + "\": it does not exist in the database's time zone "
          + b.db.zone() + " (a daylight-saving gap skips it; expected a local time that"
          + " exists there, or an instant with an offset such as 2026-03-29T01:30:00Z)");
      return Optional.empty();
    }
    Optional<Instant> i = LiteralConverter.instant(text, b.db.zone());
    if (i.isEmpty()) {
      b.problems.add(ErrorCode.BAD_WINDOW, pointer, "Cannot read the instant \""
          + Quote.text(text) + "\" (expected ISO-8601 such as 2026-06-01T00:00:00Z, a local"
          + " time 2026-06-01T08:00:00, or a date 2026-06-01 meaning local midnight, in the"
          + " years 0001 to 9999)");
    }
    return i;
  }

  /** The kind of an aggregate's result, or empty when the function does not fit the column. */
  static Optional<Kind> resultKind(Aggregate.Fn fn, FieldType type) {
    Optional<Kind> k = type.scalarKind();
    if (k.isEmpty() || k.get() == Kind.OTHER) {
      return Optional.empty();
    }
    Kind kind = k.get();
    boolean numeric = kind == Kind.INTEGER || kind == Kind.DOUBLE || kind == Kind.DECIMAL;
    return switch (fn) {
      case SUM -> numeric ? Optional.of(kind) : Optional.empty();
      case AVG -> numeric ? Optional.of(kind == Kind.DECIMAL ? Kind.DECIMAL : Kind.DOUBLE)
          : Optional.empty();
      case MIN, MAX -> Binder.ORDERED.contains(kind) ? Optional.of(kind) : Optional.empty();
      case COUNT_DISTINCT -> Optional.of(Kind.INTEGER);
    };
  }
}
