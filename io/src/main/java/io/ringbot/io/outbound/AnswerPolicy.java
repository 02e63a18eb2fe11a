package io.ringbot.io.outbound;

/**
 * What a Bot API answer means for the call that got it: a pure function of the answer and the attempts made, so
 * the rules are read (and tested) in one place and {@link OutboundAgent} only carries them out.
 * <p>
 * The line it draws: a call certainly not acted on (not sent, a 5xx, a redirect, a refusal before the Bot API) may
 * be sent again; a call that may have been acted on (sent and no well-formed answer, a 2xx that is not the Bot
 * API's) never is, as sending it again could deliver it twice.
 */
final class AnswerPolicy
{
    /** What the sender does with a call after an answer. */
    enum Verdict
    {
        /** {@code ok}: done; the result goes to the bot. */
        SENT,
        /** 429: the chat waits its retry_after, then the call is sent again. */
        PAUSE_CHAT,
        /** 401: the token is refused; all sending waits, then the call is sent again. */
        PAUSE_ALL,
        /** Certainly not acted on: sent again after the backoff. */
        RETRY,
        /** Certainly not acted on, and SEND_MAX_ATTEMPTS spent: the call fails. */
        GIVE_UP,
        /** A 2xx whose body is not the Bot API's: the call fails, not sent again (it may have been acted on). */
        NOT_BOT_API,
        /** The Bot API refused the call (400, 403, ...): the call fails. */
        FAILED,
        /** Sent, and no well-formed answer: not sent again; the bot hears the outcome is unknown. */
        UNKNOWN
    }

    private AnswerPolicy()
    {
    }

    /**
     * @param answer      what came back.
     * @param attempts    how many times the call was sent, counting this one.
     * @param maxAttempts SEND_MAX_ATTEMPTS.
     * @return what to do with the call.
     */
    static Verdict verdict(final ApiAnswer answer, final int attempts, final int maxAttempts)
    {
        switch (answer.kind())
        {
            case OK:
                return Verdict.SENT;
            case TOO_MANY_REQUESTS:
                return Verdict.PAUSE_CHAT;
            case TOKEN_REFUSED:
                return Verdict.PAUSE_ALL;
            case NO_ANSWER:
            case NOT_HTTP:
            case TOO_LARGE:
                return Verdict.UNKNOWN;
            case NOT_BOT_API:
                if (answer.unknownOutcome())
                {
                    return Verdict.UNKNOWN;
                }
                if (answer.httpStatus() >= 200 && answer.httpStatus() < 300)
                {
                    return Verdict.NOT_BOT_API;
                }
                // an error status with a body that is not the Bot API's: something before it refused the call
                return attempts < maxAttempts ? Verdict.RETRY : Verdict.GIVE_UP;
            case UNREACHABLE:
            case SERVER_ERROR:
            case REDIRECT:
                return attempts < maxAttempts ? Verdict.RETRY : Verdict.GIVE_UP;
            default:
                return Verdict.FAILED;
        }
    }

    /**
     * @param answer the answer of a call that fails.
     * @return whether it says the user blocked the bot or is deactivated: the engine marks the user's record.
     */
    static boolean blocked(final ApiAnswer answer)
    {
        final String description = answer.description();
        return answer.errorCode() == 403 && description != null &&
            (description.contains("blocked") || description.contains("deactivated"));
    }
}
