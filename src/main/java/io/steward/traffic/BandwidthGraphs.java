package io.steward.traffic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.SimpleDateFormat;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a traffic graph with JFreeChart: a PNG of {@link #WIDTH}×{@link #HEIGHT} pixels with a
 * title, a UTC time axis, a rate axis in bits per second scaled to the largest value (bit/s,
 * kbit/s, Mbit/s, Gbit/s) and the in and out series as the average rate of each bucket. Buckets
 * without traffic are drawn as zero, so gaps read as silence. Headless: no display is needed.
 */
final class BandwidthGraphs {
    static final int WIDTH = 700;
    static final int HEIGHT = 250;
    private static final String[] UNITS = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"};

    static {
        // Charts are drawn off-screen on a server; never look for a display.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    /** The PNG of one graph: {@code series} are bytes per bucket of {@code step} seconds in [from, to). */
    byte[] png(String title, int step, LocalDateTime from, LocalDateTime to, TreeMap<LocalDateTime, long[]> series) {
        double peak = 0;
        for (long[] v : series.values()) peak = Math.max(peak, Math.max(v[0], v[1]) * 8.0 / step);
        int unit = 0;
        while (unit < UNITS.length - 1 && peak >= Math.pow(1000, unit + 1)) unit++;
        double divisor = Math.pow(1000, unit);

        var in = new XYSeries("In", false, false);
        var out = new XYSeries("Out", false, false);
        for (LocalDateTime t = from; t.isBefore(to); t = t.plusSeconds(step)) {
            long[] v = series.getOrDefault(t, new long[2]);
            long ms = t.toInstant(ZoneOffset.UTC).toEpochMilli();
            in.add(ms, v[0] * 8.0 / step / divisor);
            out.add(ms, v[1] * 8.0 / step / divisor);
        }
        var data = new XYSeriesCollection();
        data.addSeries(in);
        data.addSeries(out);

        var time = new DateAxis("Time (UTC)");
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        var format = new SimpleDateFormat(step < TrafficStore.HOUR ? "HH:mm" : "MMM d");
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        time.setDateFormatOverride(format);
        time.setRange(new Date(from.toInstant(ZoneOffset.UTC).toEpochMilli()), new Date(to.toInstant(ZoneOffset.UTC).toEpochMilli()));
        var rate = new NumberAxis(UNITS[unit]);
        rate.setAutoRangeIncludesZero(true);
        if (peak == 0) rate.setRange(0, 1);

        var renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, new Color(0x2E7D32));
        renderer.setSeriesPaint(1, new Color(0x1565C0));
        renderer.setSeriesStroke(0, new BasicStroke(1.5f));
        renderer.setSeriesStroke(1, new BasicStroke(1.5f));
        var plot = new XYPlot(data, time, rate, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);

        var chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setTitle(new TextTitle(title, new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        var bytes = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(bytes, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Map<String, Integer> size() {
        return Map.of("width", WIDTH, "height", HEIGHT);
    }
}
