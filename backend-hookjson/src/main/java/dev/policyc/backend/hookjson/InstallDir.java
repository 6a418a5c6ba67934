package dev.policyc.backend.hookjson;

import java.util.Optional;

/**
 * The directory the bundle will be installed in, which the hook configuration names by absolute
 * path (podman requires {@code hook.path} to be absolute).
 */
final class InstallDir {

    private InstallDir() {}

    /**
     * {@code path} without trailing slashes, or why it cannot be used: it must be absolute and
     * normalized (no {@code .} or {@code ..} segments, no empty ones) and free of control
     * characters, which no configuration or command line could carry safely.
     */
    static Result check(String path) {
        if (!path.startsWith("/")) {
            return new Result(Optional.empty(), Optional.of("is not absolute"));
        }
        if (path.codePoints().anyMatch(Character::isISOControl)) {
            return new Result(Optional.empty(), Optional.of("holds a control character"));
        }
        String trimmed = path.replaceAll("/+$", "");
        if (trimmed.isEmpty()) {
            return new Result(Optional.empty(), Optional.of("is the root directory"));
        }
        for (String segment : trimmed.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return new Result(Optional.empty(), Optional.of("is not normalized (empty, '.' or '..' segments)"));
            }
        }
        return new Result(Optional.of(trimmed), Optional.empty());
    }

    /** Exactly one of {@code path} and {@code problem} is present. */
    record Result(Optional<String> path, Optional<String> problem) {}
}
