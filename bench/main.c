/*
 * main.c: build/bench, our speed next to libsodium's and OpenSSL's.
 *
 *   build/bench [SECONDS]     (make bench)
 *   build/bench --openssl-rsa-sign SECONDS   one figure, for bench_pubkey
 *   build/bench --openssl-ecdhe-handshake SECONDS  one, for bench_tls
 *   build/bench --openssl-ecdhe-loopback 0   one, for bench_tls
 *
 * SECONDS is the measuring time of each figure (default 1). main is a
 * plain list of sections, one per area, each in bench_<area>.c
 * (sections.h); the measuring they share is measure.c.
 */
#include "bench/measure.h"
#include "bench/sections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    double seconds = 1.0;
    if (argc == 3 && strcmp(argv[1], "--openssl-rsa-sign") == 0) {
        printf("%.1f\n", bench_openssl_rsa_sign_rate(atof(argv[2])));
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--openssl-ecdhe-handshake") == 0) {
        printf("%.1f\n", bench_openssl_ecdhe_handshake_rate(atof(argv[2])));
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--openssl-ecdhe-loopback") == 0) {
        printf("%.4f\n", bench_openssl_ecdhe_loopback_ms());
        return 0;
    }
    if (argc > 1) {
        char *end;
        seconds = strtod(argv[1], &end);
        if (*end != '\0' || !(seconds > 0 && seconds <= 600)) {
            fprintf(stderr, "usage: bench [SECONDS per figure, default 1]\n");
            return 2;
        }
    }
    printf("seetls bench: each figure is the best of %d runs over %.2f s\n",
           BENCH_RUNS, seconds);

    bench_symmetric(seconds);
    bench_aes(seconds);
    bench_chacha20(seconds);
    bench_pubkey(seconds);
    bench_x25519(seconds);
    bench_robot(seconds);
    bench_x509(seconds);
    bench_tls(seconds);

    return 0;
}
