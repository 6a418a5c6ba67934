package dev.policyc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Answers {@code policyc --version} with {@code policyc <version>}, the version of the Maven
 * project, which the build writes into {@code version.properties} (a filtered resource).
 */
final class VersionProvider implements IVersionProvider {

    private static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"policyc " + version()};
    }

    /** The project version, or {@code unknown} when the classes were not built by Maven. */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = properties.getProperty("version", "unknown");
        // An unfiltered copy (an IDE build that skipped Maven's resource filtering).
        return version.startsWith("${") ? "unknown" : version;
    }
}
