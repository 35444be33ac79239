package org.textgan.app.cli;

import java.io.PrintWriter;
import org.textgan.common.progress.ProgressBar;

/**
 * The {@code train} command's handle on the one progress bar ({@link ProgressBar#forSteps}); a thin adapter kept
 * only because {@code TrainCommand} is being rewritten elsewhere: new code uses {@link ProgressBar} directly.
 */
final class StepProgress {
    private final ProgressBar bar;

    StepProgress(PrintWriter err, boolean quiet, String phase) {
        this.bar = ProgressBar.forSteps(err, quiet, phase);
    }

    /** Updates the bar after {@code step} of {@code total}. */
    void update(long step, long total, String status) {
        bar.update(step, total, status);
    }

    /** Ends the bar's line. */
    void finish() {
        bar.finish();
    }
}
