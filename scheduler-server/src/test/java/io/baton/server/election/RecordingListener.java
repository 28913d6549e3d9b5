package io.baton.server.election;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records leadership callbacks, and the threads they came on, for the election tests. */
final class RecordingListener implements LeadershipListener {
    record Event(boolean gained, LeaderTerm term, String reason) {}

    final List<Event> events = new CopyOnWriteArrayList<>();
    /** Suspensions and resumptions, in order: "suspended <epoch>" / "resumed <epoch>". */
    final List<String> pauses = new CopyOnWriteArrayList<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    /** Every callback in order, as "ahead <store version|none>" / "gained <epoch>" / "ended <epoch>". */
    final List<String> sequence = new CopyOnWriteArrayList<>();
    /** Run on each onTermAhead with the version heard (-1: none), on the election thread; for tests that interfere. */
    volatile java.util.function.IntConsumer onAhead = v -> { };

    /** The store mzxid each onTermAhead heard (0: none), in order. */
    final List<Long> aheadZxids = new CopyOnWriteArrayList<>();
    /** Epochs of the terms this node stepped down from with a hand-over ahead, in order. */
    final List<Long> handingOver = new CopyOnWriteArrayList<>();
    /** Epochs of the terms handed on (or left), in order. */
    final List<Long> handedOver = new CopyOnWriteArrayList<>();
    /** What each handedOver said the term went to (empty: not handed on), in order. */
    final List<java.util.Optional<HandedTerm>> handedTo = new CopyOnWriteArrayList<>();
    /** Run in handedOver with where the term went, on the election thread. */
    volatile java.util.function.Consumer<java.util.Optional<HandedTerm>> onHandedOver = to -> { };
    /** What beforeHandOver answers: the store version the hand-over must find (empty: none). */
    volatile java.util.OptionalInt storePin = java.util.OptionalInt.empty();
    /** Run in beforeHandOver with the ending epoch, on the election thread. */
    volatile java.util.function.LongConsumer onHandingOver = epoch -> { };

    @Override
    public void onTermAhead(java.util.OptionalInt storeVersion, long storeZxid) {
        threads.add(Thread.currentThread().getName());
        aheadZxids.add(storeZxid);
        sequence.add("ahead " + (storeVersion.isPresent() ? Integer.toString(storeVersion.getAsInt()) : "none"));
        onAhead.accept(storeVersion.orElse(-1));
    }

    @Override
    public java.util.OptionalInt beforeHandOver(LeaderTerm term) {
        threads.add(Thread.currentThread().getName());
        handingOver.add(term.epoch());
        onHandingOver.accept(term.epoch());
        return storePin;
    }

    @Override
    public void handedOver(LeaderTerm term, java.util.Optional<HandedTerm> to) {
        threads.add(Thread.currentThread().getName());
        handedOver.add(term.epoch());
        handedTo.add(to);
        onHandedOver.accept(to);
    }

    @Override
    public void onLeadershipGained(LeaderTerm term) {
        threads.add(Thread.currentThread().getName());
        events.add(new Event(true, term, null));
        sequence.add("gained " + term.epoch());
    }

    @Override
    public void onLeadershipEnded(LeaderTerm term, String reason) {
        threads.add(Thread.currentThread().getName());
        events.add(new Event(false, term, reason));
        sequence.add("ended " + term.epoch());
    }

    @Override
    public void onLeadershipSuspended(LeaderTerm term, String reason) {
        threads.add(Thread.currentThread().getName());
        pauses.add("suspended " + term.epoch());
    }

    @Override
    public void onLeadershipResumed(LeaderTerm term) {
        threads.add(Thread.currentThread().getName());
        pauses.add("resumed " + term.epoch());
    }

    long gained() {
        return events.stream().filter(Event::gained).count();
    }

    long ended() {
        return events.stream().filter(e -> !e.gained()).count();
    }

    LeaderTerm lastGained() {
        return events.stream().filter(Event::gained).reduce((a, b) -> b).orElseThrow().term();
    }

    /** Gained and ended strictly alternate, each end matching the term gained just before it. */
    boolean wellOrdered() {
        LeaderTerm open = null;
        for (Event e : events) {
            if (e.gained()) {
                if (open != null) return false;
                open = e.term();
            } else {
                if (!e.term().equals(open)) return false;
                open = null;
            }
        }
        return true;
    }
}
