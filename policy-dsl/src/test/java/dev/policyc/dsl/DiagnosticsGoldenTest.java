package dev.policyc.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.DiagnosticPrinter;
import dev.policyc.dsl.load.SourceReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Error goldens: every {@code diagnostics/NAME.policy} or {@code .yaml} (names starting with
 * {@code _} are include targets, not cases) is checked and its rendered diagnostics compared
 * with {@code NAME.expected}. On a mismatch {@code NAME.actual} is written beside it; run with
 * {@code -Dpolicyc.golden.update=true} to rewrite the expectations after reviewing them.
 */
class DiagnosticsGoldenTest {

    private static final Path CORPUS = Path.of("src/test/resources/diagnostics");
    private static final boolean UPDATE = Boolean.getBoolean("policyc.golden.update");

    @TestFactory
    Stream<DynamicTest> everyBadPolicyGetsItsExpectedDiagnostics() throws IOException {
        List<Path> cases;
        try (Stream<Path> files = Files.list(CORPUS)) {
            cases = files.filter(p -> p.toString().endsWith(".policy") || p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().startsWith("_"))
                    .sorted()
                    .toList();
        }
        assertTrue(cases.size() >= 15, "the error corpus is there: " + cases.size());
        SourceReader reader = path -> SourceReader.fileSystem().read(CORPUS.resolve(path));
        return cases.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Path name = file.getFileName();
            FrontendResult result = Frontend.reading(reader).compile(List.of(name));
            String actual = new DiagnosticPrinter(result.sources()).render(result.diagnostics());
            String base = name.toString().replaceFirst("\\.(policy|yaml)$", "");
            Path expectedFile = CORPUS.resolve(base + ".expected");
            Path actualFile = CORPUS.resolve(base + ".actual");
            if (UPDATE) {
                Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
                Files.deleteIfExists(actualFile);
                return;
            }
            String expected = Files.exists(expectedFile) ? Files.readString(expectedFile, StandardCharsets.UTF_8) : "";
            if (!expected.equals(actual)) {
                Files.writeString(actualFile, actual, StandardCharsets.UTF_8);
            } else {
                Files.deleteIfExists(actualFile);
            }
            assertEquals(expected, actual, "diagnostics of " + name + " (see " + actualFile + ")");
        }));
    }
}
