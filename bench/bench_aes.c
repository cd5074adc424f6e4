/*
 * bench_aes.c: AES-128 in CBC (encrypt and decrypt) and CTR on 16 KiB
 * messages, both of ours next to OpenSSL libcrypto's (through EVP, as
 * applications use it). libsodium has no AES-128, so it is not in this
 * section.
 *
 * Ours twice: "table" is crypto/aes.c, the classroom reference, and
 * "constant-time" is crypto/aes_ct.c, bitsliced, which the protocols use.
 * The three are measured in turns (speed_rates), so the two ratios come
 * from the same moments of a shared machine.
 *
 * Ours are the entries of speed/workloads.h (what `seetls speed`
 * measures); OpenSSL gets their message, key and IV. Keys are expanded
 * once, outside the timing; each call processes the whole message. Rates are MB/s (10^6 bytes per second). No target is set.
 * OpenSSL uses the CPU's AES instructions (AES-NI) where it has them, and
 * so does aes_ct.h's AES-128 (crypto/aes_x86.c, chosen by core/cpu.h): its
 * row names the path, "(aes-ni)" or "(portable)"; SEETLS_NO_ASM=1
 * measures the bitsliced code, which does two blocks per pass: CTR and CBC
 * decryption use both, CBC encryption (serial) only one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "bench/measure.h"
#include "bench/sections.h"
#include "core/cpu.h"

/* OpenSSL's side of a row: our state's message, key and IV (ours is
 * speed/workloads.h's), its context, its output. */
typedef struct {
    const speed_bulk *ours;
    uint8_t *out;
    EVP_CIPHER_CTX *ctx;
    const EVP_CIPHER *cipher;
    int encrypt;
} job;

/* OpenSSL without padding, so both sides do exactly MSG_LEN bytes. */
static void evp_openssl(void *arg)
{
    job *j = arg;
    const speed_bulk *s = j->ours;
    int n = 0;
    if (!EVP_CipherInit_ex(j->ctx, j->cipher, NULL, s->key, s->iv, j->encrypt) ||
        !EVP_CIPHER_CTX_set_padding(j->ctx, 0) ||
        !EVP_CipherUpdate(j->ctx, j->out, &n, s->msg, (int)s->len) ||
        n != (int)s->len)
        abort();
}

/* Ours (the entry's run on its state) and OpenSSL's must give the same
 * bytes before speed means anything. */
static void check_same(speed_id id, speed_bulk *ours, job *j)
{
    speed_workloads[id].run(ours);
    evp_openssl(j);
    if (memcmp(ours->out, j->out, ours->len) != 0) {
        fprintf(stderr, "bench: %s: ours and OpenSSL's disagree\n",
                speed_workloads[id].row);
        exit(1);
    }
}

/* Two rows, "<what>, table" and "<what>, ct (<path>)" (constant-time:
 * aes_ct.h), each against the same OpenSSL figure. */
static void aes_rows(speed_id table, speed_id ct, job *j, const char *openssl_name,
                     int encrypt, double seconds)
{
    speed_bulk *ours_table = bench_ours_start(table), *ours_ct = bench_ours_start(ct);
    j->cipher = EVP_CIPHER_fetch(NULL, openssl_name, NULL);
    j->out = malloc(ours_ct->len);
    if (j->out == NULL)
        abort();
    if (j->cipher == NULL) {
        fprintf(stderr, "bench: OpenSSL %s unavailable\n", openssl_name);
        exit(1);
    }
    j->encrypt = encrypt;
    j->ours = ours_table;
    check_same(table, ours_table, j);
    j->ours = ours_ct;
    check_same(ct, ours_ct, j);
    speed_fn *const fns[3] = {speed_workloads[table].run, speed_workloads[ct].run,
                              evp_openssl};
    void *const args[3] = {ours_table, ours_ct, j};
    double mb[3];
    speed_rates(3, fns, args, seconds, mb);
    for (int k = 0; k < 3; k++)
        mb[k] *= (double)ours_ct->len / 1e6;
    bench_row(speed_workloads[table].row, mb[0], mb[2], "MB/s", "OpenSSL", 0);
    char name[64];
    snprintf(name, sizeof name, "%s (%s)", speed_workloads[ct].row,
             cpu_path_name(CPU_AES));
    bench_row(name, mb[1], mb[2], "MB/s", "OpenSSL", 0);
    EVP_CIPHER_free((EVP_CIPHER *)j->cipher);
    free(j->out);
    bench_ours_stop(table, ours_table);
    bench_ours_stop(ct, ours_ct);
}

void bench_aes(double seconds)
{
    job j = {0};
    j.ctx = EVP_CIPHER_CTX_new();
    if (j.ctx == NULL)
        abort();

    bench_section("AES-128: CBC and CTR, 16 KiB messages (table and constant-time)");
    aes_rows(SPEED_CBC_ENCRYPT_TABLE, SPEED_CBC_ENCRYPT_CT, &j, "AES-128-CBC", 1, seconds);
    aes_rows(SPEED_CBC_DECRYPT_TABLE, SPEED_CBC_DECRYPT_CT, &j, "AES-128-CBC", 0, seconds);
    aes_rows(SPEED_CTR_TABLE, SPEED_CTR_CT, &j, "AES-128-CTR", 1, seconds);

    EVP_CIPHER_CTX_free(j.ctx);
}
