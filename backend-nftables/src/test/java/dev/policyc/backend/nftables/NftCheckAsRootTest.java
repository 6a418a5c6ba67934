package dev.policyc.backend.nftables;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Every golden file, as committed, passes {@code nft -c -f}: the kernel validates it and keeps
 * nothing. Needs nft and root; skipped with the reason otherwise.
 */
@Tag("root")
class NftCheckAsRootTest {

    @BeforeAll
    static void needsNftAsRoot() {
        Optional<String> reason = NftCommand.unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
    }

    @TestFactory
    List<DynamicTest> goldenFilesPassNftCheck() throws IOException {
        return NftablesGoldenTest.goldenNames().stream()
                .map(name -> DynamicTest.dynamicTest(name + ".nft", () -> {
                    String text = Files.readString(NftablesGoldenTest.GOLDEN.resolve(name + ".nft"), StandardCharsets.UTF_8);
                    NftCommand.Result result = NftCommand.check(text);
                    assertTrue(result.ok(), name + ".nft rejected by nft -c:\n" + result.output());
                }))
                .toList();
    }
}
