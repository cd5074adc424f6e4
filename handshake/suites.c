/*
 * suites.c: every cipher suite seetls speaks, in one table: its number
 * (RFC 5246 A.5), IANA's name and OpenSSL's, and its key exchange. Both
 * use AES-128 in CBC mode with HMAC-SHA256 records (record.h) and the
 * SHA-256 PRF (RFC 5246 5). A new suite is a row here; a new key exchange
 * is a file beside kx_rsa.c and kx_dhe.c (key_exchange.h).
 */
#include "handshake/key_exchange.h"

#include <string.h>

const tls_suite tls_suites[] = {
    /* ECDHE on x25519 with the CBC records: a stand-in until the AEAD
     * records give the ECDHE suites the issue names (0xc02f, 0xcca8) */
    { TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "ECDHE-RSA-AES128-SHA256",
      &kx_ecdhe },
    { TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",
      "DHE-RSA-AES128-SHA256", &kx_dhe },
    { TLS_RSA_WITH_AES_128_CBC_SHA256, "TLS_RSA_WITH_AES_128_CBC_SHA256",
      "AES128-SHA256", &kx_rsa },
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
