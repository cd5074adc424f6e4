/*
 * measure.c: printing rows, and OpenSSL's figures from a second process,
 * for every bench section (the timing is speed/measure.c's).
 */
#include "bench/measure.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

void *bench_ours_start(speed_id id)
{
    void *state = speed_workloads[id].start(&speed_workloads[id]);
    if (state == NULL) {
        fprintf(stderr, "bench: %s: out of memory\n", speed_workloads[id].row);
        exit(1);
    }
    return state;
}

void bench_ours_stop(speed_id id, void *state)
{
    speed_workloads[id].stop(state);
}
