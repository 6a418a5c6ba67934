package dev.policyc.dsl.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceLines;
import dev.policyc.dsl.ast.SourceUnit;
import java.util.Optional;

/**
 * Every file of one compilation: the files named by the user (roots) and those they include,
 * parsed, with their text kept for diagnostics.
 *
 * @param roots       display names of the files the user named, in order, that could be read
 * @param units       every parsed file by display name
 * @param texts       every file's text by display name
 * @param includes    for each file, the display names of the files its includes brought, in order
 * @param diagnostics reading and syntax problems of all files
 */
public record LoadedSources(
        ImmutableList<String> roots,
        ImmutableMap<String, SourceUnit> units,
        ImmutableMap<String, String> texts,
        ImmutableListMultimap<String, String> includes,
        ImmutableList<Diagnostic> diagnostics)
        implements SourceLines {

    @Override
    public Optional<String> line(String file, int line) {
        String text = texts.get(file);
        if (text == null || line < 1) {
            return Optional.empty();
        }
        int start = 0;
        for (int i = 1; i < line; i++) {
            int next = text.indexOf('\n', start);
            if (next < 0) {
                return Optional.empty();
            }
            start = next + 1;
        }
        int end = text.indexOf('\n', start);
        String found = end < 0 ? text.substring(start) : text.substring(start, end);
        return Optional.of(found.endsWith("\r") ? found.substring(0, found.length() - 1) : found);
    }
}
