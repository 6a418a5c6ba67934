package dev.policyc.cli;

import dev.policyc.cli.PodmanSetup.PodmanMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code policyc doctor [--canary]}: checks that podman on this machine will run the policyc hook
 * for this user, and with {@code --canary} proves it with throwaway containers. Prints a
 * checklist; exit 0 when every check passed, 1 otherwise.
 */
@Command(name = "doctor",
        description = {"Check that podman runs the policyc hook for you: podman, its hooks_dir, the hook and"
                + " bundle it finds, file permissions, nft or iptables-restore.",
            "With --canary, start throwaway containers to prove that the policy is enforced."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  policyc doctor                    # the checklist",
            "  policyc doctor --canary           # and prove it with throwaway containers",
            "  sudo policyc doctor --rootful     # root's podman"
        })
final class DoctorCommand implements Callable<Integer> {

    private final CliContext context;
    private final Host host;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ModeOptions mode;

    @Option(names = "--canary", description = "Also run throwaway containers under the bundle's policy 'policyc-canary'"
            + " (or a temporary bundle's) and check that the policy is in force; removes them afterwards.")
    boolean canary;

    @Option(names = "--canary-image", paramLabel = "IMAGE",
            description = "Image for --canary, with 'sleep' and 'true' (default: a throwaway image made from /bin/busybox"
                    + " of busybox-static, removed afterwards).")
    String canaryImage;

    DoctorCommand(CliContext context) {
        this(context, Host.system(context.environment()));
    }

    DoctorCommand(CliContext context, Host host) {
        this.context = context;
        this.host = host;
    }

    @Override
    public Integer call() throws IOException {
        PodmanMode podmanMode = host.mode(mode);
        PodmanSetup setup = host.setups().apply(podmanMode);
        DoctorReport report = new DoctorReport(context.out());
        report.note("policyc doctor: " + podmanMode + " podman"
                + (podmanMode == PodmanMode.ROOTLESS ? " of uid " + host.uid() + " (" + setup.home() + ")" : ""));
        Optional<Path> podman = podman(report, podmanMode);
        HooksDirs dirs = hooksDirs(report, setup);
        Optional<InstalledHook> hook = hook(report, dirs);
        hook.ifPresent(h -> bundle(report, h, podmanMode));
        firewallTools(report, hook.map(InstalledHook::path).orElse(List.of()));
        if (canary) {
            if (podman.isEmpty()) {
                report.skip("canary", "podman does not work here");
            } else {
                new Canary(context, spec, host, podman.get(), podmanMode, report).run(hook, canaryImage);
            }
        }
        report.summary();
        return ExitCode.failedIf(report.failures() > 0).code();
    }

    /** podman, when it is there and answers for this mode. */
    private Optional<Path> podman(DoctorReport report, PodmanMode podmanMode) {
        Optional<Path> podman = host.commands().find("podman");
        if (podman.isEmpty()) {
            report.fail("podman", "not found", "install podman (Debian: apt-get install podman runc"
                    + (podmanMode == PodmanMode.ROOTLESS ? " slirp4netns uidmap" : "") + ")");
            return Optional.empty();
        }
        HostCommands.Result version = host.commands().run(List.of(podman.get().toString(), "--version"));
        if (!version.ok()) {
            report.fail("podman", podman.get() + " --version failed: " + version.firstLine(), "repair the podman installation");
            return Optional.empty();
        }
        report.ok("podman", version.stdout().strip() + " (" + podman.get() + ")");
        if (podmanMode == PodmanMode.ROOTFUL && host.uid() != 0) {
            report.fail("mode", "rootful podman needs root, and this is uid " + host.uid(),
                    "run 'policyc doctor --rootful' as root, or check your own podman with --rootless");
            return Optional.empty();
        }
        if (podmanMode == PodmanMode.ROOTLESS && host.uid() == 0) {
            report.fail("mode", "podman run by root is rootful", "run 'policyc doctor' as the user whose podman to check,"
                    + " or check root's with --rootful");
            return Optional.empty();
        }
        HostCommands.Result info = host.commands().run(List.of(podman.get().toString(), "info", "--format",
                "{{.Host.OCIRuntime.Name}} {{.Host.OCIRuntime.Path}}"));
        if (!info.ok()) {
            report.fail("podman info", info.firstLine(), "make 'podman info' work first");
            return Optional.empty();
        }
        report.ok("podman info", "OCI runtime " + info.stdout().strip());
        return podman;
    }

    private HooksDirs hooksDirs(DoctorReport report, PodmanSetup setup) throws IOException {
        HooksDirs dirs = HooksDirs.of(setup);
        report.ok("configuration", dirs.files().isEmpty() ? "no containers.conf; podman's built-in defaults"
                : "podman reads " + String.join(", ", dirs.files().stream().map(Path::toString).toList()));
        for (String unusable : dirs.unusable()) {
            report.warn("configuration", "cannot read " + unusable + "; podman may see a hooks_dir there that policyc does not");
        }
        if (dirs.dirs().isEmpty()) {
            Path file = setup.containersConf().orElse(setup.userConf());
            report.fail("hooks_dir", dirs.source() + ": a container annotated with policyc.policy would start unfiltered",
                    "policyc install FILE, or add under [engine] in " + file + ": hooks_dir = [\"BUNDLE/hooks.d\"]");
        } else {
            report.ok("hooks_dir", String.join(", ", dirs.dirs()) + " (" + dirs.source() + ")");
        }
        return dirs;
    }

    private Optional<InstalledHook> hook(DoctorReport report, HooksDirs dirs) {
        if (dirs.dirs().isEmpty()) {
            report.skip("policyc hook", "no hooks directory");
            return Optional.empty();
        }
        InstalledHook.Found found = InstalledHook.find(dirs.dirs());
        for (String unreadable : found.unreadable()) {
            report.warn("hooks", "cannot read " + unreadable);
        }
        if (found.hooks().isEmpty()) {
            report.fail("policyc hook", "none of " + String.join(", ", dirs.dirs()) + " holds a policyc hook",
                    "policyc install FILE");
            return Optional.empty();
        }
        if (found.hooks().size() > 1) {
            report.fail("policyc hook", found.hooks().size() + " policyc hooks ("
                    + String.join(", ", found.hooks().stream().map(h -> h.file().toString()).toList())
                    + "); each would run for every annotated container, and a policy missing from one bundle refuses",
                    "keep one: remove the others, or their directories from hooks_dir");
            return Optional.empty();
        }
        InstalledHook hook = found.hooks().get(0);
        String link = Files.isSymbolicLink(hook.file()) ? " -> " + readLink(hook.file()) : "";
        report.ok("policyc hook", hook.file() + link);
        return Optional.of(hook);
    }

    private void bundle(DoctorReport report, InstalledHook hook, PodmanMode podmanMode) {
        Path expected = hook.bundle().resolve("bin/policyc-hook");
        if (!hook.program().equals(expected) || !Files.isExecutable(hook.program())) {
            report.fail("hook program", hook.program() + (Files.isExecutable(hook.program()) ? " is not the bundle's "
                    + expected : " is missing or not executable"), "policyc install FILE (again)");
            return;
        }
        report.ok("hook program", hook.program().toString());
        if (!hook.sameConfig(hook.bundle().resolve("hooks.d/policyc.json"))) {
            report.fail("hook configuration", hook.file() + " differs from the bundle's hooks.d/policyc.json",
                    "policyc install FILE (again)");
        }
        List<String> env = hook.path().isEmpty() ? List.of() : List.of("PATH=" + String.join(":", hook.path()));
        HostCommands.Result check = host.commands().run(Stream.concat(Stream.of("env"), Stream.concat(env.stream(),
                Stream.of(hook.program().toString(), "check", hook.bundle().toString()))).toList());
        if (check.ok()) {
            report.ok("bundle", HostCommands.Lines.firstNonBlank(check.stdout()).orElse("checked")
                    .replaceFirst("^policyc-hook: ok: ", ""));
        } else {
            report.fail("bundle", check.firstLine(), "policyc install FILE (again)");
        }
        int owner = podmanMode == PodmanMode.ROOTFUL ? 0 : host.uid();
        try {
            Optional<String> unsafe = BundleInstaller.unsafe(hook.bundle(), owner).or(() -> writableInside(hook.bundle()));
            if (unsafe.isPresent()) {
                report.fail("permissions", unsafe.get(), "only " + (owner == 0 ? "root" : "you and root")
                        + " may be able to change the bundle: fix the modes and owners, or reinstall elsewhere");
            } else {
                report.ok("permissions", "only " + (owner == 0 ? "root" : "uid " + owner + " and root")
                        + " can change " + hook.bundle());
            }
        } catch (IOException e) {
            report.fail("permissions", "cannot inspect " + hook.bundle() + ": " + e.getMessage(), "check the bundle's directory");
        }
        if (Files.isRegularFile(hook.bundle().resolve("policies/" + CanaryPolicy.NAME + ".hook"))) {
            report.ok("canary policy", "the bundle holds " + CanaryPolicy.NAME);
        } else {
            report.warn("canary policy", "the bundle has no " + CanaryPolicy.NAME + " (compiled without 'policyc install');"
                    + " --canary would use a temporary bundle");
        }
    }

    /** A file or directory in the bundle that group or others can write. */
    private static Optional<String> writableInside(Path bundle) {
        try (Stream<Path> all = Files.walk(bundle)) {
            for (Path p : all.toList()) {
                int fileMode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                if (!Files.isSymbolicLink(p) && (fileMode & 0022) != 0) {
                    return Optional.of(p + " is writable by group or others; chmod go-w " + p);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot read " + bundle + ": " + e.getMessage());
        }
    }

    private void firewallTools(DoctorReport report, List<String> hookPath) {
        Optional<Path> nft = host.commands().find("nft", hookPath);
        if (nft.isPresent()) {
            HostCommands.Result version = host.commands().run(List.of(nft.get().toString(), "--version"));
            report.ok("firewall tools", (version.ok() ? version.stdout().strip() : "nft") + " (" + nft.get() + ")");
            return;
        }
        Optional<Path> v4 = host.commands().find("iptables-restore", hookPath);
        Optional<Path> v6 = host.commands().find("ip6tables-restore", hookPath);
        if (v4.isPresent() && v6.isPresent()) {
            report.warn("firewall tools", "no nft; iptables-restore (" + v4.get() + ") works only for policies without"
                    + " dns names or resolver");
            return;
        }
        report.fail("firewall tools", "neither nft nor iptables-restore is installed; every annotated container would"
                + " refuse to start", "install nftables (Debian: apt-get install nftables)");
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
