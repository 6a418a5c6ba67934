package dev.policyc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CdsTrainingTest {

    @Test
    void splitsCommandLinesAtLoneSemicolons() {
        assertEquals(List.of(List.of("--help"), List.of("check", "a;b.policy"), List.of("--version")),
                CdsTraining.split("--help", ";", "check", "a;b.policy", ";", ";", "--version", ";"));
        assertEquals(List.of(), CdsTraining.split());
    }
}
