package io.ringbot.store.status;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The one shape of every latency histogram: nanoseconds, auto-resizing (an outlier beyond any guessed range
 * is still counted rather than thrown), two significant digits. A 1% resolution is finer than any bucket
 * /metrics exports, and it takes an eighth of the memory of three digits: the ops thread copies and scans
 * these histograms every second on the server's own core, and at three digits that cost showed in the
 * webhook's p99 (BENCHMARKS.md).
 */
public final class LatencyHistograms
{
    public static final int SIGNIFICANT_DIGITS = 2;

    private LatencyHistograms()
    {
    }

    /**
     * @return a recorder hot threads write to without waiting.
     */
    public static Recorder newRecorder()
    {
        return new Recorder(SIGNIFICANT_DIGITS);
    }

    /**
     * @return a histogram to accumulate a recorder's intervals in.
     */
    public static Histogram newHistogram()
    {
        return new Histogram(SIGNIFICANT_DIGITS);
    }
}
