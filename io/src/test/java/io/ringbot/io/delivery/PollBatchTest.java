package io.ringbot.io.delivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PollBatchTest
{
    private static final byte[] UPDATE_ID = "\"update_id\":".getBytes(StandardCharsets.US_ASCII);

    @Test
    void shouldReadTheFieldOfTheObjectItIsGiven()
    {
        final byte[] json = "[{\"update_id\":5,\"a\":1},{\"update_id\": 6},{\"x\":-7}]".getBytes(StandardCharsets.UTF_8);
        assertEquals(5, PollBatch.numberField(json, 1, 22, UPDATE_ID, -1));
        assertEquals(6, PollBatch.numberField(json, 23, 39, UPDATE_ID, -1));
        assertEquals(-1, PollBatch.numberField(json, 40, json.length, UPDATE_ID, -1));
        assertEquals(-7, PollBatch.numberField(json, 0, json.length, "\"x\":".getBytes(StandardCharsets.US_ASCII), 0));
    }

    @Test
    void shouldAdvanceTheOffsetOnlyOverTheAppliedPrefix()
    {
        final PollBatch batch = new PollBatch(4);
        batch.begin(3);
        batch.updateIds[0] = 10;
        batch.updateIds[1] = 11;
        batch.updateIds[2] = 12;
        batch.answered(0, true);
        batch.answered(2, true);
        batch.answered(1, false); // busy: must come again, and 12 with it
        assertEquals(11, batch.confirmedOffset(3));
        assertFalse(batch.complete());
        batch.begin(1);
        batch.updateIds[0] = 11;
        batch.answered(0, true);
        assertEquals(12, batch.confirmedOffset(11));
        assertTrue(batch.complete());
    }
}
