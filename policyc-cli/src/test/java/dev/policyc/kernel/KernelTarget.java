package dev.policyc.kernel;

import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.Backends;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A backend under test and how its files get into the kernel: the oracle writes the backend's
 * artifacts to a directory and runs the loader's commands inside the namespace under test, in
 * order. Each command's first word is a program name, looked up like {@link Command#executable}.
 *
 * <p>Adding a backend is one factory and one case of {@link #byId} here, and one property in
 * {@link BackendKernelProperties}:
 * <pre>
 *   static KernelTarget iptables() {
 *       return new KernelTarget(discovered("iptables"), List.of("iptables-restore", "ip6tables-restore"),
 *               (dir, name) -&gt; List.of(
 *                       List.of("iptables-restore", dir.resolve(name + ".v4.rules").toString()),
 *                       List.of("ip6tables-restore", dir.resolve(name + ".v6.rules").toString())));
 *   }
 * </pre>
 *
 * @param backend  the target, as {@code policyc compile --target} finds it
 * @param programs what the loader runs, so that a machine without them skips with a reason
 * @param loader   the commands that apply the files of policy {@code name} written to {@code dir}
 */
record KernelTarget(Backend backend, List<String> programs, Loader loader) {

    /** The commands that load one policy's artifacts, written to {@code directory}. */
    @FunctionalInterface
    interface Loader {
        List<List<String>> commands(Path directory, String policyName);
    }

    KernelTarget {
        programs = List.copyOf(programs);
    }

    /** {@code nft -f NAME.nft}: one transaction that replaces the policy's table. */
    static KernelTarget nftables() {
        return new KernelTarget(discovered("nftables"), List.of("nft"),
                (dir, name) -> List.of(List.of("nft", "-f", dir.resolve(name + ".nft").toString())));
    }

    /**
     * {@code sh NAME.sh}: the generated script, which tests and then applies NAME.v4.rules with
     * iptables-restore and NAME.v6.rules with ip6tables-restore, as users run it.
     */
    static KernelTarget iptables() {
        return new KernelTarget(discovered("iptables"), List.of("sh", "iptables-restore", "ip6tables-restore"),
                (dir, name) -> List.of(List.of("sh", dir.resolve(name + ".sh").toString())));
    }

    /**
     * {@code sh NAME.sh} of the {@code iptables-ipset} target: the script loads NAME.ipset with
     * ipset, then the rules files as the iptables target's does.
     */
    static KernelTarget iptablesIpset() {
        return new KernelTarget(discovered("iptables-ipset"), List.of("sh", "iptables-restore", "ip6tables-restore", "ipset"),
                (dir, name) -> List.of(List.of("sh", dir.resolve(name + ".sh").toString())));
    }

    /** The target with this backend id; one case per target the kernel tests know how to load. */
    static KernelTarget byId(String id) {
        return switch (id) {
            case "nftables" -> nftables();
            case "iptables" -> iptables();
            case "iptables-ipset" -> iptablesIpset();
            default -> throw new IllegalArgumentException("no kernel loader for target '" + id + "'");
        };
    }

    String id() {
        return backend.id();
    }

    /** Why this target's rules cannot be loaded here, or empty when they can. */
    Optional<String> unavailableReason() {
        return programs.stream()
                .filter(program -> Command.executable(program).isEmpty())
                .findFirst()
                .map(program -> program + " is not installed, so the " + id() + " target cannot be loaded");
    }

    /** The backend registered under {@code id}, found the way the command line finds it. */
    private static Backend discovered(String id) {
        return Backends.discover().find(id)
                .orElseThrow(() -> new AssertionError("no backend '" + id + "' on the class path"));
    }
}
