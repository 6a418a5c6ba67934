package dev.policyc.api;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.net.HostsFileResolver;
import dev.policyc.core.net.NameResolver;
import dev.policyc.dsl.load.SourceReader;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where {@code dns} names get their addresses, as configured; {@link #load} turns it into a resolver. */
sealed interface NameSource {

    /** The code of the error for a hosts file that cannot be read. */
    String CANNOT_READ = "cannot-read-file";

    /** A hosts file, read when a compilation first needs addresses. */
    record HostsFile(Path file) implements NameSource {
        public HostsFile {
            Objects.requireNonNull(file, "file");
        }
    }

    /** Hosts-file text held in memory; {@code name} labels its diagnostics. */
    record HostsText(String name, String text) implements NameSource {
        public HostsText {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(text, "text");
        }
    }

    /** Any resolver: the system's, or the caller's own. */
    record Custom(NameResolver resolver) implements NameSource {
        public Custom {
            Objects.requireNonNull(resolver, "resolver");
        }
    }

    /**
     * What loading a name source gave.
     *
     * @param resolver    present unless the source could not be read or had errors
     * @param diagnostics findings about the source (an unreadable or malformed hosts file)
     * @param texts       the text of the hosts file by its name, for quoting its lines
     */
    record Loaded(Optional<NameResolver> resolver, ImmutableList<Diagnostic> diagnostics,
            ImmutableMap<String, String> texts) {}

    /** Reads the source (a hosts file through {@code reader}) and parses it. */
    static Loaded load(NameSource source, SourceReader reader) {
        if (source instanceof Custom custom) {
            return new Loaded(Optional.of(custom.resolver()), ImmutableList.of(), ImmutableMap.of());
        }
        if (source instanceof HostsText inline) {
            return parsed(inline.name(), inline.text());
        }
        Path file = ((HostsFile) source).file();
        SourceReader.Content content = reader.read(file);
        if (content instanceof SourceReader.Unreadable bad) {
            Diagnostic error = Diagnostic.error(CANNOT_READ, null, "cannot read " + file + ": " + bad.reason())
                    .withHint(bad.reason().equals("no such file")
                            ? "check the path; it is taken relative to the current directory"
                            : null);
            return new Loaded(Optional.empty(), ImmutableList.of(error), ImmutableMap.of());
        }
        return parsed(file.toString(), ((SourceReader.Text) content).text());
    }

    private static Loaded parsed(String name, String text) {
        HostsFileResolver.Loaded loaded = HostsFileResolver.parse(name, text);
        boolean errors = loaded.diagnostics().stream().anyMatch(Diagnostic::isError);
        return new Loaded(errors ? Optional.empty() : Optional.of(loaded.resolver()),
                loaded.diagnostics(), ImmutableMap.of(name, text));
    }
}
