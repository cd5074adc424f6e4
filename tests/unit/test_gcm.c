/*
 * test_gcm.c: AES-128-GCM (NIST SP 800-38D) against the GCM paper's test
 * cases 1-4 and NIST CAVP cases (encrypt, and decrypt with FAIL cases),
 * GHASH's multiply against a literal transcription of the spec's
 * Algorithm 1 on random inputs, every bit of a sealed message tampered
 * with, round trips on every length, in place, the refusals (IV and key
 * lengths, short input, small buffers), and, when python3 has the
 * `cryptography` package, a differential test against it (an oracle run
 * as a separate program, like openssl elsewhere; never linked).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto/gcm.h"
#include "crypto/random.h"
#include "tests/unit/harness.h"

/* ------------------------------------------------------- the vectors --- */

static int all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != 0)
            return 0;
    return 1;
}

/* One case of a gcm_*.txt file: seal and open (result = pass), or open
 * refused with the output zeroed (result = fail). */
static void check_case(const vec_file *v)
{
    size_t klen, ivlen, aadlen, ctlen, taglen, ptlen = 0;
    uint8_t *raw = vec_hex(v, "key", &klen);
    uint8_t *iv = vec_hex(v, "iv", &ivlen);
    uint8_t *aad = vec_hex(v, "aad", &aadlen);
    uint8_t *ct = vec_hex(v, "ciphertext", &ctlen);
    uint8_t *tag = vec_hex(v, "tag", &taglen);
    uint8_t *pt = vec_hex(v, "plaintext", &ptlen);
    const char *result = vec_get(v, "result");
    CU_ASSERT_PTR_NOT_NULL_FATAL(result);
    CU_ASSERT_EQUAL_FATAL(taglen, GCM_TAG_SIZE);

    aes128_gcm_key key;
    CU_ASSERT_EQUAL_FATAL(aes128_gcm_set_key(&key, raw, klen), SEE_OK);
    if (vec_get(v, "h") != NULL)
        ASSERT_HEX_EQ(key.h, 16, vec_get(v, "h"));

    size_t sealed_len = ctlen + GCM_TAG_SIZE;
    uint8_t *sealed = malloc(sealed_len);
    uint8_t *out = malloc(sealed_len);
    memcpy(sealed, ct, ctlen);
    memcpy(sealed + ctlen, tag, GCM_TAG_SIZE);

    if (strcmp(result, "pass") == 0) {
        CU_ASSERT_EQUAL_FATAL(ptlen, ctlen);
        CU_ASSERT_EQUAL(aes128_gcm_seal(&key, iv, ivlen, aad, aadlen, pt, ptlen,
                                        out, sealed_len), SEE_OK);
        CU_ASSERT_EQUAL(memcmp(out, sealed, sealed_len), 0);
        memset(out, 0xaa, sealed_len);
        CU_ASSERT_EQUAL(aes128_gcm_open(&key, iv, ivlen, aad, aadlen, sealed,
                                        sealed_len, out, ctlen), SEE_OK);
        CU_ASSERT_EQUAL(memcmp(out, pt, ptlen), 0);
        /* in place, both ways */
        memcpy(out, pt, ptlen);
        CU_ASSERT_EQUAL(aes128_gcm_seal(&key, iv, ivlen, aad, aadlen, out, ptlen,
                                        out, sealed_len), SEE_OK);
        CU_ASSERT_EQUAL(memcmp(out, sealed, sealed_len), 0);
        CU_ASSERT_EQUAL(aes128_gcm_open(&key, iv, ivlen, aad, aadlen, out,
                                        sealed_len, out, sealed_len), SEE_OK);
        CU_ASSERT_EQUAL(memcmp(out, pt, ptlen), 0);
    } else {
        CU_ASSERT_STRING_EQUAL(result, "fail");
        memset(out, 0xaa, sealed_len);
        CU_ASSERT_EQUAL(aes128_gcm_open(&key, iv, ivlen, aad, aadlen, sealed,
                                        sealed_len, out, ctlen), SEE_ERR_AEAD_TAG);
        CU_ASSERT(all_zero(out, ctlen));
    }
    aes128_gcm_wipe(&key);
    free(raw);
    free(iv);
    free(aad);
    free(ct);
    free(tag);
    free(pt);
    free(sealed);
    free(out);
}

static void run_file(const char *name, int want_cases, int want_fails)
{
    vec_file *v = vec_open(name);
    if (v == NULL)
        return;
    int fails = 0;
    while (vec_next(v)) {
        const char *r = vec_get(v, "result");
        if (r != NULL && strcmp(r, "fail") == 0)
            fails++;
        check_case(v);
    }
    CU_ASSERT_EQUAL(v->count, want_cases);
    CU_ASSERT_EQUAL(fails, want_fails);
    vec_close(v);
}

static void test_mcgrew_viega(void)
{
    run_file("gcm_mcgrew_viega.txt", 4, 0);
}

static void test_cavp(void)
{
    run_file("gcm_cavp.txt", 18, 5);
}

/* ------------------------------------------ GHASH against Algorithm 1 --- */

/* SP 800-38D 6.3 Algorithm 1, written as the spec says it, with ifs, on
 * bytes: bit i of a block is bit 7 - (i mod 8) of byte i / 8. */
static int bit_of(const uint8_t b[16], int i)
{
    return (b[i / 8] >> (7 - i % 8)) & 1;
}

static void shift_right_one(uint8_t v[16])
{
    for (int k = 15; k > 0; k--)
        v[k] = (uint8_t)((v[k] >> 1) | (v[k - 1] << 7));
    v[0] >>= 1;
}

static void reference_mul(const uint8_t x[16], const uint8_t y[16], uint8_t z[16])
{
    uint8_t v[16];
    memset(z, 0, 16);
    memcpy(v, y, 16);
    for (int i = 0; i < 128; i++) {
        if (bit_of(x, i))
            for (int k = 0; k < 16; k++)
                z[k] ^= v[k];
        int lsb = v[15] & 1;
        shift_right_one(v);
        if (lsb)
            v[0] ^= 0xe1;   /* R = 11100001 || 0^120 */
    }
}

/* GHASH (6.4) over A || 0^v || C || 0^u || [len(A)]_64 || [len(C)]_64. */
static void reference_ghash(const uint8_t h[16], const uint8_t *a, size_t alen,
                            const uint8_t *c, size_t clen, uint8_t y[16])
{
    size_t total = (alen + 15) / 16 * 16 + (clen + 15) / 16 * 16 + 16;
    uint8_t *s = calloc(1, total);
    memcpy(s, a, alen);
    memcpy(s + (alen + 15) / 16 * 16, c, clen);
    uint64_t abits = (uint64_t)alen * 8, cbits = (uint64_t)clen * 8;
    for (int k = 0; k < 8; k++) {
        s[total - 16 + k] = (uint8_t)(abits >> (56 - 8 * k));
        s[total - 8 + k] = (uint8_t)(cbits >> (56 - 8 * k));
    }
    memset(y, 0, 16);
    for (size_t off = 0; off < total; off += 16) {
        uint8_t t[16];
        for (int k = 0; k < 16; k++)
            t[k] = y[k] ^ s[off + k];
        reference_mul(t, h, y);
    }
    free(s);
}

static void test_mul_matches_algorithm_1(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_gcm mul", 12);
    int wrong = 0;
    for (int i = 0; i < 2000; i++) {
        uint8_t x[16], y[16], want[16], got[16];
        CU_ASSERT_EQUAL(rng_bytes(&rng, x, 16), SEE_OK);
        CU_ASSERT_EQUAL(rng_bytes(&rng, y, 16), SEE_OK);
        if (i < 16) {   /* sparse inputs: single bits at both ends */
            memset(x, 0, 16);
            x[i] = (uint8_t)(i % 2 ? 0x01 : 0x80);
        }
        reference_mul(x, y, want);
        gcm_gf128_mul(x, y, got);
        if (memcmp(want, got, 16) != 0)
            wrong++;
    }
    CU_ASSERT_EQUAL(wrong, 0);
    /* The multiplicative identity is 1 followed by 127 zeros (bit 0 set). */
    uint8_t one[16] = {0x80}, y[16], z[16];
    CU_ASSERT_EQUAL(rng_bytes(&rng, y, 16), SEE_OK);
    gcm_gf128_mul(one, y, z);
    CU_ASSERT_EQUAL(memcmp(z, y, 16), 0);
    rng_wipe(&rng);
}

static void test_ghash_matches_reference(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_gcm ghash", 14);
    uint8_t h[16], a[70], c[70], want[16], got[16];
    int wrong = 0;
    for (size_t alen = 0; alen <= 40; alen += 7)
        for (size_t clen = 0; clen <= 70; clen++) {
            CU_ASSERT_EQUAL(rng_bytes(&rng, h, sizeof h), SEE_OK);
            CU_ASSERT_EQUAL(rng_bytes(&rng, a, sizeof a), SEE_OK);
            CU_ASSERT_EQUAL(rng_bytes(&rng, c, sizeof c), SEE_OK);
            reference_ghash(h, a, alen, c, clen, want);
            gcm_ghash(h, a, alen, c, clen, got);
            if (memcmp(want, got, 16) != 0)
                wrong++;
        }
    CU_ASSERT_EQUAL(wrong, 0);
    rng_wipe(&rng);
}

/* --------------------------------------------------------- properties --- */

static const uint8_t test_key[16] = {
    0xfe, 0xff, 0xe9, 0x92, 0x86, 0x65, 0x73, 0x1c,
    0x6d, 0x6a, 0x8f, 0x94, 0x67, 0x30, 0x83, 0x08,
};
static const uint8_t test_iv[12] = {
    0xca, 0xfe, 0xba, 0xbe, 0xfa, 0xce, 0xdb, 0xad, 0xde, 0xca, 0xf8, 0x88,
};

/* Flip each bit of the ciphertext, the tag and the AAD in turn: every one
 * must make open fail, with nothing released. */
static void test_every_bit_flip_refused(void)
{
    aes128_gcm_key key;
    CU_ASSERT_EQUAL_FATAL(aes128_gcm_set_key(&key, test_key, 16), SEE_OK);
    uint8_t aad[20], pt[45], sealed[45 + 16], out[45];
    for (size_t i = 0; i < sizeof aad; i++)
        aad[i] = (uint8_t)(3 * i);
    for (size_t i = 0; i < sizeof pt; i++)
        pt[i] = (uint8_t)(7 * i + 1);
    CU_ASSERT_EQUAL_FATAL(aes128_gcm_seal(&key, test_iv, 12, aad, sizeof aad, pt,
                                          sizeof pt, sealed, sizeof sealed), SEE_OK);
    int accepted = 0, not_wiped = 0;
    for (size_t bit = 0; bit < 8 * sizeof sealed; bit++) {
        sealed[bit / 8] ^= (uint8_t)(1 << (bit % 8));
        memset(out, 0xaa, sizeof out);
        if (aes128_gcm_open(&key, test_iv, 12, aad, sizeof aad, sealed, sizeof sealed,
                            out, sizeof out) != SEE_ERR_AEAD_TAG)
            accepted++;
        if (!all_zero(out, sizeof out))
            not_wiped++;
        sealed[bit / 8] ^= (uint8_t)(1 << (bit % 8));
    }
    for (size_t bit = 0; bit < 8 * sizeof aad; bit++) {
        aad[bit / 8] ^= (uint8_t)(1 << (bit % 8));
        if (aes128_gcm_open(&key, test_iv, 12, aad, sizeof aad, sealed, sizeof sealed,
                            out, sizeof out) != SEE_ERR_AEAD_TAG)
            accepted++;
        aad[bit / 8] ^= (uint8_t)(1 << (bit % 8));
    }
    /* a different IV, and the AAD one byte shorter */
    uint8_t other_iv[12];
    memcpy(other_iv, test_iv, 12);
    other_iv[11] ^= 1;
    CU_ASSERT_EQUAL(aes128_gcm_open(&key, other_iv, 12, aad, sizeof aad, sealed,
                                    sizeof sealed, out, sizeof out), SEE_ERR_AEAD_TAG);
    CU_ASSERT_EQUAL(aes128_gcm_open(&key, test_iv, 12, aad, sizeof aad - 1, sealed,
                                    sizeof sealed, out, sizeof out), SEE_ERR_AEAD_TAG);
    CU_ASSERT_EQUAL(accepted, 0);
    CU_ASSERT_EQUAL(not_wiped, 0);
    /* and untouched, it opens */
    CU_ASSERT_EQUAL(aes128_gcm_open(&key, test_iv, 12, aad, sizeof aad, sealed,
                                    sizeof sealed, out, sizeof out), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(out, pt, sizeof pt), 0);
    aes128_gcm_wipe(&key);
}

/* Every length 0..100 (partial blocks, one and two AES pairs): open(seal(P))
 * = P, and the ciphertext of a prefix is the prefix of the ciphertext (the
 * keystream does not depend on the length). */
static void test_every_length_round_trip(void)
{
    aes128_gcm_key key;
    CU_ASSERT_EQUAL_FATAL(aes128_gcm_set_key(&key, test_key, 16), SEE_OK);
    uint8_t pt[100], full[116], sealed[116], back[100];
    for (size_t i = 0; i < sizeof pt; i++)
        pt[i] = (uint8_t)(i ^ 0x5c);
    CU_ASSERT_EQUAL(aes128_gcm_seal(&key, test_iv, 12, NULL, 0, pt, 100, full,
                                    sizeof full), SEE_OK);
    int wrong = 0;
    for (size_t len = 0; len <= 100; len++) {
        if (aes128_gcm_seal(&key, test_iv, 12, pt, len % 23, pt, len, sealed,
                            len + 16) != SEE_OK ||
            memcmp(sealed, full, len) != 0 ||
            aes128_gcm_open(&key, test_iv, 12, pt, len % 23, sealed, len + 16, back,
                            len) != SEE_OK ||
            memcmp(back, pt, len) != 0)
            wrong++;
    }
    CU_ASSERT_EQUAL(wrong, 0);
    aes128_gcm_wipe(&key);
}

static void test_refusals(void)
{
    aes128_gcm_key key;
    uint8_t buf[64] = {0}, out[64];
    CU_ASSERT_EQUAL(aes128_gcm_set_key(&key, test_key, 15), SEE_ERR_KEY_LENGTH);
    CU_ASSERT_EQUAL(aes128_gcm_set_key(&key, test_key, 32), SEE_ERR_KEY_LENGTH);
    CU_ASSERT_EQUAL_FATAL(aes128_gcm_set_key(&key, test_key, 16), SEE_OK);
    /* only 96-bit IVs */
    CU_ASSERT_EQUAL(aes128_gcm_seal(&key, buf, 8, NULL, 0, buf, 16, out, 32),
                    SEE_ERR_IV_LENGTH);
    CU_ASSERT_EQUAL(aes128_gcm_seal(&key, buf, 16, NULL, 0, buf, 16, out, 32),
                    SEE_ERR_IV_LENGTH);
    CU_ASSERT_EQUAL(aes128_gcm_open(&key, buf, 0, NULL, 0, buf, 32, out, 16),
                    SEE_ERR_IV_LENGTH);
    /* room for the tag, and for the plaintext */
    CU_ASSERT_EQUAL(aes128_gcm_seal(&key, test_iv, 12, NULL, 0, buf, 16, out, 31),
                    SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(aes128_gcm_seal(&key, test_iv, 12, NULL, 0, buf, 0, out, 15),
                    SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(aes128_gcm_open(&key, test_iv, 12, NULL, 0, buf, 32, out, 15),
                    SEE_ERR_BUFFER_SMALL);
    /* shorter than a tag */
    CU_ASSERT_EQUAL(aes128_gcm_open(&key, test_iv, 12, NULL, 0, buf, 15, out, 64),
                    SEE_ERR_TRUNCATED);
    /* past SP 800-38D's limits (checked before any byte is read) */
    if (sizeof(size_t) > 4) {
        size_t too_long = (size_t)GCM_MAX_TEXT_BYTES + 1;
        CU_ASSERT_EQUAL(aes128_gcm_seal(&key, test_iv, 12, NULL, 0, buf, too_long,
                                        out, 64), SEE_ERR_AEAD_LENGTH);
        CU_ASSERT_EQUAL(aes128_gcm_seal(&key, test_iv, 12, buf,
                                        (size_t)GCM_MAX_AAD_BYTES + 1, buf, 0, out, 64),
                        SEE_ERR_AEAD_LENGTH);
    }
    aes128_gcm_wipe(&key);
}

static void test_wipe(void)
{
    aes128_gcm_key key, zero;
    CU_ASSERT_EQUAL_FATAL(aes128_gcm_set_key(&key, test_key, 16), SEE_OK);
    memset(&zero, 0, sizeof zero);
    aes128_gcm_wipe(&key);
    CU_ASSERT_EQUAL(memcmp(&key, &zero, sizeof key), 0);
}

/* ------------------------------------- python3 cryptography, an oracle --- */

static const char oracle_py[] =
    "import sys\n"
    "from cryptography.hazmat.primitives.ciphers.aead import AESGCM\n"
    "for line in open(sys.argv[1]):\n"
    "    k, iv, a, p = (bytes.fromhex(f) for f in line.split(',')) \n"
    "    print(AESGCM(k).encrypt(iv, p, a).hex())\n";

static int have_oracle(void)
{
    return system("python3 -c 'import cryptography.hazmat.primitives.ciphers.aead'"
                  " >/dev/null 2>&1") == 0;
}

static void put_hex(FILE *f, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%02x", p[i]);
}

static void test_against_python_cryptography(void)
{
    if (!have_oracle()) {
        fprintf(stderr, "\n  (skipped: python3 has no cryptography package)\n");
        return;
    }
    char dir[] = "/tmp/seetls_gcm_XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    char py[64], in[64], cmd[256];
    snprintf(py, sizeof py, "%s/oracle.py", dir);
    snprintf(in, sizeof in, "%s/cases.txt", dir);
    FILE *f = fopen(py, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(oracle_py, f);
    fclose(f);

    enum { CASES = 200, MAXLEN = 300 };
    static uint8_t keys[CASES][16], ivs[CASES][12], aads[CASES][40], pts[CASES][MAXLEN];
    static size_t aad_lens[CASES], pt_lens[CASES];
    see_rng rng;
    rng_init_seeded(&rng, "test_gcm oracle", 15);
    f = fopen(in, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    for (int i = 0; i < CASES; i++) {
        uint8_t lens[2];
        CU_ASSERT_EQUAL(rng_bytes(&rng, keys[i], 16), SEE_OK);
        CU_ASSERT_EQUAL(rng_bytes(&rng, ivs[i], 12), SEE_OK);
        CU_ASSERT_EQUAL(rng_bytes(&rng, aads[i], 40), SEE_OK);
        CU_ASSERT_EQUAL(rng_bytes(&rng, pts[i], MAXLEN), SEE_OK);
        CU_ASSERT_EQUAL(rng_bytes(&rng, lens, 2), SEE_OK);
        aad_lens[i] = lens[0] % 41;
        pt_lens[i] = (size_t)(lens[1] + (i % 2) * 44) % (MAXLEN + 1);
        put_hex(f, keys[i], 16);
        fputc(',', f);
        put_hex(f, ivs[i], 12);
        fputc(',', f);
        put_hex(f, aads[i], aad_lens[i]);
        fputc(',', f);
        put_hex(f, pts[i], pt_lens[i]);
        fputc('\n', f);
    }
    fclose(f);
    rng_wipe(&rng);

    snprintf(cmd, sizeof cmd, "python3 %s %s", py, in);
    FILE *p = popen(cmd, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    char line[2 * (MAXLEN + 16) + 8];
    int compared = 0, wrong = 0;
    for (int i = 0; i < CASES && fgets(line, sizeof line, p) != NULL; i++) {
        line[strcspn(line, "\n")] = '\0';
        aes128_gcm_key key;
        uint8_t sealed[MAXLEN + 16];
        CU_ASSERT_EQUAL(aes128_gcm_set_key(&key, keys[i], 16), SEE_OK);
        CU_ASSERT_EQUAL(aes128_gcm_seal(&key, ivs[i], 12, aads[i], aad_lens[i], pts[i],
                                        pt_lens[i], sealed, sizeof sealed), SEE_OK);
        if (!check_hex_eq(sealed, pt_lens[i] + 16, line, __FILE__, __LINE__))
            wrong++;
        compared++;
        aes128_gcm_wipe(&key);
    }
    CU_ASSERT_EQUAL(pclose(p), 0);
    CU_ASSERT_EQUAL(compared, CASES);
    CU_ASSERT_EQUAL(wrong, 0);
    unlink(py);
    unlink(in);
    rmdir(dir);
}

static CU_TestInfo tests[] = {
    {"GCM paper test cases 1-4 (H, seal, open, in place)", test_mcgrew_viega},
    {"NIST CAVP encrypt and decrypt cases, FAIL cases refused and wiped", test_cavp},
    {"GF(2^128) multiply equals SP 800-38D Algorithm 1 (2000 random pairs)",
     test_mul_matches_algorithm_1},
    {"GHASH equals its definition, every length of C 0..70", test_ghash_matches_reference},
    {"every flipped bit of C, tag and AAD refused, output zeroed",
     test_every_bit_flip_refused},
    {"every length 0..100 round-trips; a prefix's ciphertext is a prefix",
     test_every_length_round_trip},
    {"refused: key and IV lengths, short input, small buffers, SP 800-38D limits",
     test_refusals},
    {"aes128_gcm_wipe zeroes the key and H", test_wipe},
    {"equals python3 cryptography's AESGCM on 200 random messages",
     test_against_python_cryptography},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("gcm", tests);
}
