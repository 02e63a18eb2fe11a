package io.ringbot.io.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's Chromium, headless, as the browser tests use it: a new empty profile per run, and no
 * background networking (this machine's network is closed; without these flags Chromium keeps trying).
 */
final class HeadlessChromium
{
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final int VIRTUAL_TIME_BUDGET_MILLIS = 5_000;
    private static final long RUN_TIMEOUT_SECONDS = 60;

    private HeadlessChromium()
    {
    }

    /**
     * Installs Chromium with apt-get when it is missing and the tests run as root.
     *
     * @throws AssertionError when it is missing and cannot be installed.
     */
    static synchronized void ensureInstalled() throws IOException, InterruptedException
    {
        if (Files.isExecutable(BINARY))
        {
            return;
        }
        if (!"0".equals(run(List.of("id", "-u"), 10).trim()))
        {
            fail("the browser tests need Chromium at " + BINARY + ": run `apt-get install chromium` as root " +
                "(or leave out the browser group: -Dringbot.test.groups.excluded=browser)");
        }
        final List<String> install = List.of("apt-get", "install", "-y", "--no-install-recommends", "chromium");
        if (runTool(install, 900) != 0)
        {
            // The package lists may be missing or stale on a new machine.
            runTool(List.of("apt-get", "update"), 300);
            if (runTool(install, 900) != 0)
            {
                fail("`apt-get install chromium` failed: see " + log());
            }
        }
        if (!Files.isExecutable(BINARY))
        {
            fail("`apt-get install chromium` did not install " + BINARY);
        }
    }

    /**
     * Loads a page, lets its scripts run for the virtual time budget, and returns the DOM as HTML.
     *
     * @param url the page.
     * @return the serialized DOM.
     */
    static String dumpDom(final String url) throws IOException, InterruptedException
    {
        final Path profile = Files.createTempDirectory("chromium-profile");
        final Path out = Files.createTempFile("chromium-dom", ".html");
        try
        {
            final List<String> command = command(profile);
            command.add("--dump-dom");
            command.add(url);
            final int exit = runBrowser(command, out);
            final String dom = Files.readString(out, StandardCharsets.UTF_8);
            if (exit != 0 || dom.isEmpty())
            {
                fail("chromium --dump-dom " + url + " exited with " + exit + ": see " + log());
            }
            return dom;
        }
        finally
        {
            Files.deleteIfExists(out);
            deleteTree(profile);
        }
    }

    /**
     * Loads a page, lets its scripts run for the virtual time budget, and saves a screenshot.
     *
     * @param url    the page.
     * @param png    where to save it.
     * @param width  the window's width.
     * @param height the window's height.
     */
    static void screenshot(final String url, final Path png, final int width, final int height) throws IOException, InterruptedException
    {
        final Path profile = Files.createTempDirectory("chromium-profile");
        try
        {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.deleteIfExists(png);
            final List<String> command = command(profile);
            command.add("--hide-scrollbars");
            command.add("--window-size=" + width + ',' + height);
            command.add("--screenshot=" + png.toAbsolutePath());
            command.add(url);
            final int exit = runBrowser(command, null);
            if (exit != 0 || !Files.exists(png))
            {
                fail("chromium --screenshot " + url + " exited with " + exit + ": see " + log());
            }
        }
        finally
        {
            deleteTree(profile);
        }
    }

    private static List<String> command(final Path profile)
    {
        return new ArrayList<>(List.of(
            BINARY.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile,
            "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MILLIS));
    }

    private static Path log()
    {
        return Path.of("target", "chromium.log").toAbsolutePath();
    }

    private static int runBrowser(final List<String> command, final Path stdout) throws IOException, InterruptedException
    {
        Files.createDirectories(log().getParent());
        final ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log().toFile()));
        pb.redirectOutput(stdout != null ? ProcessBuilder.Redirect.to(stdout.toFile()) : ProcessBuilder.Redirect.appendTo(log().toFile()));
        final Process p = pb.start();
        if (!p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS))
        {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            fail(String.join(" ", command) + " did not finish within " + RUN_TIMEOUT_SECONDS + " s");
        }
        return p.exitValue();
    }

    private static int runTool(final List<String> command, final long timeoutSeconds) throws IOException, InterruptedException
    {
        Files.createDirectories(log().getParent());
        final ProcessBuilder pb = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        final Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS))
        {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        return p.exitValue();
    }

    private static String run(final List<String> command, final long timeoutSeconds) throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        return out;
    }

    private static void deleteTree(final Path root) throws IOException
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (var paths = Files.walk(root))
        {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }
}
