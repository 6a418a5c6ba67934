package dev.policyc.core.ir;

/** The IP version of a flow or an address. */
public enum Family {
    IPV4(4, 32),
    IPV6(6, 128);

    private final int version;
    private final int bits;

    Family(int version, int bits) {
        this.version = version;
        this.bits = bits;
    }

    /** 4 or 6. */
    public int version() {
        return version;
    }

    /** Address width in bits. */
    public int bits() {
        return bits;
    }
}
