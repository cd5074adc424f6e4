/*
 * keysize.h: the measurements behind the "why big keys" chart, shared by
 * ex_keysize.c (which measures) and keysize_svg.c (which draws).
 */
#ifndef SEETLS_SLIDES_KEYSIZE_H
#define SEETLS_SLIDES_KEYSIZE_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

#define KEYSIZE_MAX_POINTS 64
#define KEYSIZE_SECONDS_PER_YEAR 31557600.0 /* a Julian year */
#define KEYSIZE_UNIVERSE_YEARS 1.38e10

typedef enum { KEYSIZE_FACTOR, KEYSIZE_DLOG } keysize_curve_kind;

typedef struct {
    unsigned bits;      /* size of N, or of p */
    double seconds;     /* mean time to break one instance */
    uint64_t steps;     /* mean rho steps */
    unsigned trials;    /* instances averaged */
    int unfinished;     /* the step budget ran out */
} keysize_point;

typedef struct {
    keysize_curve_kind kind;
    const char *label;
    double theory_slope;        /* expected b in log2(t) = a + b * bits */
    keysize_point points[KEYSIZE_MAX_POINTS];
    size_t count;
    double slope, intercept;    /* the fit: log2(seconds) = a + b * bits */
    double log10_seconds_2048;  /* the fit at 2048 bits */
} keysize_curve;

/* The chart as SVG: measured points and fits on the left, the fits
 * extrapolated to 2048 bits on the right, both with time on a log scale.
 * SEE_ERR_ARGUMENT if the file cannot be written. */
see_status keysize_write_svg(const char *path, const keysize_curve *curves,
                             size_t count);

#endif
