package dev.policyc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who this process runs as. */
final class ProcessOwner {

    private ProcessOwner() {}

    /** The effective user id, which owns {@code /proc/self}; -1 where there is no /proc. */
    static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}
