package dev.policyc.backend.iptables.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reader proves the emitter right only if it does not reuse the emitter's code: a shared
 * mistake would be read back as what was meant. No source file of the reader may name anything
 * of the emitter's package, nor the core's helpers for writing artifacts ({@code Quoting},
 * {@code TextWriter}), whose escaping the emitter relies on.
 */
class IptReaderIndependenceTest {

    private static final Path READER_SOURCES = Path.of("src/main/java/dev/policyc/backend/iptables/reader");
    private static final Pattern EMITTER_REFERENCE = Pattern.compile(
            "dev\\.policyc\\.backend\\.iptables\\.(?!reader\\b)\\w+|dev\\.policyc\\.core\\.backend\\.(Quoting|TextWriter)\\b");

    @Test
    void theReaderNamesNothingOfTheEmitter() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.list(READER_SOURCES)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path source : sources) {
            var matcher = EMITTER_REFERENCE.matcher(Files.readString(source, StandardCharsets.UTF_8));
            while (matcher.find()) {
                found.add(source.getFileName() + ": " + matcher.group());
            }
        }
        assertTrue(sources.size() >= 8, "the reader's sources were found: " + sources);
        assertEquals(List.of(), found);
    }

    @Test
    void thePatternWouldSeeAReference() {
        assertTrue(EMITTER_REFERENCE.matcher("import dev.policyc.backend.iptables.IptSyntax;").find());
        assertTrue(EMITTER_REFERENCE.matcher("import dev.policyc.core.backend.Quoting;").find());
        assertFalse(EMITTER_REFERENCE.matcher("import dev.policyc.backend.iptables.reader.Syntax;").find());
        assertFalse(EMITTER_REFERENCE.matcher("import dev.policyc.core.backend.Artifact;").find());
    }
}
