/*
 * main.c: build/bench, our speed next to libsodium's and OpenSSL's.
 *
 *   build/bench [SECONDS]     (make bench)
 *   build/bench --only SECTION [SECONDS]   one section, by its name below
 *   build/bench --openssl-rsa-sign SECONDS   one figure, for bench_pubkey
 *   build/bench --openssl-ecdhe-handshake SECONDS  one, for bench_tls
 *   build/bench --openssl-rsa-handshake SECONDS    one, for bench_tls
 *   build/bench --openssl-ecdhe-loopback 0   one, for bench_tls
 *
 * SECONDS is the measuring time of each figure (default 1). main runs a
 * plain list of sections, one per area, each in bench_<area>.c
 * (sections.h), named by its area; the measuring they share is
 * measure.c.
 */
#include "bench/measure.h"
#include "bench/sections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *bench_program = "build/bench";

static const struct {
    const char *name;
    void (*run)(double seconds);
} sections[] = {
    {"symmetric", bench_symmetric},
    {"aes", bench_aes},
    {"chacha20", bench_chacha20},
    {"pubkey", bench_pubkey},
    {"x25519", bench_x25519},
    {"robot", bench_robot},
    {"robot_web", bench_robot_web},
    {"x509", bench_x509},
    {"tls", bench_tls},
    {"curve", bench_curve},
};
#define SECTION_COUNT (sizeof sections / sizeof sections[0])

static int usage(void)
{
    fprintf(stderr, "usage: bench [--only SECTION] [SECONDS per figure, default 1]\n"
                    "sections:");
    for (size_t i = 0; i < SECTION_COUNT; i++)
        fprintf(stderr, " %s", sections[i].name);
    fprintf(stderr, "\n");
    return 2;
}

/* The section named name, or -1. */
static int section_named(const char *name)
{
    for (size_t i = 0; i < SECTION_COUNT; i++)
        if (strcmp(sections[i].name, name) == 0)
            return (int)i;
    return -1;
}

int main(int argc, char **argv)
{
    double seconds = 1.0;
    int only = -1;
    if (argc > 0)
        bench_program = argv[0];
    if (argc == 3 && strcmp(argv[1], "--openssl-rsa-sign") == 0) {
        printf("%.1f\n", bench_openssl_rsa_sign_rate(atof(argv[2])));
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--openssl-ecdhe-handshake") == 0) {
        printf("%.1f\n", bench_openssl_handshake_rate("ECDHE-RSA-AES128-GCM-SHA256",
                                                      atof(argv[2])));
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--openssl-rsa-handshake") == 0) {
        printf("%.1f\n", bench_openssl_handshake_rate("AES128-SHA256", atof(argv[2])));
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--openssl-ecdhe-loopback") == 0) {
        printf("%.4f\n", bench_openssl_ecdhe_loopback_ms());
        return 0;
    }
    int arg = 1;
    if (argc > 2 && strcmp(argv[1], "--only") == 0) {
        only = section_named(argv[2]);
        if (only < 0)
            return usage();
        arg = 3;
    }
    if (argc > arg + 1)
        return usage();
    if (argc == arg + 1) {
        char *end;
        seconds = strtod(argv[arg], &end);
        if (*end != '\0' || !(seconds > 0 && seconds <= 600))
            return usage();
    }
    printf("seetls bench: each figure is the best of %d runs over %.2f s\n",
           SPEED_RUNS, seconds);

    for (size_t i = 0; i < SECTION_COUNT; i++)
        if (only < 0 || (size_t)only == i)
            sections[i].run(seconds);

    return 0;
}
