package dev.policyc.backend.nftables;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden file, as committed, passes {@code nft -c -f}: the kernel validates it and keeps
 * nothing. Needs nft and root; each file is reported skipped, with the reason, otherwise.
 */
@Tag("root")
class NftCheckAsRootTest {

    static Set<String> goldenNames() throws IOException {
        return NftablesGoldenTest.goldenNames();
    }

    @ParameterizedTest(name = "{0}.nft")
    @MethodSource("goldenNames")
    void goldenFilePassesNftCheck(String name) throws IOException {
        Optional<String> reason = NftCommand.unavailableReason();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        String text = Files.readString(NftablesGoldenTest.GOLDEN.resolve(name + ".nft"), StandardCharsets.UTF_8);
        NftCommand.Result result = NftCommand.check(text);
        assertTrue(result.ok(), name + ".nft rejected by nft -c:\n" + result.output());
    }
}
