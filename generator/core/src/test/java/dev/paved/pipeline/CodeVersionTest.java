package dev.paved.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * The caches' code identity is computed, not made up: a value that changed with every run (as when computing it
 * failed) would make every build miss every cache entry without any test of one JVM noticing.
 */
class CodeVersionTest {

    @Test
    void theIdentityIsTheSameEachTimeItIsComputed() {
        assertFalse(CodeVersion.CURRENT.startsWith("unknown"), CodeVersion.CURRENT);
        assertEquals(CodeVersion.CURRENT, CodeVersion.identify());
    }
}
