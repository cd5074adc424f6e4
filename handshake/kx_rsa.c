/* kx_rsa.c: RSA key transport (RFC 5246 7.4.7.1), see key_exchange.h. */
#include "handshake/key_exchange.h"

#include "pki/x509.h"

/* 7.4.7.1: PS = client_version (03 03) + 46 random bytes, encrypted under
 * the server's RSA key. */
see_status kx_rsa_client_premaster(tls_conn *c, uint8_t *out, size_t cap,
                                   size_t *out_len)
{
    c->premaster[0] = 0x03;
    c->premaster[1] = 0x03;
    TRY(rng_bytes(c->rng, c->premaster + 2, RSA_PREMASTER_SIZE - 2));
    c->premaster_len = RSA_PREMASTER_SIZE;
    return rsa_pkcs1_encrypt(&c->peer_key, c->rng, c->premaster,
                             RSA_PREMASTER_SIZE, out, cap, out_len);
}

/* 7.4.7.1: a bad encryption gives a random PS, never an error, so the
 * server is no padding oracle (Bleichenbacher). The version checked is
 * the one the client offered in its ClientHello. */
see_status kx_rsa_server_premaster(tls_conn *c, const uint8_t *in,
                                   size_t in_len)
{
    uint8_t version[2] = { (uint8_t)(c->client_version >> 8),
                           (uint8_t)c->client_version };
    TRY(rsa_decrypt_premaster(c->cfg->key, c->rng, in, in_len, version,
                              c->premaster));
    c->premaster_len = RSA_PREMASTER_SIZE;
    return SEE_OK;
}

const tls_key_exchange kx_rsa = {
    .name = "RSA",
    .handshake_type = 0,
    .key_use = { X509_KU_KEY_ENCIPHERMENT, "keyEncipherment",
                 "RSA key transport needs to encrypt PS" },
    .choose_group = NULL,
    .client_premaster = kx_rsa_client_premaster,
    .server_premaster = kx_rsa_server_premaster,
};
