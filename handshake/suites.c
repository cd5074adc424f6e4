/*
 * suites.c: every cipher suite seetls speaks, in one table: its number
 * (RFC 5246 A.5, RFC 5288 3), IANA's name and OpenSSL's, its key exchange
 * and its record protection (record.h: AES-128-CBC with HMAC-SHA256, or
 * an AEAD). All use the SHA-256 PRF (RFC 5246 5). A new suite is a row
 * here; a new key exchange is a file beside kx_rsa.c, kx_dhe.c and
 * kx_ecdhe.c (key_exchange.h).
 *
 * The table's order is the server's preference and the client's offer
 * (tls_config_init): forward secrecy first (an ephemeral key exchange:
 * a stolen server key does not open recorded sessions), then AEAD before
 * CBC (no MAC-then-encrypt, no padding to check: docs/aead.md); AES-GCM
 * before ChaCha20-Poly1305 where the CPU has AES instructions, the other
 * way round where it has not (tls_suites_order_for_cpu).
 */
#include "crypto/gcm.h"
#include "handshake/key_exchange.h"

#include <string.h>

const tls_suite tls_suites[] = {
    /* ECDHE on x25519 (RFC 8422 6, RFC 5289 3.2; RFC 7905 2) */
    { TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "ECDHE-RSA-AES128-GCM-SHA256", &kx_ecdhe, &record_aes128_gcm },
    { TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305",
      &kx_ecdhe, &record_chacha20_poly1305 },
    { TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
      "DHE-RSA-AES128-GCM-SHA256", &kx_dhe, &record_aes128_gcm },
    { TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",
      "DHE-RSA-AES128-SHA256", &kx_dhe, &record_aes128_cbc_sha256 },
    { TLS_RSA_WITH_AES_128_GCM_SHA256, "TLS_RSA_WITH_AES_128_GCM_SHA256",
      "AES128-GCM-SHA256", &kx_rsa, &record_aes128_gcm },
    { TLS_RSA_WITH_AES_128_CBC_SHA256, "TLS_RSA_WITH_AES_128_CBC_SHA256",
      "AES128-SHA256", &kx_rsa, &record_aes128_cbc_sha256 },
};
const size_t tls_suite_count = sizeof tls_suites / sizeof tls_suites[0];

const tls_suite *tls_suite_find(uint16_t id)
{
    for (size_t i = 0; i < tls_suite_count; i++)
        if (tls_suites[i].id == id)
            return &tls_suites[i];
    return NULL;
}

static int names(const char *name, const char *text, size_t len)
{
    return strlen(name) == len && strncmp(name, text, len) == 0;
}

const tls_suite *tls_suite_named(const char *text, size_t len)
{
    for (size_t i = 0; i < tls_suite_count; i++)
        if (names(tls_suites[i].name, text, len) ||
            names(tls_suites[i].openssl_name, text, len))
            return &tls_suites[i];
    return NULL;
}

const char *tls_suite_name(uint16_t id)
{
    const tls_suite *s = tls_suite_find(id);
    return s != NULL ? s->name : "unknown";
}

/* Where ids[i] (ChaCha20-Poly1305) goes: before the first AES-GCM suite
 * of its key exchange ahead of it, or i itself. */
static size_t chacha_place(const uint16_t *ids, size_t i, const tls_suite *chacha)
{
    for (size_t j = 0; j < i; j++) {
        const tls_suite *s = tls_suite_find(ids[j]);
        if (s != NULL && s->kx == chacha->kx && s->record == &record_aes128_gcm)
            return j;
    }
    return i;
}

/* Without AES instructions our AES is the bitsliced, constant-time code,
 * several times slower than ChaCha20 (make bench): a peer offering both
 * gets ChaCha20-Poly1305, as BoringSSL orders them on such a CPU. */
void tls_suites_order_for_cpu(uint16_t *ids, size_t n)
{
    if (aes128_gcm_in_hardware())
        return;
    for (size_t i = 0; i < n; i++) {
        const tls_suite *s = tls_suite_find(ids[i]);
        if (s == NULL || s->record != &record_chacha20_poly1305)
            continue;
        size_t j = chacha_place(ids, i, s);
        uint16_t id = ids[i];
        memmove(ids + j + 1, ids + j, (i - j) * sizeof *ids);
        ids[j] = id;
    }
}
