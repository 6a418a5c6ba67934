package dev.policyc.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.TestIr;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendsTest {

    /** A backend that writes one file per policy naming it, and supports only what it is given. */
    public static class Listing implements Backend {
        private final String id;
        private final Set<Feature> features;

        public Listing() {
            this("listing", EnumSet.noneOf(Feature.class));
        }

        Listing(String id, Set<Feature> features) {
            this.id = id;
            this.features = features;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Set<Feature> features() {
            return features;
        }

        @Override
        public EmitResult emit(Program program, EmitOptions options) {
            return new EmitResult(
                    program.policies().stream().map(p -> Artifact.file(p.name() + ".txt", p.name())).collect(ImmutableList.toImmutableList()),
                    ImmutableList.of(Diagnostic.warning("note", null, "emitted by " + options.generatedBy())));
        }
    }

    @Test
    void backendsAreFoundWithServiceLoader(@TempDir Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(Backend.class.getName()), Listing.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Backends found = Backends.discover(loader);
            assertEquals(Set.of("listing"), found.ids());
            assertTrue(found.find("listing").orElseThrow() instanceof Listing);
            assertTrue(found.find("nope").isEmpty());
        }
    }

    @Test
    void idsAreUnique() {
        List<Backend> twins = List.of(new Listing(), new Listing());
        assertThrows(IllegalStateException.class, () -> Backends.of(twins));
        Backends two = Backends.of(List.of(new Listing("b", Set.of()), new Listing("a", Set.of())));
        assertEquals(List.of("a", "b"), two.ids().asList());
        assertEquals(List.of("b", "a"), two.all().stream().map(Backend::id).toList());
    }

    @Test
    void emitChecksFeaturesFirst() {
        Program logged = new Program(ImmutableList.of(TestIr.policy(
                TestIr.rule(Verdict.DENY, Direction.OUT).peer("10.0.0.0/8").log().build())));
        Backend never = new Listing("never", EnumSet.noneOf(Feature.class)) {
            @Override
            public EmitResult emit(Program program, EmitOptions options) {
                throw new AssertionError("a program with unsupported features reached the backend");
            }
        };
        EmitResult rejected = Backends.emit(never, logged, EmitOptions.defaults());
        assertTrue(rejected.hasErrors());
        assertEquals(List.of(), rejected.artifacts());
        assertEquals(FeatureCheck.UNSUPPORTED_FEATURE, rejected.diagnostics().get(0).code());

        EmitResult emitted = Backends.emit(new Listing("logs", EnumSet.of(Feature.LOG)), logged, new EmitOptions("policyc 9"));
        assertEquals(List.of(Artifact.file("test.txt", "test")), emitted.artifacts());
        assertEquals("emitted by policyc 9", emitted.diagnostics().get(0).message());
    }
}
