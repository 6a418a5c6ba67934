package dev.policyc.dsl.yaml;

import dev.policyc.core.diag.Suggestions;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Picks the known word a mistyped one most likely meant. */
final class DidYouMean {

    private DidYouMean() {}

    /**
     * The candidate closest to {@code typed} (ignoring case), if it is close enough to be a
     * plausible typo: at most a third of the longer word's letters differ, or the words share
     * their first three letters and at most half differ ({@code protocol} for {@code proto}).
     */
    static Optional<String> closest(String typed, Collection<String> candidates) {
        String word = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(word, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best == null || word.isEmpty()) {
            return Optional.empty();
        }
        int longer = Math.max(word.length(), best.length());
        boolean close = bestDistance <= Math.max(1, longer / 3);
        boolean sameStem = word.length() >= 3 && best.length() >= 3
                && word.regionMatches(true, 0, best, 0, 3) && bestDistance <= (longer + 1) / 2;
        return close || sameStem ? Optional.of(best) : Optional.empty();
    }

    /** Edits between two words: the one measure of the project, in core's {@link Suggestions}. */
    static int distance(String a, String b) {
        return Suggestions.distance(a, b);
    }
}
