package io.ringbot.io.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Parses Prometheus text exposition with a real parser, not a regex: the npm package
 * {@code parse-prometheus-text-format} (a port of the Prometheus Go text parser's rules), run by Node.
 * Java has no maintained parser for the text format (the Prometheus Java client only writes it). The
 * package is installed into {@code target/} on first use, from the npm registry.
 */
final class PrometheusTextParser
{
    static final String PACKAGE = "parse-prometheus-text-format@1.1.1";
    static final Path HOME = Path.of("target", "ops-node").toAbsolutePath();
    private static final String SCRIPT =
        "const parse = require('parse-prometheus-text-format');" +
        "let text = '';" +
        "process.stdin.setEncoding('utf8');" +
        "process.stdin.on('data', d => text += d);" +
        "process.stdin.on('end', () => {" +
        "  try { process.stdout.write(JSON.stringify(parse(text))); }" +
        "  catch (e) { process.stderr.write(String(e && e.message || e)); process.exit(2); }" +
        "});";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PrometheusTextParser()
    {
    }

    /**
     * @param exposition the text of a scrape.
     * @return the metric families by name: each has name, help, type (upper case) and metrics.
     */
    static Map<String, JsonNode> parse(final String exposition) throws IOException, InterruptedException
    {
        install();
        final Path in = Files.createTempFile(HOME, "scrape", ".txt");
        final Path out = Files.createTempFile(HOME, "scrape", ".json");
        final Path err = Files.createTempFile(HOME, "scrape", ".err");
        try
        {
            Files.writeString(in, exposition, StandardCharsets.UTF_8);
            final Process node = new ProcessBuilder("node", "-e", SCRIPT)
                .directory(HOME.toFile())
                .redirectInput(in.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
            if (!node.waitFor(30, TimeUnit.SECONDS))
            {
                node.destroyForcibly();
                fail("node did not parse the scrape within 30 s");
            }
            if (node.exitValue() != 0)
            {
                fail("the Prometheus text parser rejected the scrape: " + Files.readString(err));
            }
            final Map<String, JsonNode> families = new LinkedHashMap<>();
            for (final JsonNode family : JSON.readTree(out.toFile()))
            {
                if (families.put(family.get("name").asText(), family) != null)
                {
                    fail("metric family " + family.get("name").asText() + " appears twice");
                }
            }
            return families;
        }
        finally
        {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static synchronized void install() throws IOException, InterruptedException
    {
        if (Files.isDirectory(HOME.resolve("node_modules/parse-prometheus-text-format")))
        {
            return;
        }
        Files.createDirectories(HOME);
        final Path log = HOME.resolve("npm-install.log");
        final Process npm;
        try
        {
            npm = new ProcessBuilder(List.of("npm", "install", "--no-audit", "--no-fund", "--no-save",
                "--prefix", HOME.toString(), PACKAGE))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        }
        catch (final IOException ex)
        {
            fail("npm is needed to install the Prometheus text parser (" + ex.getMessage() + "): install Node.js and npm");
            return;
        }
        if (!npm.waitFor(120, TimeUnit.SECONDS) || npm.exitValue() != 0)
        {
            npm.destroyForcibly();
            fail("npm install " + PACKAGE + " failed: " + Files.readString(log));
        }
    }
}
