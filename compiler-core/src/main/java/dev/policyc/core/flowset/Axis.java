package dev.policyc.core.flowset;

/**
 * One ordered dimension of the flow universe: the unsigned integers {@code 0..max}, up to 128
 * bits wide. A key is handled as two longs (high, low) compared unsigned, so that IPv4, IPv6,
 * protocol numbers and ports share one interval algorithm.
 */
enum Axis {
    /** The four (family, direction) cells: {@code family.ordinal() * 2 + direction.ordinal()}. */
    SLOT(1, 0, 3),
    PROTOCOL(1, 0, 255),
    IPV4(1, 0, 0xFFFF_FFFFL),
    IPV6(2, -1L, -1L),
    /**
     * Ports 1-65535 stored as {@code port - 1}. Protocols without ports use the same axis but
     * only ever hold the empty or the full set: full means "the flow without a port".
     */
    PORT(1, 0, 65534);

    /** Longs stored per key: 1 for axes of at most 32 bits, 2 for 128-bit axes. */
    private final int width;
    private final long maxHi;
    private final long maxLo;

    Axis(int width, long maxHi, long maxLo) {
        this.width = width;
        this.maxHi = maxHi;
        this.maxLo = maxLo;
    }

    int width() {
        return width;
    }

    long maxHi() {
        return maxHi;
    }

    long maxLo() {
        return maxLo;
    }

    static int compare(long hiA, long loA, long hiB, long loB) {
        int c = Long.compareUnsigned(hiA, hiB);
        return c != 0 ? c : Long.compareUnsigned(loA, loB);
    }

    boolean isMax(long hi, long lo) {
        return hi == maxHi && lo == maxLo;
    }
}
