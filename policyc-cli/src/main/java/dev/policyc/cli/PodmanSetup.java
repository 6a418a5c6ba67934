package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where podman (4.x, containers/common) looks for its configuration and hooks, for one user and
 * mode. The system locations are fields so that tests can point them into a temporary
 * directory; {@link #system} gives the real ones.
 *
 * <p>podman reads, in order, each file overriding keys of the earlier ones: only
 * {@code $CONTAINERS_CONF} when that is set; otherwise {@code /usr/share/containers/containers.conf},
 * {@code /etc/containers/containers.conf}, the {@code *.conf} files of
 * {@code /etc/containers/containers.conf.d} in name order, and for rootless podman also
 * {@code $XDG_CONFIG_HOME/containers/containers.conf} (default {@code ~/.config}) and its
 * {@code containers.conf.d}. Without {@code hooks_dir}, rootful podman reads hooks from
 * {@code /usr/share/containers/oci/hooks.d} and {@code /etc/containers/oci/hooks.d}; rootless
 * podman runs no hooks at all.
 *
 * @param mode rootful or rootless podman
 * @param home the user's home directory
 * @param userConfigHome {@code $XDG_CONFIG_HOME}, or {@code ~/.config}
 * @param containersConf {@code $CONTAINERS_CONF}, when set
 * @param usrShareConf {@code /usr/share/containers/containers.conf}
 * @param etcConf {@code /etc/containers/containers.conf}
 * @param defaultHooksDirs podman's hooks directories when {@code hooks_dir} is not set (rootful)
 */
record PodmanSetup(PodmanMode mode, Path home, Path userConfigHome, Optional<Path> containersConf,
        Path usrShareConf, Path etcConf, ImmutableList<Path> defaultHooksDirs) {

    /** Rootful or rootless podman. */
    enum PodmanMode {
        ROOTFUL, ROOTLESS;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final Path USR_SHARE_CONF = Path.of("/usr/share/containers/containers.conf");
    static final Path ETC_CONF = Path.of("/etc/containers/containers.conf");
    static final ImmutableList<Path> DEFAULT_HOOKS_DIRS = ImmutableList.of(
            Path.of("/usr/share/containers/oci/hooks.d"), Path.of("/etc/containers/oci/hooks.d"));

    /** The real locations for {@code mode} and the user that {@code environment} describes. */
    static PodmanSetup system(PodmanMode mode, CliEnvironment environment) {
        Path home = environment.variable("HOME").filter(h -> !h.isEmpty()).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home")));
        Path configHome = environment.variable("XDG_CONFIG_HOME").filter(h -> h.startsWith("/")).map(Path::of)
                .orElse(home.resolve(".config"));
        Optional<Path> containersConf = environment.variable("CONTAINERS_CONF").filter(c -> !c.isEmpty()).map(Path::of);
        return new PodmanSetup(mode, home, configHome, containersConf, USR_SHARE_CONF, ETC_CONF, DEFAULT_HOOKS_DIRS);
    }

    /** {@code /etc/containers/containers.conf.d} (or its test stand-in). */
    Path etcConfD() {
        return Path.of(etcConf + ".d");
    }

    /** The user's own containers.conf (rootless). */
    Path userConf() {
        return userConfigHome.resolve("containers").resolve("containers.conf");
    }

    Path userConfD() {
        return Path.of(userConf() + ".d");
    }

    /** podman's default hooks directory under /etc, where a rootful install links its hook. */
    Path etcHooksDir() {
        return defaultHooksDirs.get(defaultHooksDirs.size() - 1);
    }

    /** The drop-in a rootful install writes when root's hooks_dir is set elsewhere. */
    Path rootfulDropIn() {
        return etcConfD().resolve("policyc.conf");
    }

    /** The configuration files podman reads for this user and mode, in order, existing ones only. */
    ImmutableList<Path> configFiles() throws IOException {
        if (containersConf.isPresent()) {
            return ImmutableList.of(containersConf.get());
        }
        ImmutableList.Builder<Path> files = ImmutableList.builder();
        addIfFile(files, usrShareConf);
        addIfFile(files, etcConf);
        addDropIns(files, etcConfD());
        if (mode == PodmanMode.ROOTLESS) {
            addIfFile(files, userConf());
            addDropIns(files, userConfD());
        }
        return files.build();
    }

    /** The bundle's directory under PREFIX: {@code PREFIX/lib/policyc/bundle}. */
    static Path bundleDir(Path prefix) {
        return prefix.resolve("lib").resolve("policyc").resolve("bundle");
    }

    /** The default PREFIX: {@code /usr/local} for root, {@code ~/.local} for a user. */
    Path defaultPrefix() {
        return mode == PodmanMode.ROOTFUL ? Path.of("/usr/local") : home.resolve(".local");
    }

    private static void addIfFile(ImmutableList.Builder<Path> files, Path file) {
        if (Files.isRegularFile(file)) {
            files.add(file);
        }
    }

    private static void addDropIns(ImmutableList.Builder<Path> files, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> p.getFileName().toString().endsWith(".conf") && !Files.isDirectory(p))
                    .sorted()
                    .forEach(files::add);
        }
    }
}
