package dev.policyc.dsl.parse;

import dev.policyc.core.diag.Suggestions;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Did-you-mean suggestions for misspelt keywords. */
final class Spelling {

    private Spelling() {}

    /**
     * The candidate closest to {@code word}, if it is close enough to be a plausible typo: one
     * edit for words of up to four letters, two for longer ones. Ties go to the earlier candidate.
     */
    static Optional<String> closest(String word, Collection<String> candidates) {
        String lower = word.toLowerCase(Locale.ROOT);
        int allowed = lower.length() <= 4 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(lower, candidate);
            if (d > 0 && d <= allowed && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Edits between two words: the one measure of the project, in core's {@link Suggestions}. */
    static int distance(String a, String b) {
        return Suggestions.distance(a, b);
    }
}
