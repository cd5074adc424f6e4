/*
 * kx_ecdhe.c: ephemeral elliptic-curve Diffie-Hellman in the handshake
 * (RFC 8422 2.2, ECDHE_RSA) on the curve x25519 (RFC 7748), see
 * key_exchange.h. The slides' exchange with the group changed
 * (crypto/x25519.h):
 *
 *   DHE (kx_dhe.c)                  ECDHE on x25519 (here)
 *   p, g sent in ServerKeyExchange  "named_curve x25519" sent instead: the
 *                                   curve and G are fixed for everyone
 *   Ys = g^a mod p                  Ys = a*G, 32 bytes
 *   Yc = g^b mod p                  Yc = b*G, 32 bytes
 *   PS = Yc^a = Ys^b mod p          PS = a*Yc = b*Ys, 32 bytes (5.10)
 *
 * The private scalars a and b are never traced, as kx_dhe.c never traces
 * its exponents.
 */
#include "handshake/key_exchange.h"

#include <string.h>

#include "core/util.h"
#include "pki/x509.h"

int kx_ecdhe_runs_in_group(uint16_t id)
{
    return id == TLS_GROUP_X25519;
}

/* ------------------------------------------- the server's curve --- */

static int configured(const tls_config *cfg, uint16_t id)
{
    for (size_t i = 0; i < cfg->group_count && i < TLS_MAX_GROUPS; i++)
        if (cfg->groups[i] == id)
            return 1;
    return 0;
}

static int lists_x25519(const client_hello *m)
{
    for (size_t i = 0; i + 1 < m->ext.groups_len; i += 2)
        if ((m->ext.groups[i] << 8 | m->ext.groups[i + 1]) == TLS_GROUP_X25519)
            return 1;
    return 0;
}

/* RFC 8422 4: "when a client uses these extensions, servers MUST NOT
 * negotiate the use of an ECC cipher suite unless they can complete the
 * handshake while respecting the choice of curves specified by the
 * client"; and "A client that proposes ECC cipher suites may choose not
 * to include these extensions. In this case, the server is free to choose
 * any one of the elliptic curves": ours, x25519. */
see_status kx_ecdhe_choose_group(tls_conn *c, const client_hello *m)
{
    ENSURE(configured(c->cfg, TLS_GROUP_X25519), SEE_ERR_TLS_NO_COMMON_CURVE);
    if (m->ext.supported_groups)
        ENSURE(lists_x25519(m), SEE_ERR_TLS_NO_COMMON_CURVE);
    return SEE_OK;
}

/* ----------------------------------------------- the server's side --- */

/* 1 if the server may choose an ECDHE suite: one among its suites, and
 * x25519 among its groups. */
static int server_may_choose_ecdhe(const tls_config *cfg)
{
    if (!configured(cfg, TLS_GROUP_X25519))
        return 0;
    for (size_t i = 0; i < cfg->suite_count && i < TLS_MAX_SUITES; i++) {
        const tls_suite *s = tls_suite_find(cfg->suites[i]);
        if (s != NULL && s->kx == &kx_ecdhe)
            return 1;
    }
    return 0;
}

/* Our a and Ys = a*G, made before the ClientHello arrives when we may
 * choose ECDHE: we would only be waiting then, and after it they would
 * delay our ServerKeyExchange. For this handshake alone, whatever its
 * suite turns out to be: a is wiped at its end like any other secret
 * (kx_state_free), so forward secrecy keeps its meaning. */
see_status kx_ecdhe_server_keypair(tls_conn *c)
{
    if (c->ecdh_ready || !server_may_choose_ecdhe(c->cfg))
        return SEE_OK;
    TRY(x25519_generate_key(c->rng, c->ecdh_x, c->ecdh_ys));
    c->ecdh_ready = 1;
    return SEE_OK;
}

/* 5.4: ServerECDHParams, named_curve x25519 and Ys = a*G (5.10: "the
 * result of applying X25519 ... to the private key and the standard
 * public basepoint"), made while we waited for the ClientHello. a stays
 * in c->ecdh_x for the ClientKeyExchange. */
see_status kx_ecdhe_server_params(tls_conn *c, server_ecdh_key_exchange *m)
{
    TRY(kx_ecdhe_server_keypair(c));
    ENSURE(c->ecdh_ready, SEE_ERR_ARGUMENT);
    m->curve_type = TLS_EC_NAMED_CURVE;
    m->named_curve = TLS_GROUP_X25519;
    m->point = c->ecdh_ys;
    m->point_len = sizeof c->ecdh_ys;
    return SEE_OK;
}

/* 5.4.1: an x25519 public value is exactly the 32 bytes of RFC 7748. */
static see_status check_point(const uint8_t *point, size_t len)
{
    (void)point;
    ENSURE(len == X25519_KEY_SIZE, SEE_ERR_TLS_ECDHE_POINT);
    return SEE_OK;
}

/* 5.7, 5.10: the client's Yc, then PS = a*Yc; 5.11: an all-zero PS
 * (Yc a point of small order, which any Eve could have sent) refused. */
see_status kx_ecdhe_server_premaster(tls_conn *c, const uint8_t *yc,
                                     size_t yc_len)
{
    see_status st = check_point(yc, yc_len);
    if (st == SEE_OK) {
        tls_trace_peer(c, "Yc", yc, yc_len,
                       "the client's public value Yc = b*G on Curve25519 "
                       "(the slides' B = g^b mod p)");
        st = x25519_shared_secret(c->premaster, c->ecdh_x, yc);
    }
    see_wipe(c->ecdh_x, sizeof c->ecdh_x);
    TRY(st);
    c->premaster_len = X25519_KEY_SIZE;
    tls_trace_self(c, "PS", c->premaster, c->premaster_len,
                   "PS = a*Yc = a*(b*G): the 32-byte X25519 shared secret "
                   "(the slides' B^a mod p, RFC 8422 5.10)");
    return SEE_OK;
}

/* ----------------------------------------------- the client's side --- */

see_status kx_ecdhe_client_params(tls_conn *c, const server_ecdh_key_exchange *m)
{
    ENSURE(m->curve_type == TLS_EC_NAMED_CURVE &&
               m->named_curve == TLS_GROUP_X25519,
           SEE_ERR_TLS_ECDHE_CURVE);
    TRY(check_point(m->point, m->point_len));
    memcpy(c->ecdh_ys, m->point, X25519_KEY_SIZE);
    return SEE_OK;
}

/* 5.7, 5.10: our b and Yc = b*G. The curve is known from ServerHello
 * already (x25519 is the one we offer), so the pair is made then, while
 * the server signs its ServerKeyExchange. */
see_status kx_ecdhe_client_keypair(tls_conn *c)
{
    return x25519_generate_key(c->rng, c->ecdh_x, c->ecdh_yc);
}

see_status kx_ecdhe_client_exchange(tls_conn *c, uint8_t *out, size_t cap,
                                    size_t *out_len)
{
    ENSURE(cap >= X25519_KEY_SIZE, SEE_ERR_BUFFER_SMALL);
    memcpy(out, c->ecdh_yc, X25519_KEY_SIZE);
    *out_len = X25519_KEY_SIZE;
    tls_trace_self(c, "Yc", out, *out_len,
                   "the client's public value Yc = b*G on Curve25519 "
                   "(the slides' B = g^b mod p)");
    return SEE_OK;
}

/* PS = b*Ys; b lives only until PS is made. */
see_status kx_ecdhe_client_premaster(tls_conn *c)
{
    see_status st = x25519_shared_secret(c->premaster, c->ecdh_x, c->ecdh_ys);
    see_wipe(c->ecdh_x, sizeof c->ecdh_x);
    TRY(st);
    c->premaster_len = X25519_KEY_SIZE;
    tls_trace_self(c, "PS", c->premaster, c->premaster_len,
                   "PS = b*Ys = b*(a*G): the 32-byte X25519 shared secret "
                   "(the slides' A^b mod p, RFC 8422 5.10)");
    return SEE_OK;
}

const tls_key_exchange kx_ecdhe = {
    .name = "ECDHE_RSA",
    .handshake_type = TLS_HS_ECDHE,
    .cke = CKE_ECDHE,
    /* RFC 8422 5.3: ECDHE_RSA's certificate "MUST allow the key to be
     * used for signing" */
    .key_use = { X509_KU_DIGITAL_SIGNATURE, "digitalSignature",
                 "ECDHE_RSA needs to sign the ECDH values" },
    .choose_group = kx_ecdhe_choose_group,
    .runs_in_group = kx_ecdhe_runs_in_group,
    .send_server_params = tls_send_ecdhe_params,
    .on_server_params = tls_on_ecdhe_params,
    .client_keypair = kx_ecdhe_client_keypair,
    .client_exchange = kx_ecdhe_client_exchange,
    .client_premaster = kx_ecdhe_client_premaster,
    .server_premaster = kx_ecdhe_server_premaster,
};
