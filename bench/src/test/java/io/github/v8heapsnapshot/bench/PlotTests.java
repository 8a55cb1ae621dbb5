package io.github.v8heapsnapshot.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Plot}.
 *
 * @author v8heapsnapshot developers
 */
class PlotTests {

	@TempDir
	Path directory;

	@Test
	void drawsOnePointPerScaleAndSeries() throws IOException {
		Report report = new Report();
		report.add(100_000, run(228_000, 0.77, 0.86, 0.049));
		report.add(1_000_000, run(2_120_000, 1.95, 2.26, 0.325));
		Path file = this.directory.resolve("plot.png");
		Plot.write(report, List.of(100_000, 1_000_000), file);
		BufferedImage image = ImageIO.read(Files.newInputStream(file));
		assertThat(image.getWidth()).isEqualTo(900);
		assertThat(image.getHeight()).isEqualTo(560);
	}

	private static Measurement run(double nodes, double convert, double cli, double dump) {
		return Measurement.empty()
			.with("java.nodes", nodes)
			.with("java.convertWallSeconds", convert)
			.with("cli.wallSeconds", cli)
			.with("java.dumpWallSeconds", dump);
	}

}
