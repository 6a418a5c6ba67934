package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceLines;
import dev.policyc.core.ir.BoundPolicy;
import dev.policyc.core.ir.BoundProgram;
import dev.policyc.core.ir.EndpointBinder;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.net.AddressSyntax;
import dev.policyc.core.net.HostsFileResolver;
import dev.policyc.core.net.NameResolver;
import dev.policyc.core.net.SystemResolver;
import dev.policyc.dsl.Frontend;
import dev.policyc.dsl.FrontendResult;
import inet.ipaddr.IPAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The steps every command that needs a checked policy shares: run the front end, pick the
 * policy, bind {@code dns} and {@code resolver} to addresses, and report what was found.
 * One instance serves one command run and collects every diagnostic for one report.
 */
final class PolicyLoading {

    private final CliContext context;
    private final CommandSpec spec;
    private final SourceTexts texts = new SourceTexts();
    private final List<Diagnostic> found = new ArrayList<>();
    private SourceLines frontendSources = SourceLines.none();

    PolicyLoading(CliContext context, CommandSpec spec) {
        this.context = context;
        this.spec = spec;
    }

    /** The program of {@code files}, or empty after errors (which are kept for {@link #report()}). */
    Optional<Program> compile(List<String> files) {
        FrontendResult result = Frontend.fileSystem().compile(files.stream().map(Path::of).toList());
        frontendSources = result.sources();
        found.addAll(result.diagnostics());
        return result.program();
    }

    /**
     * The policy named {@code name}; without a name, the only policy of the program. Naming a
     * policy that is not there, or none when there are several, is a command-line error.
     */
    PolicyIr select(Program program, String name, String file) {
        List<String> names = program.policies().stream().map(PolicyIr::name).toList();
        if (name != null) {
            return program.policy(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "no policy '" + name + "' in " + file + "; it has: " + String.join(", ", names)));
        }
        if (program.policies().size() != 1) {
            throw new ParameterException(spec.commandLine(), program.policies().isEmpty()
                    ? file + " has no policy"
                    : file + " has " + names.size() + " policies (" + String.join(", ", names)
                            + "); choose one with --policy NAME");
        }
        return program.policies().get(0);
    }

    /** {@code policy} with every name bound to addresses, or empty after errors. */
    Optional<PolicyIr> bind(PolicyIr policy, NameOptions options) {
        return binder(options).flatMap(binder -> {
            BoundPolicy bound = binder.bind(policy);
            found.addAll(bound.diagnostics());
            return bound.policy();
        });
    }

    /** {@code program} with every name bound to addresses, or empty after errors. */
    Optional<Program> bind(Program program, NameOptions options) {
        return binder(options).flatMap(binder -> {
            BoundProgram bound = binder.bind(program);
            found.addAll(bound.diagnostics());
            return bound.program();
        });
    }

    /** The binder the options describe, or empty after errors (an unreadable hosts file...). */
    private Optional<EndpointBinder> binder(NameOptions options) {
        if (options.hostsFile != null && options.resolve) {
            throw new ParameterException(spec.commandLine(), "--hosts and --resolve exclude each other; choose one");
        }
        Diagnostics diagnostics = new Diagnostics();
        Optional<NameResolver> names = Optional.empty();
        if (options.hostsFile != null) {
            String hostsFile = options.hostsFile.toString();
            Optional<String> text = texts.read(hostsFile, diagnostics);
            if (text.isPresent()) {
                HostsFileResolver.Loaded loaded = HostsFileResolver.parse(hostsFile, text.get());
                diagnostics.addAll(loaded.diagnostics());
                names = Optional.of(loaded.resolver());
            }
        } else if (options.resolve) {
            names = Optional.of(new SystemResolver());
        }
        Optional<List<IPAddress>> nameservers = Optional.empty();
        if (!options.resolvers.isEmpty()) {
            List<IPAddress> addresses = new ArrayList<>();
            for (String text : options.resolvers) {
                AddressSyntax.Parsed parsed = AddressSyntax.host(text);
                if (parsed instanceof AddressSyntax.Bad bad) {
                    throw new ParameterException(spec.commandLine(), "--resolver " + text + ": " + bad.message());
                }
                addresses.add(((AddressSyntax.Ok) parsed).address());
            }
            nameservers = Optional.of(addresses);
        }
        found.addAll(diagnostics.toList());
        return diagnostics.hasErrors() ? Optional.empty() : Optional.of(new EndpointBinder(names, nameservers));
    }

    /** Adds findings of a later stage (emission, say) to the report. */
    void add(Collection<Diagnostic> diagnostics) {
        found.addAll(diagnostics);
    }

    /** The text of a line of any file read so far, for quoting rules in explanations. */
    SourceLines lines() {
        return (file, line) -> frontendSources.line(file, line).or(() -> texts.line(file, line));
    }

    /** Every diagnostic collected so far, in source order. */
    ImmutableList<Diagnostic> diagnostics() {
        return found.stream().sorted(Diagnostics.SOURCE_ORDER).collect(ImmutableList.toImmutableList());
    }

    /** Every diagnostic collected so far, in the order found. */
    ImmutableList<Diagnostic> found() {
        return ImmutableList.copyOf(found);
    }

    /** Prints every diagnostic collected; the exit code says whether there was an error. */
    ExitCode report() {
        return context.reporter().report(diagnostics(), lines());
    }

    boolean hasErrors() {
        return found.stream().anyMatch(Diagnostic::isError);
    }
}
