package io.ringbot.io.journal;

import io.ringbot.io.config.ServerContext;
import io.ringbot.store.journal.FirestoreSink;
import io.ringbot.store.journal.JournalSink;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The Firestore emulator the tests share (started by {@code ./ringbot test}: FIRESTORE_EMULATOR_HOST),
 * or one a test owns so that it can stop it (the outage test).
 */
final class Emulator implements AutoCloseable
{
    static final String JAR = "/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar";
    static final String PROJECT = "demo-ringbot";

    private final int port;
    private Process process;

    private Emulator(final int port)
    {
        this.port = port;
    }

    /**
     * @return host:port of the shared emulator.
     * @throws IllegalStateException saying how to run the tests when it is not set.
     */
    /**
     * @param host   the emulator's host:port.
     * @param prefix the collection prefix that keeps one test's documents apart.
     * @return the journal's environment for a server or a sink on that emulator.
     */
    static Map<String, String> journalEnvironment(final String host, final String prefix)
    {
        final Map<String, String> env = new HashMap<>();
        env.put("FIRESTORE_EMULATOR_HOST", host);
        env.put("FIREBASE_PROJECT_ID", PROJECT);
        env.put("FIRESTORE_COLLECTION_PREFIX", prefix);
        return env;
    }

    /**
     * @param env a {@link #journalEnvironment}.
     * @return a Firestore sink on it, to seed and read documents.
     */
    static JournalSink sink(final Map<String, String> env)
    {
        return FirestoreSink.create(new ServerContext().environment(env).journal());
    }

    static String sharedHost()
    {
        final String host = System.getenv("FIRESTORE_EMULATOR_HOST");
        if (host == null || host.isBlank())
        {
            throw new IllegalStateException("FIRESTORE_EMULATOR_HOST is not set: run the tests with ./ringbot test " +
                "(it starts the emulator), or start one with eval \"$(bash .ci/emulator.sh start)\"");
        }
        return host;
    }

    /**
     * @return a collection prefix no other test uses, so tests sharing an emulator never meet.
     */
    static String uniquePrefix()
    {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + "_";
    }

    /** Starts an emulator of the test's own on a free port. */
    static Emulator startOwn() throws IOException, InterruptedException
    {
        if (!new File(JAR).exists())
        {
            throw new IllegalStateException("the Cloud Firestore emulator is missing at " + JAR +
                ": install the Debian package google-cloud-cli-firestore-emulator");
        }
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        final Emulator emulator = new Emulator(port);
        emulator.start();
        return emulator;
    }

    String host()
    {
        return "127.0.0.1:" + port;
    }

    void start() throws IOException, InterruptedException
    {
        final Path log = Files.createTempFile("emulator", ".log");
        process = new ProcessBuilder(javaBinary(), "-Xmx512m", "-Duser.language=en", "-cp", JAR,
            "com.google.cloud.datastore.emulator.firestore.CloudFirestore",
            "--host=127.0.0.1", "--port=" + port, "--project_id=" + PROJECT)
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        final HttpClient http = HttpClient.newHttpClient();
        final long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline)
        {
            try
            {
                final HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create("http://" + host() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
                if (ok.statusCode() == 200)
                {
                    return;
                }
            }
            catch (final IOException notYet)
            {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the emulator did not answer on " + host() + " within 60 s; see " + log);
    }

    void stop() throws InterruptedException
    {
        if (process != null)
        {
            process.destroy();
            process.waitFor();
            process = null;
        }
    }

    public void close() throws InterruptedException
    {
        stop();
    }

    static String javaBinary()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
