package org.sparksegments.conditions.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.sparksegments.conditions.bind.BoundCondition;
import org.sparksegments.conditions.bind.BoundEventFilter;
import org.sparksegments.conditions.bind.BoundWindow;
import org.sparksegments.conditions.bind.FieldRef;

/**
 * One value per profile that conditions read from a table other than profiles: an aggregate of
 * events, a subscription or static-segment flag, an external match, a sequence. Equal features
 * are computed once, however many conditions and segments use them: the column name is a digest
 * of the feature's canonical form, never a random id.
 */
public sealed interface Feature {

  /** The canonical form; equal features have equal forms. */
  String canonical();

  /** The name of the feature's column in the wide frame. */
  default String column() {
    return prefix() + digest(canonical());
  }

  String prefix();

  /** What an event aggregate computes over the matching events. */
  enum EventKind { COUNT, SUM, AVG, MIN, MAX, COUNT_DISTINCT, LAST_TS, FIRST_TS }

  /** An aggregate of the events that pass a filter and a window. */
  record EventAggregate(BoundEventFilter filter, Optional<BoundWindow> window, EventKind kind,
      Optional<FieldRef> of) implements Feature {
    @Override
    public String canonical() {
      return "event|" + Canonical.of(List.of(filter, window, kind, of.map(FieldRef::path)));
    }

    @Override
    public String prefix() {
      return "__ev_";
    }
  }

  /** Whether a profile's events contain the steps in order. */
  record SequenceMatch(BoundCondition.Sequence sequence) implements Feature {
    @Override
    public String canonical() {
      return "sequence|" + Canonical.of(sequence);
    }

    @Override
    public String prefix() {
      return "__sq_";
    }
  }

  /** Some subscription record (by the as-of) on the channels/resources with a status (empty: any). */
  record SubscriptionFlag(List<String> channels, List<String> resources, List<String> statuses)
      implements Feature {
    public SubscriptionFlag {
      channels = List.copyOf(channels);
      resources = List.copyOf(resources);
      statuses = List.copyOf(statuses);
    }

    @Override
    public String canonical() {
      return "subscription|" + Canonical.of(List.of(channels, resources, statuses));
    }

    @Override
    public String prefix() {
      return "__sub_";
    }
  }

  /** Member of a static segment as of the as-of, or ever added by it (optionally in a window). */
  record StaticFlag(String segment, boolean ever, Optional<BoundWindow> window)
      implements Feature {
    @Override
    public String canonical() {
      return "static|" + Canonical.of(List.of(segment, ever, window));
    }

    @Override
    public String prefix() {
      return "__st_";
    }
  }

  /** Some row of an external table matching the profile passes {@code where}. */
  record ExternalFlag(String table, String key, FieldRef profileField,
      Optional<BoundCondition> where) implements Feature {
    @Override
    public String canonical() {
      return "external|" + Canonical.of(List.of(table, key, profileField.path(), where));
    }

    @Override
    public String prefix() {
      return "__ext_";
    }
  }

  /** The first 16 hex digits of the SHA-256 of a canonical form. */
  static String digest(String canonical) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
