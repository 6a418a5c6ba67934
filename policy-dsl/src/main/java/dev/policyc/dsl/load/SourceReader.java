package dev.policyc.dsl.load;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where policy text comes from. The loader never touches the file system itself, so tests and
 * library users can serve sources from memory.
 */
@FunctionalInterface
public interface SourceReader {

    /** The text of {@code path}, or why it cannot be read. */
    Content read(Path path);

    /** What reading a file gave. */
    sealed interface Content permits Text, Unreadable {}

    /** @param identity a key that is equal for two paths naming the same file (cycle detection) */
    record Text(String text, String identity) implements Content {}

    /** @param reason a short phrase such as "no such file" */
    record Unreadable(String reason) implements Content {}

    /** Reads UTF-8 files; malformed UTF-8 is reported, not replaced. */
    static SourceReader fileSystem() {
        return path -> {
            try {
                if (Files.isDirectory(path)) {
                    return new Unreadable("it is a directory");
                }
                byte[] bytes = Files.readAllBytes(path);
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes))
                        .toString();
                return new Text(text, path.toRealPath().toString());
            } catch (NoSuchFileException e) {
                return new Unreadable("no such file");
            } catch (AccessDeniedException e) {
                // Its message is only the path, which the caller already names.
                return new Unreadable("permission denied");
            } catch (CharacterCodingException e) {
                return new Unreadable("it is not UTF-8 text");
            } catch (IOException | SecurityException e) {
                return new Unreadable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        };
    }
}
