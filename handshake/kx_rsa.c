/* kx_rsa.c: RSA key transport (RFC 5246 7.4.7.1), see key_exchange.h. */
#include "handshake/key_exchange.h"

#include <stdio.h>

#include "crypto/bignum.h"
#include "pki/x509.h"

/* The slides' drawing, in the trace: PS made, c = PS^e mod n with the
 * sizes that matter (why 48 bytes become a whole modulus). */
static void trace_encrypted_ps(tls_conn *c, const uint8_t *out, size_t out_len)
{
    char text[200], e[24] = "a large e";
    if (bn_fits_u64(c->peer_key.e))
        snprintf(e, sizeof e, "e = %llu", (unsigned long long)bn_get_u64(c->peer_key.e));
    snprintf(text, sizeof text,
             "c = PS^e mod n: the %d-byte PS padded to %zu bytes (PKCS#1 v1.5), "
             "n is %u bits, %s",
             RSA_PREMASTER_SIZE, out_len, rsa_public_bits(&c->peer_key), e);
    tls_trace_self(c, "ENCRYPTED PS", out, out_len, text);
}

/* 7.4.7.1: PS = client_version (03 03) + 46 random bytes, encrypted under
 * the server's RSA key. */
see_status kx_rsa_client_exchange(tls_conn *c, uint8_t *out, size_t cap,
                                  size_t *out_len)
{
    c->premaster[0] = 0x03;
    c->premaster[1] = 0x03;
    TRY(rng_bytes(c->rng, c->premaster + 2, RSA_PREMASTER_SIZE - 2));
    c->premaster_len = RSA_PREMASTER_SIZE;
    tls_trace_self(c, "PS", c->premaster, c->premaster_len,
                   "PS made: 03 03 (the version offered) + 46 random bytes "
                   "(the slides' 368 bits)");
    TRY(rsa_pkcs1_encrypt(&c->peer_key, c->rng, c->premaster,
                          RSA_PREMASTER_SIZE, out, cap, out_len));
    trace_encrypted_ps(c, out, *out_len);
    return SEE_OK;
}

/* 7.4.7.1: a bad encryption gives a random PS, never an error, so the
 * server is no padding oracle (Bleichenbacher). The version checked is
 * the one the client offered in its ClientHello. */
see_status kx_rsa_server_premaster(tls_conn *c, const uint8_t *in,
                                   size_t in_len)
{
    tls_trace_peer(c, "ENCRYPTED PS", in, in_len,
                   "c: PS encrypted under our public key");
    uint8_t version[2] = { (uint8_t)(c->client_version >> 8),
                           (uint8_t)c->client_version };
    TRY(rsa_decrypt_premaster(c->cfg->key, c->rng, in, in_len, version,
                              c->premaster));
    c->premaster_len = RSA_PREMASTER_SIZE;
    tls_trace_self(c, "PS", c->premaster, c->premaster_len,
                   "PS = c^d mod n: decrypted with our private key d");
    return SEE_OK;
}

const tls_key_exchange kx_rsa = {
    .name = "RSA",
    .handshake_type = 0,
    .cke = CKE_RSA,
    .key_use = { X509_KU_KEY_ENCIPHERMENT, "keyEncipherment",
                 "RSA key transport needs to encrypt PS" },
    .choose_group = NULL,
    .runs_in_group = NULL,
    .send_server_params = NULL,
    .on_server_params = NULL,
    .client_keypair = NULL,
    .client_exchange = kx_rsa_client_exchange,
    .client_premaster = NULL, /* made by client_exchange */
    .server_premaster = kx_rsa_server_premaster,
};
