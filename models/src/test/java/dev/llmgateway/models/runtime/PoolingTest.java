package dev.llmgateway.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PoolingTest {

    @Test
    void meanPool_maskedTokens_areIgnored() {
        float[] hidden = {
            1, 2,
            3, 4,
            100, 100, // padding row: must not count
        };
        float[] pooled = Pooling.meanPool(hidden, new long[] {1, 1, 0}, 2);
        assertArrayEquals(new float[] {2, 3}, pooled, 1e-6f);
    }

    @Test
    void meanPool_emptyMask_returnsZeros() {
        float[] pooled = Pooling.meanPool(new float[] {5, 6}, new long[] {0}, 2);
        assertArrayEquals(new float[] {0, 0}, pooled);
    }

    @Test
    void meanPool_shapeMismatch_throws() {
        assertThrows(IllegalArgumentException.class,
                () -> Pooling.meanPool(new float[] {1, 2, 3}, new long[] {1, 1}, 2));
    }

    @Test
    void l2Normalize_vector_hasUnitLength() {
        float[] v = Pooling.l2Normalize(new float[] {3, 4});
        assertArrayEquals(new float[] {0.6f, 0.8f}, v, 1e-6f);
    }

    @Test
    void l2Normalize_zeroVector_staysZeroNotNaN() {
        float[] v = Pooling.l2Normalize(new float[] {0, 0, 0});
        assertArrayEquals(new float[] {0, 0, 0}, v);
        assertEquals(0f, v[0]);
    }
}
