/* fuzz_rsa_padding.c: the RSA decoders (PKCS#1 v1.5 decryption, the TLS
 * premaster, OAEP, signature verification) and the DH public value check
 * on any input. The input is the encoded message EM itself: it is put
 * through the public key first, so the decoders see exactly the bytes the
 * fuzzer chose after the private operation. Whatever is accepted must be
 * the tail of EM. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/bignum.h"
#include "crypto/dh.h"
#include "crypto/rsa.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define K 128 /* a 1024-bit key: big enough for every padding, and fast */

static rsa_private_key key;
static rsa_public_key pub;
static dh_group group;
static int ready;

static void setup(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "fuzz key", 8);
    rsa_private_init(&key);
    rsa_public_init(&pub);
    if (rsa_generate(&rng, 8 * K, 0, &key) != SEE_OK)
        abort();
    rsa_public_from_private(&pub, &key);
    dh_group_init(&group);
    if (dh_group_named(&group, "ffdhe2048", 0) != SEE_OK)
        abort();
    rng_wipe(&rng);
    ready = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready)
        setup();
    uint8_t em[K] = {0}, ct[K], out[K];
    size_t out_len = 0;
    memcpy(em, data, size < K ? size : K);

    /* the raw bytes as a ciphertext and as a signature, any length */
    rsa_pkcs1_decrypt(&key, NULL, data, size, out, sizeof out, &out_len);
    rsa_pkcs1_verify(&pub, data, size, data, size);
    rsa_oaep_decrypt(&key, NULL, NULL, 0, data, size, out, sizeof out, &out_len);

    /* EM through the public key, so that the decoders see EM */
    mpz_t m, c;
    mpz_inits(m, c, NULL);
    bn_from_bytes(m, em, K);
    if (rsa_public_op(&pub, c, m) == SEE_OK && bn_to_bytes(c, ct, K) == SEE_OK) {
        if (rsa_pkcs1_decrypt(&key, NULL, ct, K, out, sizeof out, &out_len) == SEE_OK) {
            if (out_len > K - 11 || memcmp(out, em + K - out_len, out_len) != 0)
                abort();
        }
        uint8_t premaster[48], version[2] = {3, 3};
        if (rsa_decrypt_premaster(&key, NULL, ct, K, version, premaster) != SEE_OK)
            abort(); /* only randomness or a fault may fail it */
        rsa_oaep_decrypt(&key, NULL, em, size < 8 ? size : 8, ct, K, out,
                         sizeof out, &out_len);
        uint8_t digest[32] = {0};
        memcpy(digest, em + K - 32, 32);
        rsa_pkcs1_verify_digest(&pub, digest, ct, K);
    }

    /* a Diffie-Hellman public value */
    bn_from_bytes(m, data, size);
    dh_check_public(&group, m);
    mpz_clears(m, c, NULL);
    return 0;
}
