package org.textgan.experiments.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class SvgChartTest {

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    private static List<String> texts(Document d) {
        NodeList n = d.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            out.add(n.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void textIsTextAndPointsMapMonotonicallyIntoThePlot() throws Exception {
        String svg = SvgChart.of("NLL <test> & more", "step", "bits/char")
                .with(SvgChart.Series.of("gumbel tau=0.5", new double[] {0, 50, 100}, new double[] {3, 2, 1},
                        SvgChart.Style.LINE))
                .with(SvgChart.Series.of("reference", new double[] {0, 100}, new double[] {2.5, 2.5},
                        SvgChart.Style.DASHED))
                .render();
        Document d = parse(svg);
        List<String> t = texts(d);
        assertTrue(t.contains("NLL <test> & more"), "escaped title survives as text: " + t);
        assertTrue(t.contains("gumbel tau=0.5") && t.contains("reference") && t.contains("step"), t.toString());
        assertTrue(t.contains("0") && t.contains("40") && t.contains("100"), "x ticks: " + t);
        Element path = (Element) d.getElementsByTagName("path").item(0);
        String[] pts = path.getAttribute("d").replace("M", "").split(" L");
        assertEquals(3, pts.length);
        double prevX = -1;
        double prevY = -1;
        for (String p : pts) {
            double x = Double.parseDouble(p.split(",")[0]);
            double y = Double.parseDouble(p.split(",")[1]);
            assertTrue(x > prevX, "x increases left to right");
            assertTrue(prevY < 0 || y > prevY, "a falling value goes down the page (larger pixel y)");
            assertTrue(x >= 0 && x <= SvgChart.WIDTH && y >= 0 && y <= SvgChart.HEIGHT);
            prevX = x;
            prevY = y;
        }
        Element dashed = (Element) d.getElementsByTagName("path").item(1);
        assertEquals("8 6", dashed.getAttribute("stroke-dasharray"));
    }

    @Test
    void logAxisHasDecadeTicksAndSkipsNonPositiveValues() throws Exception {
        String svg = SvgChart.of("t", "tau", "v").withLog(true, true)
                .with(new SvgChart.Series("s", new double[] {0.1, 1, 10, 100}, new double[] {1e-3, 0, 1, 1e3},
                        new double[] {0, 0, 0.5, 0}, SvgChart.Style.LINE, null))
                .render();
        Document d = parse(svg);
        List<String> t = texts(d);
        assertTrue(t.contains("0.1") && t.contains("1") && t.contains("10") && t.contains("100"), t.toString());
        assertTrue(t.contains("tau (log scale)"));
        Element path = (Element) d.getElementsByTagName("path").item(0);
        assertEquals(3, path.getAttribute("d").split(" L").length, "the zero is left out on a log axis");
        assertEquals(4, d.getElementsByTagName("circle").getLength(),
                "markers for the 3 usable points plus the legend's");
    }

    @Test
    void tickLabels() {
        assertEquals("0.5", SvgChart.tick(0.5));
        assertEquals("2", SvgChart.tick(2.0));
        assertEquals("1e5", SvgChart.tick(1e5));
        assertEquals("1e-4", SvgChart.tick(1e-4));
    }
}
