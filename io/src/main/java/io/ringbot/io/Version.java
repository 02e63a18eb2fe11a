package io.ringbot.io;

/**
 * The build's version, from the jar manifest (Implementation-Version) when packaged.
 */
final class Version
{
    static final String VERSION = version();

    private Version()
    {
    }

    private static String version()
    {
        final String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
