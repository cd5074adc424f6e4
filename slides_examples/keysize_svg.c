/*
 * keysize_svg.c: the "why big keys" chart as a stand-alone SVG file.
 *
 * Two panels share the vertical meaning (time to break one key, seconds,
 * log scale): on the left the measured points with their fitted lines,
 * on the right the same lines carried on to 2048 bits, with "1 year" and
 * "age of the universe" marked.
 */
#include <math.h>
#include <stdio.h>

#include "slides_examples/keysize.h"

#define WIDTH 1000
#define HEIGHT 640

static const char *const COLOURS[] = { "#1f5fa8", "#c0392b" };

/* A plotting area: data x in [xmin, xmax], log10(seconds) in
 * [ymin, ymax]. */
typedef struct {
    double left, top, width, height;
    double xmin, xmax, ymin, ymax;
} panel;

static double px(const panel *p, double x)
{
    return p->left + (x - p->xmin) / (p->xmax - p->xmin) * p->width;
}

static double py(const panel *p, double log10_s)
{
    return p->top + p->height -
           (log10_s - p->ymin) / (p->ymax - p->ymin) * p->height;
}

/* "1 s", "1 ms", or 10^k s with a raised exponent. */
static void time_label(FILE *f, double x, double y, int decade)
{
    static const char *const named[] = { "1 \xc2\xb5s", "", "", "1 ms", "",
                                         "", "1 s" };
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
               "font-size=\"12\">", x, y + 4);
    if (decade >= -6 && decade <= 0 && named[decade + 6][0] != '\0')
        fprintf(f, "%s", named[decade + 6]);
    else
        fprintf(f, "10<tspan dy=\"-5\" font-size=\"9\">%d</tspan>"
                   "<tspan dx=\"3\" dy=\"5\">s</tspan>", decade);
    fprintf(f, "</text>\n");
}

static void axes(FILE *f, const panel *p, double xstep, int ystep,
                 const char *title, const char *xlabel)
{
    fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
               "fill=\"white\" stroke=\"#444\"/>\n", p->left, p->top,
            p->width, p->height);
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
               "font-size=\"15\" font-weight=\"bold\">%s</text>\n",
            p->left + p->width / 2, p->top - 12, title);
    for (double x = ceil(p->xmin / xstep) * xstep; x <= p->xmax + 1e-9;
         x += xstep) {
        fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                   "stroke=\"#ddd\"/>\n", px(p, x), p->top, px(p, x),
                p->top + p->height);
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                   "font-size=\"12\">%.0f</text>\n", px(p, x),
                p->top + p->height + 16, x);
    }
    for (int d = (int)ceil(p->ymin); d <= (int)floor(p->ymax); d++) {
        if (d % ystep != 0)
            continue;
        fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                   "stroke=\"#ddd\"/>\n", p->left, py(p, d),
                p->left + p->width, py(p, d));
        time_label(f, p->left - 6, py(p, d), d);
    }
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
               "font-size=\"13\">%s</text>\n", p->left + p->width / 2,
            p->top + p->height + 36, xlabel);
    fprintf(f, "<text transform=\"translate(%.1f %.1f) rotate(-90)\" "
               "text-anchor=\"middle\" font-size=\"13\">time to break one "
               "key (seconds, log scale)</text>\n", p->left - 58,
            p->top + p->height / 2);
}

/* A horizontal reference line, labelled above the line (or, below = 1,
 * under it), at its right end (or, at_left = 1, its left end). */
static void reference(FILE *f, const panel *p, double log10_s,
                      const char *label, int below, int at_left)
{
    if (log10_s < p->ymin || log10_s > p->ymax)
        return;
    fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
               "stroke=\"#777\" stroke-dasharray=\"6 4\"/>\n", p->left,
            py(p, log10_s), p->left + p->width, py(p, log10_s));
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
               "text-anchor=\"%s\" fill=\"#555\">%s</text>\n",
            at_left ? p->left + 6 : p->left + p->width - 6,
            py(p, log10_s) + (below ? 14 : -4), at_left ? "start" : "end",
            label);
}

static double fit_log10(const keysize_curve *c, double bits)
{
    return (c->intercept + c->slope * bits) * log10(2.0);
}

static void fit_line(FILE *f, const panel *p, const keysize_curve *c,
                     const char *colour, double from, double to)
{
    fprintf(f, "<line class=\"fit\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
               "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>\n",
            px(p, from), py(p, fit_log10(c, from)), px(p, to),
            py(p, fit_log10(c, to)), colour);
}

static void measured_points(FILE *f, const panel *p, const keysize_curve *c,
                            const char *colour, double radius, int tagged)
{
    for (size_t i = 0; i < c->count; i++) {
        const keysize_point *pt = &c->points[i];
        if (pt->seconds <= 0)
            continue;
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"",
                px(p, pt->bits), py(p, log10(pt->seconds)), radius, colour);
        if (tagged)
            fprintf(f, " class=\"measured\" data-curve=\"%s\" "
                       "data-bits=\"%u\" data-seconds=\"%.6g\"", c->label,
                    pt->bits, pt->seconds);
        fprintf(f, "/>\n");
    }
}

/* "RSA at 2048 bits: 10^k years" for curve number row, in its colour, in the
 * right panel's top left corner, one line a curve. That corner is empty:
 * every fitted line starts at the bottom left and rises to the right. At
 * the lines' ends a label ran past the frame (text-anchor "end" with
 * raised tspans), and a steep line crossed a flatter one's label.
 * test_slides checks that x plus a bound on the text's width (0.62 em a
 * character) stays inside the frame. */
static void years_at_2048(FILE *f, const panel *p, const keysize_curve *c,
                          const char *colour, size_t row)
{
    char exponent[16];
    snprintf(exponent, sizeof exponent, "%.0f",
             c->log10_seconds_2048 - log10(KEYSIZE_SECONDS_PER_YEAR));
    fprintf(f, "<text class=\"at-2048\" x=\"%.1f\" y=\"%.1f\" "
               "font-size=\"13\" fill=\"%s\" font-weight=\"bold\">%s at "
               "2048 bits: 10<tspan dy=\"-5\" font-size=\"10\">%s</tspan>"
               "<tspan dx=\"3\" dy=\"5\">years</tspan></text>\n",
            p->left + 10, p->top + 24 + 20.0 * (double)row, colour,
            c->kind == KEYSIZE_FACTOR ? "RSA" : "Diffie-Hellman", exponent);
}

see_status keysize_write_svg(const char *path, const keysize_curve *curves,
                             size_t count)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return SEE_ERR_ARGUMENT;

    /* Ranges: the left panel fits the measurements, the right one the
     * extrapolations. */
    double max_bits = 0, lo = 0, hi = -12, top_2048 = 0;
    for (size_t i = 0; i < count; i++) {
        for (size_t j = 0; j < curves[i].count; j++) {
            const keysize_point *pt = &curves[i].points[j];
            max_bits = pt->bits > max_bits ? pt->bits : max_bits;
            if (pt->seconds > 0) {
                lo = fmin(lo, log10(pt->seconds));
                hi = fmax(hi, log10(pt->seconds));
            }
        }
        top_2048 = fmax(top_2048, curves[i].log10_seconds_2048);
    }
    panel left = { 90, 70, 370, 400, 0, ceil((max_bits + 4) / 16) * 16,
                   floor(lo) - 1, ceil(hi) + 1 };
    panel right = { 590, 70, 370, 400, 0, 2048, -6,
                    fmax(50, ceil(top_2048 / 50) * 50) };

    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
               "height=\"%d\" viewBox=\"0 0 %d %d\" "
               "font-family=\"Helvetica, Arial, sans-serif\">\n",
            WIDTH, HEIGHT, WIDTH, HEIGHT);
    fprintf(f, "<title>Why big keys: time to break RSA and Diffie-Hellman "
               "by Pollard's rho</title>\n"
               "<rect width=\"100%%\" height=\"100%%\" fill=\"#fafafa\"/>\n"
               "<text x=\"%d\" y=\"30\" text-anchor=\"middle\" "
               "font-size=\"19\" font-weight=\"bold\">Why big keys: time to "
               "break one key by Pollard's rho, by key size</text>\n",
            WIDTH / 2);

    axes(f, &left, 16, 1, "Measured on this machine",
         "size of N (factoring) or of p (discrete log), bits");
    reference(f, &left, 0, "1 second", 0, 1);
    for (size_t i = 0; i < count; i++) {
        const keysize_curve *c = &curves[i];
        if (c->count == 0)
            continue;
        fit_line(f, &left, c, COLOURS[i % 2], c->points[0].bits,
                 c->points[c->count - 1].bits);
        measured_points(f, &left, c, COLOURS[i % 2], 4, 1);
    }

    axes(f, &right, 512, 50, "The fitted lines carried on to 2048 bits",
         "size of N or p, bits");
    reference(f, &right, log10(KEYSIZE_SECONDS_PER_YEAR), "1 year", 1, 0);
    reference(f, &right,
              log10(KEYSIZE_SECONDS_PER_YEAR * KEYSIZE_UNIVERSE_YEARS),
              "age of the universe", 0, 0);
    for (size_t i = 0; i < count; i++) {
        const keysize_curve *c = &curves[i];
        fit_line(f, &right, c, COLOURS[i % 2], 16, 2048);
        measured_points(f, &right, c, COLOURS[i % 2], 2.5, 0);
        years_at_2048(f, &right, c, COLOURS[i % 2], i);
    }

    /* Legend and note, under the panels. */
    for (size_t i = 0; i < count; i++) {
        double y = 528 + 20.0 * (double)i;
        const keysize_curve *c = &curves[i];
        fprintf(f, "<circle cx=\"100\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>\n"
                   "<text x=\"112\" y=\"%.1f\" font-size=\"13\">%s: "
                   "%s: time ~ 2<tspan dy=\"-5\" font-size=\"9\">%.3f "
                   "bits</tspan><tspan dx=\"3\" dy=\"5\">measured, 2</tspan>"
                   "<tspan dy=\"-5\" font-size=\"9\">%.2f bits</tspan>"
                   "<tspan dx=\"3\" dy=\"5\">in theory</tspan></text>\n", y,
                COLOURS[i % 2], y + 4,
                c->kind == KEYSIZE_FACTOR ? "RSA" : "Diffie-Hellman",
                c->kind == KEYSIZE_FACTOR
                    ? "factoring a random N = p * q"
                    : "discrete logarithm in a safe-prime group",
                c->slope, c->theory_slope);
    }
    fprintf(f, "<text x=\"90\" y=\"590\" font-size=\"13\" fill=\"#333\">"
               "Real attacks use the number field sieve, far faster than "
               "rho: RSA-250 (829 bits) took about 2,700 core-years in "
               "2020.</text>\n"
               "<text x=\"90\" y=\"610\" font-size=\"13\" fill=\"#333\">"
               "Even so, 2048 bits is still far out of reach.</text>\n");
    fprintf(f, "</svg>\n");
    int failed = ferror(f);
    failed |= fclose(f) != 0;
    return failed ? SEE_ERR_ARGUMENT : SEE_OK;
}
