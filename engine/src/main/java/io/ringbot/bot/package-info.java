/**
 * The bot API: everything a bot developer uses to write a bot on ringbot, and nothing else. The engine's
 * implementation lives in {@code io.ringbot.engine.*} (internal, may change); a bot needs only this
 * package, the record schema types of {@link io.ringbot.store.record} ({@code RecordSchema},
 * {@code LongField}, {@code StringField}, ...) and {@code io.ringbot.io.Ringbot} to start the server.
 *
 * <h2>Declaring a bot</h2>
 * A {@link io.ringbot.bot.Bot} is built once at start: its record types and its routes. It runs either
 * from the team's own {@code main} ({@code Ringbot.serve(bot, args)}) or from the launcher
 * ({@code ./ringbot serve --bot-class com.example.MyBot --bot-jar my-bot.jar}, the class being a
 * {@link io.ringbot.bot.BotFactory}).
 * <pre>{@code
 * public final class MyBot implements BotFactory
 * {
 *     public static final RecordSchema USERS = RecordSchema.named("users");     // Firestore users/{id}
 *     public static final LongField ECHOES = USERS.longField("echoes");
 *     public static final RecordSchema CHATS = RecordSchema.named("chats");
 *
 *     private final UpdateHandler onText = this::onText;                       // made once, not per update
 *
 *     public Bot create()
 *     {
 *         return new Bot()
 *             .records(USERS, CHATS)
 *             .command("start", ctx -> ctx.sendMessage().text("Hello! Send me any text."))
 *             .text(onText);
 *     }
 *
 *     private void onText(final BotContext ctx)
 *     {
 *         final long n = ctx.user().add(ECHOES, 1);                             // changed in place, journaled
 *         ctx.sendMessage().text().append("echo #").append(n).append(": ").append(ctx.update().text());
 *     }
 * }
 * }</pre>
 *
 * <h2>Routing</h2>
 * Per update, the {@link io.ringbot.bot.Bot#before before} handlers run first (one may end routing with
 * {@link io.ringbot.bot.BotContext#stopRouting()}); then the first match wins: a known command or exact
 * callback data, the predicate routes ({@link io.ringbot.bot.UpdatePredicate}) in registration order, plain
 * text / unknown command / any callback, the handler of the update's {@link io.ringbot.bot.UpdateKind}, and
 * {@link io.ringbot.bot.Bot#otherwise otherwise}. An update no route takes is answered with an empty 200 and
 * counted as unhandled. {@link io.ringbot.bot.Bot#allowedUpdates()} tells Telegram which kinds to send (derived
 * from the routes, or set with {@link io.ringbot.bot.Bot#allowedUpdates(io.ringbot.bot.UpdateKind...)}).
 *
 * <h2>What a handler may do</h2>
 * A {@link io.ringbot.bot.UpdateHandler} runs on the engine thread, one update at a time, so it needs no
 * locks; it gets the one reused {@link io.ringbot.bot.BotContext} and may:
 * <ul>
 *   <li>read the update through the typed views generated from the Bot API spec ({@link io.ringbot.bot.types}):
 *       {@code ctx.message().photo().last().fileId(sb)}, {@code ctx.message().location().latitude(0)},
 *       {@code ctx.myChatMember().newChatMember().status() == ChatMemberStatus.KICKED}; route by the generated
 *       {@link io.ringbot.bot.types.Filters} ({@code bot.on(Filters.MESSAGE_PHOTO, h)}). The decoded fields of
 *       {@link io.ringbot.bot.Update} ({@code ctx.update()}) are there too, and, as the escape hatch for a field
 *       newer than the spec, a {@link io.ringbot.bot.JsonCursor} ({@code ctx.json()}, {@code ctx.payload()}):
 *       {@code ctx.payload().field("location").field("latitude").asDouble(0)};</li>
 *   <li>read the command's arguments with {@link io.ringbot.bot.CommandArgs} ({@code ctx.args()}):
 *       {@code ctx.args().nextLong(0)}, {@code nextWord(sb)}, {@code rest(sb)}, and {@code ok()} /
 *       {@code error()} to answer a bad argument, without allocating;</li>
 *   <li>read and change records through {@link io.ringbot.bot.RecordState}: the sender's
 *       ({@code ctx.user()}), the chat's ({@code ctx.chat()}), other users' ({@code ctx.user(id)}) and records
 *       of the further types the bot declared ({@code ctx.record(ORDERS, id)}, which creates one the store does
 *       not hold; {@code ctx.find(ORDERS, id)} answers null instead), up to
 *       {@link io.ringbot.bot.BotContext#MAX_OTHER_USERS} of each type per update. Declare the ids an update
 *       needs with {@link io.ringbot.bot.Bot#needs} ({@link io.ringbot.bot.RecordIdOf}, or
 *       {@link io.ringbot.bot.RecordIdOfArgs} from the command's arguments) so that a record known
 *       only to Firestore is read before the update runs. Every record an update changed gets its version
 *       raised once, and the journal (when configured) writes it to Firestore; a kill -9 in the middle of an
 *       update leaves none of its changes (the undo log puts them back, Telegram redelivers it);</li>
 *   <li>answer with one {@link io.ringbot.bot.Reply} in the webhook's HTTP answer:
 *       {@code ctx.sendMessage()}, {@code ctx.answerCallbackQuery()} or {@code ctx.editMessageText()}, with
 *       text and inline buttons; texts are cut to Telegram's limits. Further Bot API calls, with their
 *       results, go through {@link io.ringbot.bot.OutboundCalls} ({@code ctx.outbound()}: sendMessage, editMessageText,
 *       any method, broadcasts), sent under flood control on the sender's thread once the update is applied;
 *       each {@link io.ringbot.bot.SendResult} comes back to {@link io.ringbot.bot.Bot#onSendResult}.</li>
 * </ul>
 * It must not block (no I/O, no locks, no sleeping), keep the context, the update, a cursor or a text
 * beyond its call (they are reused for the next update), or hand them to another thread. A handler that
 * throws is answered with an empty 200, the records it changed are put back as they were, its outbound
 * calls are dropped; it is counted in {@code handler_errors_total}, logged once per kind, and the engine
 * goes on with the next update.
 *
 * <h2>Zero allocation</h2>
 * ringbot allocates nothing per update, and a bot keeps it so by following a few rules:
 * <ul>
 *   <li>create handlers once: keep method references and lambdas in fields, and capture nothing that
 *       changes per update (a capturing lambda made inside a handler allocates each time);</li>
 *   <li>build text by appending to the reply's {@code text()} or to {@code ctx.scratch()}: numbers,
 *       {@code char}s and {@code CharSequence}s append without allocating; no {@code +} on strings, no
 *       {@code String.format}, no {@code toString()};</li>
 *   <li>compare text with {@code "name".contentEquals(seq)} or {@link io.ringbot.bot.JsonCursor#textEquals};
 *       read record strings into a {@code StringBuilder} you own;</li>
 *   <li>no boxing ({@code List<Long>}, {@code Map<Long, ...>}), no streams, no iterators over collections:
 *       primitive arrays and indexed loops.</li>
 * </ul>
 * {@code EngineHandlerBenchmark} and {@code WalletBenchmark} ({@code perf}, with {@code -prof gc}) measure
 * the bytes a bot allocates per update.
 */
package io.ringbot.bot;
