package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import dev.policyc.api.AtomicFile;
import dev.policyc.cli.PodmanSetup.PodmanMode;
import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code policyc install FILE}: compiles the OCI hook bundle for its final place, puts it there
 * atomically, and makes podman find its hook (see {@link HooksStep}). With {@code --dry-run} it
 * only prints the plan.
 */
@Command(name = "install",
        description = {"Install FILE's policies as an OCI hook bundle and make podman run its hook.",
            "The bundle goes to PREFIX/lib/policyc/bundle (PREFIX: /usr/local for root, ~/.local for a user)."
                + " Rootless: adds its hooks.d to hooks_dir in your containers.conf. Rootful: links its hook into"
                + " /etc/containers/oci/hooks.d, or adds it to hooks_dir in a drop-in when root's hooks_dir is set."
                + " The bundle also holds policy 'policyc-canary', which allows nothing, for 'policyc doctor --canary'."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  policyc install webapp.policy --dry-run      # what would be done",
            "  policyc install webapp.policy                # then: policyc doctor --canary",
            "  podman run --cap-drop NET_RAW --annotation policyc.policy=webapp IMAGE"
        })
final class InstallCommand implements Callable<Integer> {

    private final CliContext context;
    private final Host host;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The policy file.")
    Path file;

    @Option(names = "--policy", paramLabel = "NAME", description = "Install only this policy (repeatable; default: all of FILE's).")
    List<String> policies = new ArrayList<>();

    @Option(names = "--prefix", paramLabel = "DIR",
            description = "Install the bundle in DIR/lib/policyc/bundle (default: /usr/local for root, ~/.local for a user).")
    Path prefix;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ModeOptions mode;

    @Option(names = "--dry-run", description = "Print what would be done, change nothing.")
    boolean dryRun;

    @Option(names = "--strict-dns",
            description = "Refuse to start a container when a dns name does not resolve (default: allow nothing for it, and log).")
    boolean strictDns;

    @Mixin
    NameOptions names;

    InstallCommand(CliContext context) {
        this(context, Host.system(context.environment()));
    }

    InstallCommand(CliContext context, Host host) {
        this.context = context;
        this.host = host;
    }

    @Override
    public Integer call() throws IOException {
        PodmanMode podmanMode = host.mode(mode);
        PodmanSetup setup = host.setups().apply(podmanMode);
        Path bundleDir = PodmanSetup.bundleDir((prefix != null ? prefix : setup.defaultPrefix()).toAbsolutePath().normalize());
        Optional<EmitResult> bundle = compile(bundleDir);
        if (bundle.isEmpty()) {
            return ExitCode.FAILED.code();
        }
        PrintWriter out = context.out();
        out.println("policyc install: " + podmanMode + " podman" + (podmanMode == PodmanMode.ROOTLESS
                ? " of uid " + host.uid() + " (" + setup.home() + ")" : ""));
        if (podmanMode == PodmanMode.ROOTLESS && host.uid() == 0) {
            out.println("  note: podman run by root is rootful; rootless podman reads " + setup.userConf()
                    + " only when run by that user");
        }
        setup.containersConf().ifPresent(c -> out.println("  note: CONTAINERS_CONF is set: podman reads only " + c));
        Optional<String> unsafe = BundleInstaller.unsafe(bundleDir, host.uid());
        HooksStep step = HooksStep.plan(setup, bundleDir.resolve("hooks.d"));
        List<String> policyNames = policyNames(bundle.get());
        out.println("  bundle: " + (Files.isDirectory(bundleDir) ? "replace " : "write ") + bundleDir
                + " (policies: " + String.join(", ", policyNames) + ")");
        out.println("  hooks:  " + describe(step));
        if (unsafe.isPresent() || step instanceof HooksStep.Refused) {
            unsafe.ifPresent(u -> out.println("policyc install: refused: " + u));
            if (step instanceof HooksStep.Refused refused) {
                out.println("policyc install: refused: " + refused.message());
            }
            out.println("nothing was changed");
            return ExitCode.FAILED.code();
        }
        if (dryRun) {
            out.println("dry run: nothing was changed");
            return ExitCode.OK.code();
        }
        try {
            BundleInstaller.install(bundleDir, bundle.get().artifacts());
            apply(step);
        } catch (IOException e) {
            // Permission denied and the like: the user's to fix, not a bug. What was written is whole.
            context.err().println("policyc install: failed: " + e.getClass().getSimpleName().replace("Exception", "")
                    + ": " + e.getMessage() + (podmanMode == PodmanMode.ROOTFUL && host.uid() != 0 ? " (rootful needs root)" : ""));
            return ExitCode.FAILED.code();
        }
        out.println("done. Check the set-up, with a throwaway container:");
        out.println("  policyc doctor --canary" + (podmanMode == PodmanMode.ROOTFUL ? " --rootful" : " --rootless"));
        out.println("Run containers under a policy:");
        String example = policyNames.stream().filter(n -> !n.equals(CanaryPolicy.NAME)).findFirst().orElse(CanaryPolicy.NAME);
        out.println("  podman run --cap-drop NET_RAW --annotation policyc.policy=" + example + " IMAGE ...");
        return ExitCode.OK.code();
    }

    /** The bundle for {@code bundleDir}, or empty after errors (reported). */
    private Optional<EmitResult> compile(Path bundleDir) {
        Backends backends = Backends.discover(InstallCommand.class.getClassLoader());
        Backend backend = backends.find("oci-hook").orElseThrow(() -> new IllegalStateException("no oci-hook backend"));
        PolicyLoading loading = new PolicyLoading(context, spec, PolicyLoading.configured(spec, names).build());
        Optional<dev.policyc.api.Compilation> compiled = loading.compile(List.of(file.toString()));
        Optional<Program> program = compiled.flatMap(c -> chosen(c, loading)).map(this::withCanary);
        EmitOptions options = EmitOptions.defaults().withStrictDns(strictDns).withInstallDir(bundleDir.toString());
        EmitResult emitted = program.map(p -> Backends.emit(backend, p, options))
                .orElse(EmitResult.failed(ImmutableList.of()));
        loading.add(emitted.diagnostics());
        loading.report();
        return loading.hasErrors() || program.isEmpty() ? Optional.empty() : Optional.of(emitted);
    }

    /**
     * The policies to install: those named with --policy, or all of the file's. With name
     * sources given, each is bound (resolved now, as compile does); otherwise the hook resolves
     * names when a container starts.
     */
    private Optional<Program> chosen(dev.policyc.api.Compilation compiled, PolicyLoading loading) {
        List<String> names = policies.isEmpty()
                ? compiled.policies().stream().map(PolicyIr::name).toList()
                : new ArrayList<>(new LinkedHashSet<>(policies));
        List<PolicyIr> picked = new ArrayList<>();
        for (String name : names) {
            PolicyIr policy = loading.select(compiled, name, file.toString());
            if (this.names.given()) {
                Optional<PolicyIr> bound = loading.bind(compiled, policy.name());
                if (bound.isEmpty()) {
                    return Optional.empty();
                }
                policy = bound.get();
            }
            picked.add(policy);
        }
        return Optional.of(new Program(ImmutableList.copyOf(picked)));
    }

    private Program withCanary(Program program) {
        if (program.policy(CanaryPolicy.NAME).isPresent()) {
            throw new ParameterException(spec.commandLine(), "the policy name '" + CanaryPolicy.NAME
                    + "' is reserved for 'policyc doctor --canary'; rename the policy in " + file);
        }
        return new Program(ImmutableList.<PolicyIr>builder().addAll(program.policies()).add(CanaryPolicy.policy()).build());
    }

    private static List<String> policyNames(EmitResult bundle) {
        return bundle.artifacts().stream().map(a -> a.path())
                .filter(p -> p.startsWith("policies/") && p.endsWith(".hook"))
                .map(p -> p.substring("policies/".length(), p.length() - ".hook".length()))
                .sorted().toList();
    }

    private static String describe(HooksStep step) {
        if (step instanceof HooksStep.AlreadyConfigured already) {
            return "nothing to do: " + already.detail();
        }
        if (step instanceof HooksStep.WriteConfig write) {
            return (write.creates() ? "create " : "edit ") + write.file() + ": hooks_dir = " + TomlScan.array(write.dirs());
        }
        if (step instanceof HooksStep.LinkHook link) {
            return "link " + link.link() + " -> " + link.target();
        }
        return "cannot be set up automatically";
    }

    private static void apply(HooksStep step) throws IOException {
        if (step instanceof HooksStep.WriteConfig write) {
            Path dir = write.file().toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Set<PosixFilePermission> mode = write.creates() ? PosixFilePermissions.fromString("rw-r--r--")
                    : Files.getPosixFilePermissions(write.file());
            AtomicFile.write(write.file(), write.text(), mode);
        } else if (step instanceof HooksStep.LinkHook link) {
            BundleInstaller.createDirectories(link.link().getParent());
            Path temporary = link.link().resolveSibling(".policyc-" + java.util.UUID.randomUUID() + ".json");
            Files.createSymbolicLink(temporary, link.target());
            try {
                AtomicFile.move(temporary, link.link());
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
    }
}
