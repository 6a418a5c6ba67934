package dev.policyc.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.ir.Protocol;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Optional;

/**
 * The documents of {@code --format json}: one way to make them, the shapes that several
 * commands share (diagnostics, source positions, flows), and one way to print them.
 *
 * <p>Field names are a contract with scripts (documented in {@code docs/cli.md}): add fields,
 * never rename or remove them. A field that has no value is written as {@code null} rather
 * than left out, so that every document of one kind has the same fields. JSON is never
 * coloured; it goes to standard output, so diagnostics are inside the document, not on
 * standard error.
 */
final class JsonOutput {

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final boolean quiet;

    /** @param quiet whether warnings are left out of {@link #addDiagnostics} (as {@code --quiet} asks) */
    JsonOutput(boolean quiet) {
        this.quiet = quiet;
    }

    /** A new, empty document. */
    ObjectNode document() {
        return mapper.createObjectNode();
    }

    /**
     * Adds {@code diagnostics} (every one, or errors only when quiet) and a {@code summary} of
     * what was added to {@code document}.
     *
     * @return {@link ExitCode#FAILED} when any diagnostic is an error, else {@link ExitCode#OK}
     */
    ExitCode addDiagnostics(ObjectNode document, Collection<Diagnostic> diagnostics) {
        var list = document.putArray("diagnostics");
        int errors = 0;
        int warnings = 0;
        for (Diagnostic diagnostic : diagnostics) {
            if (diagnostic.isError()) {
                errors++;
            } else if (quiet) {
                continue;
            } else {
                warnings++;
            }
            ObjectNode d = list.addObject();
            addPosition(d, diagnostic.location());
            d.put("length", diagnostic.location().map(SourceSpan::length).orElse(null));
            d.put("severity", diagnostic.severity().label());
            d.put("code", diagnostic.code());
            d.put("message", diagnostic.message());
            d.put("hint", diagnostic.hint());
        }
        ObjectNode summary = document.putObject("summary");
        summary.put("errors", errors);
        summary.put("warnings", warnings);
        return ExitCode.failedIf(errors > 0);
    }

    /** Adds {@code file}, {@code line} and {@code column} of {@code span}, or nulls when there is none. */
    static void addPosition(ObjectNode into, Optional<SourceSpan> span) {
        into.put("file", span.map(SourceSpan::file).orElse(null));
        into.put("line", span.map(SourceSpan::line).orElse(null));
        into.put("column", span.map(SourceSpan::column).orElse(null));
    }

    /**
     * A flow: its text as {@code eval} reads it, and each part ({@code protocol} is the name
     * when the language has one, else the number; {@code port} is null for protocols without).
     */
    static void putFlow(ObjectNode into, Flow flow) {
        into.put("text", flow.toString());
        into.put("direction", flow.direction().keyword());
        into.put("family", flow.family().version());
        into.put("protocol", protocolName(flow.protocol()));
        into.put("protocolNumber", flow.protocol());
        into.put("address", flow.address().toCanonicalString());
        into.put("port", flow.port().isPresent() ? flow.port().getAsInt() : null);
    }

    /** {@code tcp} for 6, and the number itself for protocols the language cannot name. */
    static String protocolName(int number) {
        return Protocol.ofNumber(number).map(Protocol::keyword).orElse(Integer.toString(number));
    }

    /** Prints {@code document}, indented, and a final newline. */
    void print(PrintWriter out, ObjectNode document) {
        try {
            out.println(mapper.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; failing here is a bug.
            throw new UncheckedIOException(e);
        }
    }
}
