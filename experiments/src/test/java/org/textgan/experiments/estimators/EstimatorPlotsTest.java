package org.textgan.experiments.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab writes its table and one bias and one variance plot per problem next to it, as readable PNG images. */
class EstimatorPlotsTest {

    @Test
    void runAndWriteProducesTableAndReadablePlots(@TempDir Path dir) throws IOException {
        EstimatorLabConfig config = EstimatorLabConfig.defaults().withDraws(300, 50).withTaus(List.of(0.5, 1.0, 2.0));
        EstimatorTable table = new EstimatorLab(config).runAndWrite(dir, true);
        assertEquals(config.problems().size(), table.rows().stream().map(EstimatorResult::problem).distinct().count());
        Set<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(Set.of("estimators.csv", "estimators.json",
                "estimators-categorical-k5-bias.png", "estimators-categorical-k5-log10_variance.png",
                "estimators-sequence-v3-l2-bias.png", "estimators-sequence-v3-l2-log10_variance.png"), names);
        for (String n : names) {
            if (n.endsWith(".png")) {
                BufferedImage image = ImageIO.read(dir.resolve(n).toFile());
                assertNotNull(image, n);
                assertTrue(image.getWidth() >= 400 && image.getHeight() >= 300, n);
            }
        }
    }
}
