/*
 * test_wipe.c: what GMP frees holds no secret.
 *
 * GMP hands every block it releases to the memory functions in place
 * (mp_set_memory_functions): a free, or the old block of a realloc. These
 * tests put a checking allocator there. It allocates zeroed blocks and, for
 * each block released, records whether the block is all zeros and whether
 * it still holds a limb of the secret the test watches. Then:
 *
 *  - with the checker alone (a library user who installed nothing), the
 *    library's own secret variables must reach it wiped: bn_wipe and
 *    bn_clear_secret of a number that shrank, the DH exponent tls_conn_free
 *    wipes (bytes, since the handshake holds no number), the temporaries of RSA key arithmetic and of the Montgomery
 *    power, DH's exponent and shared secret (through the number and the
 *    bytes API);
 *  - with bn_install_wiping_allocator layered over the checker (what every
 *    program does first thing), every block GMP releases reaches the checker
 *    zeroed, GMP's own temporaries included.
 *
 * tests/interop/test_wiping.sh checks that every program installs it.
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/bignum.h"
#include "crypto/dh.h"
#include "crypto/rsa.h"
#include "core/util.h"
#include "handshake/tls.h"
#include "tests/unit/harness.h"

/* ------------------------------------------------ the checking allocator --- */

#define MAX_WATCHED 256

static struct {
    mp_limb_t watched[MAX_WATCHED]; /* limbs of the secret under test */
    size_t watched_count;
    int recording;        /* between checker_on and checker_off */
    unsigned released;    /* blocks handed back to the checker */
    unsigned not_zero;    /* of these, not all zeros */
    unsigned with_secret; /* of these, holding a watched limb */
} check;

static int holds_watched_limb(const uint8_t *block, size_t size)
{
    for (size_t at = 0; at + sizeof(mp_limb_t) <= size; at += sizeof(mp_limb_t)) {
        mp_limb_t limb;
        memcpy(&limb, block + at, sizeof limb);
        for (size_t i = 0; i < check.watched_count; i++)
            if (limb == check.watched[i])
                return 1;
    }
    return 0;
}

static void record_release(const void *p, size_t size)
{
    if (!check.recording)
        return;
    const uint8_t *block = p;
    uint8_t any = 0;
    for (size_t i = 0; i < size; i++)
        any |= block[i];
    check.released++;
    check.not_zero += any != 0;
    check.with_secret += holds_watched_limb(block, size);
}

static void *check_alloc(size_t size)
{
    /* zeroed: a limb GMP never wrote is 0, not whatever malloc left (and
     * reading it is defined, for valgrind too) */
    void *p = calloc(1, size);
    if (p == NULL)
        abort(); /* GMP's rule: the allocation functions never fail */
    return p;
}

static void *check_realloc(void *old, size_t old_size, size_t new_size)
{
    record_release(old, old_size);
    void *p = check_alloc(new_size);
    memcpy(p, old, old_size < new_size ? old_size : new_size);
    free(old);
    return p;
}

static void check_free(void *p, size_t size)
{
    if (p == NULL)
        return;
    record_release(p, size);
    free(p);
}

/* The checker is GMP's allocator for the whole suite (main installs it);
 * it records between checker_on and checker_off, from fresh counts. */
static void checker_on(void)
{
    check.released = check.not_zero = check.with_secret = 0;
    check.recording = 1;
}

/* Stop recording, and leave the checker alone as GMP's allocator again
 * (this removes a wiping layer a test installed over it). */
static void checker_off(void)
{
    check.recording = 0;
    mp_set_memory_functions(check_alloc, check_realloc, check_free);
}

/* Watch the limbs of x from index `from` up (the low ones may differ
 * legitimately: p - 1 is p but for its lowest limb), as well as those
 * watched already. */
static void watch_also(const mpz_t x, size_t from)
{
    const mp_limb_t *limbs = mpz_limbs_read(x);
    for (size_t i = from; i < mpz_size(x) && check.watched_count < MAX_WATCHED; i++)
        check.watched[check.watched_count++] = limbs[i];
}

/* Watch only the limbs of x from index `from` up. */
static void watch(const mpz_t x, size_t from)
{
    check.watched_count = 0;
    watch_also(x, from);
}

/* A random number of exactly `bits` bits, for secrets whose limbs cannot
 * turn up by chance. */
static void random_exact(mpz_t x, unsigned bits)
{
    CU_ASSERT_EQUAL_FATAL(bn_random_bits(NULL, x, bits), SEE_OK);
    mpz_setbit(x, bits - 1);
}

/* -------------------------------------------- the library, on its own --- */

/* x holds a 512-bit secret, then shrinks to one limb in the same block:
 * the limbs above stay there, unless bn_wipe reaches them. */
static void shrunk_secret(mpz_t x)
{
    mpz_init(x);
    random_exact(x, 512);
    watch(x, 1);
    mpz_tdiv_r_2exp(x, x, GMP_NUMB_BITS); /* x = x mod 2^(limb bits) */
    CU_ASSERT_EQUAL(mpz_size(x), 1);
}

static void test_clear_secret_wipes_every_limb(void)
{
    mpz_t x;
    shrunk_secret(x);
    checker_on();
    bn_clear_secret(x);
    checker_off();
    CU_ASSERT_EQUAL(check.released, 1);
    CU_ASSERT_EQUAL(check.not_zero, 0);
    CU_ASSERT_EQUAL(check.with_secret, 0);
}

static void test_wipe_wipes_every_limb(void)
{
    mpz_t x;
    shrunk_secret(x);
    bn_wipe(x);
    CU_ASSERT_EQUAL(mpz_sgn(x), 0);
    mpz_set_ui(x, 5); /* still a usable variable */
    CU_ASSERT_EQUAL(mpz_get_ui(x), 5);
    mpz_set_ui(x, 0);
    checker_on();
    mpz_clear(x);
    checker_off();
    CU_ASSERT_EQUAL(check.released, 1);
    CU_ASSERT_EQUAL(check.not_zero, 0);
    CU_ASSERT_EQUAL(check.with_secret, 0);

    /* nothing allocated (mpz_init in GMP 6.2): nothing to wipe, and 0 */
    mpz_init(x);
    bn_wipe(x);
    CU_ASSERT_EQUAL(mpz_sgn(x), 0);
    mpz_clear(x);
}

/* The connection holds its DH exponent as bytes (crypto/dh.h's bytes
 * API): tls_conn_free leaves none of them, and the group's numbers are
 * released with nothing secret in them. */
static void test_conn_free_wipes_dh_exponent(void)
{
    static tls_conn c;
    tls_config cfg;
    tls_config_init(&cfg);
    tls_conn_init(&c, TLS_ROLE_SERVER, &cfg, NULL);
    CU_ASSERT_EQUAL_FATAL(dh_group_named(&c.group, "ffdhe2048", 0), SEE_OK);
    size_t k = dh_group_bytes(&c.group);
    memset(c.dh_x, 0, sizeof c.dh_x);
    CU_ASSERT_EQUAL_FATAL(rng_bytes(NULL, c.dh_x + k - 29, 29), SEE_OK);
    c.dh_x[k - 29] |= 0x80;     /* 225 bits: ffdhe2048's exponent size */
    c.dh_x_len = k;
    mpz_t x;
    mpz_init(x);
    bn_from_bytes(x, c.dh_x, c.dh_x_len);
    watch(x, 0);
    bn_clear_secret(x);
    checker_on();
    tls_conn_free(&c);
    checker_off();
    CU_ASSERT(check.released >= 1);
    CU_ASSERT_EQUAL(check.with_secret, 0);
    uint8_t any = 0;
    for (size_t i = 0; i < sizeof c.dh_x; i++)
        any |= c.dh_x[i];
    CU_ASSERT_EQUAL(any, 0);
}

/* Two random 512-bit "primes" p, q (oddness is all the formulas need). */
static void two_factors(mpz_t p, mpz_t q)
{
    mpz_inits(p, q, NULL);
    random_exact(p, 512);
    random_exact(q, 512);
    mpz_setbit(p, 0);
    mpz_setbit(q, 0);
}

static void test_totient_wipes_q_minus_1(void)
{
    mpz_t p, q, t;
    two_factors(p, q);
    mpz_init(t);
    watch(q, 1); /* q - 1 shares every limb but the lowest */
    checker_on();
    rsa_textbook_totient(t, p, q);
    checker_off();
    CU_ASSERT_EQUAL(check.with_secret, 0);
    mpz_clears(p, q, t, NULL);
}

static void test_d_from_k_wipes_d_times_e(void)
{
    /* t = 1 mod 3, so 1 + 2t is divisible by e = 3: d = (1 + 2t) / 3 */
    mpz_t t, e, d, de;
    mpz_inits(t, e, d, de, NULL);
    do
        random_exact(t, 1024);
    while (mpz_fdiv_ui(t, 3) != 1);
    mpz_set_ui(e, 3);
    mpz_mul_ui(de, t, 2);
    mpz_add_ui(de, de, 1);
    watch(de, 1);
    checker_on();
    see_status st = rsa_textbook_d_from_k(d, e, t, 2);
    checker_off();
    CU_ASSERT_EQUAL(st, SEE_OK);
    CU_ASSERT(mpz_cmp_ui(d, 0) > 0);
    CU_ASSERT_EQUAL(check.with_secret, 0);
    mpz_clears(t, e, d, de, NULL);
}

static void test_find_d_wipes_d_times_e(void)
{
    /* the k of "d * e = 1 + k * t(n)" is small; the d * e - 1 it came from
     * stays in the variable's block above it */
    mpz_t t, e, d, de;
    mpz_inits(t, e, d, de, NULL);
    mpz_set_ui(e, 65537);
    do {
        random_exact(t, 1024);
        mpz_clrbit(t, 0);
    } while (mpz_invert(d, e, t) == 0);
    mpz_mul(de, d, e);
    mpz_sub_ui(de, de, 1);
    watch(de, 1);
    unsigned long k = 0;
    checker_on();
    see_status st = rsa_textbook_find_d(d, &k, e, t);
    checker_off();
    CU_ASSERT_EQUAL(st, SEE_OK);
    CU_ASSERT(k > 0 && k < 65537);
    CU_ASSERT_EQUAL(check.with_secret, 0);
    mpz_clears(t, e, d, de, NULL);
}

static void test_generate_wipes_factors(void)
{
    /* a seeded generator gives the same key twice: learn p and q once, then
     * watch for them while the key is made again */
    see_rng rng;
    rsa_private_key key;
    rsa_private_init(&key);
    rng_init_seeded(&rng, "wipe", 4);
    CU_ASSERT_EQUAL_FATAL(rsa_generate(&rng, 1024, 0, &key), SEE_OK);
    watch(key.p, 1);
    watch_also(key.q, 1);
    rsa_private_clear(&key);

    rsa_private_init(&key);
    rng_init_seeded(&rng, "wipe", 4);
    checker_on();
    see_status st = rsa_generate(&rng, 1024, 0, &key);
    checker_off();
    CU_ASSERT_EQUAL(st, SEE_OK);
    CU_ASSERT(check.released > 0);
    CU_ASSERT_EQUAL(check.with_secret, 0);
    rsa_private_clear(&key);
    rng_wipe(&rng);
}

static void test_powm_public_wipes_base(void)
{
    /* the base of a public power can be a secret: the padded premaster an
     * RSA client encrypts */
    mpz_t n, base, out;
    mpz_inits(n, base, out, NULL);
    random_exact(n, 2048);
    mpz_setbit(n, 0);
    random_exact(base, 2040);
    watch(base, 0);
    checker_on();
    see_status st = bn_powm_public(out, base, 65537, n);
    checker_off();
    CU_ASSERT_EQUAL(st, SEE_OK);
    CU_ASSERT_EQUAL(check.with_secret, 0);
    mpz_clears(n, base, out, NULL);
}

static void test_dh_wipes_exponent_and_secret(void)
{
    /* as for the RSA key: a seeded generator makes the same exponent x
     * twice; learn x and S = Yb^x once, then watch for them */
    dh_group group;
    dh_group_init(&group);
    CU_ASSERT_EQUAL_FATAL(dh_group_named(&group, "ffdhe2048", 0), SEE_OK);
    mpz_t x, y, peer_x, peer_y, s;
    mpz_inits(x, y, peer_x, peer_y, s, NULL);
    CU_ASSERT_EQUAL_FATAL(dh_generate_key(&group, NULL, peer_x, peer_y), SEE_OK);
    see_rng rng;
    rng_init_seeded(&rng, "wipe dh", 7);
    CU_ASSERT_EQUAL_FATAL(dh_generate_key(&group, &rng, x, y), SEE_OK);
    CU_ASSERT_EQUAL_FATAL(dh_shared_secret_number(&group, x, peer_y, s), SEE_OK);
    watch(x, 0);
    watch_also(s, 0);
    bn_wipe(x);

    rng_init_seeded(&rng, "wipe dh", 7);
    uint8_t out[256];
    size_t len;
    checker_on();
    see_status st = dh_generate_key(&group, &rng, x, y);
    if (st == SEE_OK)
        st = dh_shared_secret_tls12(&group, x, peer_y, out, sizeof out, &len);
    checker_off();
    CU_ASSERT_EQUAL(st, SEE_OK);
    CU_ASSERT(check.released > 0);
    CU_ASSERT_EQUAL(check.with_secret, 0);
    see_wipe(out, sizeof out);
    bn_clear_secret(x);
    bn_clear_secret(s);
    bn_clear_secret(peer_x);
    mpz_clears(y, peer_y, NULL);
    dh_group_clear(&group);
    rng_wipe(&rng);
}

/* The bytes API makes the numbers x and S inside and must release them
 * wiped, as the number API does. */
static void test_dh_bytes_wipe_exponent_and_secret(void)
{
    dh_group group;
    dh_group_init(&group);
    CU_ASSERT_EQUAL_FATAL(dh_group_named(&group, "ffdhe2048", 0), SEE_OK);
    uint8_t x[DH_MAX_BYTES], y[DH_MAX_BYTES], peer_x[DH_MAX_BYTES],
        peer_y[DH_MAX_BYTES], out[DH_MAX_BYTES];
    size_t x_len, y_len, peer_x_len, peer_y_len, len;
    CU_ASSERT_EQUAL_FATAL(dh_keypair(&group, NULL, peer_x, sizeof peer_x, &peer_x_len,
                                     peer_y, sizeof peer_y, &peer_y_len), SEE_OK);
    see_rng rng;
    rng_init_seeded(&rng, "wipe dh bytes", 13);
    CU_ASSERT_EQUAL_FATAL(dh_keypair(&group, &rng, x, sizeof x, &x_len, y,
                                     sizeof y, &y_len), SEE_OK);
    CU_ASSERT_EQUAL_FATAL(dh_shared_secret_tls12_bytes(&group, x, x_len, peer_y, peer_y_len,
                                                       out, sizeof out, &len), SEE_OK);
    mpz_t xn, s;
    mpz_inits(xn, s, NULL);
    bn_from_bytes(xn, x, x_len);
    bn_from_bytes(s, out, len);
    watch(xn, 0);
    watch_also(s, 0);
    bn_clear_secret(xn);
    bn_clear_secret(s);
    see_wipe(x, sizeof x);

    rng_init_seeded(&rng, "wipe dh bytes", 13);
    checker_on();
    see_status st = dh_keypair(&group, &rng, x, sizeof x, &x_len, y, sizeof y, &y_len);
    if (st == SEE_OK)
        st = dh_shared_secret_tls12_bytes(&group, x, x_len, peer_y, peer_y_len,
                                          out, sizeof out, &len);
    checker_off();
    CU_ASSERT_EQUAL(st, SEE_OK);
    CU_ASSERT(check.released > 0);
    CU_ASSERT_EQUAL(check.with_secret, 0);
    see_wipe(out, sizeof out);
    see_wipe(x, sizeof x);
    see_wipe(peer_x, sizeof peer_x);
    dh_group_clear(&group);
    rng_wipe(&rng);
}

/* ---------------------------------------- with the wiping allocator --- */

static void test_wiping_layer_zeroes_every_block(void)
{
    checker_on();
    bn_install_wiping_allocator(); /* over the checker, as programs do */
    bn_install_wiping_allocator(); /* twice: still one layer */
    /* GMP's own temporaries and moves: a number grown by realloc, a
     * secret power, an inverse, a product into its own operand */
    mpz_t p, x, y;
    mpz_inits(p, x, y, NULL);
    random_exact(p, 1024);
    mpz_setbit(p, 0);
    random_exact(x, 1000);
    watch(x, 0);
    mpz_powm_sec(y, x, x, p);
    mpz_invert(y, x, p);
    mpz_mul(x, x, x);
    mpz_mul(x, x, x);
    mpz_clears(p, x, y, NULL);
    checker_off();
    CU_ASSERT(check.released >= 4);
    CU_ASSERT_EQUAL(check.not_zero, 0);
    CU_ASSERT_EQUAL(check.with_secret, 0);
}

static void test_wiping_layer_frees_through_beneath(void)
{
    /* a block made before the layer was installed is freed by the function
     * beneath, once: no double free, no lost block */
    mpz_t x;
    checker_on();
    mpz_init(x);
    random_exact(x, 512);
    bn_install_wiping_allocator();
    unsigned before = check.released;
    mpz_clear(x);
    checker_off();
    CU_ASSERT_EQUAL(check.released, before + 1);
    CU_ASSERT_EQUAL(check.not_zero, 0);
}

static CU_TestInfo tests[] = {
    {"bn_clear_secret: every limb of a number that shrank",
     test_clear_secret_wipes_every_limb},
    {"bn_wipe: every limb, and still usable", test_wipe_wipes_every_limb},
    {"tls_conn_free: the DH exponent", test_conn_free_wipes_dh_exponent},
    {"totient: q - 1", test_totient_wipes_q_minus_1},
    {"d from k: d * e", test_d_from_k_wipes_d_times_e},
    {"find d: d * e - 1 behind k", test_find_d_wipes_d_times_e},
    {"rsa_generate: neither factor", test_generate_wipes_factors},
    {"public power: the base", test_powm_public_wipes_base},
    {"DH: neither the exponent nor S", test_dh_wipes_exponent_and_secret},
    {"DH bytes API: neither the exponent nor S", test_dh_bytes_wipe_exponent_and_secret},
    {"wiping layer: every block zeroed", test_wiping_layer_zeroes_every_block},
    {"wiping layer: earlier blocks freed beneath",
     test_wiping_layer_frees_through_beneath},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    mp_set_memory_functions(check_alloc, check_realloc, check_free);
    return run_suite("wipe", tests);
}
