package io.ringbot.engine.ring;

import java.nio.charset.StandardCharsets;

/**
 * The body of every error answer, webhook or engine, in the Bot API's own error shape, so a client
 * reads ringbot's refusals the way it reads Telegram's. Built once, at start, from constant texts.
 */
public final class ErrorBody
{
    private ErrorBody()
    {
    }

    /**
     * @param status      the HTTP status, repeated as error_code.
     * @param description what to change; a constant without quotes or backslashes.
     * @return the JSON body.
     */
    public static byte[] of(final int status, final String description)
    {
        return ("{\"ok\":false,\"error_code\":" + status + ",\"description\":\"" + description + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    }
}
