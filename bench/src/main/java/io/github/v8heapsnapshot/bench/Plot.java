package io.github.v8heapsnapshot.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

/**
 * Draws the seconds per million objects of the conversion, the command line and the JVM's
 * dump against the number of objects (medians per scale), as a PNG image.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class Plot {

	private static final int WIDTH = 900;

	private static final int HEIGHT = 560;

	private static final int LEFT = 90;

	private static final int RIGHT = 40;

	private static final int TOP = 60;

	private static final int BOTTOM = 70;

	private static final List<Series> SERIES = List.of(
			new Series("conversion in the dumped JVM", new Color(0x1f77b4), "java.convertWallSeconds"),
			new Series("command line, -Xmx64m", new Color(0xff7f0e), "cli.wallSeconds"),
			new Series("JVM dumpHeap (baseline)", new Color(0x2ca02c), "java.dumpWallSeconds"));

	private Plot() {
	}

	/**
	 * Writes the plot of a report.
	 * @param report the runs
	 * @param scales the numbers of items, in the order to plot
	 * @param file the PNG file
	 * @throws IOException if the file cannot be written
	 */
	static void write(Report report, List<Integer> scales, Path file) throws IOException {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, WIDTH, HEIGHT);
		List<double[]> objects = new ArrayList<>();
		double maxSeconds = 0;
		double minObjects = Double.MAX_VALUE;
		double maxObjects = 0;
		for (int items : scales) {
			double millions = report.summarize(items, figure((run) -> run.get("java.nodes") / 1e6)).median();
			minObjects = Math.min(minObjects, millions);
			maxObjects = Math.max(maxObjects, millions);
			double[] perMillion = new double[SERIES.size()];
			for (int i = 0; i < SERIES.size(); i++) {
				String name = SERIES.get(i).value();
				perMillion[i] = report.summarize(items, figure((run) -> run.get(name) / run.get("java.nodes") * 1e6))
					.median();
				maxSeconds = Math.max(maxSeconds, perMillion[i]);
			}
			objects.add(new double[] { millions, perMillion[0], perMillion[1], perMillion[2] });
		}
		Axes axes = new Axes(Math.log10(minObjects) - 0.2, Math.log10(maxObjects) + 0.2, niceCeiling(maxSeconds));
		axes.draw(g);
		for (int i = 0; i < SERIES.size(); i++) {
			Series series = SERIES.get(i);
			g.setColor(series.color());
			g.setStroke(new BasicStroke(2.5f));
			int previousX = -1;
			int previousY = -1;
			for (double[] point : objects) {
				int x = axes.x(point[0]);
				int y = axes.y(point[i + 1]);
				if (previousX >= 0) {
					g.drawLine(previousX, previousY, x, y);
				}
				g.fillOval(x - 5, y - 5, 10, 10);
				// One label row per series, so that close points stay readable
				g.drawString(String.format(Locale.ROOT, "%.2f", point[i + 1]), x + 8, y - 20 + 15 * i);
				previousX = x;
				previousY = y;
			}
			g.fillRect(WIDTH - RIGHT - 290, TOP + 12 + 22 * i, 18, 4);
			g.setColor(Color.DARK_GRAY);
			g.drawString(series.label(), WIDTH - RIGHT - 265, TOP + 18 + 22 * i);
		}
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	private static Figure figure(ToDoubleFunction<Measurement> value) {
		return new Figure("", "", value);
	}

	private static double niceCeiling(double value) {
		double step = Math.pow(10, Math.floor(Math.log10(value)));
		for (double multiple : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (multiple * step >= value) {
				return multiple * step;
			}
		}
		return 10 * step;
	}

	/**
	 * A line of the plot.
	 *
	 * @param label the legend
	 * @param color the color
	 * @param value the measured seconds
	 */
	private record Series(String label, Color color, String value) {
	}

	/**
	 * The axes: objects on a logarithmic scale, seconds per million objects from 0.
	 *
	 * @param minLog the decimal logarithm of the fewest millions of objects shown
	 * @param maxLog that of the most
	 * @param maxSeconds the top of the vertical axis
	 */
	private record Axes(double minLog, double maxLog, double maxSeconds) {

		int x(double millions) {
			return LEFT + (int) Math.round((Math.log10(millions) - this.minLog) / (this.maxLog - this.minLog)
					* (WIDTH - LEFT - RIGHT));
		}

		int y(double seconds) {
			return HEIGHT - BOTTOM - (int) Math.round(seconds / this.maxSeconds * (HEIGHT - TOP - BOTTOM));
		}

		void draw(Graphics2D g) {
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
			g.setColor(Color.LIGHT_GRAY);
			for (int tick = 0; tick <= 5; tick++) {
				int y = y(this.maxSeconds * tick / 5);
				g.drawLine(LEFT, y, WIDTH - RIGHT, y);
				g.drawString(Summary.format(this.maxSeconds * tick / 5), LEFT - 50, y + 5);
			}
			for (double decade = Math.pow(10, Math.floor(this.minLog)); decade <= Math.pow(10, this.maxLog); decade *= 10) {
				for (double multiple : new double[] { 1, 2, 5 }) {
					double millions = decade * multiple;
					double log = Math.log10(millions);
					if (log >= this.minLog && log <= this.maxLog) {
						int x = x(millions);
						g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
						String label = (millions < 1) ? Math.round(millions * 1000) + "k" : Math.round(millions) + "M";
						g.drawString(label, x - 12, HEIGHT - BOTTOM + 20);
					}
				}
			}
			g.setColor(Color.BLACK);
			g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
			g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
			g.drawString("Wall seconds per million objects (medians), against the objects in the heap", LEFT, 30);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
			g.drawString("objects in the heap (snapshot nodes), logarithmic", (WIDTH - 300) / 2, HEIGHT - 25);
			g.drawString("s / M objects", 10, TOP - 12);
		}

	}

}
