package dev.policyc.api;

import com.google.common.collect.ImmutableMap;
import dev.policyc.core.diag.SourceLines;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lines of source texts, found through an index of where each line starts, built once per
 * file when first asked: a policy of 100,000 lines with hundreds of warnings would otherwise be
 * scanned from its start for every excerpt.
 */
final class LineIndex implements SourceLines {

    private final ImmutableMap<String, String> texts;
    private final Map<String, int[]> starts = new ConcurrentHashMap<>();

    LineIndex(Map<String, String> texts) {
        this.texts = ImmutableMap.copyOf(texts);
    }

    /** True when this index was built from exactly {@code texts} (the same map). */
    boolean indexes(Map<String, String> texts) {
        return this.texts == texts;
    }

    @Override
    public Optional<String> line(String file, int line) {
        String text = texts.get(file);
        if (text == null || line < 1) {
            return Optional.empty();
        }
        int[] lineStarts = starts.computeIfAbsent(file, f -> lineStarts(text));
        if (line > lineStarts.length) {
            return Optional.empty();
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        String found = text.substring(start, end);
        return Optional.of(found.endsWith("\r") ? found.substring(0, found.length() - 1) : found);
    }

    /** Where each line starts: after each {@code \n}, as {@code LoadedSources} counts lines. */
    private static int[] lineStarts(String text) {
        int[] found = new int[16];
        int count = 0;
        found[count++] = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (count == found.length) {
                found = Arrays.copyOf(found, count * 2);
            }
            found[count++] = i + 1;
        }
        return Arrays.copyOf(found, count);
    }
}
