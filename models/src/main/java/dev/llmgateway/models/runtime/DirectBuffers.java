package dev.llmgateway.models.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/** Native-order direct buffers, which ONNX Runtime reads in place instead of copying. */
final class DirectBuffers {

    private DirectBuffers() {
    }

    static FloatBuffer floats(int capacity) {
        return ByteBuffer.allocateDirect(Float.BYTES * capacity).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    static LongBuffer longs(int capacity) {
        return ByteBuffer.allocateDirect(Long.BYTES * capacity).order(ByteOrder.nativeOrder()).asLongBuffer();
    }
}
