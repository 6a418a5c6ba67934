package dev.policyc.dsl.yaml;

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

    /** Edit distance counting insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
