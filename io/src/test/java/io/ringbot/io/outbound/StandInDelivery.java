package io.ringbot.io.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The stand-in Bot API's update delivery, like Telegram's: setWebhook, deleteWebhook and getWebhookInfo
 * keep one registration; getUpdates long-polls, answers updates from the offset on, forgets those below
 * a given offset, refuses while a webhook is set (409) and terminates an earlier request that is still
 * waiting when a newer one arrives (409 to the earlier).
 */
public final class StandInDelivery
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TreeMap<Long, String> updates = new TreeMap<>();
    private final List<JsonNode[]> calls = new ArrayList<>();
    private long nextUpdateId = 700_000_000;
    private String url = "";
    private String secret = "";
    private int maxConnections = 40;
    private List<String> allowedUpdates = List.of();
    private long lastErrorDate;
    private String lastErrorMessage = "";
    private String refusal;
    private long generation;
    private int failures;
    private int failureStatus;

    static boolean handles(final String method)
    {
        return "setWebhook".equals(method) || "deleteWebhook".equals(method) || "getWebhookInfo".equals(method) ||
            "getUpdates".equals(method);
    }

    /**
     * @return the reply body (HTTP status from its error_code); may wait (getUpdates).
     */
    String answer(final String method, final JsonNode body) throws InterruptedException
    {
        synchronized (this)
        {
            calls.add(new JsonNode[] {JSON.getNodeFactory().textNode(method), body});
            switch (method)
            {
                case "setWebhook":
                    return setWebhook(body);
                case "deleteWebhook":
                    url = "";
                    if (body.path("drop_pending_updates").asBoolean(false))
                    {
                        updates.clear();
                    }
                    notifyAll();
                    return "{\"ok\":true,\"result\":true,\"description\":\"Webhook was deleted\"}";
                case "getWebhookInfo":
                    return "{\"ok\":true,\"result\":" + info() + "}";
                default:
                    return getUpdates(body);
            }
        }
    }

    private String setWebhook(final JsonNode body)
    {
        if (refusal != null)
        {
            return "{\"ok\":false,\"error_code\":400,\"description\":\"" + refusal + "\"}";
        }
        final String newUrl = body.path("url").asText("");
        if (!newUrl.startsWith("https://"))
        {
            return "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: bad webhook: An HTTPS URL must be provided for webhook\"}";
        }
        url = newUrl;
        secret = body.path("secret_token").asText("");
        maxConnections = body.path("max_connections").asInt(40);
        final List<String> kinds = new ArrayList<>();
        body.path("allowed_updates").forEach(n -> kinds.add(n.asText()));
        allowedUpdates = kinds;
        if (body.path("drop_pending_updates").asBoolean(false))
        {
            updates.clear();
        }
        notifyAll();
        return "{\"ok\":true,\"result\":true,\"description\":\"Webhook was set\"}";
    }

    private String info()
    {
        final ObjectNode info = JSON.createObjectNode()
            .put("url", url)
            .put("has_custom_certificate", false)
            .put("pending_update_count", updates.size());
        if (!url.isEmpty())
        {
            info.put("max_connections", maxConnections);
            final ArrayNode kinds = info.putArray("allowed_updates");
            allowedUpdates.forEach(kinds::add);
        }
        if (lastErrorDate > 0)
        {
            info.put("last_error_date", lastErrorDate).put("last_error_message", lastErrorMessage);
        }
        return info.toString();
    }

    private String getUpdates(final JsonNode body) throws InterruptedException
    {
        if (failures > 0)
        {
            failures--;
            return "{\"ok\":false,\"error_code\":" + failureStatus + ",\"description\":\"Bad Gateway\"}";
        }
        if (!url.isEmpty())
        {
            return "{\"ok\":false,\"error_code\":409,\"description\":\"Conflict: can't use getUpdates method while " +
                "webhook is active; use deleteWebhook to delete the webhook first\"}";
        }
        final long offset = body.path("offset").asLong(0);
        if (offset > 0)
        {
            updates.headMap(offset).clear(); // confirmed: gone for good
        }
        final int limit = Math.max(1, Math.min(100, body.path("limit").asInt(100)));
        final long deadline = System.currentTimeMillis() + body.path("timeout").asLong(0) * 1000;
        final long mine = ++generation;
        notifyAll(); // an earlier request still waiting is terminated
        while (true)
        {
            if (generation != mine)
            {
                return "{\"ok\":false,\"error_code\":409,\"description\":\"Conflict: terminated by other getUpdates " +
                    "request; make sure that only one bot instance is running\"}";
            }
            final long from = Math.max(offset, 0);
            if (!updates.tailMap(from).isEmpty() || System.currentTimeMillis() >= deadline)
            {
                final StringBuilder result = new StringBuilder("{\"ok\":true,\"result\":[");
                int n = 0;
                for (final String update : updates.tailMap(from).values())
                {
                    if (n == limit)
                    {
                        break;
                    }
                    result.append(n++ == 0 ? "" : ",").append(update);
                }
                return result.append("]}").toString();
            }
            wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
    }

    /**
     * Queues an update for delivery.
     *
     * @param fields the update's fields after update_id, e.g. {@code "message":{...}}.
     * @return its update_id.
     */
    public synchronized long enqueue(final String fields)
    {
        final long id = nextUpdateId++;
        updates.put(id, "{\"update_id\":" + id + "," + fields + "}");
        notifyAll();
        return id;
    }

    /**
     * @return a private text message from a user, as Telegram sends it (for {@link #enqueue}).
     */
    public static String textMessage(final long userId, final long messageId, final String text)
    {
        return "\"message\":{\"message_id\":" + messageId + ",\"from\":{\"id\":" + userId +
            ",\"is_bot\":false,\"first_name\":\"U" + userId + "\"},\"chat\":{\"id\":" + userId +
            ",\"first_name\":\"U" + userId + "\",\"type\":\"private\"},\"date\":1700000000,\"text\":\"" + text + "\"}";
    }

    /** The next setWebhook is refused with this description (null: accepted). */
    public synchronized void refuseSetWebhook(final String description)
    {
        refusal = description;
    }

    /** The next getUpdates calls fail with this status (e.g. 502). */
    public synchronized void failGetUpdates(final int status, final int times)
    {
        failureStatus = status;
        failures = times;
    }

    /** Someone else registered the webhook elsewhere. */
    public synchronized void registerElsewhere(final String otherUrl)
    {
        url = otherUrl;
    }

    /** The registration is ours again (the URL; settings as they were). */
    public synchronized void setWebhookBack(final String ourUrl)
    {
        url = ourUrl;
    }

    /** Telegram could not deliver to the webhook. */
    public synchronized void deliveryError(final long unixSeconds, final String message)
    {
        lastErrorDate = unixSeconds;
        lastErrorMessage = message;
    }

    public synchronized String url()
    {
        return url;
    }

    public synchronized int pending()
    {
        return updates.size();
    }

    public synchronized String secret()
    {
        return secret;
    }

    /**
     * @return the bodies of the calls of a method, in order.
     */
    public synchronized List<JsonNode> calls(final String method)
    {
        final List<JsonNode> bodies = new ArrayList<>();
        for (final JsonNode[] call : calls)
        {
            if (call[0].asText().equals(method))
            {
                bodies.add(call[1]);
            }
        }
        return bodies;
    }
}
