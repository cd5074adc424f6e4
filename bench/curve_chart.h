/*
 * curve_chart.h: the throughput curve of bench_curve.c as an SVG chart,
 * written as plain text (no library): two panels side by side, each with
 * the number of clients on a log axis and one line per server, a title,
 * a legend and a caption of a few lines under them.
 *
 * The lines are the chart's only <polyline> elements, one per server and
 * panel, CURVE_POINTS points each (the smoke test counts them); legend
 * swatches and axes are <line>s.
 */
#ifndef SEETLS_BENCH_CURVE_CHART_H
#define SEETLS_BENCH_CURVE_CHART_H

#define CURVE_POINTS 5
#define CURVE_CAPTION_LINES 6

typedef struct {
    const char *title;              /* above the panel */
    const char *y_label;            /* the y axis, with its unit */
    double ours[CURVE_POINTS];      /* one figure per x */
    double theirs[CURVE_POINTS];
} curve_panel;

typedef struct {
    const char *title;
    const char *ours_name, *theirs_name;   /* the legend */
    int clients[CURVE_POINTS];             /* the x values, increasing, >= 1 */
    curve_panel panel[2];
    const char *caption[CURVE_CAPTION_LINES]; /* NULL: no line */
} curve_chart;

/* Write the chart to path as SVG (texts escaped for XML). 0, or -1 when
 * the file cannot be written. */
int curve_chart_write(const curve_chart *chart, const char *path);

#endif
