package dev.policyc.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceTextsTest {

    @TempDir
    Path dir;

    @Test
    void readsAFileAndQuotesItsLines() throws IOException {
        Path file = dir.resolve("a.policy");
        Files.writeString(file, "policy a {\r\n    allow out tcp port 443 comment \"é\"\n}\n", UTF_8);
        SourceTexts texts = new SourceTexts();
        Diagnostics diagnostics = new Diagnostics();
        assertTrue(texts.read(file.toString(), diagnostics).isPresent());
        assertEquals(0, diagnostics.size());
        assertEquals(Optional.of("policy a {"), texts.line(file.toString(), 1));
        assertEquals(Optional.of("    allow out tcp port 443 comment \"é\""), texts.line(file.toString(), 2));
        assertEquals(Optional.empty(), texts.line(file.toString(), 4));
        assertEquals(Optional.empty(), texts.line(file.toString(), 0));
    }

    @Test
    void missingFileIsAnErrorDiagnosticNotAnException() {
        SourceTexts texts = new SourceTexts();
        Diagnostics diagnostics = new Diagnostics();
        String missing = dir.resolve("missing.policy").toString();
        assertEquals(Optional.empty(), texts.read(missing, diagnostics));
        Diagnostic error = diagnostics.toList().get(0);
        assertEquals("cannot-read-file", error.code());
        assertEquals("cannot read " + missing + ": no such file", error.message());
        assertTrue(error.isError());
    }

    @Test
    void invalidUtf8IsAnErrorDiagnostic() throws IOException {
        Path file = dir.resolve("latin1.policy");
        Files.write(file, new byte[] {'#', ' ', (byte) 0xE9, '\n'});
        Diagnostics diagnostics = new Diagnostics();
        assertEquals(Optional.empty(), new SourceTexts().read(file.toString(), diagnostics));
        assertEquals("cannot read " + file + ": not UTF-8 text", diagnostics.toList().get(0).message());
    }

    @Test
    void filesNotReadThroughItAreReadOnDemand() throws IOException {
        Path included = dir.resolve("common.policy");
        Files.writeString(included, "define net x = any\n", UTF_8);
        SourceTexts texts = new SourceTexts();
        assertEquals(Optional.of("define net x = any"), texts.line(included.toString(), 1));
        assertEquals(Optional.empty(), texts.line(dir.resolve("gone.policy").toString(), 1));
    }

    @Test
    void textFromStandardInput() {
        SourceTexts texts = new SourceTexts();
        texts.put("<stdin>", "policy a {\n}");
        assertEquals(Optional.of("}"), texts.line("<stdin>", 2));
    }
}
