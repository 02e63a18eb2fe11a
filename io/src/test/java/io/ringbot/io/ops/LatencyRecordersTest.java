package io.ringbot.io.ops;

import io.ringbot.store.status.LatencyHistograms;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

class LatencyRecordersTest
{
    private final Recorder recorder = LatencyHistograms.newRecorder();
    private final LatencyRecorders latencies = new LatencyRecorders().add(LatencySource.Stage.ENGINE, recorder);

    @Test
    void shouldAccumulateEveryValueSinceStart()
    {
        recorder.recordValue(1_000);
        recorder.recordValue(2_000);
        assertEquals(2, latencies.snapshot(LatencySource.Stage.ENGINE).getTotalCount());

        recorder.recordValue(3_000);
        final Histogram total = latencies.snapshot(LatencySource.Stage.ENGINE);
        assertEquals(3, total.getTotalCount());
        assertEquals(3_000, total.getMaxValue(), 3_000 / 100.0, "within the histograms' 1% resolution");
        assertEquals(3, latencies.snapshot(LatencySource.Stage.ENGINE).getTotalCount());
    }

    @Test
    void shouldHandOutCopiesTheCallerMayKeep()
    {
        recorder.recordValue(1_000);
        final Histogram first = latencies.snapshot(LatencySource.Stage.ENGINE);
        recorder.recordValue(1_000);
        final Histogram second = latencies.snapshot(LatencySource.Stage.ENGINE);

        assertNotSame(first, second);
        assertEquals(1, first.getTotalCount());
        assertEquals(2, second.getTotalCount());
    }

    @Test
    void shouldCountOutliersBeyondAnyGuessedRange()
    {
        recorder.recordValue(3_600_000_000_000L);
        assertEquals(1, latencies.snapshot(LatencySource.Stage.ENGINE).getTotalCount());
    }

    @Test
    void shouldAnswerNullForAnUnmeasuredStage()
    {
        assertNull(latencies.snapshot(LatencySource.Stage.JOURNAL_COMMIT));
        assertNull(LatencySource.NONE.snapshot(LatencySource.Stage.WEBHOOK));
    }
}
