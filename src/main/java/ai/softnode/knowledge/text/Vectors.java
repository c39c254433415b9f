package ai.softnode.knowledge.text;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Embedding vectors as stored: little-endian float32, scaled to unit length so a dot product is the cosine. */
public final class Vectors {

	private Vectors() {
	}

	public static byte[] toBytes(float[] vector) {
		var buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		buffer.asFloatBuffer().put(vector);
		return buffer.array();
	}

	/** Reads a stored vector into {@code target} at {@code offset}. */
	public static void read(byte[] bytes, float[] target, int offset) {
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(target, offset, bytes.length / Float.BYTES);
	}

	public static float[] normalize(float[] vector) {
		double sum = 0;
		for (var v : vector) {
			sum += v * v;
		}
		var norm = (float) Math.sqrt(sum);
		if (norm == 0) {
			return vector;
		}
		var out = new float[vector.length];
		for (int i = 0; i < vector.length; i++) {
			out[i] = vector[i] / norm;
		}
		return out;
	}

	/** The dot product of {@code query} with the vector stored at {@code offset} of {@code matrix}. */
	public static float dot(float[] query, float[] matrix, int offset) {
		float s0 = 0;
		float s1 = 0;
		float s2 = 0;
		float s3 = 0;
		int n = query.length;
		int i = 0;
		for (; i + 3 < n; i += 4) {
			s0 += query[i] * matrix[offset + i];
			s1 += query[i + 1] * matrix[offset + i + 1];
			s2 += query[i + 2] * matrix[offset + i + 2];
			s3 += query[i + 3] * matrix[offset + i + 3];
		}
		for (; i < n; i++) {
			s0 += query[i] * matrix[offset + i];
		}
		return s0 + s1 + s2 + s3;
	}

}
