package dev.policyc.dsl.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.dsl.ast.Include;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.parse.ParseResult;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the files of a compilation and, transitively, the files they include. Include paths are
 * relative to the including file. A file reached twice (a diamond) is read once; a file that
 * includes itself through a chain is an {@code include-cycle} error at the include that closes
 * the loop.
 */
public final class SourceLoader {

    private final SourceReader reader;
    private final Map<PolicyFormat, UnitParser> parsers;

    public SourceLoader(SourceReader reader, Map<PolicyFormat, UnitParser> parsers) {
        this.reader = reader;
        this.parsers = ImmutableMap.copyOf(parsers);
    }

    /** Loads {@code files} (as the user named them) and everything they include. */
    public LoadedSources load(List<Path> files) {
        return new Run().load(files);
    }

    /** The state of one load: local to it, so a loader can be shared. */
    private final class Run {
        private final Diagnostics diagnostics = new Diagnostics();
        private final Map<String, SourceUnit> units = new LinkedHashMap<>();
        private final Map<String, String> texts = new LinkedHashMap<>();
        private final Map<String, String> nameByIdentity = new HashMap<>();
        private final ImmutableListMultimap.Builder<String, String> includes = ImmutableListMultimap.builder();
        private final Deque<String> stack = new ArrayDeque<>();

        LoadedSources load(List<Path> files) {
            List<String> roots = new ArrayList<>();
            for (Path file : files) {
                SourceReader.Content content = reader.read(file);
                if (content instanceof SourceReader.Unreadable bad) {
                    diagnostics.error("unreadable-file", null, "cannot read " + file + ": " + bad.reason());
                    continue;
                }
                SourceReader.Text text = (SourceReader.Text) content;
                String existing = nameByIdentity.get(text.identity());
                if (existing != null) {
                    if (!roots.contains(existing)) {
                        roots.add(existing);
                    }
                    continue;
                }
                roots.add(file.toString());
                visit(file, text);
            }
            return new LoadedSources(ImmutableList.copyOf(roots), ImmutableMap.copyOf(units),
                    ImmutableMap.copyOf(texts), includes.build(), diagnostics.toList());
        }

        private void visit(Path file, SourceReader.Text text) {
            String name = file.toString();
            nameByIdentity.put(text.identity(), name);
            texts.put(name, text.text());
            ParseResult parsed = parsers.get(PolicyFormat.forFile(name)).parse(name, text.text());
            diagnostics.addAll(parsed.diagnostics());
            SourceUnit unit = parsed.unit();
            units.put(name, unit);
            stack.push(text.identity());
            for (Include include : unit.includes()) {
                Path target = file.getParent() == null ? Path.of(include.path()) : file.getParent().resolve(include.path());
                target = target.normalize();
                SourceReader.Content content = reader.read(target);
                if (content instanceof SourceReader.Unreadable bad) {
                    diagnostics.error("missing-include", include.pathSpan(),
                            "cannot read included file '" + include.path() + "' (" + target + "): " + bad.reason(),
                            "include paths are relative to the including file (" + name + ")");
                    continue;
                }
                SourceReader.Text included = (SourceReader.Text) content;
                if (stack.contains(included.identity())) {
                    diagnostics.error("include-cycle", include.pathSpan(),
                            "include cycle: " + cycle(included.identity(), target),
                            "remove this include; move shared defines into a file that includes nothing from here");
                    continue;
                }
                String seen = nameByIdentity.get(included.identity());
                if (seen != null) {
                    includes.put(name, seen);
                    continue;
                }
                includes.put(name, target.toString());
                visit(target, included);
            }
            stack.pop();
        }

        private String cycle(String identity, Path to) {
            List<String> chain = new ArrayList<>();
            List<String> open = new ArrayList<>(stack);
            java.util.Collections.reverse(open);
            boolean inCycle = false;
            for (String id : open) {
                inCycle |= id.equals(identity);
                if (inCycle) {
                    chain.add(nameOf(id));
                }
            }
            chain.add(to.toString());
            return chain.stream().collect(Collectors.joining(" -> "));
        }

        private String nameOf(String identity) {
            return nameByIdentity.getOrDefault(identity, identity);
        }
    }
}
