package io.ringbot.io.ops;

import io.ringbot.store.status.LatencyHistograms;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.EnumMap;

/**
 * A {@link LatencySource} over HdrHistogram {@link Recorder}s: the hot threads record wait-free into their
 * recorder, and each snapshot drains the recorder's interval into a running total.
 * <p>
 * This must be the only reader of a recorder it is given: {@code getIntervalHistogram} hands each value
 * to one caller only, so a second reader would steal values from the totals.
 */
public final class LatencyRecorders implements LatencySource
{
    private final EnumMap<Stage, Recorder> recorders = new EnumMap<>(Stage.class);
    private final EnumMap<Stage, Histogram> intervals = new EnumMap<>(Stage.class);
    private final EnumMap<Stage, Histogram> totals = new EnumMap<>(Stage.class);

    /**
     * Measures a stage with a recorder of nanoseconds; e.g. {@link LatencyHistograms#newRecorder()}.
     *
     * @param stage    which stage.
     * @param recorder where its threads record.
     * @return this.
     */
    public synchronized LatencyRecorders add(final Stage stage, final Recorder recorder)
    {
        recorders.put(stage, recorder);
        intervals.remove(stage);
        totals.put(stage, LatencyHistograms.newHistogram());
        return this;
    }

    public synchronized Histogram snapshot(final Stage stage)
    {
        final Recorder recorder = recorders.get(stage);
        if (recorder == null)
        {
            return null;
        }
        final Histogram previous = intervals.get(stage);
        final Histogram interval = previous == null ?
            recorder.getIntervalHistogram() : recorder.getIntervalHistogram(previous);
        intervals.put(stage, interval);
        final Histogram total = totals.get(stage);
        total.add(interval);
        return total.copy();
    }
}
