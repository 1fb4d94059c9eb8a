package org.sparksegments.conditions.bind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sparksegments.conditions.model.AllOf;
import org.sparksegments.conditions.model.AnyOf;
import org.sparksegments.conditions.model.Condition;
import org.sparksegments.conditions.model.ConditionsOf;
import org.sparksegments.conditions.model.EventTest;
import org.sparksegments.conditions.model.ExternalTest;
import org.sparksegments.conditions.model.FieldTest;
import org.sparksegments.conditions.model.Not;
import org.sparksegments.conditions.model.SegmentRef;
import org.sparksegments.conditions.model.Sequence;
import org.sparksegments.conditions.model.StaticSegmentTest;
import org.sparksegments.conditions.model.SubscriptionTest;

/** The references of a condition tree to other segments, and cycles among them. */
public final class References {
  private References() {}

  /** A {@code segment} or {@code conditions_of} reference and where it is written. */
  public record Ref(String segment, String pointer, boolean imported) {}

  /** A cycle through the root: the ids in order (root first and last) and the root's reference. */
  public record Cycle(List<String> path, Ref start) {}

  /** Every reference of the tree, in document order. */
  public static List<Ref> of(Condition c) {
    List<Ref> out = new ArrayList<>();
    c.accept(new Condition.Visitor<Void>() {
      @Override
      public Void visitAll(AllOf n) {
        n.children().forEach(x -> x.accept(this));
        return null;
      }

      @Override
      public Void visitAny(AnyOf n) {
        n.children().forEach(x -> x.accept(this));
        return null;
      }

      @Override
      public Void visitNot(Not n) {
        return n.child().accept(this);
      }

      @Override
      public Void visitField(FieldTest n) {
        return null;
      }

      @Override
      public Void visitEvent(EventTest n) {
        return null;
      }

      @Override
      public Void visitSubscription(SubscriptionTest n) {
        return null;
      }

      @Override
      public Void visitSegment(SegmentRef n) {
        out.add(new Ref(n.segment(), n.pointer() + "/segment", false));
        return null;
      }

      @Override
      public Void visitStaticSegment(StaticSegmentTest n) {
        return null;
      }

      @Override
      public Void visitExternal(ExternalTest n) {
        return null;
      }

      @Override
      public Void visitConditionsOf(ConditionsOf n) {
        out.add(new Ref(n.segment(), n.pointer() + "/conditions_of", true));
        return null;
      }

      @Override
      public Void visitSequence(Sequence n) {
        return null;
      }
    });
    return out;
  }

  /** The first cycle that leads from {@code root} back to it, if any. */
  public static Optional<Cycle> cycleThrough(String root, SegmentResolver resolver) {
    Optional<SegmentResolver.Found> r = resolver.find(root);
    if (r.isEmpty() || r.get().segment().conditions().isEmpty()) {
      return Optional.empty();
    }
    Set<String> dead = new HashSet<>();
    for (Ref ref : of(r.get().segment().conditions().get())) {
      List<String> path = new ArrayList<>(List.of(root));
      if (reaches(ref.segment(), root, resolver, path, dead)) {
        return Optional.of(new Cycle(path, ref));
      }
    }
    return Optional.empty();
  }

  private static boolean reaches(String id, String root, SegmentResolver resolver,
      List<String> path, Set<String> dead) {
    path.add(id);
    if (id.equals(root)) {
      return true;
    }
    if (dead.contains(id) || path.subList(0, path.size() - 1).contains(id)) {
      path.remove(path.size() - 1);
      return false;
    }
    Optional<SegmentResolver.Found> f = resolver.find(id);
    if (f.isPresent() && f.get().segment().conditions().isPresent()) {
      for (Ref ref : of(f.get().segment().conditions().get())) {
        if (reaches(ref.segment(), root, resolver, path, dead)) {
          return true;
        }
      }
    }
    dead.add(id);
    path.remove(path.size() - 1);
    return false;
  }
}
