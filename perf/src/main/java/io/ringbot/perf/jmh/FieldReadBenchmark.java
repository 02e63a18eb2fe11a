package io.ringbot.perf.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringbot.bot.JsonCursor;
import io.ringbot.bot.UpdateKind;
import io.ringbot.bot.types.Filters;
import io.ringbot.bot.types.Message;
import io.ringbot.bot.types.PhotoSize;
import io.ringbot.bot.types.Update;
import io.ringbot.bot.types.UpdateViews;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Reading a few fields a handler needs (a photo's largest file id and size, a location, the sender's id)
 * through the generated typed views and through {@link JsonCursor} over the update's bytes, against
 * Jackson's tree of the same bytes; one field each way; and the generated route filters. Each typed
 * benchmark points the views at the update afresh, so it pays the per-update indexing as a handler does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class FieldReadBenchmark
{
    private final byte[] body = ("{\"update_id\":10000,\"message\":{\"message_id\":1365,\"from\":{\"id\":1111111,\"is_bot\":false," +
        "\"first_name\":\"Test Firstname\",\"last_name\":\"Test Lastname\",\"username\":\"Testusername\",\"language_code\":\"en\"}," +
        "\"chat\":{\"id\":-1001111111,\"title\":\"Test group \\u00e9\",\"type\":\"supergroup\"},\"date\":1441645532," +
        "\"photo\":[{\"file_id\":\"AgACAgIAAxkBAAIBZ2VzaWxs\",\"file_unique_id\":\"AQADx\",\"file_size\":1203,\"width\":90,\"height\":67}," +
        "{\"file_id\":\"AgACAgIAAxkBAAIBZ2VzaWxt\",\"file_unique_id\":\"AQADy\",\"file_size\":15432,\"width\":320,\"height\":240}," +
        "{\"file_id\":\"AgACAgIAAxkBAAIBZ2VzaWxu\",\"file_unique_id\":\"AQADz\",\"file_size\":60123,\"width\":800,\"height\":600}]," +
        "\"caption\":\"where we met\",\"location\":{\"latitude\":37.423393,\"longitude\":-122.083922}}}")
        .getBytes(StandardCharsets.UTF_8);
    private final JsonCursor cursor = new JsonCursor();
    private final StringBuilder fileId = new StringBuilder(64);
    private final ObjectMapper mapper = new ObjectMapper();
    private final UpdateViews views = new UpdateViews();

    @Benchmark
    public double typedView()
    {
        final Message message = views.wrap(body, body.length).message();
        final PhotoSize largest = message.photo().last();
        fileId.setLength(0);
        largest.fileId(fileId);
        final long size = largest.fileSize(0);
        final double latitude = message.location().latitude(0);
        final double longitude = message.location().longitude(0);
        final long from = message.from().id(0);
        return fileId.length() + size + latitude + longitude + from;
    }

    /** One field, the sender's id, through the typed views. */
    @Benchmark
    public long typedViewOneField()
    {
        return views.wrap(body, body.length).message().from().id(0);
    }

    /** One field, the sender's id, through the cursor. */
    @Benchmark
    public long jsonCursorOneField()
    {
        return cursor.wrap(body, body.length).field("message").field("from").field("id").asLong(0);
    }

    /** Three filters a bot routes by: a photo, a URL in the caption, an edited text (which does not match). */
    @Benchmark
    public int typedFilters()
    {
        final Update update = views.wrap(body, body.length);
        return (Filters.MESSAGE_PHOTO.test(UpdateKind.MESSAGE, update) ? 1 : 0) +
            (Filters.MESSAGE_CAPTION_ENTITIES_URL.test(UpdateKind.MESSAGE, update) ? 2 : 0) +
            (Filters.EDITED_MESSAGE_TEXT.test(UpdateKind.MESSAGE, update) ? 4 : 0);
    }

    @Benchmark
    public double jsonCursor()
    {
        final JsonCursor message = cursor.wrap(body, body.length).field("message");
        final JsonCursor photo = message.field("photo");
        final JsonCursor largest = photo.index(photo.arrayLength() - 1);
        fileId.setLength(0);
        largest.field("file_id").text(fileId);
        final long size = cursor.root().field("message").field("photo").index(2).field("file_size").asLong(0);
        final double latitude = cursor.root().field("message").field("location").field("latitude").asDouble(0);
        final double longitude = cursor.root().field("message").field("location").field("longitude").asDouble(0);
        final long from = cursor.root().field("message").field("from").field("id").asLong(0);
        return fileId.length() + size + latitude + longitude + from;
    }

    /** The same fields through a Jackson tree (a tree per document). */
    @Benchmark
    public double jacksonTree() throws IOException
    {
        final JsonNode message = mapper.readTree(body).get("message");
        final JsonNode photo = message.get("photo");
        final JsonNode largest = photo.get(photo.size() - 1);
        fileId.setLength(0);
        fileId.append(largest.get("file_id").textValue());
        final long size = largest.get("file_size").longValue();
        final double latitude = message.get("location").get("latitude").doubleValue();
        final double longitude = message.get("location").get("longitude").doubleValue();
        final long from = message.get("from").get("id").longValue();
        return fileId.length() + size + latitude + longitude + from;
    }
}
