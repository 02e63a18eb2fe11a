package io.ringbot.engine;

import com.lmax.disruptor.EventHandler;
import io.ringbot.engine.dispatch.UpdateDispatcher;
import io.ringbot.engine.load.LoadedRecord;
import io.ringbot.engine.load.ParkingLot;
import io.ringbot.engine.load.StoreRoom;
import io.ringbot.engine.decode.IntegerField;
import io.ringbot.engine.decode.DecodedUpdate;
import io.ringbot.engine.decode.UpdateDecoder;
import io.ringbot.bot.UpdateKind;
import io.ringbot.engine.ring.AnswerReleaser;
import io.ringbot.engine.ring.ErrorBody;
import io.ringbot.engine.ring.Responder;
import io.ringbot.engine.ring.SlotReleaser;
import io.ringbot.engine.ring.UpdateEvent;
import io.ringbot.store.dedup.UpdateIdWindow;
import io.ringbot.store.status.ErrorRecorder;
import io.ringbot.store.undo.UndoLog;
import io.ringbot.store.undo.UndoLogFullException;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.status.AtomicCounter;


/**
 * The single writer of all bot state: decodes each update in its ring slot, drops redeliveries by
 * update_id, runs the bot, and writes the answer into the slot. Allocates nothing, blocks on nothing
 * and logs nothing per update; a handler's exception is counted and recorded once per kind, and the
 * update is still answered (200, nothing more applied) so Telegram does not redeliver it forever.
 * <p>
 * An update is never answered 200 unless its change is stored: one that needs a new record its table has no
 * room for is refused (503 + Retry-After, Telegram redelivers) with nothing of it kept (its records put back
 * through the undo log, no reply, no outbound call) and its update_id not marked applied. Between updates
 * the {@link StoreRoom} evicts records Firestore holds, when it is on, so a table keeps room.
 */
public final class EngineHandler implements EventHandler<UpdateEvent>
{
    static final byte[] BAD_JSON_BODY = ErrorBody.of(400, "the body is not JSON");
    static final byte[] NO_UPDATE_ID_BODY = ErrorBody.of(400, "the body must be a JSON object with a numeric update_id");
    private static final String FAR_JUMP_KIND = "update_id far jump";
    private static final String FAR_JUMP_MESSAGE = "an update_id more than " + UpdateIdWindow.WINDOW +
        " away from every recent one was applied and re-based one of the two de-duplication lanes (Telegram " +
        "restarted its ids, another bot's updates arrive here, or someone with the secret sends forged ones); " +
        "counted as update_id_jumps_total";
    static final byte[][] BAD_NUMBER_BODIES = badNumberBodies();
    static final byte[] BUSY_BODY = ErrorBody.of(503, "too many updates wait for Firestore: retry");
    static final byte[] NO_ROOM_BODY = ErrorBody.of(503, "the store has no room for a record this update needs: " +
        "nothing of it was kept; retry (see /healthz)");

    /**
     * One update in eight is timed: two clock reads cost ~15% of an update on this class of VM, and
     * arrival order is independent of the sequence, so the sample is unbiased.
     */
    static final long LATENCY_SAMPLE_MASK = 7;

    private final UpdateDecoder decoder = new UpdateDecoder();
    private final DecodedUpdate update = new DecodedUpdate();
    private final UpdateDispatcher dispatcher;
    private final UpdateIdWindow updateIds;
    private final EngineCounters counters;
    private final ErrorRecorder errors;
    private final SlotReleaser releaser;
    private final EpochClock clock;
    private final JournalAckHandler acks;
    private final ParkingLot parking;
    private final AtomicCounter parkFull;
    private final ParkingLot.Replay onReplay = this::replay;
    private final boolean recordLatency;
    private final UndoLog undo;
    private final StoreRoom room;
    private final AtomicCounter storeFull;
    private long nowMillis;

    /**
     * @param undo      the store's undo log, which makes each update's record changes atomic with marking it
     *                  applied across a kill -9, and puts back a refused update's changes; null for none.
     * @param room      room in the store: tables without room, eviction.
     * @param storeFull counts updates refused for want of room.
     */
    public EngineHandler(
        final UpdateDispatcher dispatcher,
        final UpdateIdWindow updateIds,
        final EngineCounters counters,
        final ErrorRecorder errors,
        final SlotReleaser releaser,
        final EpochClock clock,
        final JournalAckHandler acks,
        final ParkingLot parking,
        final AtomicCounter parkFull,
        final boolean recordLatency,
        final UndoLog undo,
        final StoreRoom room,
        final AtomicCounter storeFull)
    {
        this.undo = undo;
        this.room = room;
        this.storeFull = storeFull;
        this.recordLatency = recordLatency;
        this.dispatcher = dispatcher;
        this.updateIds = updateIds;
        this.counters = counters;
        this.errors = errors;
        this.releaser = releaser;
        this.clock = clock;
        this.acks = acks;
        this.parking = parking;
        this.parkFull = parkFull;
        this.nowMillis = clock.time();
    }

    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        nowMillis = clock.time();
        counters.heartbeat.setRelease(nowMillis);
    }

    public void onEvent(final UpdateEvent event, final long sequence, final boolean endOfBatch)
    {
        boolean answer = true;
        try
        {
            switch (event.type())
            {
                case UpdateEvent.UPDATE:
                    if (recordLatency && (sequence & LATENCY_SAMPLE_MASK) == 0)
                    {
                        final long start = System.nanoTime();
                        answer = onUpdate(event);
                        counters.latency().recordValue(System.nanoTime() - start);
                    }
                    else
                    {
                        answer = onUpdate(event);
                    }
                    break;
                case UpdateEvent.JOURNAL_ACK:
                    acks.onAcks(event.payload());
                    break;
                case UpdateEvent.SEND_RESULT:
                    dispatcher.onSendResult(event.body(), event.bodyLength(), nowMillis);
                    break;
                case UpdateEvent.RECORD_LOADED:
                    room.doWork(); // before the record is stored: the records parked updates wait for are kept
                    final int full = parking.onLoaded((LoadedRecord)event.payload());
                    if (full >= 0)
                    {
                        room.onFull(full);
                    }
                    parking.releaseReady(onReplay);
                    break;
                default:
                    room.doWork(); // idle ticks sweep too
                    break;
            }
        }
        catch (final Throwable t)
        {
            errors.onError("engine event", t);
        }
        finally
        {
            if (answer)
            {
                answer(event, sequence, releaser);
            }
            else
            {
                event.clear();
                releaser.release(sequence);
            }
            if (endOfBatch)
            {
                counters.onEndOfBatch();
            }
        }
    }

    public void onTimeout(final long sequence)
    {
        nowMillis = clock.time();
        counters.heartbeat.setRelease(nowMillis);
    }

    /**
     * @return true when the update is answered now, false when it was parked to wait for a read.
     */
    private boolean onUpdate(final UpdateEvent event)
    {
        event.clearReply();
        final int result = decoder.decode(event.body(), event.bodyLength(), update);
        if (result != UpdateDecoder.OK)
        {
            rejectUpdate(event, result);
            return true;
        }
        event.status(200);
        if (updateIds.isDuplicate(update.updateId(), nowMillis))
        {
            counters.duplicates.incrementRelease();
            return true;
        }
        room.doWork(); // a bounded step between updates: nothing is bound now
        if (parking != null && parking.mustWait(update))
        {
            if (parking.park(event, update))
            {
                return false;
            }
            parkFull.incrementRelease();
            event.status(503);
            event.reply(BUSY_BODY, BUSY_BODY.length);
            return true;
        }
        apply(event);
        return true;
    }

    /** A parked update whose records arrived: decoded again from its copy, applied, answered. */
    private void replay(final UpdateEvent event, final int index)
    {
        try
        {
            event.clearReply();
            if (decoder.decode(event.body(), event.bodyLength(), update) == UpdateDecoder.OK)
            {
                event.status(200);
                if (updateIds.isDuplicate(update.updateId(), nowMillis))
                {
                    counters.duplicates.incrementRelease();
                }
                else if (parking.releasedWithoutRoom())
                {
                    // a record it needs was read from Firestore but found no room: never run it on a fresh one
                    refuse(event);
                }
                else
                {
                    apply(event);
                }
            }
        }
        catch (final Throwable t)
        {
            errors.onError("replay of a parked update", t);
        }
        finally
        {
            answer(event, index, parking);
        }
    }

    /**
     * Runs the bot and encodes its reply inside one guard: whatever throws (handler or encoding), the
     * records' changes are closed and the update is marked applied, so a redelivery never applies it twice.
     * The undo log holds each record the update uses as it was before, until the update is marked applied:
     * a kill -9 in between is undone at the next start, and the redelivery applies the update once; a
     * handler that throws has its record changes put back at once (as its reply and calls are dropped).
     */
    private void apply(final UpdateEvent event)
    {
        final long updateId = update.updateId();
        final UpdateKind kind = update.kind();
        int length = 0;
        boolean failed = false;
        boolean unhandled = false;
        if (undo != null)
        {
            undo.begin(updateId);
        }
        try
        {
            unhandled = dispatcher.dispatch(update, nowMillis) == UpdateDispatcher.UNHANDLED;
            if (dispatcher.refusedType() < 0)
            {
                length = dispatcher.encodeReply();
            }
        }
        catch (final Throwable t)
        {
            length = 0;
            if (dispatcher.refusedType() < 0)
            {
                failed = true;
                if (t instanceof UndoLogFullException)
                {
                    counters.undoFull.incrementRelease();
                }
                counters.handlerErrors.incrementRelease();
                errors.onError("handler of a " + kind.fieldName() + " update", t);
            }
            dispatcher.discardReply();
            dispatcher.abortOutbound();
        }
        finally
        {
            if (dispatcher.refusedType() >= 0)
            {
                // a handler may have caught the refusal and gone on: its reply and calls go all the same
                dispatcher.discardReply();
                dispatcher.abortOutbound();
                discard();
            }
            else
            {
                finish(updateId, kind, failed, unhandled);
            }
        }
        if (dispatcher.refusedType() >= 0)
        {
            room.onFull(dispatcher.refusedType());
            refuse(event);
        }
        else if (length > 0)
        {
            event.reply(dispatcher.replyBuffer(), length);
            counters.replies.incrementRelease();
        }
    }

    /** Closes an update's changes and marks it applied. */
    private void finish(final long updateId, final UpdateKind kind, final boolean failed, final boolean unhandled)
    {
        try
        {
            dispatcher.closeChanges();
            if (failed && undo != null)
            {
                // a failed handler's changes go, as its reply and outbound calls did
                undo.rollback();
            }
        }
        finally
        {
            dispatcher.commitOutbound();
            if (updateIds.markApplied(updateId, nowMillis) == UpdateIdWindow.FAR_JUMP)
            {
                counters.updateIdJumps.incrementRelease();
                errors.onCondition(FAR_JUMP_KIND, FAR_JUMP_MESSAGE);
            }
            if (undo != null)
            {
                undo.clear();
            }
            counters.kind(kind).incrementRelease();
            if (unhandled)
            {
                counters.unhandled.incrementRelease();
            }
            counters.updates.incrementRelease();
        }
    }

    /** Leaves nothing of a refused update: its changes closed and put back, created records removed, not marked. */
    private void discard()
    {
        try
        {
            dispatcher.closeChanges();
            if (undo != null)
            {
                undo.discard();
            }
        }
        finally
        {
            if (undo != null)
            {
                undo.clear();
            }
        }
    }

    /** Answers an update 503 + Retry-After (the webhook adds it): Telegram delivers it again. */
    private void refuse(final UpdateEvent event)
    {
        storeFull.incrementRelease();
        event.clearReply();
        event.status(503);
        event.reply(NO_ROOM_BODY, NO_ROOM_BODY.length);
    }

    private void rejectUpdate(final UpdateEvent event, final int result)
    {
        event.status(400);
        if (result == UpdateDecoder.BAD_JSON)
        {
            counters.badJson.incrementRelease();
            event.reply(BAD_JSON_BODY, BAD_JSON_BODY.length);
        }
        else if (result == UpdateDecoder.BAD_NUMBER)
        {
            counters.badNumber.incrementRelease();
            final byte[] body = BAD_NUMBER_BODIES[decoder.badNumberField().ordinal()];
            event.reply(body, body.length);
        }
        else
        {
            counters.missingUpdateId.incrementRelease();
            event.reply(NO_UPDATE_ID_BODY, NO_UPDATE_ID_BODY.length);
        }
    }

    private static byte[][] badNumberBodies()
    {
        final byte[][] bodies = new byte[IntegerField.count()][];
        for (int i = 0; i < bodies.length; i++)
        {
            bodies[i] = ErrorBody.of(400, IntegerField.of(i).description());
        }
        return bodies;
    }

    /**
     * Hands an answered event to its responder, or, when there is none (or it failed), releases it
     * straight away through the releaser of the pool it belongs to (the ring, or the parking lot).
     */
    private void answer(final UpdateEvent event, final long sequence, final AnswerReleaser fallback)
    {
        final Responder responder = event.responder();
        if (responder != null)
        {
            try
            {
                responder.onAnswered(event, sequence);
                return;
            }
            catch (final Throwable t)
            {
                errors.onError("responder", t);
            }
        }
        event.clear();
        fallback.release(sequence);
    }
}
