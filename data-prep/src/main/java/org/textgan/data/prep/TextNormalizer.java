package org.textgan.data.prep;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Unicode NFC, optional lower-casing ({@link Locale#ROOT}, then NFC again) and whitespace normalisation: every run
 * of whitespace or space separators (tab, newline, no-break space, line separator, ...) becomes one ASCII space,
 * and leading and trailing whitespace goes. Fast for the common case of text below U+0300, which is always NFC.
 */
public final class TextNormalizer {
    private final boolean lowercase;
    private final StringBuilder sb = new StringBuilder(256);

    /** @param lowercase whether to lower-case */
    public TextNormalizer(boolean lowercase) {
        this.lowercase = lowercase;
    }

    /** @return the normalised text (not thread-safe: one instance per thread) */
    public String normalize(String text) {
        String s = nfc(text);
        if (lowercase) {
            s = nfc(s.toLowerCase(Locale.ROOT));
        }
        return collapseWhitespace(s);
    }

    private static String nfc(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x300) {
                return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
            }
        }
        return s;
    }

    /** @return true for the characters folded into a single space */
    public static boolean isSpace(int cp) {
        return cp == ' ' || Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    private String collapseWhitespace(String s) {
        sb.setLength(0);
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp)) {
                pendingSpace = sb.length() > 0;
            } else {
                if (pendingSpace) {
                    sb.append(' ');
                    pendingSpace = false;
                }
                sb.appendCodePoint(cp);
            }
        }
        return s.contentEquals(sb) ? s : sb.toString();
    }
}
