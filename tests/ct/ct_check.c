/*
 * ct_check.c: is a primitive constant-time? Valgrind checks it.
 *
 * The idea is Adam Langley's ctgrind, as Monocypher's tests use it: tell
 * valgrind's memcheck that the secret bytes are *undefined*
 * (VALGRIND_MAKE_MEM_UNDEFINED). Memcheck follows undefinedness through
 * every computation and reports
 *   "Conditional jump or move depends on uninitialised value(s)"
 *     for a branch on the secret, and
 *   "Use of uninitialised value of size N"
 *     for a memory address computed from it (a table index: cache timing);
 * arithmetic on the secret (+, *, xor, shifts by constants) is silent.
 * When the primitive is done its output is marked defined again
 * (VALGRIND_MAKE_MEM_DEFINED: the result is meant to depend on the secret)
 * and compared with a known answer, so a case cannot pass by not running.
 * Outside valgrind the marks do nothing and the program only checks the
 * answers.
 *
 *   build/ct/ct_check --list      the cases, each with what valgrind must
 *                                 say: "pass" (nothing), "branch" or
 *                                 "index" (that kind of report)
 *   build/ct/ct_check NAME        runs one case (under valgrind: run.sh)
 *
 * tests/ct/run.sh runs every case under
 * valgrind: a "pass" case must give no report; a "branch" or "index" case
 * must give that report (they prove the check sees what it should: a
 * planted branch on a secret, and crypto/aes.c's table lookups, the
 * classroom AES's documented cache-timing weakness).
 *
 * Adding a primitive: write a function `static int ct_NAME(void)` below
 * that fills its secret inputs, calls secret(buf, len) on each, runs the
 * primitive, calls public(out, len) on each output and returns
 * check(out, len, "expected hex") (1 = right answer); then add a row
 *   {"NAME", ct_NAME, CT_PASS},
 * to the cases table at the bottom. Nothing else changes: run.sh reads the
 * list from --list. A primitive with several cases may keep them in a file
 * of its own, included above the table, with a macro of its rows
 * (ct_chacha20_poly1305.c, ct_gcm.c, ct_aes_ct.c, ct_pbkdf2.c). Every case
 * runs the portable code (core/cpu.h's forcing); ct_hw.c's run the same
 * cases on the hardware paths. A branch a primitive's contract
 * allows (an AEAD's one-bit verdict) is named in declassified.supp, so
 * that the case still expects "pass" and catches anything else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <valgrind/memcheck.h>

#include "core/util.h"
#include "crypto/aes.h"
#include "crypto/chacha20.h"
#include "crypto/chacha20_poly1305.h"
#include "crypto/hmac.h"
#include "crypto/poly1305.h"
#include "crypto/x25519.h"

/* ---- the marks and the answer check ---- */

/* From here on, valgrind treats these bytes as secret. */
static void secret(void *p, size_t len)
{
    (void)VALGRIND_MAKE_MEM_UNDEFINED(p, len);
}

/* A result: allowed to depend on the secrets; now public. */
static void public(void *p, size_t len)
{
    (void)VALGRIND_MAKE_MEM_DEFINED(p, len);
}

/* 1 if the len bytes at p are the hex string expected. */
static int check(const uint8_t *p, size_t len, const char *expected)
{
    char got[2 * 64 + 1];
    if (len > 64 || strlen(expected) != 2 * len)
        return 0;
    for (size_t i = 0; i < len; i++)
        snprintf(got + 2 * i, 3, "%02x", p[i]);
    if (strcmp(got, expected) == 0)
        return 1;
    fprintf(stderr, "ct_check: wrong answer %s\n          expected     %s\n", got, expected);
    return 0;
}

static void from_hex(uint8_t *out, const char *hex)
{
    for (size_t i = 0; hex[2 * i] != '\0'; i++)
        sscanf(hex + 2 * i, "%2hhx", &out[i]);
}

/* ---- the cases ---- */

/* RFC 7748 5.2, first input: the scalar secret, u public. */
static int ct_x25519(void)
{
    uint8_t k[32], u[32], out[32];
    from_hex(k, "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
    from_hex(u, "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
    secret(k, sizeof k);
    x25519(out, k, u);
    public(out, sizeof out);
    return check(out, sizeof out, "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
}

/* RFC 7748 6.1: Alice's public key A = a*G, a secret. */
static int ct_x25519_public_key(void)
{
    uint8_t a[32], pub[32];
    from_hex(a, "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    secret(a, sizeof a);
    x25519_public_key(pub, a);
    public(pub, sizeof pub);
    return check(pub, sizeof pub, "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
}

/* RFC 7748 6.1: S = a*B, a secret. x25519_shared_secret's status depends
 * on one bit by design, "is S all zeros" (RFC 7748 6.1 aborts on it). gcc
 * -O2 computes the status without a branch; a compiler that branches on
 * that bit is allowed to by tests/ct/declassified.supp (that branch
 * only). */
static int ct_x25519_shared_secret(void)
{
    uint8_t a[32], peer[32], s[32];
    from_hex(a, "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    from_hex(peer, "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    secret(a, sizeof a);
    see_status st = x25519_shared_secret(s, a, peer);
    public(&st, sizeof st);
    public(s, sizeof s);
    return st == SEE_OK &&
           check(s, sizeof s, "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
}

/* RFC 4231 test case 2: the key secret, the message public. */
static int ct_hmac_sha256(void)
{
    uint8_t key[4], tag[HMAC_SHA256_SIZE];
    memcpy(key, "Jefe", 4);
    secret(key, sizeof key);
    hmac_sha256(key, sizeof key, "what do ya want for nothing?", 28, tag);
    public(tag, sizeof tag);
    return check(tag, sizeof tag, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

/* FIPS 197 Appendix C.1 with the key secret. crypto/aes.c looks up its
 * S-box at a secret index: an "index" report is expected. */
static int ct_aes_table(void)
{
    uint8_t raw[16], in[16], out[16];
    aes128_key key;
    from_hex(raw, "000102030405060708090a0b0c0d0e0f");
    from_hex(in, "00112233445566778899aabbccddeeff");
    secret(raw, sizeof raw);
    aes128_set_key(&key, raw);
    aes128_encrypt_block(&key, in, out);
    public(out, sizeof out);
    aes128_wipe(&key);
    return check(out, sizeof out, "69c4e0d86a7b0430d8cdb78070b4c55a");
}

/* A branch on a secret bit, planted: a "branch" report is expected (the
 * check sees branches). */
static volatile uint8_t planted_sink;

static int ct_planted_branch(void)
{
    uint8_t k[1] = {1}, out[1];
    secret(k, sizeof k);
    /* a store to a volatile only when the bit is set: the compiler must
     * branch (it could turn a plain if/else of values into a cmov) */
    if (k[0] & 1)
        planted_sink = 1;
    out[0] = planted_sink;
    public(out, sizeof out);
    return check(out, sizeof out, "01");
}

/* What valgrind must say of a case. */
static const char *const CT_PASS = "pass";      /* nothing */
static const char *const CT_BRANCH = "branch";  /* a branch on the secret */
static const char *const CT_INDEX = "index";    /* an address from it */

/* the cases of the other primitives, each in a file of its own */
#include "tests/ct/ct_chacha20_poly1305.c"
#include "tests/ct/ct_gcm.c"
#include "tests/ct/ct_aes_ct.c"
#include "tests/ct/ct_pbkdf2.c"
#include "tests/ct/ct_hw.c"

static const struct {
    const char *name;
    int (*run)(void);
    const char *expect;
} cases[] = {
    {"x25519", ct_x25519, CT_PASS},
    {"x25519_public_key", ct_x25519_public_key, CT_PASS},
    {"x25519_shared_secret", ct_x25519_shared_secret, CT_PASS},
    {"hmac_sha256", ct_hmac_sha256, CT_PASS},
    {"aes_table", ct_aes_table, CT_INDEX},
    {"planted_branch", ct_planted_branch, CT_BRANCH},
    CT_CHACHA20_POLY1305_CASES
    CT_GCM_CASES
    CT_AES_CT_CASES
    CT_PBKDF2_CASES
    CT_HW_CASES
};

#define CASE_COUNT (sizeof cases / sizeof cases[0])

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (size_t i = 0; i < CASE_COUNT; i++)
            if (hw_case_listed(cases[i].name))
                printf("%s %s\n", cases[i].name, cases[i].expect);
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: ct_check --list | NAME\n");
        return 2;
    }
    /* The portable code, unless a case of ct_hw.c asks for the hardware. */
    cpu_force_portable(1);
    for (size_t i = 0; i < CASE_COUNT; i++)
        if (strcmp(argv[1], cases[i].name) == 0)
            return cases[i].run() ? 0 : 3;
    fprintf(stderr, "ct_check: no case %s\n", argv[1]);
    return 2;
}
