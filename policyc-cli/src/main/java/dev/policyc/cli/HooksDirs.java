package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The hooks directories podman uses for one user and mode, worked out the way podman does it:
 * the last configuration file that sets {@code hooks_dir} decides; without one, rootful podman
 * uses its two default directories and rootless podman none.
 *
 * @param dirs the directories, in podman's order (later ones win for hook files of the same name)
 * @param setBy the file that set them, empty when they are podman's defaults (or none)
 * @param files every configuration file podman reads, in order
 * @param unusable files policyc cannot read safely, each with the reason; podman may see a
 *     hooks_dir there that policyc does not
 */
record HooksDirs(ImmutableList<String> dirs, Optional<Path> setBy, ImmutableList<Path> files,
        ImmutableList<String> unusable) {

    /** Reads the configuration files of {@code setup}. */
    static HooksDirs of(PodmanSetup setup) throws IOException {
        ImmutableList<Path> files = setup.configFiles();
        ImmutableList<String> dirs = setup.mode() == PodmanSetup.PodmanMode.ROOTFUL
                ? setup.defaultHooksDirs().stream().map(Path::toString).collect(ImmutableList.toImmutableList())
                : ImmutableList.of();
        Optional<Path> setBy = Optional.empty();
        ImmutableList.Builder<String> unusable = ImmutableList.builder();
        for (Path file : files) {
            HooksDirSetting.Reading reading = read(file);
            if (reading instanceof HooksDirSetting.Set set) {
                dirs = set.dirs();
                setBy = Optional.of(file);
            } else if (reading instanceof HooksDirSetting.Unusable bad) {
                unusable.add(file + ": " + bad.reason());
            }
        }
        return new HooksDirs(dirs, setBy, files, unusable.build());
    }

    /** What {@code file} says about hooks_dir; a file that cannot be read is unusable. */
    static HooksDirSetting.Reading read(Path file) {
        try {
            return HooksDirSetting.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | java.io.UncheckedIOException e) {
            return new HooksDirSetting.Unusable("cannot read it: " + e.getMessage());
        }
    }

    /** True when the directories are podman's defaults, not set by any file. */
    boolean defaulted() {
        return setBy.isEmpty();
    }

    /** Where the directories come from, for messages. */
    String source() {
        return setBy.map(f -> "hooks_dir in " + f).orElse(dirs.isEmpty()
                ? "no hooks_dir set: rootless podman runs no hooks"
                : "no hooks_dir set: podman's default directories");
    }
}
