/*
 * pbkdf2.c: PBKDF2-HMAC-SHA256 (RFC 8018 5.2; see pbkdf2.h).
 *
 * Every U_j is an HMAC keyed with the password, and HMAC's first step
 * hashes the padded key (K' ^ ipad, K' ^ opad: hmac.h). That part is the
 * same for all c iterations, so it is done once: the context after
 * hmac_sha256_init is kept, and each U_j starts from a copy of it. Two
 * SHA-256 blocks per iteration instead of four, the same output.
 */
#include "crypto/pbkdf2.h"

#include <string.h>

#include "core/util.h"
#include "crypto/hmac.h"

/* T_i = F(P, S, c, i) = U_1 ^ ... ^ U_c (RFC 8018 5.2 step 3), keyed is
 * HMAC with the password as key, before any message. */
static void pbkdf2_block(const hmac_sha256_ctx *keyed, const uint8_t *salt,
                         size_t salt_len, uint32_t iterations, uint32_t i,
                         uint8_t t[HMAC_SHA256_SIZE])
{
    hmac_sha256_ctx ctx = *keyed;
    uint8_t u[HMAC_SHA256_SIZE], index[4];
    see_store32_be(index, i);                /* INT(i), big-endian */
    hmac_sha256_update(&ctx, salt, salt_len);
    hmac_sha256_update(&ctx, index, sizeof index);
    hmac_sha256_final(&ctx, u);              /* U_1 */
    memcpy(t, u, sizeof u);
    for (uint32_t j = 2; j <= iterations; j++) {
        ctx = *keyed;
        hmac_sha256_update(&ctx, u, sizeof u);
        hmac_sha256_final(&ctx, u);          /* U_j = PRF(P, U_(j-1)) */
        for (size_t k = 0; k < sizeof u; k++)
            t[k] ^= u[k];
    }
    see_wipe(u, sizeof u);
    see_wipe(&ctx, sizeof ctx);
}

/* Step 1: at most 2^32 - 1 blocks, the largest INT(i). A 32-bit size_t
 * cannot ask for more (the comparison would be always false there, which
 * the compiler says). */
static int too_long(size_t dk_len)
{
#if SIZE_MAX > UINT32_MAX
    return dk_len > (size_t)UINT32_MAX * HMAC_SHA256_SIZE;
#else
    (void)dk_len;
    return 0;
#endif
}

see_status pbkdf2_hmac_sha256(const void *password, size_t password_len,
                              const uint8_t *salt, size_t salt_len,
                              uint32_t iterations, uint8_t *dk, size_t dk_len)
{
    ENSURE(iterations >= 1, SEE_ERR_PBKDF2_ITERATIONS);
    ENSURE(!too_long(dk_len), SEE_ERR_PBKDF2_LENGTH);
    hmac_sha256_ctx keyed;
    hmac_sha256_init(&keyed, password, password_len);
    uint8_t t[HMAC_SHA256_SIZE];
    uint32_t i = 1;
    for (size_t off = 0; off < dk_len; off += HMAC_SHA256_SIZE, i++) {
        size_t n = dk_len - off < sizeof t ? dk_len - off : sizeof t;
        pbkdf2_block(&keyed, salt, salt_len, iterations, i, t);
        memcpy(dk + off, t, n);              /* step 4: the last one cut */
    }
    see_wipe(t, sizeof t);
    see_wipe(&keyed, sizeof keyed);
    return SEE_OK;
}
