/*
 * measure.c: timing calls and printing rows, for every bench section.
 *
 * Each figure is the best of BENCH_RUNS shorter runs, and figures that are
 * compared with each other are measured in turns (bench_rates), which
 * shrugs off the moments when a shared, noisy machine gives the CPU to
 * someone else.
 */
#include "bench/measure.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Calls per second over one run of at least `seconds`. The clock is read
 * once per batch, and the batch grows until it takes a millisecond or so,
 * so reading the clock costs nothing measurable even for tiny calls. */
static double one_run(void (*fn)(void *arg), void *arg, double seconds,
                      long *batch)
{
    long calls = 0;
    double start = bench_now(), elapsed = 0;
    while (elapsed < seconds) {
        double before = bench_now();
        for (long i = 0; i < *batch; i++)
            fn(arg);
        calls += *batch;
        double now = bench_now();
        if (now - before < 1e-3 && *batch < (1L << 30))
            *batch *= 2;
        elapsed = now - start;
    }
    return (double)calls / elapsed;
}

double bench_rate(void (*fn)(void *arg), void *arg, double seconds)
{
    long batch = 1;
    one_run(fn, arg, 0.02, &batch); /* warm-up: caches, clock, batch size */
    double best = 0;
    for (int i = 0; i < BENCH_RUNS; i++) {
        double rate = one_run(fn, arg, seconds / BENCH_RUNS, &batch);
        if (rate > best)
            best = rate;
    }
    return best;
}

void bench_rates(int n, bench_fn *const fns[], void *const args[],
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
    for (int i = 0; i < BENCH_RUNS; i++)
        for (int k = 0; k < n; k++) {
            double rate = one_run(fns[k], args[k], seconds / BENCH_RUNS,
                                  &batch[k]);
            if (rate > rates[k])
                rates[k] = rate;
        }
}

void bench_section(const char *title)
{
    printf("\n== %s ==\n", title);
    printf("  %-26s %14s   %-10s %14s   %8s\n", "", "seetls", "reference",
           "", "ours/ref");
}

static void print_target(double ratio, double target)
{
    if (target > 0)
        printf("   target >= %.2f: %s", target, ratio >= target ? "PASS" : "FAIL");
    putchar('\n');
}

double bench_row(const char *what, double ours, double theirs,
                 const char *unit, const char *reference, double target)
{
    double ratio = theirs > 0 ? ours / theirs : 0;
    printf("  %-26s %9.1f %-5s  %-10s %9.1f %-5s  %8.2f", what, ours, unit,
           reference, theirs, unit, ratio);
    print_target(ratio, target);
    fflush(stdout);
    return ratio;
}

double bench_row_time(const char *what, double ours_ms, double theirs_ms,
                      const char *reference, double target)
{
    double ratio = ours_ms > 0 ? theirs_ms / ours_ms : 0;
    printf("  %-26s %9.3f %-5s  %-10s %9.3f %-5s  %8.2f", what, ours_ms, "ms",
           reference, theirs_ms, "ms", ratio);
    print_target(ratio, target);
    fflush(stdout);
    return ratio;
}

double bench_child_figure_without_ifma(const char *mode, double seconds)
{
    char exe[PATH_MAX], cmd[PATH_MAX + 96];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0 || memchr(exe, '\'', (size_t)len) != NULL)
        return 0;
    exe[len] = '\0';
    snprintf(cmd, sizeof cmd, "'%s' %s %.3f", exe, mode, seconds);
    /* bit 21 of the CPUID leaf 7 word: AVX-512 IFMA */
    setenv("OPENSSL_ia32cap", ":~0x200000", 1);
    FILE *child = popen(cmd, "r");
    unsetenv("OPENSSL_ia32cap");
    double figure = 0;
    if (child == NULL)
        return 0;
    if (fscanf(child, "%lf", &figure) != 1)
        figure = 0;
    return pclose(child) == 0 ? figure : 0;
}

static int compare_figures(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void bench_sort(double *v, size_t n)
{
    qsort(v, n, sizeof *v, compare_figures);
}
