package io.baton.worker.execution;

import io.baton.proto.v1.ShardReport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the reports an executor delivers, in order, for assertions. */
final class RecordingListener implements ShardListener {
    final List<ShardReport> started = new CopyOnWriteArrayList<>();
    final List<ShardReport> finished = new CopyOnWriteArrayList<>();

    @Override
    public void onStarted(ShardReport report) { started.add(report); }

    @Override
    public void onFinished(ShardReport report) { finished.add(report); }
}
