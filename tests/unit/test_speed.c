/*
 * test_speed.c: the table that `seetls speed` and build/bench both time
 * (speed/workloads.h) and its timing (speed/measure.h): every entry sets
 * up, runs and lets go (under the sanitizers too, in make test-san), the
 * bulk entries give the bytes libsodium gives on their message and key,
 * the constant-time AES entries the table AES's, the records open what
 * they sealed; each row says "portable" when the portable code is forced
 * and its instructions' names when not.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/cpu.h"
#include "speed/measure.h"
#include "speed/workloads.h"
#include "tests/unit/harness.h"

static void test_table(void)
{
    for (size_t i = 0; i < SPEED_COUNT; i++) {
        const speed_workload *w = &speed_workloads[i];
        CU_ASSERT_PTR_NOT_NULL_FATAL(w->name);
        CU_ASSERT_PTR_NOT_NULL_FATAL(w->row);
        CU_ASSERT_TRUE(w->name[0] != '\0' && strchr(w->name, ' ') == NULL);
        CU_ASSERT_TRUE(w->start != NULL && w->run != NULL && w->stop != NULL);
        for (size_t k = 0; k < i; k++)
            CU_ASSERT_TRUE(strcmp(speed_workloads[k].row, w->row) != 0);
    }
}

/* Run entry id once on a new state; the state, for the caller's checks
 * (speed_workloads[id].stop it). */
static void *run_once(speed_id id)
{
    void *state = speed_workloads[id].start(&speed_workloads[id]);
    CU_ASSERT_PTR_NOT_NULL_FATAL(state);
    speed_workloads[id].run(state);
    return state;
}

static void stop(speed_id id, void *state)
{
    speed_workloads[id].stop(state);
}

static void test_every_entry_runs(void)
{
    for (size_t i = 0; i < SPEED_COUNT; i++)
        stop((speed_id)i, run_once((speed_id)i));
}

/* The hashes, MACs and ChaCha20-Poly1305 entries against libsodium on the
 * same message and key. */
static void test_bulk_bytes(void)
{
    CU_ASSERT_FATAL(sodium_init() >= 0);
    const speed_id sha[] = {SPEED_SHA256_64, SPEED_SHA256_1K, SPEED_SHA256_1M};
    uint8_t want[64];
    for (size_t i = 0; i < sizeof sha / sizeof sha[0]; i++) {
        speed_bulk *s = run_once(sha[i]);
        crypto_hash_sha256(want, s->msg, s->len);
        CU_ASSERT_EQUAL(memcmp(want, s->out, 32), 0);
        stop(sha[i], s);
    }
    speed_bulk *s = run_once(SPEED_HMAC_64);
    crypto_auth_hmacsha256(want, s->msg, s->len, s->key);
    CU_ASSERT_EQUAL(memcmp(want, s->out, 32), 0);
    stop(SPEED_HMAC_64, s);

    s = run_once(SPEED_POLY1305);
    crypto_onetimeauth_poly1305(want, s->msg, s->len, s->key);
    CU_ASSERT_EQUAL(memcmp(want, s->out, 16), 0);
    stop(SPEED_POLY1305, s);

    s = run_once(SPEED_CHACHA20);
    uint8_t *stream = malloc(s->len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(stream);
    crypto_stream_chacha20_ietf_xor(stream, s->msg, s->len, s->nonce, s->key);
    CU_ASSERT_EQUAL(memcmp(stream, s->out, s->len), 0);
    free(stream);
    stop(SPEED_CHACHA20, s);

    s = run_once(SPEED_CHACHA20_POLY1305_SEAL);
    uint8_t *sealed = malloc(s->len + 16);
    unsigned long long n;
    CU_ASSERT_PTR_NOT_NULL_FATAL(sealed);
    crypto_aead_chacha20poly1305_ietf_encrypt(sealed, &n, s->msg, s->len, s->aad,
                                              sizeof s->aad, NULL, s->nonce, s->key);
    CU_ASSERT_EQUAL(memcmp(sealed, s->out, s->len + 16), 0);
    CU_ASSERT_EQUAL(memcmp(sealed, s->sealed, s->len + 16), 0);
    free(sealed);
    stop(SPEED_CHACHA20_POLY1305_SEAL, s);

    s = run_once(SPEED_CHACHA20_POLY1305_OPEN);
    CU_ASSERT_EQUAL(memcmp(s->msg, s->out, s->len), 0);
    stop(SPEED_CHACHA20_POLY1305_OPEN, s);
}

/* Each constant-time AES entry gives the table AES entry's bytes. */
static void test_aes_pairs(void)
{
    const speed_id pairs[][2] = {
        {SPEED_CBC_ENCRYPT_TABLE, SPEED_CBC_ENCRYPT_CT},
        {SPEED_CBC_DECRYPT_TABLE, SPEED_CBC_DECRYPT_CT},
        {SPEED_CTR_TABLE, SPEED_CTR_CT},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        speed_bulk *table = run_once(pairs[i][0]), *ct = run_once(pairs[i][1]);
        CU_ASSERT_EQUAL(table->len, ct->len);
        CU_ASSERT_EQUAL(memcmp(table->out, ct->out, ct->len), 0);
        stop(pairs[i][0], table);
        stop(pairs[i][1], ct);
    }
}

/* A record entry's open gives back the content its seal protected, and
 * its seal writes a record of the sealed one's length. */
static void test_records(void)
{
    const speed_id opens[] = {SPEED_RECORD_MTE_OPEN, SPEED_RECORD_ETM_OPEN,
                              SPEED_RECORD_GCM_OPEN, SPEED_RECORD_CHACHA20_OPEN};
    for (size_t i = 0; i < sizeof opens / sizeof opens[0]; i++) {
        speed_records *s = run_once(opens[i]);
        CU_ASSERT_EQUAL(memcmp(s->opened, s->content, sizeof s->content), 0);
        stop(opens[i], s);
    }
}

static void test_public_key_states(void)
{
    speed_rsa *rsa = run_once(SPEED_RSA_SIGN);
    CU_ASSERT_EQUAL(rsa_pkcs1_verify_digest(&rsa->pub, rsa->digest, rsa->sig,
                                            rsa->sig_len), SEE_OK);
    CU_ASSERT_TRUE(rsa->cert_len > 0);
    /* every process makes the same key (the bench's children rely on it) */
    speed_rsa *again = speed_rsa_start();
    CU_ASSERT_PTR_NOT_NULL_FATAL(again);
    CU_ASSERT_EQUAL(mpz_cmp(rsa->key.n, again->key.n), 0);
    CU_ASSERT_EQUAL(rsa->cert_len, again->cert_len);
    CU_ASSERT_EQUAL(memcmp(rsa->cert, again->cert, rsa->cert_len), 0);
    speed_rsa_stop(again);
    stop(SPEED_RSA_SIGN, rsa);

    speed_x25519 *x = run_once(SPEED_X25519);
    uint8_t zero[X25519_KEY_SIZE] = {0};
    CU_ASSERT_NOT_EQUAL(memcmp(x->secret, zero, sizeof zero), 0);
    stop(SPEED_X25519, x);
}

static void test_paths(void)
{
    char buf[64];
    cpu_force_portable(1);
    for (size_t i = 0; i < SPEED_COUNT; i++)
        CU_ASSERT_STRING_EQUAL(speed_path(&speed_workloads[i], buf, sizeof buf),
                               "portable");
    cpu_force_portable(0);
    const speed_workload *gcm = &speed_workloads[SPEED_RECORD_GCM_SEAL];
    const char *path = speed_path(gcm, buf, sizeof buf);
    if (cpu_has(CPU_AES) && cpu_has(CPU_CLMUL)) {
        char want[64];
        snprintf(want, sizeof want, "%s+%s", cpu_path_name(CPU_AES),
                 cpu_path_name(CPU_CLMUL));
        CU_ASSERT_STRING_EQUAL(path, want);
    } else if (!cpu_has(CPU_AES) && !cpu_has(CPU_CLMUL)) {
        CU_ASSERT_STRING_EQUAL(path, "portable");
    }
    /* an entry without features is portable whatever the CPU */
    CU_ASSERT_STRING_EQUAL(speed_path(&speed_workloads[SPEED_X25519], buf, sizeof buf),
                           "portable");
    /* a buffer too small for the names is cut, still a string */
    char tiny[4];
    speed_path(gcm, tiny, sizeof tiny);
    CU_ASSERT_TRUE(strlen(tiny) < sizeof tiny);
}

static void count_call(void *arg)
{
    ++*(long *)arg;
}

static void test_measure(void)
{
    long calls = 0, other = 0;
    double rate = speed_rate(count_call, &calls, 0.03);
    CU_ASSERT_TRUE(rate > 0);
    CU_ASSERT_TRUE(calls >= SPEED_RUNS);
    speed_fn *const fns[2] = {count_call, count_call};
    void *const args[2] = {&calls, &other};
    double rates[2];
    speed_rates(2, fns, args, 0.03, rates);
    CU_ASSERT_TRUE(rates[0] > 0 && rates[1] > 0);
    CU_ASSERT_TRUE(other >= SPEED_RUNS);
    CU_ASSERT_TRUE(speed_time_ms(count_call, &calls) >= 0);
    double v[5] = {3, -1, 2, 2, 0};
    speed_sort(v, 5);
    CU_ASSERT_TRUE(v[0] == -1 && v[1] == 0 && v[2] == 2 && v[3] == 2 && v[4] == 3);
}

static CU_TestInfo tests[] = {
    {"the table: names, unique rows, functions", test_table},
    {"every entry sets up, runs once and lets go", test_every_entry_runs},
    {"hashes, MACs, ChaCha20, Poly1305, the AEAD: libsodium's bytes", test_bulk_bytes},
    {"constant-time AES entries: the table AES's bytes", test_aes_pairs},
    {"records open to their content", test_records},
    {"RSA and X25519 states; one RSA key in every process", test_public_key_states},
    {"speed_path: portable when forced, else the instructions", test_paths},
    {"speed_rate, speed_rates, speed_time_ms, speed_sort", test_measure},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("speed", tests);
}
