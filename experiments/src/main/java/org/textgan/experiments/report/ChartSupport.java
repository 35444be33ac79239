package org.textgan.experiments.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** Common look of the report's XChart charts and their PNG encoding (headless). */
public final class ChartSupport {
    /** Width of a chart in pixels. */
    public static final int WIDTH = 900;
    /** Height of a chart in pixels. */
    public static final int HEIGHT = 480;

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22), new Color(0x7f7f7f),
        new Color(0x393b79), new Color(0xad494a),
    };

    private ChartSupport() {
    }

    /**
     * A new XY chart with the report's style; makes AWT headless if nothing decided otherwise.
     *
     * @param title title
     * @param xLabel x axis title
     * @param yLabel y axis title
     * @return the chart
     */
    public static XYChart xyChart(String title, String xLabel, String yLabel) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0xBBBBBB));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(new Color(0xDDDDDD));
        s.setSeriesColors(PALETTE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setAntiAlias(true);
        chart.getStyler().setPlotGridLinesColor(new Color(0xE6E6E6));
        chart.getStyler().setPlotGridLinesStroke(new BasicStroke(1f));
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        return chart;
    }

    /**
     * @param i series index
     * @return its palette colour
     */
    public static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /**
     * Encodes a chart as PNG.
     *
     * @param chart the chart
     * @return PNG bytes
     */
    public static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
