package dev.policyc.backend.hookjson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The hook program, {@code bin/policyc-hook}: a POSIX sh script kept as a resource of this
 * module, the same in every bundle (all that differs between bundles is in the files it reads),
 * so that it can be tested on its own.
 */
final class HookProgram {

    static final String RESOURCE = "policyc-hook.sh";

    private HookProgram() {}

    /** The script's text. */
    static String text() {
        try (InputStream in = HookProgram.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the backend-hookjson jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
    }
}
