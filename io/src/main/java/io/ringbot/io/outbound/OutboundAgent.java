package io.ringbot.io.outbound;

import io.ringbot.engine.outbound.OutboundCallEncoder;
import io.ringbot.engine.outbound.OutboundDescriptor;
import io.ringbot.engine.outbound.OutboundRing;
import io.ringbot.engine.outbound.RingSendResults;
import io.ringbot.engine.outbound.SendResultDecoder;
import io.ringbot.engine.outbound.SendResultEncoder;
import io.ringbot.store.record.RecordTable;
import io.ringbot.store.retry.Backoff;
import io.ringbot.store.record.Record;
import io.ringbot.store.status.CountersFile;
import io.ringbot.store.status.RingbotCounter;
import io.ringbot.engine.outbound.BlockedFlag;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The sender (its own thread, never the engine's): drains the outbound queue the engine writes, sends
 * each call through the {@link BotApiClient} under {@link FloodControl}, and hands each result to the
 * engine as an event. Carries out the {@link AnswerPolicy}'s verdict on each answer: a 429 pauses that chat
 * for its retry_after, at most SEND_MAX_PAUSE_SECONDS (429s from many chats at once pause everything); 5xx,
 * redirects and calls not sent retry after the {@link Backoff}; a call sent without a well-formed answer has
 * an unknown outcome and is never sent again; other 4xx are final; a 403 "blocked"/"deactivated" marks
 * the user. Every call failing for {@link #FAILING_WINDOW_MILLIS} turns the Bot API's state (/healthz
 * botApi) to failing until one succeeds. Runs broadcasts at the total limit, behind live calls. Nothing
 * accepted is lost: the queue's head moves only past finished calls.
 */
public final class OutboundAgent implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(OutboundAgent.class);
    private static final String UNKNOWN_DESCRIPTION = "outcome unknown: the call was in flight when the server stopped";
    static final int API_OK = 0;
    /** Every call failed for FAILING_WINDOW_MILLIS: not sent, not answered, or answered as no working Bot API does. */
    static final int API_FAILING = 1;
    static final int API_TOKEN_REFUSED = 2;
    /**
     * The Bot API is failing once every call has failed for this long (counted from the sending of the first
     * failing call, so a call that timed out counts at once): long enough that a single 502 between
     * successes is not a failure, short enough to show within seconds of an outage.
     */
    public static final long FAILING_WINDOW_MILLIS = 5_000;
    private static final long NOT_FAILING = Long.MAX_VALUE;
    /** After a 401 the token is tried again this much later (a token can be restored by BotFather). */
    static final long TOKEN_REFUSED_PAUSE_MILLIS = 30_000;

    private final OutboundContext ctx;
    private final Backoff backoff;
    private final OutboundRing queue;
    private final OneToOneRingBuffer ring;
    private final UnsafeBuffer buffer;
    private final BotApiClient client;
    private final RingSendResults results;
    private final RecordTable users;
    private final EpochClock clock;
    private final FloodControl flood;
    private final Path broadcastDir;
    private final Long2ObjectHashMap<ChatLane> lanes = new Long2ObjectHashMap<>();
    private final List<ChatLane> active = new ArrayList<>();
    private final List<BroadcastJob> jobs = new ArrayList<>();
    private final ConcurrentLinkedQueue<Answered> answers = new ConcurrentLinkedQueue<>();
    private final LongArrayList recent429Chats = new LongArrayList();
    private final LongArrayList recent429Times = new LongArrayList();
    private final ControlledMessageHandler headAdvancer = this::onHead;
    private final OutboundCallEncoder callEncoder = new OutboundCallEncoder();
    private final int maxInFlight;
    private final int feedLimit;
    private final AtomicCounter sent;
    private final AtomicCounter failed;
    private final AtomicCounter retries;
    private final AtomicCounter tooMany;
    private final AtomicCounter blocked;
    private final AtomicCounter unknown;
    private final AtomicCounter inFlightGauge;
    private final AtomicCounter depthGauge;
    private final AtomicCounter pausedGauge;
    private final AtomicCounter apiState;
    private final AtomicCounter broadcasts;
    private final AtomicCounter broadcastRecipients;
    private final AtomicCounter broadcastDone;
    private final AtomicCounter broadcastSent;
    private final SendCounters byMethod;
    private final AnswerCounters answerCounters;
    private final long maxPauseMillis;
    private long scanPosition;
    private long chatless;
    private int inFlight;
    private int pending;
    private int fed;
    private long globalPausedUntilMillis;
    private long lastPruneMillis;
    private long failingSinceMillis = NOT_FAILING;
    private boolean tokenRefused;
    private boolean unreadableLogged;
    private volatile boolean running = true;
    private volatile boolean draining;
    private Thread thread;

    public OutboundAgent(
        final OutboundContext ctx,
        final OutboundRing queue,
        final BotApiClient client,
        final RingSendResults results,
        final RecordTable users,
        final CountersFile counters,
        final Path dataDir,
        final EpochClock clock)
    {
        this.ctx = ctx;
        this.backoff = new Backoff(ctx.retryBackoffInitialMillis(), ctx.retryBackoffMaxMillis());
        this.queue = queue;
        this.ring = queue.ring();
        this.buffer = queue.buffer();
        this.client = client;
        this.results = results;
        this.users = users;
        this.clock = clock;
        this.flood = new FloodControl(ctx);
        this.broadcastDir = dataDir.resolve("broadcast");
        this.maxInFlight = ctx.connections();
        this.feedLimit = Math.max(64, 2 * ctx.effectiveTotalPerSecond());
        sent = counters.counter(RingbotCounter.OUTBOUND_SENT);
        failed = counters.counter(RingbotCounter.OUTBOUND_FAILED);
        retries = counters.counter(RingbotCounter.OUTBOUND_RETRIES);
        tooMany = counters.counter(RingbotCounter.OUTBOUND_TOO_MANY_REQUESTS);
        blocked = counters.counter(RingbotCounter.OUTBOUND_BLOCKED);
        unknown = counters.counter(RingbotCounter.OUTBOUND_UNKNOWN_OUTCOME);
        inFlightGauge = counters.counter(RingbotCounter.OUTBOUND_IN_FLIGHT);
        depthGauge = counters.counter(RingbotCounter.OUTBOUND_QUEUE_DEPTH);
        pausedGauge = counters.counter(RingbotCounter.OUTBOUND_PAUSED_CHATS);
        apiState = counters.counter(RingbotCounter.OUTBOUND_API_STATE);
        broadcasts = counters.counter(RingbotCounter.BROADCASTS);
        broadcastRecipients = counters.counter(RingbotCounter.BROADCAST_RECIPIENTS);
        broadcastDone = counters.counter(RingbotCounter.BROADCAST_DONE);
        broadcastSent = counters.counter(RingbotCounter.BROADCAST_SENT);
        byMethod = new SendCounters(counters);
        answerCounters = new AnswerCounters(counters, LOG);
        maxPauseMillis = 1000L * ctx.maxPauseSeconds();
        scanPosition = ring.consumerPosition();
    }

    /**
     * Resumes unfinished broadcasts and starts the sender's thread.
     *
     * @return this.
     */
    public OutboundAgent start()
    {
        resumeBroadcasts(clock.time());
        thread = new Thread(this::run, "ringbot-outbound");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void run()
    {
        while (running)
        {
            int work = 0;
            try
            {
                final long now = clock.time();
                if (!draining)
                {
                    work += scan(now);
                }
                work += drainAnswers(clock.time());
                if (!draining)
                {
                    work += feedBroadcasts(now);
                    work += schedule(clock.time());
                }
                work += ring.controlledRead(headAdvancer, 4096);
                publishGauges(now);
            }
            catch (final RuntimeException ex)
            {
                LOG.error("outbound sender", ex);
            }
            if (work == 0)
            {
                LockSupport.parkNanos(500_000);
            }
        }
    }

    /**
     * Reads calls the engine wrote since the last scan (after a restart: everything not finished).
     */
    private int scan(final long now)
    {
        final long tail = ring.producerPosition();
        final int mask = ring.capacity() - 1;
        int found = 0;
        while (scanPosition < tail)
        {
            final int recordIndex = (int)(scanPosition & mask);
            final int length = buffer.getIntVolatile(RecordDescriptor.lengthOffset(recordIndex));
            if (length <= 0)
            {
                break; // being written
            }
            final int type = buffer.getInt(RecordDescriptor.typeOffset(recordIndex));
            if (type != RingBuffer.PADDING_MSG_TYPE_ID)
            {
                final int index = RecordDescriptor.encodedMsgOffset(recordIndex);
                final int messageLength = length - RecordDescriptor.HEADER_LENGTH;
                try
                {
                    accept(scanPosition, type, index, messageLength, now);
                }
                catch (final RuntimeException ex)
                {
                    // one record this version cannot read must not stop the queue behind it
                    skipUnreadable(type, index, ex);
                }
                found++;
            }
            scanPosition += align(length);
        }
        return found;
    }

    private void accept(final long position, final int type, final int index, final int length, final long now)
    {
        final int state = buffer.getIntVolatile(index + OutboundDescriptor.STATE_OFFSET);
        if (state == OutboundDescriptor.DONE)
        {
            return;
        }
        if (type != OutboundDescriptor.FIELDS_TYPE && type != OutboundDescriptor.CALL_TYPE &&
            type != OutboundDescriptor.BROADCAST_TYPE)
        {
            skipUnreadable(type, index, null);
            return;
        }
        final long correlation = buffer.getLong(index + OutboundDescriptor.CORRELATION_OFFSET);
        final long chatId = buffer.getLong(index + OutboundDescriptor.CHAT_ID_OFFSET);
        final long origin = buffer.getLong(index + OutboundDescriptor.ORIGIN_USER_OFFSET);
        final String method;
        final byte[] body;
        if (type == OutboundDescriptor.FIELDS_TYPE)
        {
            // a handler's call as fields: its JSON is encoded when it is sent (dispatch)
            method = callEncoder.methodName(buffer, index);
            body = null;
        }
        else
        {
            final int methodLength = buffer.getInt(index + OutboundDescriptor.METHOD_LENGTH_OFFSET);
            method = buffer.getStringWithoutLengthAscii(index + OutboundDescriptor.METHOD_OFFSET, methodLength);
            body = new byte[length - OutboundDescriptor.METHOD_OFFSET - methodLength];
            buffer.getBytes(index + OutboundDescriptor.METHOD_OFFSET + methodLength, body);
        }
        if (type == OutboundDescriptor.BROADCAST_TYPE)
        {
            startBroadcast(position, index, chatId, body, now);
            return;
        }
        if (state == OutboundDescriptor.SENDING)
        {
            // in flight when the last run died: Telegram may or may not have acted on it
            unknown.increment();
            buffer.putIntVolatile(index + OutboundDescriptor.STATE_OFFSET, OutboundDescriptor.DONE);
            final SendResultEncoder result = results.claim();
            if (result != null)
            {
                result.correlation(correlation).chatId(chatId).originUserId(origin).messageId(0)
                    .errorCode(ApiAnswer.UNKNOWN_OUTCOME).flags(0).method(method).description(UNKNOWN_DESCRIPTION);
                results.publish();
            }
            return;
        }
        enqueue(new PendingCall(method, body, correlation, chatId, origin, index, null, -1), now);
    }

    /**
     * A record of a type this version does not know, or one it cannot read: marked done so the head moves
     * past it, counted as failed, logged once.
     */
    private void skipUnreadable(final int type, final int index, final RuntimeException cause)
    {
        buffer.putIntVolatile(index + OutboundDescriptor.STATE_OFFSET, OutboundDescriptor.DONE);
        countUnreadable(type, cause);
    }

    private void countUnreadable(final int type, final RuntimeException cause)
    {
        failed.increment();
        if (!unreadableLogged)
        {
            unreadableLogged = true;
            LOG.error("the outbound queue holds a record this version cannot read (type {}): skipped and " +
                "counted in outbound_failed_total (further ones are counted only)", type, cause);
        }
    }

    private void enqueue(final PendingCall call, final long now)
    {
        // a call for no chat (answerCallbackQuery, getMe, ...) has a lane of its own: nothing to keep in order
        final ChatLane lane = call.chatId != 0 ? lane(call.chatId, now) :
            lane(ChatLane.CHATLESS_BASE + (chatless++ & ChatLane.CHATLESS_MASK), now);
        if (call.live())
        {
            lane.live.addLast(call);
        }
        else
        {
            lane.bulk.addLast(call);
            fed++;
        }
        pending++;
        if (!lane.active)
        {
            lane.active = true;
            active.add(lane);
        }
    }

    private ChatLane lane(final long chatId, final long now)
    {
        ChatLane lane = lanes.get(chatId);
        if (lane == null)
        {
            lane = new ChatLane(chatId, ctx.chatBurst(), ctx.groupPerMinute(), ctx.marginMillis(), now);
            lanes.put(chatId, lane);
        }
        return lane;
    }

    /**
     * Sends what the limits allow now: live calls first, then broadcast calls.
     */
    private int schedule(final long now)
    {
        if (now < globalPausedUntilMillis || inFlight >= maxInFlight)
        {
            return 0;
        }
        int dispatched = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            final boolean livePass = pass == 0;
            for (int i = 0; i < active.size() && inFlight < maxInFlight; i++)
            {
                final ChatLane lane = active.get(i);
                if (lane.inFlight || now < lane.pausedUntilMillis || now < lane.retryAtMillis)
                {
                    continue;
                }
                final PendingCall call = livePass ? lane.live.peekFirst() : lane.live.isEmpty() ? lane.bulk.peekFirst() : null;
                if (call == null || !flood.chatMayPass(lane, call, now))
                {
                    continue;
                }
                if (!flood.totalMayPass(now))
                {
                    return dispatched;
                }
                dispatch(lane, call, now);
                dispatched++;
            }
        }
        return dispatched;
    }

    private void dispatch(final ChatLane lane, final PendingCall call, final long now)
    {
        final byte[] body;
        final int bodyLength;
        if (call.body == null)
        {
            try
            {
                bodyLength = callEncoder.encode(buffer, call.index);
            }
            catch (final RuntimeException ex)
            {
                countUnreadable(OutboundDescriptor.FIELDS_TYPE, ex);
                finish(lane, call, false, ApiAnswer.unreadableRecord(), 0); // marks it done, tells the handler
                return;
            }
            body = callEncoder.buffer(); // the client copies it before this returns
        }
        else
        {
            body = call.body;
            bodyLength = body.length;
        }
        flood.onSend(lane, call, now);
        lane.inFlight = true;
        inFlight++;
        if (call.job != null)
        {
            call.job.sending(call.recipient);
        }
        else
        {
            buffer.putIntVolatile(call.index + OutboundDescriptor.STATE_OFFSET, OutboundDescriptor.SENDING);
        }
        call.attempts++;
        call.sentAtMillis = now;
        client.call(call.method, body, 0, bodyLength, answer -> answers.add(new Answered(lane, call, answer)));
    }

    private int drainAnswers(final long now)
    {
        int count = 0;
        Answered answered;
        while ((answered = answers.poll()) != null)
        {
            onAnswer(answered.lane, answered.call, answered.answer, now);
            count++;
        }
        return count;
    }

    private void onAnswer(final ChatLane lane, final PendingCall call, final ApiAnswer answer, final long now)
    {
        flood.onAnswer(lane, call, now);
        lane.inFlight = false;
        inFlight--;
        final AnswerKind kind = answer.kind();
        answerCounters.count(answer, now);
        noteHealth(kind, call, now);
        final AnswerPolicy.Verdict verdict = AnswerPolicy.verdict(answer, call.attempts, ctx.maxAttempts());
        switch (verdict)
        {
            case SENT:
                sent.increment();
                byMethod.increment(call.method, SendCounters.OK);
                finish(lane, call, true, answer, 0);
                return;
            case PAUSE_CHAT:
                tooMany.increment();
                byMethod.increment(call.method, SendCounters.TOO_MANY_REQUESTS);
                final long pauseMillis = pauseMillis(call, answer, now);
                lane.pausedUntilMillis = now + pauseMillis;
                noteTooMany(lane.chatId, pauseMillis, now);
                again(call);
                return;
            case PAUSE_ALL:
                if (answerCounters.due(kind, now))
                {
                    LOG.error("the Bot API refuses BOT_TOKEN (401 {}): sending paused; check the token with BotFather{}",
                        answer.description(), answerCounters.more(kind));
                }
                globalPausedUntilMillis = now + TOKEN_REFUSED_PAUSE_MILLIS;
                again(call);
                return;
            case UNKNOWN:
                unknownOutcome(lane, call, answer, now);
                return;
            case NOT_BOT_API:
                if (answerCounters.due(kind, now))
                {
                    LOG.warn("the Bot API answered what is not its JSON ({}): the call fails, not sent again (it " +
                        "may have been acted on); check BOT_API_URL{}", answer.description(), answerCounters.more(kind));
                }
                break;
            case RETRY:
            case GIVE_UP:
                retryOrFail(lane, call, answer, verdict == AnswerPolicy.Verdict.RETRY, now);
                return;
            default:
                break;
        }
        fail(lane, call, answer);
    }

    private void fail(final ChatLane lane, final PendingCall call, final ApiAnswer answer)
    {
        failed.increment();
        byMethod.increment(call.method, SendCounters.ERROR);
        final boolean isBlocked = AnswerPolicy.blocked(answer);
        if (isBlocked)
        {
            blocked.increment();
        }
        finish(lane, call, false, answer, isBlocked ? SendResultDecoder.FLAG_BLOCKED : 0);
    }

    /**
     * A call certainly not acted on (not sent, a 5xx, a redirect, a refusal before the Bot API): sent again with
     * backoff, up to SEND_MAX_ATTEMPTS, then failed.
     */
    private void retryOrFail(final ChatLane lane, final PendingCall call, final ApiAnswer answer, final boolean retry,
        final long now)
    {
        final AnswerKind kind = answer.kind();
        if (answerCounters.due(kind, now))
        {
            LOG.warn("{}{}): {}{}", kind == AnswerKind.UNREACHABLE ? "the Bot API is unreachable (" :
                kind == AnswerKind.REDIRECT ? "the Bot API redirects (" : kind == AnswerKind.NOT_BOT_API ?
                "the Bot API's address answers what is not the Bot API (" : "the Bot API fails (",
                answer.description(), retry ? "sending again with backoff" :
                "the call fails after " + call.attempts + " attempts (SEND_MAX_ATTEMPTS)", answerCounters.more(kind));
        }
        if (retry)
        {
            retries.increment();
            byMethod.increment(call.method, SendCounters.RETRY);
            lane.retryAtMillis = now + backoff.delayMillis(call.attempts);
            again(call);
            return;
        }
        fail(lane, call, answer);
    }

    /**
     * Sent, and no well-formed answer: sending it again could deliver it twice, so the outcome is reported.
     */
    private void unknownOutcome(final ChatLane lane, final PendingCall call, final ApiAnswer answer, final long now)
    {
        unknown.increment();
        byMethod.increment(call.method, SendCounters.UNKNOWN);
        if (answerCounters.due(answer.kind(), now))
        {
            LOG.warn("a Bot API call got no well-formed answer ({}): its outcome is unknown; it is not sent again and " +
                "is counted in outbound_unknown_outcome_total{}", answer.description(), answerCounters.more(answer.kind()));
        }
        finish(lane, call, false, answer, 0);
    }

    /**
     * Every call failing for a window makes the Bot API failing; any answer a working Bot API gives ends it.
     */
    private void noteHealth(final AnswerKind kind, final PendingCall call, final long now)
    {
        if (kind == AnswerKind.TOKEN_REFUSED)
        {
            tokenRefused = true;
        }
        if (kind.failing())
        {
            failingSinceMillis = Math.min(failingSinceMillis, Math.min(now, call.sentAtMillis));
        }
        else
        {
            failingSinceMillis = NOT_FAILING;
            tokenRefused = false;
        }
    }

    /**
     * @return how long a 429 pauses its chat: its retry_after, cut to SEND_MAX_PAUSE_SECONDS (a value past it
     * is a broken server's or a proxy's, and would stop sending for as long); without a readable one, the
     * backoff of a failed call, at least a second.
     */
    private long pauseMillis(final PendingCall call, final ApiAnswer answer, final long now)
    {
        final int retryAfter = answer.retryAfterSeconds();
        if (retryAfter < 0)
        {
            answerCounters.anomaly(AnswerAnomaly.RETRY_AFTER_UNREADABLE, now, "the Bot API answered 429 without a " +
                "readable retry_after (" + answer.description() + "): the chat waits as after a failed call");
            return Math.max(1000, backoff.delayMillis(call.attempts));
        }
        if (1000L * retryAfter > maxPauseMillis)
        {
            answerCounters.anomaly(AnswerAnomaly.RETRY_AFTER_CAPPED, now, "the Bot API answered 429 with retry_after " +
                retryAfter + " s, over SEND_MAX_PAUSE_SECONDS: the chat waits " + maxPauseMillis / 1000 + " s");
            return maxPauseMillis;
        }
        return 1000L * Math.max(1, retryAfter);
    }

    private void again(final PendingCall call)
    {
        if (call.job != null)
        {
            call.job.retry(call.recipient);
        }
        else
        {
            buffer.putIntVolatile(call.index + OutboundDescriptor.STATE_OFFSET, OutboundDescriptor.ACCEPTED);
        }
    }

    private void finish(final ChatLane lane, final PendingCall call, final boolean ok, final ApiAnswer answer,
        final int flags)
    {
        lane.remove(call);
        pending--;
        if (call.job == null)
        {
            buffer.putIntVolatile(call.index + OutboundDescriptor.STATE_OFFSET, OutboundDescriptor.DONE);
            final SendResultEncoder result = results.claim();
            if (result != null)
            {
                result.correlation(call.correlation).chatId(call.chatId).originUserId(call.originUserId)
                    .messageId(answer.messageId()).errorCode(ok ? 0 : answer.errorCode()).flags(flags)
                    .method(call.method).description(ok ? null : answer.description());
                results.publish();
            }
        }
        else
        {
            call.job.finish(call.recipient, ok ? BroadcastJob.DONE :
                answer.unknownOutcome() ? BroadcastJob.UNKNOWN : BroadcastJob.FAILED);
            if (call.recipient != call.job.confirmation)
            {
                fed--;
                if (ok)
                {
                    broadcastSent.increment();
                }
                if ((flags & SendResultDecoder.FLAG_BLOCKED) != 0)
                {
                    final SendResultEncoder result = results.claim();
                    if (result != null)
                    {
                        result.correlation(0).chatId(call.chatId).originUserId(0).messageId(0)
                            .errorCode(answer.errorCode()).flags(flags | SendResultDecoder.FLAG_BROADCAST)
                            .method(call.method).description(answer.description());
                        results.publish();
                    }
                }
            }
            if (call.job.isFinished())
            {
                LOG.info("broadcast {} finished: {} recipients", call.job.id, call.job.recipients.length);
                jobs.remove(call.job);
                call.job.delete();
            }
        }
        if (lane.isEmpty())
        {
            lane.active = false;
            active.remove(lane);
        }
    }

    private void noteTooMany(final long chatId, final long pauseMillis, final long now)
    {
        for (int i = recent429Times.size() - 1; i >= 0; i--)
        {
            if (recent429Times.getLong(i) < now - 1000)
            {
                recent429Times.removeAt(i);
                recent429Chats.removeAt(i);
            }
        }
        if (!recent429Chats.containsLong(chatId))
        {
            recent429Chats.addLong(chatId);
            recent429Times.addLong(now);
        }
        if (recent429Chats.size() >= ctx.globalPauseChats())
        {
            globalPausedUntilMillis = Math.max(globalPausedUntilMillis, now + pauseMillis);
            answerCounters.warn(AnswerCounters.GLOBAL_PAUSE, now, "429 from " + recent429Chats.size() +
                " chats within a second: all sending paused for " + pauseMillis / 1000.0 + " s");
        }
    }

    private ControlledMessageHandler.Action onHead(final int type, final org.agrona.MutableDirectBuffer b,
        final int index, final int length)
    {
        return buffer.getIntVolatile(index + OutboundDescriptor.STATE_OFFSET) == OutboundDescriptor.DONE ?
            ControlledMessageHandler.Action.COMMIT : ControlledMessageHandler.Action.ABORT;
    }

    private void startBroadcast(final long id, final int index, final long adminChatId, final byte[] textJson,
        final long now)
    {
        // the id is the request's position in the queue: the same after a restart, never reused
        BroadcastJob job;
        try
        {
            job = Files.exists(broadcastDir.resolve(id + ".state")) ? BroadcastJob.open(broadcastDir, id) :
                BroadcastJob.createOrOpen(broadcastDir, id, recipients(), textJson, adminChatId);
        }
        catch (final IOException | UncheckedIOException ex)
        {
            LOG.error("cannot start broadcast {}", id, ex);
            buffer.putIntVolatile(index + OutboundDescriptor.STATE_OFFSET, OutboundDescriptor.DONE);
            return;
        }
        buffer.putIntVolatile(index + OutboundDescriptor.STATE_OFFSET, OutboundDescriptor.DONE);
        broadcasts.increment();
        addJob(job, now);
    }

    private long[] recipients()
    {
        final LongArrayList ids = new LongArrayList();
        users.map().forEachEntry(e ->
        {
            // a copy of the record's bytes; the flags word alone needs no seqlock (one aligned long)
            final UnsafeBuffer record = new UnsafeBuffer(e.value().get());
            if (!BlockedFlag.isSet(record.getLong(Record.FLAGS_OFFSET)))
            {
                ids.addLong(e.key().get().getValue());
            }
        });
        final long[] sorted = ids.toLongArray();
        Arrays.sort(sorted);
        return sorted;
    }

    private void resumeBroadcasts(final long now)
    {
        if (!Files.isDirectory(broadcastDir))
        {
            return;
        }
        try (Stream<Path> files = Files.list(broadcastDir))
        {
            final long[] ids = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".state"))
                .mapToLong(n -> Long.parseLong(n.substring(0, n.length() - ".state".length()))).sorted().toArray();
            for (final long id : ids)
            {
                final BroadcastJob job = BroadcastJob.open(broadcastDir, id);
                unknown.getAndAdd(job.unknownAtOpen());
                LOG.info("broadcast {} resumes: {} of {} recipients done, {} in flight at the last stop (outcome unknown)",
                    id, job.finishedCount(), job.recipients.length, job.unknownAtOpen());
                addJob(job, now);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.error("cannot resume the broadcasts in {}", broadcastDir, ex);
        }
    }

    private void addJob(final BroadcastJob job, final long now)
    {
        if (job.isFinished())
        {
            job.delete();
            return;
        }
        jobs.add(job);
        if (job.confirmationPending())
        {
            // the admin's answer is part of the job: it goes out after a restart too, ahead of the broadcast
            enqueue(new PendingCall("sendMessage", job.confirmationBody(), 0, job.adminChatId, 0, -1, job,
                job.confirmation), now);
        }
    }

    private int feedBroadcasts(final long now)
    {
        int count = 0;
        for (int j = 0; j < jobs.size() && fed < feedLimit; j++)
        {
            final BroadcastJob job = jobs.get(j);
            int recipient;
            while (fed < feedLimit && (recipient = job.nextToFeed()) >= 0)
            {
                enqueue(new PendingCall("sendMessage", job.body(recipient), 0, job.recipients[recipient], 0, -1, job,
                    recipient), now);
                count++;
            }
        }
        return count;
    }

    private void publishGauges(final long now)
    {
        apiState.setRelease(tokenRefused ? API_TOKEN_REFUSED :
            failingSinceMillis != NOT_FAILING && now - failingSinceMillis >= FAILING_WINDOW_MILLIS ? API_FAILING : API_OK);
        inFlightGauge.setRelease(inFlight);
        depthGauge.setRelease(pending - inFlight);
        long recipients = 0;
        long done = 0;
        for (int i = 0; i < jobs.size(); i++)
        {
            recipients += jobs.get(i).recipients.length;
            done += jobs.get(i).finishedCount();
        }
        broadcastRecipients.setRelease(recipients);
        broadcastDone.setRelease(done);
        if (now - lastPruneMillis >= 1000)
        {
            lastPruneMillis = now;
            int paused = 0;
            for (final Long2ObjectHashMap<ChatLane>.ValueIterator it = lanes.values().iterator(); it.hasNext(); )
            {
                final ChatLane lane = it.next();
                if (lane.pausedUntilMillis > now)
                {
                    paused++;
                }
                else if (!lane.active && !lane.inFlight && flood.atRest(lane, now))
                {
                    it.remove();
                }
            }
            pausedGauge.setRelease(paused);
        }
    }

    /**
     * @return the answers' counters and log (tests).
     */
    AnswerCounters answerCounters()
    {
        return answerCounters;
    }

    /**
     * @return whether nothing is waiting or in flight (tests).
     */
    public boolean isIdle()
    {
        return pending == 0 && inFlight == 0 && jobs.isEmpty() && scanPosition == ring.producerPosition();
    }

    /**
     * Stops taking new calls, waits (bounded) for the answers of the calls in flight, then stops.
     * Calls not sent stay in the queue file for the next start.
     *
     * @param timeoutMillis how long to wait for answers.
     */
    public void close(final long timeoutMillis)
    {
        draining = true;
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        while (inFlightGauge.get() > 0 && System.currentTimeMillis() < deadline)
        {
            LockSupport.parkNanos(2_000_000);
        }
        running = false;
        if (thread != null)
        {
            try
            {
                thread.join(2_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        client.close();
        for (int i = 0; i < jobs.size(); i++)
        {
            jobs.get(i).close();
        }
    }

    public void close()
    {
        close(5_000);
    }

    private static long align(final int length)
    {
        return (length + RecordDescriptor.ALIGNMENT - 1) & -RecordDescriptor.ALIGNMENT;
    }

    private record Answered(ChatLane lane, PendingCall call, ApiAnswer answer)
    {
    }
}
