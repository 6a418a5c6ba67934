package dev.policyc.backend.iptables;

import java.util.HashSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads {@code ipset save} output and the target's set files alike, for comparing them in tests. */
final class IpsetText {

    private IpsetText() {}

    /**
     * The sets of {@code text} by name, each as {@code family inet} or {@code family inet6} and its
     * elements; comments and the options that are not the family are left out.
     */
    static SortedMap<String, Set<String>> sets(String text) {
        SortedMap<String, Set<String>> sets = new TreeMap<>();
        for (String line : text.lines().toList()) {
            String[] words = line.split(" ");
            if (words[0].equals("create")) {
                Set<String> set = new HashSet<>();
                for (int i = 3; i + 1 < words.length; i++) {
                    if (words[i].equals("family")) {
                        set.add("family " + words[i + 1]);
                    }
                }
                if (sets.put(words[1], set) != null) {
                    throw new AssertionError("set " + words[1] + " twice in:\n" + text);
                }
            } else if (words[0].equals("add")) {
                sets.get(words[1]).add(words[2]);
            }
        }
        return sets;
    }
}
