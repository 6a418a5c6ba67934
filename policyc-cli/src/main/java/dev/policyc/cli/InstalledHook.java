package dev.policyc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A policyc hook configuration that podman would load from its hooks directories, and the bundle
 * it names.
 *
 * @param file the hook configuration podman reads (maybe a symbolic link)
 * @param program {@code hook.path}
 * @param bundle the bundle directory, the third of {@code hook.args}
 * @param path the {@code PATH} of {@code hook.env}, empty when it sets none
 * @param config the configuration as JSON
 */
record InstalledHook(Path file, Path program, Path bundle, List<String> path, JsonNode config) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the hooks directories hold that matters to policyc. */
    record Found(ImmutableList<InstalledHook> hooks, ImmutableList<String> unreadable) {}

    /**
     * The policyc hooks among the files podman loads from {@code dirs}: every {@code *.json},
     * where a file of a later directory replaces one of the same name in an earlier one.
     */
    static Found find(List<String> dirs) {
        Map<String, Path> loaded = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (String dir : dirs) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.list(d)) {
                files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                        .forEach(f -> {
                            loaded.remove(f.getFileName().toString());
                            loaded.put(f.getFileName().toString(), f);
                        });
            } catch (IOException e) {
                unreadable.add(dir + ": " + e.getMessage());
            }
        }
        ImmutableList.Builder<InstalledHook> hooks = ImmutableList.builder();
        for (Path file : loaded.values()) {
            try {
                read(file).ifPresent(hooks::add);
            } catch (IOException e) {
                unreadable.add(file + ": " + e.getMessage());
            }
        }
        return new Found(hooks.build(), ImmutableList.copyOf(unreadable));
    }

    /** The hook of {@code file} when it is policyc's (its program is a {@code bin/policyc-hook}). */
    static Optional<InstalledHook> read(Path file) throws IOException {
        JsonNode config = JSON.readTree(Files.readString(file));
        JsonNode hook = config.path("hook");
        String program = hook.path("path").asText("");
        JsonNode args = hook.path("args");
        boolean policyc = program.endsWith("/bin/policyc-hook") || args.path(0).asText("").equals("policyc-hook");
        if (!policyc) {
            return Optional.empty();
        }
        Path bundle = Path.of(args.path(2).asText(Path.of(program).getParent() == null ? "/"
                : String.valueOf(Path.of(program).getParent().getParent())));
        List<String> path = new ArrayList<>();
        for (JsonNode env : hook.path("env")) {
            if (env.asText("").startsWith("PATH=")) {
                path = List.of(env.asText().substring(5).split(":"));
            }
        }
        return Optional.of(new InstalledHook(file, Path.of(program), bundle, List.copyOf(path), config));
    }

    /** True when {@code other} holds the same JSON as this configuration. */
    boolean sameConfig(Path other) {
        try {
            return JSON.readTree(Files.readString(other)).equals(config);
        } catch (IOException e) {
            return false;
        }
    }
}
