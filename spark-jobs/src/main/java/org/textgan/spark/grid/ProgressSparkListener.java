package org.textgan.spark.grid;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.ExceptionFailure;
import org.apache.spark.TaskEndReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;

import scala.collection.JavaConverters;

/**
 * Turns Spark task-end events of one sweep job into {@link RunProgress} events. The sweep's job is recognised by
 * a local property set on the driver thread that submits it; task index i is run i of the submitted list.
 */
final class ProgressSparkListener extends SparkListener {

    static final String SWEEP_PROPERTY = "textgan.grid.sweep";

    private final String sweepToken;
    private final List<String> runIds;
    private final RunProgressListener sink;
    private final Set<Integer> stageIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger done = new AtomicInteger();

    ProgressSparkListener(String sweepToken, List<String> runIds, RunProgressListener sink) {
        this.sweepToken = sweepToken;
        this.runIds = List.copyOf(runIds);
        this.sink = sink;
    }

    int done() {
        return done.get();
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        if (jobStart.properties() != null
                && sweepToken.equals(jobStart.properties().getProperty(SWEEP_PROPERTY))) {
            for (Object id : JavaConverters.seqAsJavaList(jobStart.stageIds())) {
                stageIds.add((Integer) id);
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (!stageIds.contains(taskEnd.stageId())) {
            return;
        }
        TaskInfo ti = taskEnd.taskInfo();
        int index = ti.index();
        String id = index >= 0 && index < runIds.size() ? runIds.get(index) : "#" + index;
        double seconds = ti.duration() / 1000.0;
        try {
            if (ti.successful()) {
                sink.onProgress(new RunProgress(done.incrementAndGet(), runIds.size(), id, seconds,
                        ti.attemptNumber(), null));
            } else if (ti.failed()) {
                sink.onProgress(new RunProgress(0, runIds.size(), id, seconds, ti.attemptNumber(),
                        describe(taskEnd.reason())));
            }
        } catch (RuntimeException e) {
            // a faulty progress sink must not break Spark's listener bus
            org.slf4j.LoggerFactory.getLogger(ProgressSparkListener.class).warn("progress listener failed", e);
        }
    }

    private static String describe(TaskEndReason reason) {
        if (reason instanceof ExceptionFailure ef) {
            return ef.className() + ": " + ef.description();
        }
        String s = String.valueOf(reason);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
