package org.textgan.experiments.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab writes its table and one bias and one variance plot per problem next to it, as well-formed SVG charts. */
class EstimatorPlotsTest {

    @Test
    void runAndWriteProducesTableAndReadablePlots(@TempDir Path dir) throws Exception {
        EstimatorLabConfig config = EstimatorLabConfig.defaults().withDraws(300, 50).withTaus(List.of(0.5, 1.0, 2.0));
        EstimatorTable table = new EstimatorLab(config).runAndWrite(dir, true);
        assertEquals(config.problems().size(), table.rows().stream().map(EstimatorResult::problem).distinct().count());
        Set<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(Set.of("estimators.csv", "estimators.json",
                "estimators-categorical-k5-bias.svg", "estimators-categorical-k5-log10_variance.svg",
                "estimators-sequence-v3-l2-bias.svg", "estimators-sequence-v3-l2-log10_variance.svg"), names);
        for (String n : names) {
            if (n.endsWith(".svg")) {
                Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(n).toFile());
                assertNotNull(svg, n);
                assertEquals("svg", svg.getDocumentElement().getTagName(), n);
                String text = svg.getDocumentElement().getTextContent();
                assertTrue(text.contains("against tau") && text.contains("reinforce"), n + ": title and legend as text");
                assertTrue(svg.getElementsByTagName("path").getLength() >= 2, n + ": series drawn");
            }
        }
    }
}
