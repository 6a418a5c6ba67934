package dev.policyc.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.policyc.core.testing.TestIr;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArtifactReadersTest {

    @Test
    void readersAreFoundByTarget() {
        ScriptedTarget.Reader reader = new ScriptedTarget.Reader(Map.of(), List.of());
        ArtifactReaders readers = ArtifactReaders.of(List.of(reader));
        assertSame(reader, readers.find(ScriptedTarget.ID).orElseThrow());
        assertEquals(Optional.empty(), readers.find("nftables"));
        assertEquals(List.of(ScriptedTarget.ID), readers.targetIds().asList());
    }

    @Test
    void twoReadersOfOneTargetAreAPackagingMistake() {
        List<ArtifactReader> two = List.of(new ScriptedTarget.Reader(Map.of(), List.of()), new ScriptedTarget.Reader(Map.of(), List.of()));
        assertThrows(IllegalStateException.class, () -> ArtifactReaders.of(two));
    }

    @Test
    void aMeaningIsFiledUnderItsPolicy() {
        ArtifactMeaning web = ScriptedTarget.exact(TestIr.policy());
        assertThrows(IllegalArgumentException.class, () -> new ReadResult(
                ImmutableMap.of("other", web), ImmutableList.of()));
    }
}
