/* fuzz_keyfile.c: any bytes as an RSA private key, an RSA public key and
 * DH parameters (PEM or DER). Whatever loads must write back and load to
 * the same numbers. */
#include <stddef.h>
#include <stdint.h>

#include "pki/keyfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t out[KEYFILE_MAX_SIZE];

static void private_key(const uint8_t *data, size_t size, see_rng *rng)
{
    rsa_private_key key, back;
    rsa_private_init(&key);
    rsa_private_init(&back);
    size_t len;
    if (keyfile_read_rsa_private(data, size, rng, &key, NULL) == SEE_OK) {
        if (keyfile_write_rsa_private(&key, KEYFILE_PKCS8, 1, out, sizeof out,
                                      &len) != SEE_OK ||
            keyfile_read_rsa_private(out, len, rng, &back, NULL) != SEE_OK ||
            mpz_cmp(key.n, back.n) != 0 || mpz_cmp(key.d, back.d) != 0 ||
            mpz_cmp(key.qinv, back.qinv) != 0)
            __builtin_trap();
    }
    rsa_private_clear(&key);
    rsa_private_clear(&back);
}

static void public_key(const uint8_t *data, size_t size)
{
    rsa_public_key key, back;
    rsa_public_init(&key);
    rsa_public_init(&back);
    size_t len;
    if (keyfile_read_rsa_public(data, size, &key, NULL) == SEE_OK) {
        if (keyfile_write_rsa_public(&key, KEYFILE_SPKI, 0, out, sizeof out,
                                     &len) != SEE_OK ||
            keyfile_read_rsa_public(out, len, &back, NULL) != SEE_OK ||
            mpz_cmp(key.n, back.n) != 0 || mpz_cmp(key.e, back.e) != 0)
            __builtin_trap();
    }
    rsa_public_clear(&key);
    rsa_public_clear(&back);
}

static void dh_params(const uint8_t *data, size_t size, see_rng *rng)
{
    dh_group group, back;
    dh_group_init(&group);
    dh_group_init(&back);
    size_t len;
    if (keyfile_read_dh_params(data, size, 1, rng, &group, NULL) == SEE_OK) {
        if (keyfile_write_dh_params(&group, 1, out, sizeof out, &len) != SEE_OK ||
            keyfile_read_dh_params(out, len, 1, rng, &back, NULL) != SEE_OK ||
            mpz_cmp(group.p, back.p) != 0 || mpz_cmp(group.g, back.g) != 0)
            __builtin_trap();
    }
    dh_group_clear(&group);
    dh_group_clear(&back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A seeded generator keeps runs reproducible (Miller-Rabin bases). */
    see_rng rng;
    rng_init_seeded(&rng, "fuzz_keyfile", 12);
    private_key(data, size, &rng);
    public_key(data, size);
    dh_params(data, size, &rng);
    rng_wipe(&rng);
    return 0;
}
