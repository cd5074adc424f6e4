/*
 * measure.c: timing calls (speed/measure.h), for `seetls speed` and
 * build/bench.
 */
#include "speed/measure.h"

#include <stdlib.h>
#include <time.h>

double speed_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Calls per second over one run of at least `seconds`. The clock is read
 * once per batch, and the batch grows until it takes a millisecond or so,
 * so reading the clock costs nothing measurable even for tiny calls. */
static double one_run(speed_fn *fn, void *arg, double seconds, long *batch)
{
    long calls = 0;
    double start = speed_now(), elapsed = 0;
    while (elapsed < seconds) {
        double before = speed_now();
        for (long i = 0; i < *batch; i++)
            fn(arg);
        calls += *batch;
        double now = speed_now();
        if (now - before < 1e-3 && *batch < (1L << 30))
            *batch *= 2;
        elapsed = now - start;
    }
    return (double)calls / elapsed;
}

double speed_rate(speed_fn *fn, void *arg, double seconds)
{
    long batch = 1;
    one_run(fn, arg, 0.02, &batch); /* warm-up: caches, clock, batch size */
    double best = 0;
    for (int i = 0; i < SPEED_RUNS; i++) {
        double rate = one_run(fn, arg, seconds / SPEED_RUNS, &batch);
        if (rate > best)
            best = rate;
    }
    return best;
}

void speed_rates(int n, speed_fn *const fns[], void *const args[],
                 double seconds, double rates[])
{
    enum { MAX_FNS = 8 };
    long batch[MAX_FNS];
    if (n > MAX_FNS)
        abort();
    for (int k = 0; k < n; k++) {
        batch[k] = 1;
        rates[k] = 0;
        one_run(fns[k], args[k], 0.02, &batch[k]); /* warm-up */
    }
    for (int i = 0; i < SPEED_RUNS; i++)
        for (int k = 0; k < n; k++) {
            double rate = one_run(fns[k], args[k], seconds / SPEED_RUNS,
                                  &batch[k]);
            if (rate > rates[k])
                rates[k] = rate;
        }
}

double speed_time_ms(speed_fn *fn, void *arg)
{
    double t0 = speed_now();
    fn(arg);
    return (speed_now() - t0) * 1e3;
}

static int compare_figures(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void speed_sort(double *v, size_t n)
{
    qsort(v, n, sizeof *v, compare_figures);
}
