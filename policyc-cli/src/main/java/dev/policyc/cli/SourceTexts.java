package dev.policyc.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceLines;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy files one command read, by the name the user gave them, so that diagnostics can
 * quote their lines. Files that diagnostics point into but the command did not read through
 * here (included files) are read from disk when first asked for.
 *
 * <p>Holds state for one run only; make a new one per command.
 */
public final class SourceTexts implements SourceLines {

    private final Map<String, List<String>> lines = new HashMap<>();

    /**
     * The text of {@code file} (a path as the user wrote it), read as UTF-8. When it cannot be
     * read, adds a {@code cannot-read-file} error to {@code diagnostics} and returns empty.
     */
    public Optional<String> read(String file, Diagnostics diagnostics) {
        try {
            String text = Files.readString(Path.of(file), UTF_8);
            put(file, text);
            return Optional.of(text);
        } catch (NoSuchFileException e) {
            diagnostics.error("cannot-read-file", null, "cannot read " + file + ": no such file",
                    "check the path; it is taken relative to the current directory");
        } catch (AccessDeniedException e) {
            diagnostics.error("cannot-read-file", null, "cannot read " + file + ": permission denied");
        } catch (CharacterCodingException e) {
            diagnostics.error("cannot-read-file", null, "cannot read " + file + ": not UTF-8 text",
                    "policy files are UTF-8");
        } catch (IOException e) {
            diagnostics.error("cannot-read-file", null, "cannot read " + file + ": " + describe(e));
        } catch (RuntimeException e) {
            // Path.of rejects names the file system cannot hold (a NUL byte, say).
            diagnostics.error("cannot-read-file", null, "cannot read " + file + ": invalid file name");
        }
        return Optional.empty();
    }

    /** Remembers text that did not come from a file, such as standard input. */
    public void put(String file, String text) {
        lines.put(file, text.lines().toList());
    }

    @Override
    public Optional<String> line(String file, int line) {
        List<String> text = lines.computeIfAbsent(file, SourceTexts::readQuietly);
        return line >= 1 && line <= text.size() ? Optional.of(text.get(line - 1)) : Optional.empty();
    }

    private static List<String> readQuietly(String file) {
        try {
            return Files.readString(Path.of(file), UTF_8).lines().toList();
        } catch (IOException | RuntimeException e) {
            // Only an excerpt is lost; the diagnostic itself still prints.
            return List.of();
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
