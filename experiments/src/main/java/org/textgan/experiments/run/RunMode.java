package org.textgan.experiments.run;

/** How to treat an existing run directory. */
public enum RunMode {
    /** Create a new run; refuse a directory that exists and is not empty. */
    CREATE,
    /** Continue the run in the directory from its last checkpoint. */
    RESUME,
    /** Delete whatever the directory holds and start over. */
    FORCE
}
