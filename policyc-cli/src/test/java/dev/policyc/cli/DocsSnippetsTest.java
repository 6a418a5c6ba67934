package dev.policyc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.DiagnosticPrinter;
import dev.policyc.dsl.Frontend;
import dev.policyc.dsl.FrontendResult;
import dev.policyc.dsl.load.SourceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```policy} block of the language reference and the cookbook is a valid policy
 * file: the front end reports no error, and no warning except those the block's fence names.
 *
 * <p>A fence may say {@code file=NAME}: other blocks of the same page then include the block
 * under that name. {@code expect=CODE,CODE} names the warnings the block is there to show.
 * Fragments that are not whole files use another fence ({@code ```text}).
 */
class DocsSnippetsTest {

    private static final Path DOCS = Path.of("../docs");

    /** One fenced block: where it starts, what its fence says, its text. */
    record Snippet(String page, int line, String file, Set<String> expectedWarnings, String text) {
        String name() {
            return page + ":" + line;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPolicyBlockOfTheLanguageReferenceIsValid() throws IOException {
        return tests("language.md", 15);
    }

    @TestFactory
    Stream<DynamicTest> everyPolicyBlockOfTheCookbookIsValid() throws IOException {
        return tests("cookbook.md", 5);
    }

    private static Stream<DynamicTest> tests(String page, int atLeast) throws IOException {
        List<Snippet> snippets = snippets(page, Files.readString(DOCS.resolve(page)));
        assertTrue(snippets.size() >= atLeast, page + " has " + snippets.size() + " policy blocks");
        Map<String, String> files = new HashMap<>();
        snippets.stream().filter(s -> s.file() != null).forEach(s -> files.put(s.file(), s.text()));
        return snippets.stream().map(snippet -> DynamicTest.dynamicTest(snippet.name(), () -> check(snippet, files)));
    }

    private static void check(Snippet snippet, Map<String, String> files) {
        String name = snippet.file() != null ? snippet.file() : "snippet-" + snippet.line() + ".policy";
        Map<String, String> sources = new HashMap<>(files);
        sources.put(name, snippet.text());
        SourceReader reader = path -> {
            String text = sources.get(path.toString());
            return text == null ? new SourceReader.Unreadable("no such file") : new SourceReader.Text(text, path.toString());
        };
        FrontendResult result = Frontend.reading(reader).compile(List.of(Path.of(name)));
        String rendered = new DiagnosticPrinter(result.sources()).render(result.diagnostics());
        assertFalse(result.hasErrors(), snippet.name() + ":\n" + rendered);
        assertTrue(result.program().isPresent(), snippet.name());
        Set<String> warnings = new TreeSet<>();
        result.diagnostics().stream().map(Diagnostic::code).forEach(warnings::add);
        assertEquals(snippet.expectedWarnings(), warnings, snippet.name() + ":\n" + rendered);
    }

    /** The {@code ```policy} blocks of {@code text}, in order. */
    static List<Snippet> snippets(String page, String text) {
        List<Snippet> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String fence = lines[i].strip();
            if (!fence.startsWith("```policy")) {
                continue;
            }
            String file = null;
            Set<String> expected = new TreeSet<>();
            String[] words = fence.substring("```".length()).trim().split("\\s+");
            assertEquals("policy", words[0], page + ":" + (i + 1) + ": the fence language is 'policy'");
            for (String word : List.of(words).subList(1, words.length)) {
                if (word.startsWith("file=")) {
                    file = word.substring("file=".length());
                } else if (word.startsWith("expect=")) {
                    expected.addAll(List.of(word.substring("expect=".length()).split(",")));
                } else {
                    throw new AssertionError(page + ":" + (i + 1) + ": unknown fence attribute " + word);
                }
            }
            int indent = lines[i].indexOf('`');
            StringBuilder body = new StringBuilder();
            int j = i + 1;
            while (j < lines.length && !lines[j].strip().equals("```")) {
                String line = lines[j];
                body.append(line.length() >= indent && line.substring(0, indent).isBlank() ? line.substring(indent) : line)
                        .append('\n');
                j++;
            }
            assertTrue(j < lines.length, page + ":" + (i + 1) + ": the block is never closed");
            found.add(new Snippet(page, i + 1, file, expected, body.toString()));
            i = j;
        }
        return found;
    }

    @Test
    void theExtractorFindsBlocksWithTheirAttributes() {
        String page = "text\n```policy file=a.policy\npolicy a {\n}\n```\n\n```text\nnot policy\n```\n"
                + "  ```policy expect=unused-define,allow-all\n  policy b {\n  }\n  ```\n";
        List<Snippet> snippets = snippets("t.md", page);
        assertEquals(2, snippets.size());
        assertEquals(new Snippet("t.md", 2, "a.policy", Set.of(), "policy a {\n}\n"), snippets.get(0));
        assertEquals(new Snippet("t.md", 10, null, new TreeSet<>(List.of("allow-all", "unused-define")),
                "policy b {\n}\n"), snippets.get(1));
    }
}
