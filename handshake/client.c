/*
 * client.c: the client's side of the TLS 1.2 handshake (RFC 5246 7.3):
 * what it does to send each of its messages, and with each of the
 * server's. Which message comes when is state_machine.c's; the loop in
 * tls.c walks it.
 */
#include "handshake/tls_internal.h"
#include "handshake/key_exchange.h"

#include <stdio.h>
#include <string.h>

#include "core/util.h"
#include "pki/x509.h"

static const uint8_t sha256_rsa[2] = { TLS_HASH_SHA256, TLS_SIGNATURE_RSA };

/* ---------------------------------------------------------- our hello --- */

static int offered(const tls_config *cfg, uint16_t suite)
{
    for (size_t i = 0; i < cfg->suite_count; i++)
        if (cfg->suites[i] == suite)
            return 1;
    return 0;
}

/* The key exchange of a suite we offer that runs in the group id, or
 * NULL: no suite of ours would use it. */
static const tls_key_exchange *offered_exchange_in(const tls_config *cfg,
                                                   uint16_t id)
{
    for (size_t i = 0; i < cfg->suite_count; i++) {
        const tls_suite *s = tls_suite_find(cfg->suites[i]);
        if (s != NULL && s->kx->runs_in_group != NULL && s->kx->runs_in_group(id))
            return s->kx;
    }
    return NULL;
}

/* 1 when a suite we offer is ECDHE (RFC 8422 4: the ECC extensions go
 * with ECC suites only). */
static int offers_ecdhe(const tls_config *cfg)
{
    return offered_exchange_in(cfg, TLS_GROUP_X25519) != NULL;
}

/* RFC 7919 3: a client that wants DHE in a strong group lists the finite
 * field groups it accepts, most preferred first; only groups it can use
 * ("A client that offers a group MUST be able and willing to perform a DH
 * key exchange using that group"), and only with a DHE suite offered.
 * RFC 8422 5.1.1: the same list carries the curves for ECDHE (x25519),
 * with an ECDHE suite offered. Our order, both kinds in one list. */
static see_status offer_groups(const tls_config *cfg, uint8_t *out,
                               size_t cap, hello_extensions *ext)
{
    writer w;
    writer_init(&w, out, cap);
    for (size_t i = 0; i < cfg->group_count && i < TLS_MAX_GROUPS; i++) {
        uint16_t id = cfg->groups[i];
        ENSURE(kx_dhe_runs_in_group(id) || kx_ecdhe_runs_in_group(id),
               SEE_ERR_ARGUMENT);
        if (offered_exchange_in(cfg, id) != NULL)
            TRY(writer_u16(&w, id));
    }
    if (w.len == 0)
        return SEE_OK;
    ext->supported_groups = 1;
    ext->groups = out;
    ext->groups_len = w.len;
    return SEE_OK;
}

/* RFC 8422 5.1.2: with an ECDHE suite, ec_point_formats listing
 * uncompressed (0), the one format RFC 8422 keeps. */
static void offer_point_formats(const tls_config *cfg, hello_extensions *ext)
{
    static const uint8_t uncompressed[1] = { TLS_EC_POINT_UNCOMPRESSED };
    if (!offers_ecdhe(cfg))
        return;
    ext->ec_point_formats = 1;
    ext->point_formats = uncompressed;
    ext->point_formats_len = sizeof uncompressed;
}

/* The extensions our ClientHello carries: built here for the hello, and
 * again to check the ServerHello against them (7.4.1.4). */
static see_status offer_extensions(const tls_config *cfg, uint8_t *groups,
                                   size_t groups_cap, hello_extensions *ext)
{
    memset(ext, 0, sizeof *ext);
    ext->signature_algorithms = 1;   /* we verify sha256/rsa only */
    ext->sig_algs = sha256_rsa;
    ext->sig_algs_len = sizeof sha256_rsa;
    ext->renegotiation_info = 1;     /* RFC 5746 3.4: empty, first time */
    ext->extended_master_secret = cfg->extended_master_secret;
    ext->encrypt_then_mac = cfg->encrypt_then_mac;
    TRY(offer_groups(cfg, groups, groups_cap, ext));
    offer_point_formats(cfg, ext);
    /* RFC 6066 3: a host name only, never an IP address. */
    if (cfg->server_name != NULL && !host_is_ip_literal(cfg->server_name)) {
        size_t n = strlen(cfg->server_name);
        ENSURE(n >= 1 && n <= TLS_MAX_SERVER_NAME, SEE_ERR_ARGUMENT);
        memcpy(ext->host_name, cfg->server_name, n + 1);
        ext->server_name = 1;
    }
    return SEE_OK;
}

see_status tls_send_client_hello(tls_conn *c)
{
    const tls_config *cfg = c->cfg;
    TRY(rng_bytes(c->rng, c->rb, sizeof c->rb));
    tls_trace_self(c, "RB", c->rb, sizeof c->rb, "the client's random RB");

    uint8_t suites[2 * TLS_MAX_SUITES];
    writer sw;
    writer_init(&sw, suites, sizeof suites);
    for (size_t i = 0; i < cfg->suite_count && i < TLS_MAX_SUITES; i++)
        TRY(writer_u16(&sw, cfg->suites[i]));
    static const uint8_t null_compression[1] = { 0 };

    client_hello m;
    memset(&m, 0, sizeof m);
    m.client_version = TLS_VERSION_1_2;
    memcpy(m.random, c->rb, sizeof c->rb);
    m.cipher_suites = suites;
    m.cipher_suites_len = sw.len;
    m.compression_methods = null_compression;
    m.compression_methods_len = 1;
    uint8_t groups[2 * TLS_MAX_GROUPS];
    TRY(offer_extensions(cfg, groups, sizeof groups, &m.ext));
    writer w;
    tls_message_writer(c, &w);
    TRY(client_hello_encode(&w, &m));
    return tls_send_message(c, w.len);
}

/* ------------------------------------------------------- server hello --- */

/* 7.4.1.4: "If a client receives an extension type in ServerHello that it
 * did not request in the associated ClientHello, it MUST abort the
 * handshake with an unsupported_extension fatal alert": any type we do not
 * know (we sent none of those), and any known one we did not send.
 * signature_algorithms we send, but "Servers MUST NOT send this extension"
 * (7.4.1.4.1). */
static see_status check_answered_extensions(const tls_conn *c,
                                            const hello_extensions *answer)
{
    hello_extensions sent;
    uint8_t groups[2 * TLS_MAX_GROUPS];
    TRY(offer_extensions(c->cfg, groups, sizeof groups, &sent));
    ENSURE(answer->unknown == 0 && (answer->seen & ~extensions_mask(&sent)) == 0,
           SEE_ERR_TLS_UNSUPPORTED_EXTENSION);
    ENSURE(!answer->signature_algorithms, SEE_ERR_TLS_UNSUPPORTED_EXTENSION);
    /* RFC 8422 5.2: the server's list "MUST contain the value 0
     * (uncompressed)" too. */
    if (answer->ec_point_formats)
        ENSURE(extensions_point_formats_uncompressed(answer),
               SEE_ERR_TLS_EC_POINT_FORMAT);
    return SEE_OK;
}

see_status tls_on_server_hello(tls_conn *c, reader *body)
{
    server_hello m;
    TRY(server_hello_decode(body, &m));
    ENSURE(m.server_version == TLS_VERSION_1_2, SEE_ERR_TLS_PROTOCOL_VERSION);
    const tls_suite *suite = tls_suite_find(m.cipher_suite);
    ENSURE(offered(c->cfg, m.cipher_suite) && suite != NULL,
           SEE_ERR_TLS_ILLEGAL_PARAMETER);
    TRY(check_answered_extensions(c, &m.ext));
    /* RFC 5746 3.4: on the first handshake renegotiated_connection is
     * empty. */
    if (m.ext.renegotiation_info) {
        ENSURE(m.ext.renegotiated_connection_len == 0,
               SEE_ERR_TLS_RENEGOTIATION_INFO);
        c->secure_renegotiation = 1;
    }
    memcpy(c->rs, m.random, sizeof c->rs);
    tls_trace_peer(c, "RS", c->rs, sizeof c->rs, "the server's random RS");
    tls_set_suite(c, suite);
    c->ems = m.ext.extended_master_secret;
    /* RFC 7366 3: encrypt_then_mac is for CBC suites; with an AEAD the
     * server must not answer it, and one that does is ignored (as OpenSSL
     * does). */
    c->etm = m.ext.encrypt_then_mac && suite->record->aead == NULL;
    c->rl.version_locked = 1;
    if (c->kx->client_keypair != NULL)
        TRY(c->kx->client_keypair(c));
    return SEE_OK;
}

/* ---------------------------------------------------------- certificate --- */

/* 7.4.2: "The end entity certificate's public key (and associated
 * restrictions) MUST be compatible with the selected key exchange
 * algorithm": for RSA "the keyEncipherment bit MUST be set if the key
 * usage extension is present", for DHE_RSA "the digitalSignature bit"
 * (the key exchange's key_use). */
see_status tls_on_server_certificate(tls_conn *c, reader *body)
{
    certificate_msg m;
    TRY(certificate_decode(body, &m));
    ENSURE(m.count >= 1, SEE_ERR_TLS_BAD_CERTIFICATE);
    return tls_take_peer_certificate(c, &m, c->cfg->verify, c->cfg->verify_ctx,
                                     &c->kx->key_use, "CERTIFICATE",
                                     "the server's certificate (its public RSA key)");
}

/* --------------------------------------------------- server key exchange --- */

see_status tls_on_server_key_exchange(tls_conn *c, reader *body)
{
    return c->kx->on_server_params(c, body);
}

/* 7.4.3: the server's RSA signature over RB + RS + params, its digest
 * into digest; a failure traced with what it covers. */
static see_status check_params_signature(tls_conn *c, const uint8_t *params,
                                         size_t params_len,
                                         const signed_part *signed_params,
                                         const char *covers,
                                         uint8_t digest[32])
{
    char text[160];
    tls_dhe_params_digest(c, params, params_len, digest);
    if (rsa_pkcs1_verify_digest(&c->peer_key, digest, signed_params->sig,
                                signed_params->sig_len) != SEE_OK) {
        snprintf(text, sizeof text, "SHA-256(RB || RS || %s): the signature "
                 "does not verify: FAILED", covers);
        tls_trace_self(c, "SIGNATURE CHECK", digest, 32, text);
        return SEE_ERR_TLS_BAD_SIGNATURE;
    }
    return SEE_OK;
}

/* The slides: the browser verifies the server's signature, so that no one
 * in between chose the DH values. Traced once the values are checked. */
static void trace_params_signature_good(tls_conn *c, const char *covers,
                                        const uint8_t digest[32])
{
    char text[160];
    snprintf(text, sizeof text, "SHA-256(RB || RS || %s), signed by the "
             "certificate's key: good", covers);
    tls_trace_self(c, "SIGNATURE CHECK", digest, 32, text);
}

/*
 * RFC 8422 5.4 (5.10, 5.11 for what follows). The order of the checks:
 *   1. the signature algorithm: sha256/rsa, the one we offered;
 *   2. the server's RSA signature over RB + RS + ServerECDHParams: the
 *      curve and Ys come from the certificate's owner, not from someone
 *      in between (the slides' man in the middle choosing the values);
 *   3. the curve: named_curve x25519, the one we offered (4: the server
 *      MUST respect the client's curves), else illegal_parameter;
 *   4. Ys: 32 bytes (5.4.1). Its all-zero product is refused when PS is
 *      made (kx_ecdhe_client_premaster, 5.11).
 */
see_status tls_on_ecdhe_params(tls_conn *c, reader *body)
{
    server_ecdh_key_exchange m;
    TRY(server_ecdh_key_exchange_decode(body, &m));
    ENSURE(m.signed_params.hash == TLS_HASH_SHA256 &&
               m.signed_params.signature == TLS_SIGNATURE_RSA,
           SEE_ERR_TLS_ILLEGAL_PARAMETER);
    uint8_t digest[32];
    TRY(check_params_signature(c, m.params, m.params_len, &m.signed_params,
                               "curve, Ys", digest));
    TRY(kx_ecdhe_client_params(c, &m));
    tls_trace_peer(c, "curve", m.params, 3,
                   "named_curve (3) x25519 (29): Curve25519 of RFC 7748 and "
                   "its base point G, fixed for everyone (the slides' p and g)");
    tls_trace_peer(c, "Ys", m.point, m.point_len,
                   "the server's public value Ys = a*G on Curve25519 (the "
                   "slides' A = g^a mod p)");
    trace_params_signature_good(c, "curve, Ys", digest);
    return SEE_OK;
}

/*
 * 7.4.3 and RFC 7919 3. The order of the checks:
 *   1. the size of p, read off its bytes: min_dh_bits to DH_MAX_BITS. No
 *      arithmetic at all, and a group of the wrong size would be refused
 *      whoever signed it, so before the RSA signature check too: a forged
 *      65535-byte p costs us nothing (insufficient_security, RFC 7919 3's
 *      answer to a group our policy refuses);
 *   2. the server's RSA signature over RB + RS + params: the values come
 *      from the certificate's owner (RFC 7919 3 checks it first of all;
 *      step 1 only refuses earlier what it would refuse anyway);
 *   3. the group: 1 < g < p - 1; when (p, g) is a named group, its q
 *      (dh_group_set recognises it, whether we offered it or not: our
 *      local policy takes any group of an acceptable size);
 *   4. 1 < Ys < p - 1, and Ys^q = 1 when q is known (a Legendre symbol).
 * The only exponentiations, ours, come after all of these
 * (kx_dhe_client_premaster).
 */
see_status tls_on_dhe_params(tls_conn *c, reader *body)
{
    server_key_exchange m;
    TRY(server_key_exchange_decode(body, &m));
    /* We offered sha256/rsa only (signature_algorithms). */
    ENSURE(m.signed_params.hash == TLS_HASH_SHA256 &&
               m.signed_params.signature == TLS_SIGNATURE_RSA,
           SEE_ERR_TLS_ILLEGAL_PARAMETER);
    unsigned min_bits = c->cfg->min_dh_bits ? c->cfg->min_dh_bits : DH_MIN_BITS;
    TRY(dh_check_size_bytes(m.p, m.p_len, min_bits));
    uint8_t digest[32];
    TRY(check_params_signature(c, m.params, m.params_len, &m.signed_params,
                               "p, g, Ys", digest));
    TRY(kx_dhe_client_params(c, &m, min_bits < DH_MIN_BITS));
    tls_trace_peer(c, "p", m.p, m.p_len, "the Diffie-Hellman prime p");
    tls_trace_peer(c, "g", m.g, m.g_len, "the generator g");
    tls_trace_peer(c, "Ys", m.ys, m.ys_len,
                   "the server's public value g^a mod p, the slides' A");
    trace_params_signature_good(c, "p, g, Ys", digest);
    return SEE_OK;
}

/* ------------------------- the request, our certificate, hello done --- */

/* 7.4.6: for rsa_sign "the certificate MUST allow the key to be used for
 * signing" CertificateVerify: not when its keyUsage lacks
 * digitalSignature. Then we have no suitable certificate, and send none.
 * One that does not parse is the server's to judge. */
static int own_key_may_sign(const tls_config *cfg)
{
    x509_cert own;
    x509_cert_init(&own);
    int may = x509_parse(&own, cfg->chain.cert[0], cfg->chain.cert_len[0], NULL) != SEE_OK ||
              !own.has_key_usage || (own.key_usage & X509_KU_DIGITAL_SIGNATURE) != 0;
    x509_cert_clear(&own);
    return may;
}

/* That the server asks, the message itself told the loop
 * (TLS_HS_CLIENT_AUTH: its row announces it). Whether we have a
 * certificate that fits decides the rest of the handshake: without one,
 * TLS_HS_NO_CLIENT_CERT, an empty Certificate and no CertificateVerify. */
see_status tls_on_certificate_request(tls_conn *c, reader *body)
{
    certificate_request m;
    TRY(certificate_request_decode(body, &m));
    /* We send our certificate if we have one, else an empty list (7.4.6)
     * and the server decides. Ours is RSA signed with SHA-256/RSA: the
     * request must allow that. */
    int rsa_sign = 0, sha256_with_rsa = 0;
    for (size_t i = 0; i < m.certificate_types_len; i++)
        rsa_sign |= m.certificate_types[i] == 1;
    for (size_t i = 0; i + 1 < m.sig_algs_len; i += 2)
        sha256_with_rsa |= m.sig_algs[i] == TLS_HASH_SHA256 && m.sig_algs[i + 1] == TLS_SIGNATURE_RSA;
    int fits = rsa_sign && sha256_with_rsa && c->cfg->chain.count > 0 &&
               c->cfg->key != NULL && own_key_may_sign(c->cfg);
    if (!fits)
        c->handshake_type |= TLS_HS_NO_CLIENT_CERT;
    return SEE_OK;
}

see_status tls_on_server_hello_done(tls_conn *c, reader *body)
{
    (void)c;
    return server_hello_done_decode(body);
}

/* 7.4.6: our chain when we have one that fits the request, else an empty
 * list (TLS_HS_NO_CLIENT_CERT), and the server decides. */
see_status tls_send_client_certificate(tls_conn *c)
{
    certificate_msg none = { .count = 0 };
    int send_none = (c->handshake_type & TLS_HS_NO_CLIENT_CERT) != 0;
    writer w;
    tls_message_writer(c, &w);
    TRY(certificate_encode(&w, send_none ? &none : &c->cfg->chain));
    return tls_send_message(c, w.len);
}

/* --------------------------------------------------------- our flight --- */

/* 7.4.8: prove we hold our certificate's private key: sign the SHA-256 of
 * every handshake message so far with it (sent after the
 * ClientKeyExchange below). */
see_status tls_send_certificate_verify(tls_conn *c)
{
    uint8_t digest[32], sig[512];
    size_t sig_len;
    tls_transcript_hash(c, digest);
    TRY(rsa_pkcs1_sign_digest(c->cfg->key, c->rng, digest, sig, sizeof sig, &sig_len));
    signed_part m = { TLS_HASH_SHA256, TLS_SIGNATURE_RSA, sig, sig_len };
    writer w;
    tls_message_writer(c, &w);
    TRY(certificate_verify_encode(&w, &m));
    return tls_send_message(c, w.len);
}

/* 7.4.7: PS encrypted under the server's key (RSA) or our public value
 * (DHE, ECDHE), then the keys. With DH, PS is made after the message has
 * gone: the server works out its PS from our Yc while we work out ours,
 * at the same time instead of one after the other. */
see_status tls_send_client_key_exchange(tls_conn *c)
{
    uint8_t exchange[DH_MAX_BYTES]; /* Yc, or PS under an RSA key up to 8192 bits */
    size_t exchange_len = 0;
    TRY(c->kx->client_exchange(c, exchange, sizeof exchange, &exchange_len));
    client_key_exchange cke = { exchange, exchange_len, c->kx->cke };
    writer w;
    tls_message_writer(c, &w);
    TRY(client_key_exchange_encode(&w, &cke));
    TRY(tls_send_message(c, w.len));
    if (c->kx->client_premaster != NULL)
        TRY(c->kx->client_premaster(c));
    /* RFC 7627 section 3: the session hash ends with ClientKeyExchange, so
     * the keys come before our CertificateVerify joins the transcript. */
    return tls_derive_keys(c);
}
