package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import dev.policyc.api.Compilation;
import dev.policyc.api.Outcome;
import dev.policyc.api.Policyc;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceLines;
import dev.policyc.core.ir.PolicyIr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What every command that needs a checked policy shares: the {@link Policyc} its options
 * describe, running it, picking the policy, and reporting every diagnostic found on the way in
 * one report. The pipeline itself is the library's ({@link dev.policyc.api}); this class only
 * turns it into command-line behaviour (usage errors, one report on standard error).
 */
final class PolicyLoading {

    private final CliContext context;
    private final CommandSpec spec;
    private final Policyc policyc;
    private final SourceTexts texts = new SourceTexts();
    private final List<Compilation> compilations = new ArrayList<>();
    private final List<Diagnostic> found = new ArrayList<>();
    /** Compilations whose diagnostics join {@link #found} only when the report is read. */
    private final List<Compilation> reportedLater = new ArrayList<>();

    /** For commands that only check: no name sources. */
    PolicyLoading(CliContext context, CommandSpec spec) {
        this(context, spec, Policyc.builder().build());
    }

    PolicyLoading(CliContext context, CommandSpec spec, Policyc policyc) {
        this.context = context;
        this.spec = spec;
        this.policyc = policyc;
    }

    /**
     * A builder with the name sources of {@code options}. Contradictory or malformed options are
     * command-line errors.
     */
    static Policyc.Builder configured(CommandSpec spec, NameOptions options) {
        if (options.hostsFile != null && options.resolve) {
            throw new ParameterException(spec.commandLine(), "--hosts and --resolve exclude each other; choose one");
        }
        Policyc.Builder builder = Policyc.builder();
        if (options.hostsFile != null) {
            builder.hostsFile(options.hostsFile);
        } else if (options.resolve) {
            builder.resolveWithSystem();
        }
        for (String address : options.resolvers) {
            try {
                builder.resolver(address);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--resolver " + address + ": " + e.getMessage());
            }
        }
        return builder;
    }

    Policyc policyc() {
        return policyc;
    }

    /** The compilation of {@code files}, or empty after errors (which are kept for {@link #report()}). */
    Optional<Compilation> compile(List<String> files) {
        Compilation compilation = policyc.compileFiles(files.stream().map(Path::of).toList());
        compilations.add(compilation);
        found.addAll(compilation.diagnostics());
        return compilation.hasErrors() ? Optional.empty() : Optional.of(compilation);
    }

    /**
     * As {@link #compile}, but the compilation's diagnostics join the report only when it is read
     * ({@link #report}, {@link #hasErrors}...): its exact lints run on another thread meanwhile,
     * so a command with work to do after compiling (emitting, say) should do it first.
     */
    Optional<Compilation> compileReportingLater(List<String> files) {
        Compilation compilation = policyc.compileFiles(files.stream().map(Path::of).toList());
        compilations.add(compilation);
        reportedLater.add(compilation);
        return compilation.hasErrors() ? Optional.empty() : Optional.of(compilation);
    }

    /** Adds the diagnostics of the compilations reported later, waiting for their lints. */
    private void collectLater() {
        reportedLater.forEach(c -> found.addAll(c.diagnostics()));
        reportedLater.clear();
    }

    /**
     * The policy named {@code name}; without a name, the only policy of the compilation. Naming a
     * policy that is not there, or none when there are several, is a command-line error.
     */
    PolicyIr select(Compilation compilation, String name, String file) {
        List<PolicyIr> policies = compilation.policies();
        List<String> names = policies.stream().map(PolicyIr::name).toList();
        if (name != null) {
            return compilation.policy(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "no policy '" + name + "' in " + file + "; it has: " + String.join(", ", names)));
        }
        if (policies.size() != 1) {
            throw new ParameterException(spec.commandLine(), policies.isEmpty()
                    ? file + " has no policy"
                    : file + " has " + names.size() + " policies (" + String.join(", ", names)
                            + "); choose one with --policy NAME");
        }
        return policies.get(0);
    }

    /** The policy called {@code name} with every name bound to addresses, or empty after errors. */
    Optional<PolicyIr> bind(Compilation compilation, String name) {
        Outcome<PolicyIr> bound = compilation.bind(name);
        found.addAll(bound.diagnostics());
        return bound.value();
    }

    /** Adds findings of a later stage (emission, say) to the report. */
    void add(Collection<Diagnostic> diagnostics) {
        found.addAll(diagnostics);
    }

    /** The text of a line of any file read so far, for quoting rules in explanations. */
    SourceLines lines() {
        return (file, line) -> compilations.stream()
                .map(c -> c.sourceLines().line(file, line))
                .flatMap(Optional::stream)
                .findFirst()
                .or(() -> texts.line(file, line));
    }

    /**
     * Every diagnostic collected so far, in source order, each once: two compilations of one
     * command (old and new of {@code diff}) read the same hosts file and would report it twice.
     */
    ImmutableList<Diagnostic> diagnostics() {
        collectLater();
        return found.stream().distinct().sorted(Diagnostics.SOURCE_ORDER).collect(ImmutableList.toImmutableList());
    }

    /** Every diagnostic collected so far, in the order found. */
    ImmutableList<Diagnostic> found() {
        collectLater();
        return ImmutableList.copyOf(found);
    }

    /** Prints every diagnostic collected; the exit code says whether there was an error. */
    ExitCode report() {
        collectLater();
        return context.reporter().report(diagnostics(), lines());
    }

    boolean hasErrors() {
        collectLater();
        return found.stream().anyMatch(Diagnostic::isError);
    }
}
