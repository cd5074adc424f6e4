/*
 * server.c: the server's side of the TLS 1.2 handshake (RFC 5246 7.3):
 * what it does with each of the client's messages, and to send each of
 * its own. Which message comes when is state_machine.c's; the loop in
 * tls.c walks it.
 */
#include "handshake/tls_internal.h"
#include "handshake/key_exchange.h"

#include <stdio.h>
#include <string.h>

#include "core/util.h"
#include "pki/x509.h"

/* ------------------------------------------------------- client hello --- */

/* 7.4.1.4.1: without signature_algorithms the client accepts sha1/rsa
 * only; we sign with sha256, so DHE needs the client to list 04 01. */
static int accepts_sha256_rsa(const client_hello *m)
{
    if (!m->ext.signature_algorithms)
        return 0;
    for (size_t i = 0; i + 1 < m->ext.sig_algs_len; i += 2)
        if (m->ext.sig_algs[i] == TLS_HASH_SHA256 &&
            m->ext.sig_algs[i + 1] == TLS_SIGNATURE_RSA)
            return 1;
    return 0;
}

/* ---------------------------------------------------------- the suite --- */

/* Our preference first, among what the client offers. RFC 7919 4: without
 * a group in common DHE is passed over ("the server SHOULD select an
 * acceptable non-FFDHE cipher suite"); when nothing else is left, the
 * failure is insufficient_security, not handshake_failure. RFC 8422 4:
 * without a curve in common ECDHE is passed over too; when nothing else
 * is left, handshake_failure (SEE_ERR_TLS_NO_COMMON_CURVE). */
static see_status choose_suite(tls_conn *c, const client_hello *m)
{
    see_status none = SEE_ERR_TLS_HANDSHAKE_FAILURE;
    for (size_t i = 0; i < c->cfg->suite_count; i++) {
        const tls_suite *s = tls_suite_find(c->cfg->suites[i]);
        if (s == NULL || !client_hello_offers_suite(m, s->id))
            continue;
        /* its ServerKeyExchange is signed (sha256, rsa) */
        if ((s->kx->handshake_type & TLS_HS_SIGNED_PARAMS) &&
            !accepts_sha256_rsa(m))
            continue;
        if (s->kx->choose_group != NULL) {
            see_status st = s->kx->choose_group(c, m);
            if (st == SEE_ERR_TLS_NO_COMMON_GROUP ||
                st == SEE_ERR_TLS_NO_COMMON_CURVE) {
                none = st;
                continue;
            }
            TRY(st);
        }
        tls_set_suite(c, s);
        return SEE_OK;
    }
    return none;
}

see_status tls_on_client_hello(tls_conn *c, reader *body)
{
    ENSURE(c->cfg->key != NULL && c->cfg->chain.count >= 1, SEE_ERR_ARGUMENT);
    client_hello m;
    TRY(client_hello_decode(body, &m));
    c->client_version = m.client_version;
    /* E.1: a client that cannot do 1.2 gets protocol_version; a newer one
     * gets 1.2. */
    ENSURE(m.client_version >= TLS_VERSION_1_2, SEE_ERR_TLS_PROTOCOL_VERSION);
    memcpy(c->rb, m.random, sizeof c->rb);
    tls_trace_peer(c, "RB", c->rb, sizeof c->rb, "the client's random RB");
    ENSURE(client_hello_offers_null_compression(&m),
           SEE_ERR_TLS_NO_NULL_COMPRESSION);
    /* RFC 5746 3.6: the SCSV or an empty renegotiation_info. */
    if (m.ext.renegotiation_info) {
        ENSURE(m.ext.renegotiated_connection_len == 0,
               SEE_ERR_TLS_RENEGOTIATION_INFO);
        c->secure_renegotiation = 1;
    }
    if (client_hello_offers_suite(&m, TLS_EMPTY_RENEGOTIATION_INFO_SCSV))
        c->secure_renegotiation = 1;
    /* RFC 8422 5.1.2: "If the client sends the extension and the
     * extension does not contain the uncompressed point format, and the
     * client has used the Supported Groups extension to indicate support
     * for any of the curves defined in this document, then the server MUST
     * abort the handshake and return an illegal_parameter alert." */
    if (m.ext.ec_point_formats && extensions_list_a_curve(&m.ext))
        ENSURE(extensions_point_formats_uncompressed(&m.ext),
               SEE_ERR_TLS_EC_POINT_FORMAT);
    c->client_point_formats = m.ext.ec_point_formats;
    TRY(choose_suite(c, &m));
    c->ems = c->cfg->extended_master_secret && m.ext.extended_master_secret;
    /* RFC 7366 3: "If a server receives an encrypt-then-MAC request
     * extension from a client and then selects a stream or AEAD cipher
     * suite, it MUST NOT send an encrypt-then-MAC response extension". */
    c->etm = c->cfg->encrypt_then_mac && m.ext.encrypt_then_mac &&
             c->record->aead == NULL;
    /* 7.4.4: we ask for the client's certificate when we are to check it;
     * its Certificate and CertificateVerify then follow. */
    if (c->cfg->verify_client != NULL)
        c->handshake_type |= TLS_HS_CLIENT_AUTH;
    return SEE_OK;
}

/* ------------------------------------------ what we send after ClientHello --- */

see_status tls_send_server_hello(tls_conn *c)
{
    TRY(rng_bytes(c->rng, c->rs, sizeof c->rs));
    tls_trace_self(c, "RS", c->rs, sizeof c->rs, "the server's random RS");
    server_hello m;
    memset(&m, 0, sizeof m);
    m.server_version = TLS_VERSION_1_2;
    memcpy(m.random, c->rs, sizeof c->rs);
    m.session_id_len = 0; /* no session resumption */
    m.cipher_suite = c->suite;
    m.compression_method = 0;
    m.ext.renegotiation_info = c->secure_renegotiation;
    m.ext.extended_master_secret = c->ems;
    m.ext.encrypt_then_mac = c->etm;
    /* RFC 8422 5.2: answered only with an ECC suite chosen and the
     * client's ec_point_formats there; uncompressed, the one format. */
    static const uint8_t uncompressed[1] = { TLS_EC_POINT_UNCOMPRESSED };
    if ((c->handshake_type & TLS_HS_ECDHE) && c->client_point_formats) {
        m.ext.ec_point_formats = 1;
        m.ext.point_formats = uncompressed;
        m.ext.point_formats_len = sizeof uncompressed;
    }
    writer w;
    tls_message_writer(c, &w);
    TRY(server_hello_encode(&w, &m));
    TRY(tls_send_message(c, w.len));
    c->rl.version_locked = 1;
    return SEE_OK;
}

/* 7.4.2: our chain, our own certificate first. */
see_status tls_send_server_certificate(tls_conn *c)
{
    writer w;
    tls_message_writer(c, &w);
    TRY(certificate_encode(&w, &c->cfg->chain));
    return tls_send_message(c, w.len);
}

/* 7.4.3: the key exchange's params, signed (RFC 8422 5.4 for ECDHE). */
see_status tls_send_server_key_exchange(tls_conn *c)
{
    return c->kx->send_server_params(c);
}

/* The digitally-signed part over RB + RS + params (7.4.3): sha256/rsa,
 * the signature into sig (room for an 8192-bit key: 512 bytes). */
static see_status sign_params(tls_conn *c, const uint8_t *params,
                              size_t params_len, uint8_t sig[512],
                              signed_part *out)
{
    uint8_t digest[32];
    tls_dhe_params_digest(c, params, params_len, digest);
    out->hash = TLS_HASH_SHA256;
    out->signature = TLS_SIGNATURE_RSA;
    out->sig = sig;
    return rsa_pkcs1_sign_digest(c->cfg->key, c->rng, digest, sig, 512,
                                 &out->sig_len);
}

/* RFC 8422 5.4: named_curve x25519 and Ys = a*G, signed with our RSA key
 * over RB + RS + ServerECDHParams, as for DHE. */
see_status tls_send_ecdhe_params(tls_conn *c)
{
    server_ecdh_key_exchange m;
    memset(&m, 0, sizeof m);
    TRY(kx_ecdhe_server_params(c, &m));
    uint8_t params[4 + X25519_KEY_SIZE], sig[512];
    writer pw;
    writer_init(&pw, params, sizeof params);
    TRY(server_ecdh_params_encode(&pw, &m));
    TRY(sign_params(c, params, pw.len, sig, &m.signed_params));
    tls_trace_self(c, "Ys", m.point, m.point_len,
                   "the server's public value Ys = a*G on Curve25519 (the "
                   "slides' A = g^a mod p)");
    writer w;
    tls_message_writer(c, &w);
    TRY(server_ecdh_key_exchange_encode(&w, &m));
    return tls_send_message(c, w.len);
}

/* 7.4.3: p, g, Ys = g^a mod p, signed with our RSA key over RB + RS +
 * params. */
see_status tls_send_dhe_params(tls_conn *c)
{
    /* c->group was chosen with the suite (choose_suite). */
    kx_dhe_numbers numbers;
    server_key_exchange m;
    memset(&m, 0, sizeof m);
    TRY(kx_dhe_server_params(c, &numbers, &m));
    /* The signed bytes are the params exactly as encoded. */
    uint8_t params[3 * (2 + DH_MAX_BYTES)];
    writer pw;
    writer_init(&pw, params, sizeof params);
    TRY(writer_vector(&pw, 2, m.p, m.p_len));
    TRY(writer_vector(&pw, 2, m.g, m.g_len));
    TRY(writer_vector(&pw, 2, m.ys, m.ys_len));
    uint8_t sig[512];
    TRY(sign_params(c, params, pw.len, sig, &m.signed_params));
    tls_trace_self(c, "Ys", m.ys, m.ys_len,
                   "the server's public value g^a mod p, the slides' A");

    writer w;
    tls_message_writer(c, &w);
    TRY(server_key_exchange_encode(&w, &m));
    return tls_send_message(c, w.len);
}

/* 7.4.4: ask for the client's certificate: an RSA one (rsa_sign), signed
 * with SHA-256/RSA. The list of acceptable CAs is left empty ("any"): the
 * check against the configured CA comes when the chain arrives. */
see_status tls_send_certificate_request(tls_conn *c)
{
    static const uint8_t types[] = {1};                       /* rsa_sign */
    static const uint8_t algs[] = {TLS_HASH_SHA256, TLS_SIGNATURE_RSA};
    certificate_request m = {types, sizeof types, algs, sizeof algs, NULL, 0};
    writer w;
    tls_message_writer(c, &w);
    TRY(certificate_request_encode(&w, &m));
    return tls_send_message(c, w.len);
}

/* 7.4.5: "the server is done sending messages to support the key
 * exchange"; empty. */
see_status tls_send_server_hello_done(tls_conn *c)
{
    writer w;
    tls_message_writer(c, &w);
    TRY(server_hello_done_encode(&w));
    return tls_send_message(c, w.len);
}

/* ------------------------------------ the client's certificate, its proof --- */

/* 7.4.6: the client's certificate chain, checked as the client checks the
 * server's. An empty list when one was asked for: 7.4.6 lets the server
 * decide: handshake_failure, unless the configuration lets clients
 * without a certificate in (client_certificate_optional: the handshake
 * then has no CertificateVerify, TLS_HS_NO_CLIENT_CERT). A message that
 * does not decode is no "no certificate": decode_error, as for any
 * other. */
see_status tls_on_client_certificate(tls_conn *c, reader *body)
{
    certificate_msg m;
    TRY(certificate_decode(body, &m));
    if (m.count == 0 && c->cfg->client_certificate_optional) {
        c->handshake_type |= TLS_HS_NO_CLIENT_CERT;
        tls_trace_self(c, "CLIENT CERTIFICATE", NULL, 0,
                       "none sent: the client goes on unauthenticated "
                       "(allowed here: client_certificate_optional)");
        return SEE_OK;
    }
    ENSURE(m.count > 0, SEE_ERR_TLS_NO_CLIENT_CERTIFICATE);
    /* 7.4.6, rsa_sign: "the certificate MUST allow the key to be used for
     * signing" the CertificateVerify that follows (7.4.8). */
    static const tls_key_use signing = { X509_KU_DIGITAL_SIGNATURE, "digitalSignature",
                                         "CertificateVerify needs" };
    return tls_take_peer_certificate(c, &m, c->cfg->verify_client,
                                     c->cfg->verify_client_ctx, &signing,
                                     "CLIENT CERTIFICATE",
                                     "the client's certificate (its public RSA key)");
}

/* 7.4.8: the client proves it holds the certificate's private key: its
 * RSA signature over the SHA-256 of every handshake message so far. The
 * first check over the transcript in a mutual handshake: a ClientHello
 * changed on the way (a downgrade) fails here, before the Finished. */
see_status tls_on_certificate_verify(tls_conn *c, reader *body)
{
    signed_part m;
    TRY(certificate_verify_decode(body, &m));
    ENSURE(m.hash == TLS_HASH_SHA256 && m.signature == TLS_SIGNATURE_RSA,
           SEE_ERR_TLS_ILLEGAL_PARAMETER);
    uint8_t digest[32];
    tls_transcript_hash(c, digest);
    tls_trace_peer(c, "CERTIFICATE VERIFY", m.sig, m.sig_len,
                   "the client's signature over the handshake so far");
    if (rsa_pkcs1_verify_digest(&c->peer_key, digest, m.sig, m.sig_len) != SEE_OK) {
        tls_trace_self(c, "SIGNATURE CHECK", digest, sizeof digest,
                       "SHA-256(handshake so far): the signature does not verify: "
                       "FAILED");
        return SEE_ERR_TLS_BAD_CERTIFICATE_VERIFY;
    }
    tls_trace_self(c, "SIGNATURE CHECK", digest, sizeof digest,
                   "SHA-256(handshake so far), signed by the client certificate's "
                   "key: good");
    return SEE_OK;
}

/* ------------------------------------------------ client key exchange --- */

see_status tls_on_client_key_exchange(tls_conn *c, reader *body)
{
    client_key_exchange m;
    TRY(client_key_exchange_decode(body, c->kx->cke, &m));
    TRY(c->kx->server_premaster(c, m.exchange, m.exchange_len));
    return tls_derive_keys(c);
}
