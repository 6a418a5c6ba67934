package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code hooks_dir} key of a containers.conf's {@code [engine]} table: reading it, and adding
 * one directory to it while leaving every other byte of the file as it was.
 *
 * <p>An edit never guesses. It changes the file only in one of a few shapes it fully
 * understands (the key present as a string array; an {@code [engine]} table without it; no
 * {@code [engine]} table at all), then reads the result back and checks that {@code hooks_dir}
 * now holds the intended list and that every other key and table is exactly as before. Anything
 * else is {@link Refused}, with the line the user can add by hand.
 */
final class HooksDirSetting {

    /** The key's full path. */
    static final ImmutableList<String> KEY = ImmutableList.of("engine", "hooks_dir");

    private HooksDirSetting() {}

    /** What a file says about {@code hooks_dir}. */
    sealed interface Reading permits NotSet, Set, Unusable {}

    /** The file does not set {@code hooks_dir}. */
    record NotSet() implements Reading {}

    /** The file sets {@code hooks_dir} to {@code dirs}. */
    record Set(ImmutableList<String> dirs) implements Reading {}

    /** The file cannot be read safely; {@code reason} says why (with a line number where known). */
    record Unusable(String reason) implements Reading {}

    /** The result of adding a directory. */
    sealed interface Edit permits Unchanged, Edited, Refused {}

    /** The directory is already in {@code hooks_dir}. */
    record Unchanged(ImmutableList<String> dirs) implements Edit {}

    /** The new text of the file, whose {@code hooks_dir} is {@code dirs}. */
    record Edited(String text, ImmutableList<String> dirs) implements Edit {}

    /** Not edited: why, and the {@code hooks_dir = [...]} line to put under {@code [engine]} by hand. */
    record Refused(String reason, String line) implements Edit {}

    /** What {@code text} says about {@code hooks_dir}. */
    static Reading read(String text) {
        TomlScan.Result scanned = TomlScan.scan(text);
        if (scanned instanceof TomlScan.Unreadable bad) {
            return new Unusable("line " + bad.line() + ": " + bad.reason());
        }
        TomlScan.Readable file = (TomlScan.Readable) scanned;
        Optional<String> shape = unsupportedShape(file);
        if (shape.isPresent()) {
            return new Unusable(shape.get());
        }
        List<TomlScan.Entry> entries = file.entries(KEY);
        if (entries.isEmpty()) {
            return new NotSet();
        }
        if (entries.size() > 1) {
            return new Unusable("hooks_dir is set " + entries.size() + " times (lines "
                    + String.join(", ", entries.stream().map(e -> String.valueOf(e.firstLine() + 1)).toList()) + ")");
        }
        TomlScan.Entry entry = entries.get(0);
        return TomlScan.stringArray(file.value(entry))
                .<Reading>map(array -> new Set(array.items()))
                .orElseGet(() -> new Unusable("line " + (entry.firstLine() + 1) + ": hooks_dir is not a list of strings"));
    }

    /**
     * {@code text} (empty: the file does not exist) with {@code dir} added to {@code hooks_dir}.
     * When the file does not set the key, the new value is {@code inherited} (what podman uses
     * for it now, from other files or its defaults, which setting the key would replace) followed
     * by {@code dir}.
     */
    static Edit add(Optional<String> text, String dir, List<String> inherited) {
        String original = text.orElse("");
        Reading reading = read(original);
        if (reading instanceof Set set && set.dirs().contains(dir)) {
            return new Unchanged(set.dirs());
        }
        ImmutableList<String> wanted = reading instanceof Set set
                ? append(set.dirs(), dir)
                : append(ImmutableList.copyOf(inherited), dir);
        String line = "hooks_dir = " + TomlScan.array(wanted);
        if (reading instanceof Unusable unusable) {
            return new Refused(unusable.reason(), line);
        }
        TomlScan.Readable file = (TomlScan.Readable) TomlScan.scan(original);
        Edit edit = reading instanceof Set
                ? extend(file, dir, wanted, line)
                : insert(file, wanted, line);
        return edit instanceof Edited edited ? checked(file, edited, line) : edit;
    }

    private static ImmutableList<String> append(ImmutableList<String> dirs, String dir) {
        return Stream.concat(dirs.stream().filter(d -> !d.equals(dir)), Stream.of(dir))
                .collect(ImmutableList.toImmutableList());
    }

    /** Shapes that could set engine.hooks_dir in ways this class does not edit. */
    private static Optional<String> unsupportedShape(TomlScan.Readable file) {
        for (TomlScan.Entry entry : file.entries()) {
            if (entry.path().equals(List.of("engine"))) {
                return Optional.of("line " + (entry.firstLine() + 1) + ": engine is written as an inline table");
            }
            if (entry.path().size() > 2 && entry.path().subList(0, 2).equals(KEY)) {
                return Optional.of("line " + (entry.firstLine() + 1) + ": hooks_dir is written as a table");
            }
        }
        for (TomlScan.Header header : file.headers()) {
            boolean engineOrBelowHooksDir = header.table().equals(List.of("engine"))
                    || header.table().size() >= 2 && header.table().subList(0, 2).equals(KEY);
            if (engineOrBelowHooksDir && header.arrayOfTables()) {
                return Optional.of("line " + (header.line() + 1) + ": [[" + String.join(".", header.table())
                        + "]] is an array of tables");
            }
            if (header.table().size() >= 2 && header.table().subList(0, 2).equals(KEY)) {
                return Optional.of("line " + (header.line() + 1) + ": hooks_dir is written as a table");
            }
        }
        if (file.headers(List.of("engine")).size() > 1) {
            return Optional.of("the [engine] table appears " + file.headers(List.of("engine")).size() + " times");
        }
        return Optional.empty();
    }

    /** The key is set: add {@code dir} to its array, keeping the array's layout and comments. */
    private static Edit extend(TomlScan.Readable file, String dir, ImmutableList<String> wanted, String line) {
        TomlScan.Entry entry = file.entries(KEY).get(0);
        String value = file.value(entry);
        TomlScan.StringArray array = TomlScan.stringArray(value).orElseThrow();
        String text = file.text();
        int close = entry.valueEnd() - 1;
        String newText;
        if (value.indexOf('\n') < 0) {
            newText = text.substring(0, entry.valueStart()) + TomlScan.array(wanted) + text.substring(entry.valueEnd());
        } else {
            int closeLineStart = text.lastIndexOf('\n', close) + 1;
            boolean closeAlone = text.substring(closeLineStart, close).isBlank();
            int lastEnd = array.lastItemEnd() < 0 ? -1 : entry.valueStart() + array.lastItemEnd();
            StringBuilder out = new StringBuilder(text);
            if (closeAlone) {
                out.insert(closeLineStart, itemIndent(text, entry, lastEnd) + TomlScan.quote(dir) + ",\n");
                if (lastEnd >= 0 && !array.trailingComma()) {
                    out.insert(lastEnd, ',');
                }
            } else {
                String separator = lastEnd < 0 ? "" : array.trailingComma() ? " " : ", ";
                out.insert(close, separator + TomlScan.quote(dir));
            }
            newText = out.toString();
        }
        return new Edited(newText, wanted);
    }

    /** The indentation of the line holding the array's last item, or of the key plus two spaces. */
    private static String itemIndent(String text, TomlScan.Entry entry, int lastEnd) {
        int at = lastEnd >= 0 ? lastEnd : entry.lineStart();
        int lineStart = text.lastIndexOf('\n', at - 1) + 1;
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(lineStart, i) + (lastEnd >= 0 ? "" : "  ");
    }

    /** The key is not set: put it under [engine], adding that table at the end when missing. */
    private static Edit insert(TomlScan.Readable file, ImmutableList<String> wanted, String line) {
        String text = file.text();
        List<TomlScan.Header> engine = file.headers(List.of("engine"));
        if (!engine.isEmpty()) {
            int at = engine.get(0).end();
            String before = text.substring(0, at);
            String newline = before.endsWith("\n") ? "" : "\n";
            return new Edited(before + newline + line + "\n" + text.substring(at), wanted);
        }
        boolean dottedEngineKeys = file.entries().stream()
                .anyMatch(e -> e.path().get(0).equals("engine") && e.keyLength() == e.path().size());
        if (dottedEngineKeys) {
            // Keys like engine.runtime at the top define [engine] already; a header would be invalid.
            return new Refused("the file sets engine keys as dotted keys (engine.KEY = ...) at the top", line);
        }
        String separator = text.isEmpty() ? "" : text.endsWith("\n") ? "\n" : "\n\n";
        return new Edited(text + separator + "[engine]\n" + line + "\n", wanted);
    }

    /** {@code edited} read back: hooks_dir is {@code wanted} and nothing else changed, or refused. */
    private static Edit checked(TomlScan.Readable before, Edited edited, String line) {
        Reading reading = read(edited.text());
        boolean hooksDirRight = reading instanceof Set set && set.dirs().equals(edited.dirs());
        TomlScan.Result after = TomlScan.scan(edited.text());
        boolean restKept = after instanceof TomlScan.Readable readable && others(before).equals(others(readable))
                && tables(before).equals(tables(readable).stream().filter(t -> !added(before, t)).toList());
        if (hooksDirRight && restKept) {
            return edited;
        }
        return new Refused("policyc could not edit it without changing other settings", line);
    }

    private static boolean added(TomlScan.Readable before, String table) {
        return table.equals("engine") && before.headers(List.of("engine")).isEmpty();
    }

    private static List<String> others(TomlScan.Readable file) {
        List<String> kept = new ArrayList<>();
        for (TomlScan.Entry entry : file.entries()) {
            if (!entry.path().equals(KEY)) {
                kept.add(String.join("\u0000", entry.path()) + "=" + file.value(entry));
            }
        }
        return kept;
    }

    private static List<String> tables(TomlScan.Readable file) {
        return file.headers().stream().map(h -> (h.arrayOfTables() ? "[]" : "") + String.join(".", h.table())).toList();
    }
}
