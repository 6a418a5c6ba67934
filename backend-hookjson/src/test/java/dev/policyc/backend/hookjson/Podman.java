package dev.policyc.backend.hookjson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs podman for the end-to-end tests, as root or as the rootless test user, with the harness's containers.conf. */
final class Podman {

    private final List<String> prefix;
    private final Map<String, String> env;
    private final Path cwd;

    private Podman(List<String> prefix, Map<String, String> env, Path cwd) {
        this.prefix = prefix;
        this.env = env;
        this.cwd = cwd;
    }

    static Podman asRoot(PodmanHarness harness) {
        return new Podman(List.of(HostTools.path("podman")), Map.of("CONTAINERS_CONF", harness.containersConf.toString()), null);
    }

    /** podman as {@code user}, through runuser, which passes arguments on without a shell. */
    static Podman asUser(PodmanHarness harness, RootlessUser user) {
        return new Podman(List.of(HostTools.path("runuser"), "-u", user.name, "--", "env", "HOME=" + user.home,
                "CONTAINERS_CONF=" + harness.containersConf, "LC_ALL=C", HostTools.path("podman")), Map.of(), user.home);
    }

    HostTools.Result run(List<String> args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(args);
        return HostTools.run(command, env, "", 120, cwd);
    }

    HostTools.Result run(String... args) {
        return run(List.of(args));
    }
}
