/* drbg.c: HMAC_DRBG (SP 800-90A Rev. 1, 10.1.2) over our HMAC-SHA256. */
#include "crypto/drbg.h"

#include <string.h>

#include "crypto/hmac.h"
#include "core/util.h"

/* The provided_data of the standard is a concatenation of up to three
 * inputs (entropy || nonce || personalization, for example); passing them
 * as pieces spares copying secrets into a temporary buffer. */
typedef struct {
    const void *data;
    size_t len;
} piece;

/* K = HMAC(K, V || marker || provided_data), then V = HMAC(K, V). */
static void drbg_mix(hmac_drbg *d, uint8_t marker, const piece provided[3])
{
    hmac_sha256_ctx h;
    hmac_sha256_init(&h, d->K, sizeof d->K);
    hmac_sha256_update(&h, d->V, sizeof d->V);
    hmac_sha256_update(&h, &marker, 1);
    for (int i = 0; i < 3; i++)
        hmac_sha256_update(&h, provided[i].data, provided[i].len);
    hmac_sha256_final(&h, d->K);
    hmac_sha256(d->K, sizeof d->K, d->V, sizeof d->V, d->V);
}

/* 10.1.2.2, HMAC_DRBG_Update: the second mixing step happens only when
 * there is provided data. */
static void drbg_update(hmac_drbg *d, const piece provided[3])
{
    drbg_mix(d, 0x00, provided);
    if (provided[0].len + provided[1].len + provided[2].len == 0)
        return;
    drbg_mix(d, 0x01, provided);
}

void drbg_instantiate(hmac_drbg *d, const void *entropy, size_t entropy_len,
                      const void *nonce, size_t nonce_len,
                      const void *personal, size_t personal_len)
{
    /* 10.1.2.3: Key = 0x00 00...00, V = 0x01 01...01. */
    memset(d->K, 0x00, sizeof d->K);
    memset(d->V, 0x01, sizeof d->V);
    const piece seed_material[3] = {
        {entropy, entropy_len}, {nonce, nonce_len}, {personal, personal_len},
    };
    drbg_update(d, seed_material);
    d->reseed_counter = 1;
}

void drbg_reseed(hmac_drbg *d, const void *entropy, size_t entropy_len,
                 const void *additional, size_t additional_len)
{
    const piece seed_material[3] = {
        {entropy, entropy_len}, {additional, additional_len}, {NULL, 0},
    };
    drbg_update(d, seed_material);
    d->reseed_counter = 1;
}

see_status drbg_generate(hmac_drbg *d, void *out, size_t len,
                         const void *additional, size_t additional_len)
{
    ENSURE(len <= DRBG_MAX_BYTES_PER_CALL, SEE_ERR_DRBG);
    ENSURE(d->reseed_counter <= DRBG_RESEED_INTERVAL, SEE_ERR_DRBG);

    const piece extra[3] = {{additional, additional_len}, {NULL, 0}, {NULL, 0}};
    if (additional_len > 0)
        drbg_update(d, extra);

    uint8_t *p = out;
    while (len > 0) {
        hmac_sha256(d->K, sizeof d->K, d->V, sizeof d->V, d->V);
        size_t take = len < sizeof d->V ? len : sizeof d->V;
        memcpy(p, d->V, take);
        p += take;
        len -= take;
    }
    drbg_update(d, extra);
    d->reseed_counter++;
    return SEE_OK;
}

void drbg_wipe(hmac_drbg *d)
{
    see_wipe(d, sizeof *d);
}
