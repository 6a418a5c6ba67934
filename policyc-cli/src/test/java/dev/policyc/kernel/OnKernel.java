package dev.policyc.kernel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a kernel property with the target it loads, so that {@link KernelAvailable} can skip it,
 * saying why, on a machine without that target's loader ({@code nft}, {@code iptables-restore}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface OnKernel {
    /** The backend id, as {@link KernelTarget#byId} knows it. */
    String value();
}
