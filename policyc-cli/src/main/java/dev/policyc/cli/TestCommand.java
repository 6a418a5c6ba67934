package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.DiagnosticPrinter;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.diag.Suggestions;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.dsl.expect.DecisionText;
import dev.policyc.dsl.expect.Expectation;
import dev.policyc.dsl.expect.ExpectationChecker;
import dev.policyc.dsl.expect.ExpectationFile;
import dev.policyc.dsl.expect.ExpectationParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code policyc test FILE...}: checks the expectations written beside each policy file
 * ({@code webapp.policy.expect} for {@code webapp.policy}; see {@code docs/testing.md}). Flow
 * expectations are evaluated, set expectations are decided exactly on flow sets. Prints
 * {@code ok} or {@code FAIL} per expectation, a counterexample and the rule that decided it for
 * each failure, and {@code N passed, M failed}; exits 1 when any failed or a file had an error.
 */
@Command(name = "test",
        description = {"Check the expectations written beside policies: single flows (expect allow|deny FLOW)"
                + " and whole sets of flows (never|always allow|deny ...), the latter exactly, on flow sets.",
            "FILE is a policy file, whose expectations are in FILE.expect, or an expectations file X.expect,"
                + " which tests the policy file X."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  policyc test webapp.policy --hosts hosts --resolver 10.0.2.3",
            "  policyc test policies/*.expect --junit-xml target/policy-tests.xml",
            "",
            "An expectations file (webapp.policy.expect):",
            "  policy webapp",
            "  expect allow out tcp 10.20.1.5 5432",
            "  expect deny out tcp 10.20.99.5 5432",
            "  never allow in tcp from outside 192.168.1.0/24 port 22",
            "  never allow out to 169.254.169.254"
        })
final class TestCommand implements Callable<Integer> {

    static final String MISSING_EXPECTATIONS = "expect-file-missing";
    static final String UNKNOWN_POLICY = "expect-unknown-policy";
    static final String CANNOT_WRITE = "cannot-write-file";

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Policy files (expectations in FILE.expect) or expectations files (*.expect).")
    List<String> files;

    @Option(names = "--junit-xml", paramLabel = "PATH", description = "Also write the results as JUnit XML, for CI.")
    String junitXml;

    @Mixin
    NameOptions names;

    private int passed;
    private int failed;
    private final List<JUnitXmlReport.Suite> suites = new ArrayList<>();

    TestCommand(CliContext context) {
        this.context = context;
    }

    /** A policy file and the expectations file that tests it. */
    private record Target(String policyFile, String expectFile) {
        static Target of(String file) {
            return file.endsWith(ExpectationParser.SUFFIX)
                    ? new Target(file.substring(0, file.length() - ExpectationParser.SUFFIX.length()), file)
                    : new Target(file, file + ExpectationParser.SUFFIX);
        }
    }

    @Override
    public Integer call() {
        PolicyLoading loading = new PolicyLoading(context, spec, PolicyLoading.configured(spec, names).build());
        Set<Target> targets = new LinkedHashSet<>();
        files.forEach(f -> targets.add(Target.of(f)));
        for (Target target : targets) {
            int before = loading.found().size();
            test(target, loading);
            List<Diagnostic> errors = loading.found().subList(before, loading.found().size()).stream()
                    .filter(Diagnostic::isError).toList();
            if (!errors.isEmpty()) {
                suites.add(errorSuite(target, errors, new DiagnosticPrinter(loading.lines())));
            }
        }
        if (junitXml != null) {
            writeReport(loading);
        }
        loading.report();
        context.out().println(passed + " passed, " + failed + " failed");
        return ExitCode.failedIf(failed > 0 || loading.hasErrors()).code();
    }

    private void test(Target target, PolicyLoading loading) {
        Path expectPath = Path.of(target.expectFile());
        if (!Files.isRegularFile(expectPath)) {
            loading.add(List.of(Diagnostic.error(MISSING_EXPECTATIONS, null,
                    "no expectations for " + target.policyFile() + ": " + target.expectFile() + " does not exist")
                    .withHint("write them in " + target.expectFile() + " (see docs/testing.md)")));
            return;
        }
        Diagnostics reading = new Diagnostics();
        Optional<String> text = new SourceTexts().read(target.expectFile(), reading);
        loading.add(reading.toList());
        if (text.isEmpty()) {
            return;
        }
        ExpectationFile expectations = ExpectationParser.parse(target.expectFile(), text.get());
        loading.add(expectations.diagnostics());
        Optional<dev.policyc.api.Compilation> compiled = loading.compile(List.of(target.policyFile()));
        Optional<Program> program = compiled.flatMap(dev.policyc.api.Compilation::program);
        if (program.isEmpty()) {
            return;
        }
        for (ExpectationFile.Section section : expectations.sections()) {
            Optional<PolicyIr> bound = select(section, program.get(), target, loading)
                    .flatMap(policy -> loading.bind(compiled.get(), policy.name()));
            bound.ifPresent(policy -> run(section, policy, target, loading));
        }
    }

    /** The policy a section is about, or empty after an error saying why there is none. */
    private static Optional<PolicyIr> select(
            ExpectationFile.Section section, Program program, Target target, PolicyLoading loading) {
        List<String> available = program.policies().stream().map(PolicyIr::name).toList();
        if (section.policy().isPresent()) {
            String name = section.policy().get();
            Optional<PolicyIr> found = program.policy(name);
            if (found.isEmpty()) {
                String hint = Suggestions.closest(name, available).map(s -> "did you mean '" + s + "'?")
                        .orElse(available.isEmpty() ? "the file has no policy" : "it has: " + String.join(", ", available));
                loading.add(List.of(Diagnostic.error(UNKNOWN_POLICY, section.header().orElse(null),
                        "no policy '" + name + "' in " + target.policyFile()).withHint(hint)));
            }
            return found;
        }
        if (program.policies().size() == 1) {
            return Optional.of(program.policies().get(0));
        }
        SourceSpan first = section.expectations().get(0).span();
        loading.add(List.of(Diagnostic.error(UNKNOWN_POLICY, first, program.policies().isEmpty()
                        ? target.policyFile() + " has no policy to test"
                        : target.policyFile() + " has " + available.size() + " policies; say which these expectations are about")
                .withHint(available.isEmpty() ? "check the file name" : "put 'policy NAME' on a line before them, NAME one of "
                        + String.join(", ", available))));
        return Optional.empty();
    }

    private void run(ExpectationFile.Section section, PolicyIr policy, Target target, PolicyLoading loading) {
        PrintWriter out = context.out();
        out.println("policy " + policy.name() + " (" + target.policyFile() + ")");
        ExpectationChecker checker = new ExpectationChecker(policy);
        ImmutableList.Builder<JUnitXmlReport.Case> cases = ImmutableList.builder();
        for (Expectation expectation : section.expectations()) {
            long start = System.nanoTime();
            ExpectationChecker.Outcome outcome = checker.check(expectation);
            double seconds = (System.nanoTime() - start) / 1e9;
            String where = expectation.span().fileAndLine();
            Optional<JUnitXmlReport.Problem> failure = Optional.empty();
            if (outcome instanceof ExpectationChecker.Failed failedOutcome) {
                failed++;
                List<String> lines = DecisionText.failure(failedOutcome, loading.lines());
                out.println("  FAIL  " + where + "  " + expectation.text());
                lines.forEach(line -> out.println("          " + line));
                failure = Optional.of(new JUnitXmlReport.Problem("expectation-failed", lines.get(0),
                        expectation.text() + "\n" + String.join("\n", lines)));
            } else {
                passed++;
                out.println("  ok    " + where + "  " + expectation.text());
            }
            cases.add(new JUnitXmlReport.Case(suiteName(target, policy), "line " + expectation.span().line() + ": "
                    + expectation.text(), target.expectFile(), expectation.span().line(), seconds, failure, Optional.empty()));
        }
        suites.add(new JUnitXmlReport.Suite(suiteName(target, policy), cases.build()));
        out.flush();
    }

    private static String suiteName(Target target, PolicyIr policy) {
        return target.expectFile() + " (policy " + policy.name() + ")";
    }

    /** The errors that kept (part of) a file from being tested, one error case each. */
    private static JUnitXmlReport.Suite errorSuite(Target target, List<Diagnostic> errors, DiagnosticPrinter printer) {
        ImmutableList<JUnitXmlReport.Case> cases = errors.stream()
                .map(d -> new JUnitXmlReport.Case(target.expectFile(), "error: " + d.message(),
                        d.location().map(SourceSpan::file).orElse(target.expectFile()),
                        d.location().map(SourceSpan::line).orElse(0), 0,
                        Optional.empty(), Optional.of(new JUnitXmlReport.Problem(d.code(), d.message(), printer.render(d)))))
                .collect(ImmutableList.toImmutableList());
        return new JUnitXmlReport.Suite(target.expectFile(), cases);
    }

    private void writeReport(PolicyLoading loading) {
        try {
            Files.writeString(Path.of(junitXml), JUnitXmlReport.render(ImmutableList.copyOf(suites)), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // RuntimeException: Path.of rejects names the file system cannot hold.
            loading.add(List.of(Diagnostic.error(CANNOT_WRITE, null, "cannot write the JUnit report " + junitXml + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()))
                    .withHint("check that the directory exists and can be written")));
        }
    }
}
