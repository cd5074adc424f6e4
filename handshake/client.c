/*
 * client.c: the client's side of the TLS 1.2 handshake (RFC 5246 7.3) as a
 * table: in each state, which message may come next and what to do with
 * it. The dispatch loop in tls.c runs it.
 */
#include "handshake/tls_internal.h"
#include "handshake/key_exchange.h"

#include <stdio.h>
#include <string.h>

#include "core/util.h"
#include "pki/x509.h"

enum {
    C_START,
    C_SERVER_HELLO,
    C_CERTIFICATE,
    C_AFTER_CERTIFICATE,   /* ServerKeyExchange (DHE) or, RSA, the rest */
    C_AFTER_KEY_EXCHANGE,
    C_AFTER_REQUEST,
    C_SEND_FLIGHT,
    C_SERVER_CCS,
    C_SERVER_FINISHED
};

static const uint8_t sha256_rsa[2] = { TLS_HASH_SHA256, TLS_SIGNATURE_RSA };

/* ---------------------------------------------------------- our hello --- */

static int offered(const tls_config *cfg, uint16_t suite)
{
    for (size_t i = 0; i < cfg->suite_count; i++)
        if (cfg->suites[i] == suite)
            return 1;
    return 0;
}

/* RFC 7919 3: a client that wants DHE in a strong group lists the finite
 * field groups it accepts, most preferred first; only groups it can use
 * ("A client that offers a group MUST be able and willing to perform a DH
 * key exchange using that group"), and only with a DHE suite offered. */
static see_status offer_groups(const tls_config *cfg, uint8_t *out,
                               size_t cap, hello_extensions *ext)
{
    if (!offered(cfg, TLS_DHE_RSA_WITH_AES_128_CBC_SHA256) || cfg->group_count == 0)
        return SEE_OK;
    writer w;
    writer_init(&w, out, cap);
    for (size_t i = 0; i < cfg->group_count; i++) {
        ENSURE(dh_tls_id_name(cfg->groups[i]) != NULL, SEE_ERR_ARGUMENT);
        TRY(writer_u16(&w, cfg->groups[i]));
    }
    ext->supported_groups = 1;
    ext->groups = out;
    ext->groups_len = w.len;
    return SEE_OK;
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
    /* RFC 6066 3: a host name only, never an IP address. */
    if (cfg->server_name != NULL && !host_is_ip_literal(cfg->server_name)) {
        size_t n = strlen(cfg->server_name);
        ENSURE(n >= 1 && n <= TLS_MAX_SERVER_NAME, SEE_ERR_ARGUMENT);
        memcpy(ext->host_name, cfg->server_name, n + 1);
        ext->server_name = 1;
    }
    return SEE_OK;
}

static see_status send_client_hello(tls_conn *c, reader *unused)
{
    (void)unused;
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
    return SEE_OK;
}

static see_status on_server_hello(tls_conn *c, reader *body)
{
    server_hello m;
    TRY(server_hello_decode(body, &m));
    ENSURE(m.server_version == TLS_VERSION_1_2, SEE_ERR_TLS_PROTOCOL_VERSION);
    ENSURE(offered(c->cfg, m.cipher_suite) && tls_suite_supported(m.cipher_suite),
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
    c->suite = m.cipher_suite;
    c->dhe = m.cipher_suite == TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;
    c->ems = m.ext.extended_master_secret;
    c->etm = m.ext.encrypt_then_mac;
    c->rl.version_locked = 1;
    return SEE_OK;
}

/* ------------------------------------------------------- hello request --- */

/* 7.4.1.1: a HelloRequest (empty: 7.4.1.1's struct { } HelloRequest) asks
 * for a new handshake. "This message will be ignored by the client if the
 * client is currently negotiating a session", and it is in no transcript
 * (tls.c leaves it out). So while ours is under way the table lets it
 * come before any message of the server's flight, and nothing happens;
 * after the handshake tls_read answers no_renegotiation. Between the
 * server's ChangeCipherSpec and its Finished no message may come (7.4.9). */
static see_status ignore_hello_request(tls_conn *c, reader *body)
{
    (void)c;
    TRY_DECODE(reader_expect_end(body));
    return SEE_OK;
}

/* ---------------------------------------------------------- certificate --- */

/*
 * 7.4.2: "The end entity certificate's public key (and associated
 * restrictions) MUST be compatible with the selected key exchange
 * algorithm": for RSA "the keyEncipherment bit MUST be set if the key
 * usage extension is present", for DHE_RSA "the digitalSignature bit".
 */
static see_status key_usage_fits_suite(tls_conn *c)
{
    tls_peer_cert *p = &c->peer_cert;
    unsigned needed = c->dhe ? X509_KU_DIGITAL_SIGNATURE : X509_KU_KEY_ENCIPHERMENT;
    if (!p->has_key_usage || (p->key_usage & needed))
        return SEE_OK;
    snprintf(p->refusal, sizeof p->refusal, "%s: its keyUsage lacks %s, which %s",
             p->subject, c->dhe ? "digitalSignature" : "keyEncipherment",
             c->dhe ? "DHE_RSA needs to sign the DH values"
                    : "RSA key transport needs to encrypt PS");
    return SEE_ERR_TLS_KEY_USAGE;
}

static see_status on_certificate(tls_conn *c, reader *body)
{
    certificate_msg m;
    TRY(certificate_decode(body, &m));
    ENSURE(m.count >= 1, SEE_ERR_TLS_BAD_CERTIFICATE);
    tls_peer_cert *p = &c->peer_cert;
    memset(p, 0, sizeof *p);
    see_status st = c->cfg->verify(c->cfg->verify_ctx, &m, &c->peer_key, p);
    p->subject[sizeof p->subject - 1] = '\0';
    p->refusal[sizeof p->refusal - 1] = '\0';
    TRY(st);
    /* A 2048-bit modulus at least (NIST SP 800-57, as for DH). */
    TRY(rsa_public_check(&c->peer_key, 2048));
    TRY(key_usage_fits_suite(c));
    memcpy(c->peer_subject, p->subject, sizeof c->peer_subject);
    tls_trace_peer(c, "CERTIFICATE", m.cert[0], m.cert_len[0],
                   "the server's certificate (its public RSA key)");
    return SEE_OK;
}

/* --------------------------------------------------- server key exchange --- */

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
static see_status on_server_key_exchange(tls_conn *c, reader *body)
{
    ENSURE(c->dhe, SEE_ERR_TLS_UNEXPECTED_MESSAGE);
    server_key_exchange m;
    TRY(server_key_exchange_decode(body, &m));
    /* We offered sha256/rsa only (signature_algorithms). */
    ENSURE(m.signed_params.hash == TLS_HASH_SHA256 &&
               m.signed_params.signature == TLS_SIGNATURE_RSA,
           SEE_ERR_TLS_ILLEGAL_PARAMETER);
    unsigned min_bits = c->cfg->min_dh_bits ? c->cfg->min_dh_bits : DH_MIN_BITS;
    TRY(dh_check_size_bytes(m.p, m.p_len, min_bits));
    uint8_t digest[32];
    tls_dhe_params_digest(c, m.params, m.params_len, digest);
    if (rsa_pkcs1_verify_digest(&c->peer_key, digest, m.signed_params.sig,
                                m.signed_params.sig_len) != SEE_OK)
        return SEE_ERR_TLS_BAD_SIGNATURE;
    TRY(kx_dhe_client_params(c, &m, min_bits < DH_MIN_BITS));
    tls_trace_peer(c, "p", m.p, m.p_len, "the Diffie-Hellman prime p");
    tls_trace_peer(c, "g", m.g, m.g_len, "the generator g");
    tls_trace_peer(c, "Ys", m.ys, m.ys_len, "the server's public value g^a mod p");
    return SEE_OK;
}

/* ------------------------------------------ request, hello done --- */

/* In C_AFTER_CERTIFICATE a DHE server still owes its ServerKeyExchange. */
static see_status require_key_exchange(const tls_conn *c)
{
    ENSURE(!(c->dhe && c->state == C_AFTER_CERTIFICATE),
           SEE_ERR_TLS_UNEXPECTED_MESSAGE);
    return SEE_OK;
}

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

static see_status on_certificate_request(tls_conn *c, reader *body)
{
    TRY(require_key_exchange(c));
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
    c->certificate_requested = 1;
    c->send_certificate = rsa_sign && sha256_with_rsa && c->cfg->chain.count > 0 &&
                          c->cfg->key != NULL && own_key_may_sign(c->cfg);
    return SEE_OK;
}

static see_status on_server_hello_done(tls_conn *c, reader *body)
{
    TRY(require_key_exchange(c));
    return server_hello_done_decode(body);
}

/* --------------------------------------------------------- our flight --- */

/* 7.4.8: prove we hold our certificate's private key: sign the SHA-256 of
 * every handshake message so far with it. */
static see_status send_certificate_verify(tls_conn *c)
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

static see_status send_client_flight(tls_conn *c, reader *unused)
{
    (void)unused;
    writer w;
    if (c->certificate_requested) {
        certificate_msg none = { .count = 0 };
        tls_message_writer(c, &w);
        TRY(certificate_encode(&w, c->send_certificate ? &c->cfg->chain : &none));
        TRY(tls_send_message(c, w.len));
    }
    uint8_t exchange[DH_MAX_BYTES]; /* Yc, or PS under an RSA key up to 8192 bits */
    size_t exchange_len = 0;
    if (c->dhe)
        TRY(kx_dhe_client_premaster(c, exchange, sizeof exchange, &exchange_len));
    else
        TRY(kx_rsa_client_premaster(c, exchange, sizeof exchange, &exchange_len));
    client_key_exchange cke = { exchange, exchange_len };
    tls_message_writer(c, &w);
    TRY(client_key_exchange_encode(&w, &cke));
    TRY(tls_send_message(c, w.len));
    /* RFC 7627 section 3: the session hash ends with ClientKeyExchange, so
     * the keys come before our CertificateVerify joins the transcript. */
    TRY(tls_derive_keys(c));
    if (c->send_certificate)
        TRY(send_certificate_verify(c));
    return tls_send_ccs_and_finished(c);
}

/* ------------------------------------------------------------- the table --- */

const hs_row tls_client_table[] = {
    { C_START, STEP_SEND, send_client_hello, C_SERVER_HELLO },
    { C_SERVER_HELLO, HS_SERVER_HELLO, on_server_hello, C_CERTIFICATE },
    { C_CERTIFICATE, HS_CERTIFICATE, on_certificate, C_AFTER_CERTIFICATE },
    { C_AFTER_CERTIFICATE, HS_SERVER_KEY_EXCHANGE, on_server_key_exchange, C_AFTER_KEY_EXCHANGE },
    { C_AFTER_CERTIFICATE, HS_CERTIFICATE_REQUEST, on_certificate_request, C_AFTER_REQUEST },
    { C_AFTER_CERTIFICATE, HS_SERVER_HELLO_DONE, on_server_hello_done, C_SEND_FLIGHT },
    { C_AFTER_KEY_EXCHANGE, HS_CERTIFICATE_REQUEST, on_certificate_request, C_AFTER_REQUEST },
    { C_AFTER_KEY_EXCHANGE, HS_SERVER_HELLO_DONE, on_server_hello_done, C_SEND_FLIGHT },
    { C_AFTER_REQUEST, HS_SERVER_HELLO_DONE, on_server_hello_done, C_SEND_FLIGHT },
    { C_SEND_FLIGHT, STEP_SEND, send_client_flight, C_SERVER_CCS },
    { C_SERVER_CCS, STEP_CCS, tls_on_ccs, C_SERVER_FINISHED },
    { C_SERVER_FINISHED, HS_FINISHED, tls_on_finished, HS_DONE },
    /* a HelloRequest during our handshake: ignored, the state unchanged */
    { C_SERVER_HELLO, HS_HELLO_REQUEST, ignore_hello_request, C_SERVER_HELLO },
    { C_CERTIFICATE, HS_HELLO_REQUEST, ignore_hello_request, C_CERTIFICATE },
    { C_AFTER_CERTIFICATE, HS_HELLO_REQUEST, ignore_hello_request, C_AFTER_CERTIFICATE },
    { C_AFTER_KEY_EXCHANGE, HS_HELLO_REQUEST, ignore_hello_request, C_AFTER_KEY_EXCHANGE },
    { C_AFTER_REQUEST, HS_HELLO_REQUEST, ignore_hello_request, C_AFTER_REQUEST },
    { C_SERVER_CCS, HS_HELLO_REQUEST, ignore_hello_request, C_SERVER_CCS },
};
const size_t tls_client_table_len = sizeof tls_client_table / sizeof tls_client_table[0];
