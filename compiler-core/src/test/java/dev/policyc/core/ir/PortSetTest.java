package dev.policyc.core.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortSetTest {

    @Test
    void unionMergesNeighboursAndKeepsTheEnds() {
        PortSet set = PortSet.union(List.of(PortSet.range(1, 5), PortSet.range(6, 9), PortSet.of(65535), PortSet.of(443)));
        assertEquals("1-9, 443, 65535", set.toString());
        assertTrue(set.contains(1) && set.contains(9) && set.contains(65535));
        assertFalse(set.contains(10) || set.contains(65534));
    }

    @Test
    void equalSetsAreEqualWhateverBuiltThem() {
        assertEquals(PortSet.range(80, 81), PortSet.union(List.of(PortSet.of(81), PortSet.of(80))));
        assertEquals(PortSet.range(1, 65535), PortSet.union(List.of(PortSet.range(1, 65535), PortSet.of(65535))));
    }

    @Test
    void portsOutsideTheRangeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PortSet.of(0));
        assertThrows(IllegalArgumentException.class, () -> PortSet.of(65536));
    }
}
