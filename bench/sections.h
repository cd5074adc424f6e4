/*
 * sections.h: the benchmark's sections, one per area, each in its own
 * bench_<area>.c, called in turn by main.c.
 *
 * build/bench is the only program besides the tests that links libsodium
 * and OpenSSL's libcrypto: as yardsticks, never as part of seetls. Each
 * section measures with measure.h and prints its own rows; `seconds` is
 * the measuring time of each figure.
 */
#ifndef SEETLS_BENCH_SECTIONS_H
#define SEETLS_BENCH_SECTIONS_H

/* argv[0] of build/bench: a section that runs the build's other
 * programs finds them beside it. */
extern const char *bench_program;

void bench_symmetric(double seconds);
void bench_aes(double seconds);
void bench_chacha20(double seconds);
void bench_pubkey(double seconds);
void bench_x25519(double seconds);
void bench_robot(double seconds);
void bench_robot_web(double seconds);
void bench_x509(double seconds);
void bench_tls(double seconds);
void bench_curve(double seconds);

/* OpenSSL's RSA-2048 sign rate alone (build/bench --openssl-rsa-sign S):
 * bench_pubkey runs it in a second process with a CPU feature masked. */
double bench_openssl_rsa_sign_rate(double seconds);
/* OpenSSL's handshakes per second alone in one suite (OpenSSL's name):
 * build/bench --openssl-ecdhe-handshake S (ECDHE-RSA-AES128-GCM-SHA256)
 * and --openssl-rsa-handshake S (AES128-SHA256), for the same reason. */
double bench_openssl_handshake_rate(const char *openssl_suite, double seconds);
/* OpenSSL's median ECDHE handshake over loopback TCP, in ms (build/bench
 * --openssl-ecdhe-loopback 0), for the same reason. */
double bench_openssl_ecdhe_loopback_ms(void);

#endif
