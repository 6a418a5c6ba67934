package dev.policyc.backend.hookjson;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a runtime hands a createContainer hook, made up for tests: the state JSON (stdin) and an
 * OCI bundle directory whose {@code config.json} is shaped like podman's (compact, one line),
 * with the container's own {@code resolv.conf} and {@code hosts} as bind-mount sources.
 */
final class FakeContainer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DEFAULT_CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_KILL",
            "CAP_NET_BIND_SERVICE", "CAP_SETGID", "CAP_SETUID", "CAP_SYS_CHROOT");

    private final Path bundle;
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private boolean networkNamespace = true;
    private boolean capabilities = true;
    private final List<String> extraCaps = new ArrayList<>();
    private String resolvConf = "nameserver 127.0.0.1\n";
    private String hosts = "127.0.0.1 localhost\n";

    FakeContainer(Path bundle) {
        this.bundle = bundle;
    }

    FakeContainer annotate(String key, String value) {
        annotations.put(key, value);
        return this;
    }

    /** Like {@code --network host}: no network entry in linux.namespaces. */
    FakeContainer hostNetwork() {
        networkNamespace = false;
        return this;
    }

    FakeContainer addCap(String cap) {
        extraCaps.add(cap);
        return this;
    }

    FakeContainer noCapabilities() {
        capabilities = false;
        return this;
    }

    FakeContainer resolvConf(String text) {
        resolvConf = text;
        return this;
    }

    FakeContainer hosts(String text) {
        hosts = text;
        return this;
    }

    /** Writes config.json, resolv.conf and hosts; returns the state JSON for stdin, in runc's key order. */
    String state() {
        return state(false);
    }

    /** As {@link #state()}, with the annotations before the state's own keys, as another runtime might write them. */
    String stateAnnotationsFirst() {
        return state(true);
    }

    private String state(boolean annotationsFirst) {
        try {
            Files.createDirectories(bundle);
            Files.writeString(bundle.resolve("resolv.conf"), resolvConf, StandardCharsets.UTF_8);
            Files.writeString(bundle.resolve("hosts"), hosts, StandardCharsets.UTF_8);
            Files.writeString(bundle.resolve("config.json"), JSON.writeValueAsString(config()), StandardCharsets.UTF_8);
            ObjectNode state = JSON.createObjectNode();
            if (annotationsFirst) {
                state.putObject("annotations");
            }
            state.put("ociVersion", "1.0.2-dev");
            state.put("id", "0123456789abcdef0123456789abcdef");
            state.put("status", "creating");
            state.put("pid", 1);
            state.put("bundle", bundle.toAbsolutePath().toString());
            ObjectNode notes = annotationsFirst ? (ObjectNode) state.get("annotations") : state.putObject("annotations");
            notes.put("io.container.manager", "libpod");
            annotations.forEach(notes::put);
            return JSON.writeValueAsString(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode config() {
        ObjectNode config = JSON.createObjectNode();
        config.put("ociVersion", "1.0.2-dev");
        ObjectNode process = config.putObject("process");
        process.putArray("args").add("sh");
        process.putArray("env").add("PATH=/usr/bin:/bin").add("TERM=xterm");
        if (capabilities) {
            ObjectNode caps = process.putObject("capabilities");
            for (String set : List.of("bounding", "effective", "permitted")) {
                ArrayNode list = caps.putArray(set);
                DEFAULT_CAPS.forEach(list::add);
                extraCaps.forEach(list::add);
            }
        }
        ArrayNode mounts = config.putArray("mounts");
        mount(mounts, "/proc", "proc", "proc");
        mount(mounts, "/etc/resolv.conf", "bind", bundle.resolve("resolv.conf").toAbsolutePath().toString());
        mount(mounts, "/etc/hosts", "bind", bundle.resolve("hosts").toAbsolutePath().toString());
        ObjectNode notes = config.putObject("annotations");
        notes.put("io.container.manager", "libpod");
        annotations.forEach(notes::put);
        ArrayNode namespaces = config.putObject("linux").putArray("namespaces");
        namespaces.addObject().put("type", "pid");
        if (networkNamespace) {
            namespaces.addObject().put("type", "network").put("path", "/run/netns/fake");
        }
        namespaces.addObject().put("type", "mount");
        return config;
    }

    private static void mount(ArrayNode mounts, String destination, String type, String source) {
        ObjectNode mount = mounts.addObject();
        mount.put("destination", destination);
        mount.put("type", type);
        mount.put("source", source);
        mount.putArray("options").add("bind").add("rprivate");
    }
}
