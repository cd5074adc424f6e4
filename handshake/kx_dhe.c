/*
 * kx_dhe.c: ephemeral Diffie-Hellman, the slides' key agreement inside
 * the handshake (RFC 5246 7.4.3, 7.4.7.2; the groups of RFC 7919), see
 * key_exchange.h. The group comes from crypto/dh.c's one table of named
 * groups, and every number passes as bytes through its bytes API.
 */
#include "handshake/key_exchange.h"

#include <string.h>

#include "core/util.h"
#include "pki/x509.h"

void kx_state_init(tls_conn *c)
{
    dh_group_init(&c->group);
    memset(c->dh_x, 0, sizeof c->dh_x);
    c->dh_x_len = 0;
    memset(c->dh_peer, 0, sizeof c->dh_peer);
    c->dh_peer_len = 0;
    memset(c->ecdh_x, 0, sizeof c->ecdh_x); /* ECDHE's (kx_ecdhe.c) */
    memset(c->ecdh_ys, 0, sizeof c->ecdh_ys);
    memset(c->ecdh_yc, 0, sizeof c->ecdh_yc);
    c->ecdh_ready = 0;
}

void kx_state_free(tls_conn *c)
{
    dh_group_clear(&c->group);
    see_wipe(c->dh_x, sizeof c->dh_x);
    c->dh_x_len = 0;
    c->dh_peer_len = 0;
    see_wipe(c->ecdh_x, sizeof c->ecdh_x);
}

/* ------------------------------------------- the server's group --- */

static uint16_t listed_group(const client_hello *m, size_t i)
{
    return (uint16_t)(m->ext.groups[2 * i] << 8 | m->ext.groups[2 * i + 1]);
}

static int lists_group(const client_hello *m, uint16_t id)
{
    for (size_t i = 0; i < m->ext.groups_len / 2; i++)
        if (listed_group(m, i) == id)
            return 1;
    return 0;
}

/* RFC 7919 4: a client whose supported_groups lists any finite field group
 * (a codepoint from 256 to 511, "even if unknown to the server") is
 * compatible, and DHE may then only use one of its groups. A list of
 * elliptic curves only, or no list, says nothing about DHE. */
static int lists_ffdhe_group(const client_hello *m)
{
    for (size_t i = 0; i < m->ext.groups_len / 2; i++)
        if (dh_tls_id_is_ffdhe(listed_group(m, i)))
            return 1;
    return 0;
}

/* Among the client's groups, our first preference; but RFC 7919 4: "the
 * server SHOULD select an FFDHE group at least as strong as the server's
 * public key" when the client offers one, so first our first that is as
 * large as our RSA modulus (comparable strength at equal size, NIST SP
 * 800-57). 0: the client lists none of ours. */
static uint16_t choose_group(const tls_conn *c, const client_hello *m)
{
    unsigned key_bits = rsa_private_bits(c->cfg->key);
    uint16_t first_common = 0;
    for (size_t i = 0; i < c->cfg->group_count && i < TLS_MAX_GROUPS; i++) {
        uint16_t id = c->cfg->groups[i];
        if (!lists_group(m, id) || dh_tls_id_bits(id) == 0)
            continue;
        if (dh_tls_id_bits(id) >= key_bits)
            return id;
        if (first_common == 0)
            first_common = id;
    }
    return first_common;
}

int kx_dhe_runs_in_group(uint16_t id)
{
    return dh_tls_id_name(id) != NULL;
}

/* Our first finite field group (groups may list x25519 too). */
static uint16_t first_ffdhe_group(const tls_config *cfg)
{
    for (size_t i = 0; i < cfg->group_count && i < TLS_MAX_GROUPS; i++)
        if (kx_dhe_runs_in_group(cfg->groups[i]))
            return cfg->groups[i];
    return DH_TLS_FFDHE2048;
}

/* For a client that lists no finite field group: the configured group
 * (seetls server --dhparam), else our first named group. */
static see_status set_default_group(tls_conn *c)
{
    if (c->cfg->dh_group == NULL)
        return dh_group_from_tls_id(&c->group, first_ffdhe_group(c->cfg));
    /* Our own group: the size rule is the configuration's business. */
    return dh_group_copy(&c->group, c->cfg->dh_group, 1);
}

see_status kx_dhe_choose_group(tls_conn *c, const client_hello *m)
{
    if (!lists_ffdhe_group(m))
        return set_default_group(c);
    uint16_t id = choose_group(c, m);
    ENSURE(id != 0, SEE_ERR_TLS_NO_COMMON_GROUP);
    return dh_group_from_tls_id(&c->group, id);
}

/* ----------------------------------------------- the server's side --- */

/* 7.4.3: ServerDHParams, p, g and Ys = g^a mod p, each an opaque number
 * without leading zeros; a (our private exponent) kept as bytes for
 * ClientKeyExchange. */
see_status kx_dhe_server_params(tls_conn *c, kx_dhe_numbers *numbers,
                                server_key_exchange *m)
{
    TRY(dh_keypair(&c->group, c->rng, c->dh_x, sizeof c->dh_x, &c->dh_x_len,
                   numbers->ys, sizeof numbers->ys, &m->ys_len));
    TRY(dh_group_to_bytes(&c->group, numbers->p, sizeof numbers->p, &m->p_len,
                          numbers->g, sizeof numbers->g, &m->g_len));
    m->p = numbers->p;
    m->g = numbers->g;
    m->ys = numbers->ys;
    return SEE_OK;
}

/* 7.4.7.2: the client's Yc (RFC 7919 5.1: 1 < Yc < p - 1, and in the
 * subgroup when q is known), then PS = Yc^a mod p, leading zero bytes
 * stripped (8.1.2). a is wiped once used. */
see_status kx_dhe_server_premaster(tls_conn *c, const uint8_t *yc,
                                   size_t yc_len)
{
    TRY(dh_check_public_bytes(&c->group, yc, yc_len));
    tls_trace_peer(c, "Yc", yc, yc_len,
                   "the client's public value g^b mod p, the slides' B");
    see_status st = dh_shared_secret_tls12_bytes(
        &c->group, c->dh_x, c->dh_x_len, yc, yc_len, c->premaster,
        sizeof c->premaster, &c->premaster_len);
    see_wipe(c->dh_x, sizeof c->dh_x);
    TRY(st);
    tls_trace_self(c, "PS", c->premaster, c->premaster_len,
                   "PS = Yc^a mod p = g^ab mod p (the slides' B^a)");
    return SEE_OK;
}

/* ----------------------------------------------- the client's side --- */

/* Ys without its leading zero bytes: numerically below p (checked), so it
 * fits in DH_MAX_BYTES however long the peer made its vector. */
static void keep_peer_value(tls_conn *c, const uint8_t *y, size_t len)
{
    while (len > 0 && y[0] == 0) {
        y++;
        len--;
    }
    memcpy(c->dh_peer, y, len);
    c->dh_peer_len = len;
}

see_status kx_dhe_client_params(tls_conn *c, const server_key_exchange *m,
                                int allow_insecure)
{
    TRY(dh_group_set_bytes(&c->group, m->p, m->p_len, m->g, m->g_len,
                           allow_insecure));
    TRY(dh_check_public_bytes(&c->group, m->ys, m->ys_len));
    keep_peer_value(c, m->ys, m->ys_len);
    return SEE_OK;
}

/* 7.4.7.2: our g^b mod p (the group is only known from the
 * ServerKeyExchange, so the key pair is made now). */
see_status kx_dhe_client_exchange(tls_conn *c, uint8_t *out, size_t cap,
                                  size_t *out_len)
{
    TRY(dh_keypair(&c->group, c->rng, c->dh_x, sizeof c->dh_x, &c->dh_x_len,
                   out, cap, out_len));
    tls_trace_self(c, "Yc", out, *out_len,
                   "the client's public value g^b mod p, the slides' B");
    return SEE_OK;
}

/* PS = (Ys)^b mod p, leading zeros stripped (8.1.2). b lives only until
 * PS is made. */
see_status kx_dhe_client_premaster(tls_conn *c)
{
    see_status st = dh_shared_secret_tls12_bytes(
        &c->group, c->dh_x, c->dh_x_len, c->dh_peer, c->dh_peer_len,
        c->premaster, sizeof c->premaster, &c->premaster_len);
    see_wipe(c->dh_x, sizeof c->dh_x);
    TRY(st);
    tls_trace_self(c, "PS", c->premaster, c->premaster_len,
                   "PS = Ys^b mod p = g^ab mod p (the slides' A^b)");
    return SEE_OK;
}

const tls_key_exchange kx_dhe = {
    .name = "DHE_RSA",
    .handshake_type = TLS_HS_DHE,
    .cke = CKE_DHE,
    .key_use = { X509_KU_DIGITAL_SIGNATURE, "digitalSignature",
                 "DHE_RSA needs to sign the DH values" },
    .choose_group = kx_dhe_choose_group,
    .runs_in_group = kx_dhe_runs_in_group,
    .send_server_params = tls_send_dhe_params,
    .on_server_params = tls_on_dhe_params,
    .client_keypair = NULL,
    .client_exchange = kx_dhe_client_exchange,
    .client_premaster = kx_dhe_client_premaster,
    .server_premaster = kx_dhe_server_premaster,
};
