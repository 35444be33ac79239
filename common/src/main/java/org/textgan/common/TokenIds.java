package org.textgan.common;

/**
 * The reserved token ids of every textgan dataset and model, the one definition that data-prep's vocabulary, the
 * generator and the discriminators share: {@link #PAD}=0, {@link #BOS}=1, {@link #EOS}=2, {@link #UNK}=3, then the
 * symbols from {@link #FIRST_SYMBOL} on.
 */
public final class TokenIds {
    /** Padding id, masked out of every loss. */
    public static final int PAD = 0;
    /** Beginning-of-sequence id, the first input of every sequence. */
    public static final int BOS = 1;
    /** End-of-sequence id, the last target of every sequence. */
    public static final int EOS = 2;
    /** Unknown-symbol id. */
    public static final int UNK = 3;
    /** The first id of a real symbol (a character, or an oracle symbol). */
    public static final int FIRST_SYMBOL = 4;

    private TokenIds() {
    }
}
