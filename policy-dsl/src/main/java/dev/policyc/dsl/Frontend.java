package dev.policyc.dsl;

import com.google.common.collect.ImmutableMap;
import dev.policyc.dsl.check.CheckResult;
import dev.policyc.dsl.check.Checker;
import dev.policyc.dsl.load.LoadedSources;
import dev.policyc.dsl.load.PolicyFormat;
import dev.policyc.dsl.load.SourceLoader;
import dev.policyc.dsl.load.SourceReader;
import dev.policyc.dsl.parse.DslParser;
import dev.policyc.dsl.yaml.YamlPolicyReader;
import java.nio.file.Path;
import java.util.List;

/**
 * The front end in one call: read the named files and their includes, parse them (DSL or YAML
 * by extension), check them and lower them to the IR.
 */
public final class Frontend {

    private final SourceLoader loader;

    private Frontend(SourceReader reader) {
        this.loader = new SourceLoader(reader, ImmutableMap.of(
                PolicyFormat.DSL, DslParser::parse,
                PolicyFormat.YAML, YamlPolicyReader::parse));
    }

    /** A front end that reads files from the file system. */
    public static Frontend fileSystem() {
        return new Frontend(SourceReader.fileSystem());
    }

    /** A front end that reads through {@code reader} (tests, in-memory sources, library users). */
    public static Frontend reading(SourceReader reader) {
        return new Frontend(reader);
    }

    /** Loads, parses and checks {@code files}, exact lints included. */
    public FrontendResult compile(List<Path> files) {
        return compileLintingLater(files).withExactLints();
    }

    /**
     * Loads, parses and checks {@code files}, leaving the exact lints of the result's
     * {@link FrontendResult#toLint()} to the caller, who may run them beside other work.
     */
    public FrontendResult compileLintingLater(List<Path> files) {
        LoadedSources sources = loader.load(files);
        CheckResult checked = Checker.check(sources);
        return new FrontendResult(checked.program(), FrontendResult.sorted(sources.diagnostics(), checked.diagnostics()),
                sources, checked.toLint());
    }
}
