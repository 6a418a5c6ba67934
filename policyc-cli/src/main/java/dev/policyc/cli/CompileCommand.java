package dev.policyc.cli;

import dev.policyc.api.Emission;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.EmitOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code policyc compile FILE --target T [-o DIR]}: check, bind names, and emit a target's
 * artifacts. Nothing is written unless every step succeeded, and each file is written to a
 * temporary name and moved into place, so a failed run never leaves half a ruleset behind.
 */
@Command(name = "compile",
        description = {"Compile the policies of FILE for a target.",
            "Without -o, a single file (or nftables rulesets, which concatenate) goes to standard output."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  policyc compile webapp.policy --target nftables \\",
            "      --hosts hosts --resolver 10.0.2.3",
            "  policyc compile webapp.policy --target nftables -o out/",
            "      # writes out/webapp.nft, which 'nft -f' loads"
        })
final class CompileCommand implements Callable<Integer> {

    private final CliContext context;
    private final Backends backends;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The policy file.")
    Path file;

    @Option(names = "--target", required = true, paramLabel = "TARGET",
            description = "What to emit: ${COMPLETION-CANDIDATES}.", completionCandidates = TargetIds.class)
    String target;

    @Option(names = "--policy", paramLabel = "NAME", description = "Compile only this policy (default: all of FILE's).")
    String policy;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Write the artifacts into DIR (created if missing).")
    Path output;

    @Option(names = "--paranoid", description = "After every optimizer pass, prove the meaning unchanged.")
    boolean paranoid;

    @Option(names = "--install-dir", paramLabel = "PATH",
            description = "oci-hook: where the bundle will live, for the absolute paths in the hook (default: -o DIR made absolute).")
    Path installDir;

    @Option(names = "--strict-dns",
            description = "oci-hook: refuse to start a container when a dns name does not resolve (default: allow nothing for it, and log).")
    boolean strictDns;

    @Mixin
    NameOptions names;

    CompileCommand(CliContext context) {
        this.context = context;
        this.backends = Backends.discover(CompileCommand.class.getClassLoader());
    }

    /** The ids of the backends on the class path, for help and completion. */
    static final class TargetIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Backends.discover(CompileCommand.class.getClassLoader()).ids().iterator();
        }
    }

    @Override
    public Integer call() throws IOException {
        if (backends.find(target).isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "unknown target '" + target + "'; the targets are: " + String.join(", ", backends.ids()));
        }
        EmitOptions options = EmitOptions.defaults().withStrictDns(strictDns);
        Path bundleHome = installDir != null ? installDir : output;
        if (bundleHome != null) {
            options = options.withInstallDir(bundleHome.toAbsolutePath().normalize().toString());
        }
        PolicyLoading loading = new PolicyLoading(context, spec,
                PolicyLoading.configured(spec, names).paranoid(paranoid).backends(backends).emitOptions(options).build());
        Optional<Emission> emitted = loading.compileReportingLater(List.of(file.toString()))
                .map(c -> policy == null ? c : c.only(loading.select(c, policy, file.toString()).name()).orElseThrow())
                .map(c -> c.emit(target));
        emitted.ifPresent(e -> loading.add(e.diagnostics()));
        ExitCode reported = loading.report();
        if (loading.hasErrors() || emitted.isEmpty()) {
            return ExitCode.FAILED.code();
        }
        if (output != null) {
            write(emitted.get());
        } else {
            print(emitted.get().artifacts());
        }
        return reported.code();
    }

    private void print(List<Artifact> artifacts) {
        boolean concatenable = artifacts.stream().allMatch(a -> a.path().endsWith(".nft"));
        if (artifacts.size() > 1 && !concatenable) {
            throw new ParameterException(spec.commandLine(), "target " + target + " writes " + artifacts.size()
                    + " files (" + String.join(", ", artifacts.stream().map(Artifact::path).toList())
                    + "); give -o DIR");
        }
        artifacts.forEach(a -> context.out().print(a.content()));
    }

    private void write(Emission emission) throws IOException {
        int count = emission.writeTo(output).size();
        if (!context.quiet()) {
            context.err().println("policyc: wrote " + count + " file" + (count == 1 ? "" : "s")
                    + " to " + output + ": " + String.join(", ", emission.paths()));
        }
    }
}
