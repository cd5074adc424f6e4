/* random.c: getrandom(2), or a seeded HMAC_DRBG for demos (see random.h). */
#include "crypto/random.h"

#include <errno.h>
#include <sys/random.h>

#include "core/util.h"

static const char seeded_nonce[] = "seetls seeded demo";

void rng_init_system(see_rng *rng)
{
    see_wipe(rng, sizeof *rng);
    rng->seeded = 0;
}

void rng_init_seeded(see_rng *rng, const void *seed, size_t seed_len)
{
    rng->seeded = 1;
    drbg_instantiate(&rng->drbg, seed, seed_len, seeded_nonce,
                     sizeof seeded_nonce - 1, NULL, 0);
}

static see_status system_bytes(uint8_t *out, size_t len)
{
    while (len > 0) {
        /* getrandom returns at most 32 MiB per call and may be interrupted
         * by a signal; both are handled by looping. */
        ssize_t got = getrandom(out, len, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return SEE_ERR_RANDOM;
        }
        out += got;
        len -= (size_t)got;
    }
    return SEE_OK;
}

see_status rng_bytes(see_rng *rng, void *out, size_t len)
{
    if (rng == NULL || !rng->seeded)
        return system_bytes(out, len);

    uint8_t *p = out;
    while (len > 0) {
        size_t take = len < DRBG_MAX_BYTES_PER_CALL ? len : DRBG_MAX_BYTES_PER_CALL;
        TRY(drbg_generate(&rng->drbg, p, take, NULL, 0));
        p += take;
        len -= take;
    }
    return SEE_OK;
}

int rng_is_seeded(const see_rng *rng)
{
    return rng != NULL && rng->seeded;
}

void rng_wipe(see_rng *rng)
{
    see_wipe(rng, sizeof *rng);
}
