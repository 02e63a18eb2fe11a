package io.ringbot.engine.wallet;

import io.ringbot.engine.EngineHarness;
import io.ringbot.engine.load.LoadedRecord;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.journal.RecordType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ringbot.engine.EngineHarness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WalletBotTest
{
    @TempDir
    Path dir;
    private final List<String> requested = new ArrayList<>();

    @Test
    void shouldParseOnlyPlainPositiveDecimalsThatFitALong()
    {
        assertEquals(42, WalletBot.parsePositive("42", 0, 2));
        assertEquals(7, WalletBot.parsePositive("007", 0, 3));
        assertEquals(Long.MAX_VALUE, WalletBot.parsePositive("9223372036854775807", 0, 19));
        assertEquals(-1, WalletBot.parsePositive("9223372036854775808", 0, 19), "overflow");
        assertEquals(-1, WalletBot.parsePositive("99999999999999999999", 0, 20), "overflow");
        assertEquals(-1, WalletBot.parsePositive("", 0, 0));
        assertEquals(-1, WalletBot.parsePositive("+5", 0, 2));
        assertEquals(-1, WalletBot.parsePositive("-5", 0, 2));
        assertEquals(-1, WalletBot.parsePositive("1e3", 0, 3));
        assertEquals(-1, WalletBot.parsePositive("\u0665", 0, 1), "an Arabic-Indic digit is not a digit here");
    }

    @Test
    void shouldWaitForTheRecipientsReadOnlyForAWellFormedSend()
    {
        try (EngineHarness engine = EngineHarness.withBotRecords(dir, 1_000, WalletBot.create("wallet_bot"),
            (type, id) -> requested.add(type + ":" + id), 8))
        {
            engine.send(text(1, 5, "/send 77 10"));
            assertEquals(List.of("users:5", "users:77", "chats:5"), requested);
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.USER, 5, null, false));
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.CHAT, 5, null, false));
            assertEquals(0, engine.answered(), "waits for the recipient");
            final Map<String, Object> olga = new HashMap<>();
            olga.put("balance", 500L);
            olga.put("nickname", "Olga");
            engine.deliver(UpdateEvent.RECORD_LOADED, new LoadedRecord(RecordType.USER, 77, olga, false));
            assertEquals(1, engine.answered());
            assertTrue(engine.answers().get(0).contains("balance=90"), engine.answers().toString());
            assertEquals(510, WalletBot.BALANCE.get(engine.store().users().acquire(77)), "adopted 500, plus 10");

            requested.clear();
            engine.send(text(2, 5, "/send@wallet_bot 78 1"));
            engine.send(text(3, 5, "/sendx 79 1"));
            engine.send(text(4, 5, "/send 80"));
            engine.send(text(5, 5, "/send 0 1"));
            engine.send(text(6, 5, "/send 81 1 2"));
            assertEquals(List.of("users:78"), requested, "only the well-formed send names a recipient");
        }
    }
}
