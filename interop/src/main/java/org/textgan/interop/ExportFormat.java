package org.textgan.interop;

/** What {@code textgan export} writes besides the manifest, the config and the vocabulary. */
public enum ExportFormat {
    /** The SameDiff graph ({@value ExportFiles#GENERATOR_GRAPH}) and the NumPy weights ({@value ExportFiles#GENERATOR_NPZ}). */
    ALL,
    /** The SameDiff graph only. */
    SAMEDIFF,
    /** The NumPy weights only. */
    NPZ;

    /** @return whether the SameDiff graph is written */
    public boolean sameDiff() {
        return this != NPZ;
    }

    /** @return whether the NumPy weights are written */
    public boolean npz() {
        return this != SAMEDIFF;
    }
}
