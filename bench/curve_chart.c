/*
 * curve_chart.c: the throughput curve as SVG text (curve_chart.h).
 *
 * Coordinates are in SVG user units (pixels at 100%), y growing down. A
 * panel's plot area is mapped from data by x_of (log2 of the clients,
 * so 1, 2, 4, 16 and 64 sit at 0, 1, 2, 4 and 6 steps) and y_of (linear
 * from 0 to a round maximum).
 */
#include "bench/curve_chart.h"

#include <math.h>
#include <stdio.h>

#define WIDTH 980
#define HEIGHT 592
#define PANEL_WIDTH 450
#define PANEL_GAP 30
#define PLOT_LEFT 70    /* from the panel's left: room for the y labels */
#define PLOT_RIGHT 15
#define PLOT_TOP 112
#define PLOT_HEIGHT 290
#define CAPTION_TOP 480
#define CAPTION_STEP 18
#define Y_TICKS 5

#define OURS_COLOUR "#1f6fb4"
#define THEIRS_COLOUR "#d2452c"
#define GRID_COLOUR "#dddddd"
#define FONT "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\""

/* The plot area of one panel, and its y scale. */
typedef struct {
    double left, top, width, height;
    double y_max, y_step;
    int x_first, x_last;    /* the smallest and largest x (clients) */
} plot_area;

/* text, with XML's five special characters escaped */
static void put_escaped(FILE *out, const char *text)
{
    for (; *text != '\0'; text++) {
        switch (*text) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        default: fputc(*text, out);
        }
    }
}

/* <text> at (x, y); anchor "start", "middle" or "end"; extra attributes
 * (size, weight, a rotation) as given. */
static void put_text(FILE *out, double x, double y, const char *anchor,
                     const char *attributes, const char *text)
{
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s %s>", x, y,
            anchor, FONT, attributes);
    put_escaped(out, text);
    fputs("</text>\n", out);
}

static void put_line(FILE *out, double x1, double y1, double x2, double y2,
                     const char *colour, double width, const char *dash)
{
    fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                 "stroke=\"%s\" stroke-width=\"%.1f\"%s%s%s/>\n",
            x1, y1, x2, y2, colour, width, dash ? " stroke-dasharray=\"" : "",
            dash ? dash : "", dash ? "\"" : "");
}

/* A round step for about Y_TICKS ticks up to max: 1, 2, 2.5 or 5 times a
 * power of ten. */
static double round_step(double max)
{
    if (!(max > 0))
        return 1;
    double raw = max / Y_TICKS, power = pow(10, floor(log10(raw)));
    double m = raw / power;
    return power * (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10);
}

static double x_of(const plot_area *a, int clients)
{
    /* 12 units of margin each side, so no point sits on an axis */
    double span = log2(a->x_last) - log2(a->x_first);
    double t = span > 0 ? (log2(clients) - log2(a->x_first)) / span : 0.5;
    return a->left + 12 + t * (a->width - 24);
}

static double y_of(const plot_area *a, double value)
{
    return a->top + a->height - value / a->y_max * a->height;
}

static plot_area panel_area(const curve_chart *c, int i)
{
    plot_area a = { .left = PANEL_GAP + i * (PANEL_WIDTH + PANEL_GAP) + PLOT_LEFT,
                    .top = PLOT_TOP,
                    .width = PANEL_WIDTH - PLOT_LEFT - PLOT_RIGHT,
                    .height = PLOT_HEIGHT,
                    .x_first = c->clients[0],
                    .x_last = c->clients[CURVE_POINTS - 1] };
    double max = 0;
    for (int k = 0; k < CURVE_POINTS; k++) {
        max = fmax(max, c->panel[i].ours[k]);
        max = fmax(max, c->panel[i].theirs[k]);
    }
    a.y_step = round_step(max * 1.05);
    a.y_max = a.y_step * ceil(max * 1.05 / a.y_step);
    if (!(a.y_max > 0))
        a.y_max = a.y_step * Y_TICKS;
    return a;
}

/* The grid, the ticks and their labels, and the axes' names. */
static void put_axes(FILE *out, const curve_chart *c, const plot_area *a,
                     const curve_panel *p)
{
    char label[32];
    double bottom = a->top + a->height, right = a->left + a->width;
    for (double v = 0; v <= a->y_max * 1.0001; v += a->y_step) {
        double y = y_of(a, v);
        put_line(out, a->left, y, right, y, GRID_COLOUR, 1, NULL);
        snprintf(label, sizeof label, "%g", v);
        put_text(out, a->left - 8, y + 4, "end", "font-size=\"12\"", label);
    }
    for (int k = 0; k < CURVE_POINTS; k++) {
        double x = x_of(a, c->clients[k]);
        put_line(out, x, a->top, x, bottom, GRID_COLOUR, 1, NULL);
        snprintf(label, sizeof label, "%d", c->clients[k]);
        put_text(out, x, bottom + 18, "middle", "font-size=\"12\"", label);
    }
    put_line(out, a->left, bottom, right, bottom, "#333333", 1.2, NULL);
    put_line(out, a->left, a->top, a->left, bottom, "#333333", 1.2, NULL);
    put_text(out, a->left + a->width / 2, bottom + 42, "middle", "font-size=\"13\"",
             "concurrent clients (log scale)");
    double yx = a->left - PLOT_LEFT + 16, yy = a->top + a->height / 2;
    char rotate[96];
    snprintf(rotate, sizeof rotate, "font-size=\"13\" transform=\"rotate(-90 %.1f %.1f)\"",
             yx, yy);
    put_text(out, yx, yy, "middle", rotate, p->y_label);
    put_text(out, a->left + a->width / 2, a->top - 14, "middle",
             "font-size=\"15\" font-weight=\"bold\"", p->title);
}

/* One server's line: the polyline through its points, and a marker on
 * each (a circle for ours, a square for theirs). */
static void put_series(FILE *out, const curve_chart *c, const plot_area *a,
                       const double *values, const char *colour, int square)
{
    fprintf(out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" points=\"",
            colour);
    for (int k = 0; k < CURVE_POINTS; k++)
        fprintf(out, "%s%.1f,%.1f", k ? " " : "", x_of(a, c->clients[k]),
                y_of(a, values[k]));
    fputs("\"/>\n", out);
    for (int k = 0; k < CURVE_POINTS; k++) {
        double x = x_of(a, c->clients[k]), y = y_of(a, values[k]);
        if (square)
            fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\"/>\n",
                    x - 4, y - 4, colour);
        else
            fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"/>\n", x, y,
                    colour);
    }
}

/* The two names with their colours, centred under the title. */
static void put_legend(FILE *out, const curve_chart *c)
{
    double y = 60, x = WIDTH / 2.0 - 350;
    put_line(out, x, y - 4, x + 30, y - 4, OURS_COLOUR, 2.5, NULL);
    fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"/>\n", x + 15, y - 4,
            OURS_COLOUR);
    put_text(out, x + 38, y, "start", "font-size=\"13\"", c->ours_name);
    x += 370;
    put_line(out, x, y - 4, x + 30, y - 4, THEIRS_COLOUR, 2.5, NULL);
    fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\"/>\n",
            x + 11, y - 8, THEIRS_COLOUR);
    put_text(out, x + 38, y, "start", "font-size=\"13\"", c->theirs_name);
}

int curve_chart_write(const curve_chart *c, const char *path)
{
    FILE *out = fopen(path, "w");
    if (out == NULL)
        return -1;
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                 "viewBox=\"0 0 %d %d\">\n"
                 "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
            WIDTH, HEIGHT, WIDTH, HEIGHT);
    put_text(out, WIDTH / 2.0, 32, "middle", "font-size=\"19\" font-weight=\"bold\"",
             c->title);
    put_legend(out, c);
    for (int i = 0; i < 2; i++) {
        plot_area a = panel_area(c, i);
        put_axes(out, c, &a, &c->panel[i]);
        put_series(out, c, &a, c->panel[i].theirs, THEIRS_COLOUR, 1);
        put_series(out, c, &a, c->panel[i].ours, OURS_COLOUR, 0);
    }
    for (int i = 0; i < CURVE_CAPTION_LINES; i++)
        if (c->caption[i] != NULL)
            put_text(out, PANEL_GAP, CAPTION_TOP + i * CAPTION_STEP, "start",
                     "font-size=\"12.5\" fill=\"#333333\"", c->caption[i]);
    fputs("</svg>\n", out);
    return fclose(out) == 0 ? 0 : -1;
}
