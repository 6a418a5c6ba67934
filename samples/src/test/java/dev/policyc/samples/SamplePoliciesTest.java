package dev.policyc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.eval.FlowSyntax;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.ir.BoundPolicy;
import dev.policyc.core.ir.EndpointBinder;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.net.AddressSyntax;
import dev.policyc.core.net.HostsFileResolver;
import dev.policyc.dsl.Frontend;
import dev.policyc.dsl.FrontendResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every sample policy is valid and warning-free, and means what its comments say. */
class SamplePoliciesTest {

    private static final Path DIR = Path.of("policies");

    @TestFactory
    Stream<DynamicTest> everySampleChecksCleanly() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(DIR)) {
            files = list.filter(p -> p.toString().endsWith(".policy") || p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 6, "samples found: " + files);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            FrontendResult result = Frontend.fileSystem().compile(List.of(file));
            assertEquals(List.of(), result.diagnostics(), "diagnostics of " + file);
            assertTrue(result.program().isPresent());
        }));
    }

    @Test
    void theYamlSampleMeansTheSameAsTheSpecExample() throws IOException {
        for (String flow : List.of("out tcp 10.20.1.5 5432", "out tcp 10.20.99.5 5432", "out udp 1.0.0.1 53",
                "out tcp 192.0.2.140 443", "in tcp 203.0.113.9 8080", "in tcp 192.168.1.7 22", "in tcp 192.168.2.7 22",
                "out icmp 192.0.2.1", "out icmpv6 2001:db8::1", "out 47 10.20.1.1")) {
            assertEquals(verdict("webapp.policy", "webapp", flow), verdict("webapp.yaml", "webapp-yaml", flow), flow);
        }
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({
        "webapp.policy, webapp, out tcp 10.20.1.5 5432, allow",
        "webapp.policy, webapp, out tcp 10.20.99.5 5432, deny",
        "webapp.policy, webapp, out tcp 192.0.2.140 443, allow",
        "webapp.policy, webapp, out tcp 192.0.2.140 22, deny",
        "webapp.policy, webapp, out udp 10.0.2.3 53, allow",
        "webapp.policy, webapp, out udp 8.8.8.8 53, deny",
        "webapp.policy, webapp, in tcp 2001:db8::9 8080, allow",
        "webapp.policy, webapp, in tcp 192.168.2.1 22, deny",
        "only-cloudflare.policy, only-cloudflare, out tcp 1.1.1.1 443, allow",
        "only-cloudflare.policy, only-cloudflare, out udp 1.1.1.1 53, allow",
        "only-cloudflare.policy, only-cloudflare, out tcp 8.8.8.8 53, deny",
        "only-cloudflare.policy, only-cloudflare, out tcp 2606:4700:4700::1111 443, deny",
        "only-cloudflare.policy, only-cloudflare, in tcp 1.1.1.1 22, deny",
        "build-mirror.policy, build-mirror, out tcp 203.0.113.10 443, allow",
        "build-mirror.policy, build-mirror, out tcp 2001:db8:10::10 80, allow",
        "build-mirror.policy, build-mirror, out tcp 203.0.113.10 22, deny",
        "build-mirror.policy, build-mirror, out udp 10.0.2.3 53, deny",
        "shop-backend.policy, shop-backend, in tcp 198.51.100.20 8443, allow",
        "shop-backend.policy, shop-backend, in tcp 192.0.2.20 8443, deny",
        "shop-backend.policy, shop-backend, in tcp 203.0.113.50 9100, allow",
        "shop-backend.policy, shop-backend, out tcp 10.40.0.11 5432, allow",
        "shop-backend.policy, shop-backend, out tcp 10.40.0.12 5432, deny",
        "shop-backend.policy, shop-backend, out tcp 203.0.113.77 443, allow",
    })
    void samplesMeanWhatTheirCommentsSay(String file, String policy, String flow, String expected) throws IOException {
        assertEquals(expected, verdict(file, policy, flow));
    }

    private static String verdict(String file, String policy, String flow) throws IOException {
        FrontendResult result = Frontend.fileSystem().compile(List.of(DIR.resolve(file)));
        PolicyIr ir = result.program().orElseThrow().policy(policy).orElseThrow();
        HostsFileResolver.Loaded hosts = HostsFileResolver.parse("hosts", Files.readString(DIR.resolve("hosts")));
        assertEquals(List.of(), hosts.diagnostics());
        BoundPolicy bound = new EndpointBinder(Optional.of(hosts.resolver()),
                Optional.of(List.of(((AddressSyntax.Ok) AddressSyntax.host("10.0.2.3")).address()))).bind(ir);
        FlowSyntax.Parsed parsed = (FlowSyntax.Parsed) FlowSyntax.parse(flow);
        return ReferenceEvaluator.verdict(bound.policy().orElseThrow(), parsed.flow()).keyword();
    }
}
