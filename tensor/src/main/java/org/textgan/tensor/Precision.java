package org.textgan.tensor;

/** The floating-point precision of a {@link Mat}: single for training, double for gradient checks. */
public enum Precision {
    /** 32-bit IEEE floats, the training precision. */
    FLOAT32(4),
    /** 64-bit IEEE doubles, used by gradient checks. */
    FLOAT64(8);

    private final int bytes;

    Precision(int bytes) {
        this.bytes = bytes;
    }

    /** @return bytes per element */
    public int bytes() {
        return bytes;
    }

    /**
     * Parses {@code float32}/{@code float}/{@code f32} or {@code float64}/{@code double}/{@code f64}.
     *
     * @param name the name, case-insensitive
     * @return the precision
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Precision parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "float32", "float", "f32", "fp32" -> FLOAT32;
            case "float64", "double", "f64", "fp64" -> FLOAT64;
            default -> throw new IllegalArgumentException(
                    "unknown precision '" + name + "': use float32 or float64");
        };
    }
}
