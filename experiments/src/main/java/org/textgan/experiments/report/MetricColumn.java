package org.textgan.experiments.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A metric column of {@code results.csv} as shown in the report.
 *
 * @param name the column name
 * @param label the heading
 * @param lowerIsBetter whether lower values are better
 */
public record MetricColumn(String name, String label, boolean lowerIsBetter) {

    /** @return the table's candidate columns in display order (only those with data are shown) */
    public static List<MetricColumn> tableColumns() {
        List<MetricColumn> cols = new ArrayList<>();
        cols.add(new MetricColumn("nll_valid", "NLL-valid (bits/char)", true));
        cols.add(new MetricColumn("nll_test", "NLL-test (bits/char)", true));
        for (int n = 2; n <= 5; n++) {
            cols.add(new MetricColumn("bleu" + n, "BLEU-" + n, false));
        }
        for (int n = 2; n <= 5; n++) {
            cols.add(new MetricColumn("self_bleu" + n, "Self-BLEU-" + n, true));
        }
        cols.add(new MetricColumn("nll_oracle", "NLL-oracle (bits/symbol)", true));
        cols.add(new MetricColumn("nll_oracle_nats", "NLL-oracle (nats/symbol)", true));
        cols.add(new MetricColumn("lm_score", "LM score (nats)", true));
        cols.add(new MetricColumn("reverse_lm_score", "Reverse LM score (nats)", true));
        cols.add(new MetricColumn("sec_per_step", "s/step", true));
        return cols;
    }

    /** @return the label with an arrow saying which direction is better */
    public String labelWithDirection() {
        return label + (lowerIsBetter ? " \u2193" : " \u2191");
    }
}
