package dev.policyc.dsl.yaml;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.io.Writer;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;

/**
 * The YAML generator of {@link YamlPolicyWriter}: a string is written plain when it plainly
 * reads back as the same string in every YAML reader, and double-quoted with escapes otherwise.
 *
 * <p>Jackson's own MINIMIZE_QUOTES is not enough: it writes every string that holds a line
 * break as a literal block, and SnakeYAML then turns a U+0085 in such a block into a line
 * feed, so the text would not read back the same. Double quotes with escapes are exact for
 * every string, and the rule for plain is a short allow-list that cannot be misread
 * ({@code on}, {@code no}, {@code 1e3}, {@code a: b} and {@code #x} all get quotes).
 */
final class PolicyYamlFactory extends YAMLFactory {

    private static final long serialVersionUID = 1L;

    /** Starts with a letter, '$', '_' or '/', then only letters, digits and {@code ._:/$-} and spaces. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z$_/][A-Za-z0-9 ._:/$-]*");
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    /** Words that YAML 1.1 or 1.2 reads as booleans or null. */
    private static final Pattern RESERVED = Pattern.compile("(?i)y|n|yes|no|on|off|true|false|null");

    PolicyYamlFactory() {
        super(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                // Keys over 128 characters get YAML's explicit "? key" form: a plain key longer
                // than 1024 characters could not be read back.
                .stringQuotingChecker(new Quoting()));
    }

    /** A generator that writes to {@code out}. */
    Generator open(Writer out) throws IOException {
        return (Generator) createGenerator(out);
    }

    @Override
    protected YAMLGenerator _createGenerator(Writer out, IOContext context) throws IOException {
        return new Generator(context, _generatorFeatures, _yamlGeneratorFeatures, _quotingChecker, _objectCodec, out,
                _version);
    }

    static boolean isPlainValue(String text) {
        return PLAIN_VALUE.matcher(text).matches() && !RESERVED.matcher(text).matches()
                && !text.endsWith(" ") && !text.endsWith(":") && !text.contains(": ");
    }

    /** Decides for keys (policy and define names); values go through {@link Generator#writeString}. */
    private static final class Quoting extends StringQuotingChecker {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteName(String name) {
            return !PLAIN_KEY.matcher(name).matches() || RESERVED.matcher(name).matches();
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return !isPlainValue(value);
        }
    }

    /** Writes strings plain or double-quoted, never as blocks, and can write an empty value. */
    static final class Generator extends YAMLGenerator {

        Generator(IOContext context, int features, int yamlFeatures, StringQuotingChecker quoting, ObjectCodec codec,
                Writer out, DumperOptions.Version version) throws IOException {
            super(context, features, yamlFeatures, quoting, codec, out, version);
        }

        @Override
        public void writeString(String text) throws IOException {
            if (text == null) {
                writeNull();
                return;
            }
            requireWellFormed(text);
            _verifyValueWrite("write String value");
            _writeScalar(text, "string",
                    isPlainValue(text) ? DumperOptions.ScalarStyle.PLAIN : DumperOptions.ScalarStyle.DOUBLE_QUOTED);
        }

        /**
         * Starts a list, on one line ({@code [tcp, udp]}) when {@code flow}. Jackson has no
         * per-list style, but reads the default style of its own dumper options at each list.
         */
        void writeStartList(boolean flow) throws IOException {
            DumperOptions.FlowStyle saved = _outputOptions.getDefaultFlowStyle();
            _outputOptions.setDefaultFlowStyle(flow ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
            try {
                writeStartArray();
            } finally {
                _outputOptions.setDefaultFlowStyle(saved);
            }
        }

        /** A mapping key: a policy or define name, or a key of the format. */
        void writeKey(String name) throws IOException {
            requireWellFormed(name);
            writeFieldName(name);
        }

        private static void requireWellFormed(String text) {
            if (!WellFormedText.isWellFormed(text)) {
                throw new IllegalArgumentException("the AST holds a string with a lone UTF-16 surrogate, which YAML"
                        + " cannot write faithfully (no text read from a file has one)");
            }
        }

        /** An empty value, {@code key:} with nothing after it. */
        void writeNothing() throws IOException {
            _verifyValueWrite("write empty value");
            _writeScalar("", "string", DumperOptions.ScalarStyle.PLAIN);
        }
    }
}
