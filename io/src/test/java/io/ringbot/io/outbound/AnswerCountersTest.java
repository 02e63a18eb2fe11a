package io.ringbot.io.outbound;

import io.ringbot.store.status.CountersFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnswerCountersTest
{
    @TempDir
    Path dir;

    @Test
    void shouldCountEveryAnswerAndLogEachKindOncePerInterval()
    {
        try (CountersFile file = CountersFile.create(dir))
        {
            final AnswerCounters counters = new AnswerCounters(file, LoggerFactory.getLogger(AnswerCountersTest.class));
            final ApiAnswer soon = ApiAnswer.parse(429, ("{\"ok\":false,\"error_code\":429,\"parameters\":" +
                "{\"retry_after\":\"soon\"}}").getBytes(StandardCharsets.UTF_8));
            final ApiAnswer badBytes = ApiAnswer.parse(200, new byte[] {'{', '"', 'o', 'k', '"', ':', 't', 'r', 'u', 'e', ',',
                '"', 'd', '"', ':', '"', (byte)0xff, '"', '}'});
            for (long now = 0; now < AnswerCounters.LOG_INTERVAL_MILLIS; now += 10)
            {
                counters.count(soon, now);
                counters.count(badBytes, now);
                counters.anomaly(AnswerAnomaly.RETRY_AFTER_CAPPED, now, "capped");
                if (counters.due(AnswerKind.NO_ANSWER, now))
                {
                    counters.more(AnswerKind.NO_ANSWER);
                }
            }
            assertEquals(3, counters.lines(), "one line per kind in a minute: utf-8, capped, no answer");
            assertEquals(6_000, counters.count(AnswerKind.TOO_MANY_REQUESTS));
            assertEquals(6_000, counters.count(AnswerKind.OK));
            assertEquals(6_000, counters.count(AnswerAnomaly.ILL_FORMED_UTF8));
            assertEquals(6_000, counters.count(AnswerAnomaly.RETRY_AFTER_CAPPED));
            counters.anomaly(AnswerAnomaly.RETRY_AFTER_CAPPED, AnswerCounters.LOG_INTERVAL_MILLIS, "capped");
            assertEquals(4, counters.lines(), "a minute later, one more");
        }
    }
}
