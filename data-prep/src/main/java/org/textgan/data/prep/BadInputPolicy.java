package org.textgan.data.prep;

import org.textgan.common.EnumIds;

/** What to do with a binary file, or a line with malformed UTF-8 or a NUL byte ({@code --on-bad-input}). */
public enum BadInputPolicy {
    /** Stop with an error naming the file and byte offset (the default). */
    ERROR,
    /** Skip the bad line (or binary file), count it in the manifest and go on. */
    SKIP;

    /** @return the option value, e.g. {@code skip} */
    public String optionValue() {
        return EnumIds.id(this);
    }
}
