package dev.policyc.dsl.expect;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;
import java.util.Objects;
import java.util.Optional;

/**
 * What an expectations file says, section by section, and what is wrong with it.
 *
 * @param file        the file as the user named it
 * @param sections    the sections in file order; a file whose first expectations come before any
 *                    {@code policy NAME} line starts with an unnamed section
 * @param diagnostics syntax errors (each bad line is left out of its section) and warnings
 */
public record ExpectationFile(String file, ImmutableList<Section> sections, ImmutableList<Diagnostic> diagnostics) {

    public ExpectationFile {
        Objects.requireNonNull(file, "file");
        sections = ImmutableList.copyOf(sections);
        diagnostics = ImmutableList.copyOf(diagnostics);
    }

    /**
     * The expectations of one policy.
     *
     * @param policy       the name on the {@code policy NAME} line; empty for expectations before
     *                     any such line, which are about the only policy of the policy file
     * @param header       where the {@code policy NAME} line is
     * @param expectations in file order
     */
    public record Section(Optional<String> policy, Optional<SourceSpan> header, ImmutableList<Expectation> expectations) {
        public Section {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(header, "header");
            expectations = ImmutableList.copyOf(expectations);
        }
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** How many expectations the file holds, over all sections. */
    public int size() {
        return sections.stream().mapToInt(s -> s.expectations().size()).sum();
    }
}
