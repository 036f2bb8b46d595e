package dev.outdial.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small log-log line chart as SVG text, written by hand (no charting library): one line with
 * markers and error bars per series, decades on both axes, a legend.
 */
final class SvgPlot {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 400;
  private static final int LEFT = 90;
  private static final int RIGHT = 170;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;
  private static final String[] COLOURS = {"#1b7837", "#b2182b", "#2166ac", "#762a83", "#e08214"};

  record Point(double x, double y, double error) {}

  record Series(String name, List<Point> points) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();

  SvgPlot(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  SvgPlot add(Series s) {
    if (!s.points().isEmpty()) {
      series.add(s);
    }
    return this;
  }

  String render() {
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (Series s : series) {
      for (Point p : s.points()) {
        minX = Math.min(minX, p.x());
        maxX = Math.max(maxX, p.x());
        double err = Double.isNaN(p.error()) ? 0 : p.error();
        minY = Math.min(minY, Math.max(p.y() - err, p.y() / 10));
        maxY = Math.max(maxY, p.y() + err);
      }
    }
    if (series.isEmpty()) {
      minX = minY = 1;
      maxX = maxY = 10;
    }
    int x0 = (int) Math.floor(Math.log10(minX));
    int x1 = Math.max(x0 + 1, (int) Math.ceil(Math.log10(maxX)));
    int y0 = (int) Math.floor(Math.log10(minY));
    int y1 = Math.max(y0 + 1, (int) Math.ceil(Math.log10(maxY)));
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0"
                    + " %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT))
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    text(svg, WIDTH / 2.0, 22, "middle", 15, title);
    int plotRight = WIDTH - RIGHT;
    int plotBottom = HEIGHT - BOTTOM;
    for (int d = x0; d <= x1; d++) {
      double x = sx(d, x0, x1);
      line(svg, x, TOP, x, plotBottom, "#dddddd");
      text(svg, x, plotBottom + 18, "middle", 12, "10^" + d);
    }
    for (int d = y0; d <= y1; d++) {
      double y = sy(d, y0, y1);
      line(svg, LEFT, y, plotRight, y, "#dddddd");
      text(svg, LEFT - 8, y + 4, "end", 12, "10^" + d);
    }
    line(svg, LEFT, plotBottom, plotRight, plotBottom, "black");
    line(svg, LEFT, TOP, LEFT, plotBottom, "black");
    text(svg, (LEFT + plotRight) / 2.0, HEIGHT - 18, "middle", 13, xLabel);
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90"
                + " 18 %.1f)\">%s</text>\n",
            (TOP + plotBottom) / 2.0,
            (TOP + plotBottom) / 2.0,
            escape(yLabel)));
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      String colour = COLOURS[i % COLOURS.length];
      StringBuilder path = new StringBuilder();
      for (Point p : s.points()) {
        double x = sx(Math.log10(p.x()), x0, x1);
        double y = sy(Math.log10(p.y()), y0, y1);
        path.append(path.length() == 0 ? "M" : " L")
            .append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
        if (!Double.isNaN(p.error()) && p.error() > 0) {
          double lo = sy(Math.log10(Math.max(p.y() - p.error(), p.y() / 10)), y0, y1);
          double hi = sy(Math.log10(p.y() + p.error()), y0, y1);
          line(svg, x, lo, x, hi, colour);
          line(svg, x - 4, lo, x + 4, lo, colour);
          line(svg, x - 4, hi, x + 4, hi, colour);
        }
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>\n",
                x,
                y,
                colour));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n",
              path,
              colour));
      double ly = TOP + 10 + i * 22;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\""
                  + " stroke-width=\"2\"/>\n",
              plotRight + 15,
              ly,
              plotRight + 40,
              ly,
              colour));
      text(svg, plotRight + 46, ly + 4, "start", 12, s.name());
    }
    return svg.append("</svg>\n").toString();
  }

  private static double sx(double decade, int x0, int x1) {
    return LEFT + (decade - x0) / (x1 - x0) * (WIDTH - RIGHT - LEFT);
  }

  private static double sy(double decade, int y0, int y1) {
    return HEIGHT - BOTTOM - (decade - y0) / (y1 - y0) * (HEIGHT - BOTTOM - TOP);
  }

  private static void line(
      StringBuilder svg, double x1, double y1, double x2, double y2, String c) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
            x1,
            y1,
            x2,
            y2,
            c));
  }

  private static void text(
      StringBuilder svg, double x, double y, String anchor, int size, String s) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>\n",
            x,
            y,
            anchor,
            size,
            escape(s)));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
