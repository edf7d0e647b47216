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

    @Test
    void clsPool_takesTheFirstTokenWhateverTheMask() {
        float[] hidden = {
            1, 2, // [CLS]
            3, 4,
            5, 6,
        };
        assertArrayEquals(new float[] {1, 2}, Pooling.clsPool(hidden, new long[] {1, 1, 0}, 2));
        assertArrayEquals(new float[] {1, 2}, Pooling.clsPool(hidden, new long[] {1, 1, 1}, 2));
    }

    @Test
    void clsPool_shapeMismatch_throws_andNoTokensGiveZeros() {
        assertThrows(IllegalArgumentException.class,
                () -> Pooling.clsPool(new float[] {1, 2, 3}, new long[] {1, 1}, 2));
        assertArrayEquals(new float[] {0, 0}, Pooling.clsPool(new float[0], new long[0], 2));
    }

    @Test
    void pool_modes_normaliseTheirOwnVector() {
        float[] hidden = {3, 4, 0, 10};
        long[] mask = {1, 1};
        assertArrayEquals(new float[] {0.6f, 0.8f}, Pooling.pool(Pooling.Mode.CLS, hidden, mask, 2), 1e-6f);
        // mean (1.5, 7) normalised
        double n = Math.hypot(1.5, 7);
        assertArrayEquals(new float[] {(float) (1.5 / n), (float) (7 / n)},
                Pooling.pool(Pooling.Mode.MEAN, hidden, mask, 2), 1e-6f);
        // MEAN is bit for bit what MiniLM's path always did
        assertArrayEquals(Pooling.l2Normalize(Pooling.meanPool(hidden, mask, 2)),
                Pooling.pool(Pooling.Mode.MEAN, hidden, mask, 2));
    }
}
