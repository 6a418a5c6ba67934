package dev.policyc.core.backend;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import org.junit.jupiter.api.Test;

class ArtifactTest {

    @Test
    void pathsStayInsideTheOutputDirectory() {
        for (String ok : new String[] {"webapp.nft", "hooks/webapp.json", "a_b-c.1"}) {
            assertDoesNotThrow(() -> Artifact.file(ok, ""), ok);
        }
        for (String bad : new String[] {"", "/etc/passwd", "../x", "a/../b", "a//b", "a/", ".hidden", "a\\b", "a b", "./x"}) {
            assertThrows(IllegalArgumentException.class, () -> Artifact.file(bad, ""), bad);
        }
    }

    @Test
    void aResultHasOneArtifactPerPath() {
        assertThrows(IllegalArgumentException.class, () -> new EmitResult(
                ImmutableList.of(Artifact.file("a.nft", "1"), Artifact.file("a.nft", "2")), ImmutableList.of()));
    }
}
