package dev.policyc.backend.hookjson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one file of {@code hooks.d}: an OCI hook configuration (schema 1.0.0) that podman reads
 * with {@code --hooks-dir}.
 *
 * <p>One hook serves every policy. It matches every annotation key that starts with
 * {@code policyc} in any case, with any value, and the program decides: it applies the policy
 * that {@code policyc.policy} names, and refuses to let the container start for a name not in
 * the bundle or a key that is not exactly {@code policyc.policy}. A hook per policy would run for
 * correct names only, so a misspelt name or key would start the container unfiltered; a
 * catch-all beside per-policy hooks would run twice for correct names (podman runs every hook
 * that matches) and would need to know the valid names anyway. With one hook the program, the
 * manifests and SHA256SUMS are the single authority on what a name means.
 */
final class HookConfig {

    /** Anchored, and without flags so that any regex engine reads it the same. */
    static final String KEY_PATTERN = "^[pP][oO][lL][iI][cC][yY][cC]";
    /** Any value, even empty or multi-line: an unanchored {@code .*} matches every string. */
    static final String VALUE_PATTERN = ".*";
    static final String PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** Seconds; the hook bounds name lookups to 40 s in all. */
    static final int TIMEOUT_SECONDS = 60;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Two spaces and {@code \n} whatever the platform, so the bytes (and SHA256SUMS) are stable. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private HookConfig() {}

    /** The configuration for a bundle installed at {@code installDir} (absolute, normalized). */
    static String json(String installDir) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0.0");
        ObjectNode hook = root.putObject("hook");
        hook.put("path", installDir + "/" + BundleLayout.HOOK_PROGRAM);
        hook.putArray("args").add("policyc-hook").add("apply").add(installDir);
        hook.putArray("env").add(PATH);
        hook.put("timeout", TIMEOUT_SECONDS);
        root.putObject("when").putObject("annotations").put(KEY_PATTERN, VALUE_PATTERN);
        root.putArray("stages").add("createContainer");
        try {
            return JSON.writer(PRETTY).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }
}
