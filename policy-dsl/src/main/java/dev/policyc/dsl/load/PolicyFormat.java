package dev.policyc.dsl.load;

import java.util.Locale;

/** The two ways to write a policy file, told apart by the file name's extension. */
public enum PolicyFormat {
    DSL,
    YAML;

    /** {@code .yaml} and {@code .yml} files are YAML; everything else is the DSL. */
    public static PolicyFormat forFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") ? YAML : DSL;
    }
}
