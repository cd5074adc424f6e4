/*
 * tls.c: the connection: the loop that walks the handshake's sequence
 * (state_machine.c), the parts of the handshake both roles share
 * (transcript, key derivation, ChangeCipherSpec, Finished), application
 * data, alerts and close_notify.
 *
 * The loop, for each message of the sequence: when it is ours, its row's
 * send handler sends it; when it is the peer's, read what the peer says
 * next (record_next): the message expected, or one that tells the
 * handshake type where the peer decides it (a CertificateRequest), goes to
 * its row's receive handler; anything else is unexpected_message (RFC
 * 5246 7.2.2). Then on to the next. A fatal alert from the peer ends the
 * handshake. Every handshake message goes into the transcript hash as it
 * is sent or received, except that a CertificateVerify or a Finished is
 * checked against the hash of the messages before it (7.4.8, 7.4.9) and
 * only then added.
 */
#include "handshake/tls_internal.h"
#include "handshake/key_exchange.h"

#include <stdio.h>
#include <string.h>

#include "codec/der.h"
#include "crypto/bignum.h"
#include "core/util.h"
#include "handshake/alert.h"

void tls_config_init(tls_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    /* Every suite, in the table's order: our preference. */
    for (size_t i = 0; i < tls_suite_count && i < TLS_MAX_SUITES; i++)
        cfg->suites[cfg->suite_count++] = tls_suites[i].id;
    tls_suites_order_for_cpu(cfg->suites, cfg->suite_count);
    cfg->groups[0] = TLS_GROUP_X25519;
    cfg->groups[1] = DH_TLS_FFDHE2048;
    cfg->groups[2] = DH_TLS_FFDHE3072;
    cfg->groups[3] = DH_TLS_FFDHE4096;
    cfg->group_count = 4;
    cfg->extended_master_secret = 1;
    cfg->encrypt_then_mac = 1;
}

void tls_failure_text(const tls_conn *c, see_status st, char *out, size_t cap)
{
    if (st == SEE_ERR_TLS_CLOSE_NOTIFY)
        snprintf(out, cap, "%s", see_strerror(st));
    else if (c->alert_received >= 0 && st == SEE_ERR_TLS_ALERT_RECEIVED)
        snprintf(out, cap, "the peer sent the alert %s",
                 alert_name((uint8_t)c->alert_received));
    else if (c->alert_received >= 0)
        snprintf(out, cap, "%s (the peer sent %s)", see_strerror(st),
                 alert_name((uint8_t)c->alert_received));
    else if (c->alert_sent >= 0)
        snprintf(out, cap, "%s (sent %s)", see_strerror(st),
                 alert_name((uint8_t)c->alert_sent));
    else
        snprintf(out, cap, "%s", see_strerror(st));
    /* why the peer's certificate was refused, when it was */
    if (c->peer_cert.refusal[0] != '\0' && cap > 0) {
        size_t len = strlen(out);
        snprintf(out + len, cap - len, ": %s", c->peer_cert.refusal);
    }
}

void tls_failure_get(const tls_conn *c, see_status st, tls_failure *out)
{
    out->status = st;
    out->alert_sent = c->alert_sent;
    out->alert_received = c->alert_received;
    tls_failure_text(c, st, out->text, sizeof out->text);
}

tls_tampering tls_tampering_of(see_status st, int alert_received)
{
    if (st == SEE_ERR_TLS_BAD_RECORD_MAC)
        return TLS_TAMPERING_FOUND;
    if (st == SEE_ERR_TLS_ALERT_RECEIVED && alert_received == ALERT_BAD_RECORD_MAC)
        return TLS_TAMPERING_REPORTED;
    return TLS_NO_TAMPERING;
}

void tls_key_exchange_text(const tls_conn *c, char *out, size_t cap)
{
    if (c->kx == NULL)
        snprintf(out, cap, "none");
    else if (c->kx == &kx_rsa)
        snprintf(out, cap, "RSA key transport");
    else if (c->kx == &kx_dhe)
        snprintf(out, cap, "DHE with %s",
                 c->group.name != NULL ? c->group.name : "a custom group");
    else if (c->kx == &kx_ecdhe)
        snprintf(out, cap, "ECDHE with x25519"); /* our one curve */
    else
        snprintf(out, cap, "%s", c->kx->name);
}

/* The verdict on the peer's certificate, before anything is kept. */
static see_status judge_peer_certificate(tls_conn *c, const certificate_msg *m,
                                         tls_verify_fn *verify, void *verify_ctx,
                                         const tls_key_use *use)
{
    tls_peer_cert *p = &c->peer_cert;
    see_status st = verify(verify_ctx, m, &c->peer_key, p);
    p->subject[sizeof p->subject - 1] = '\0';
    p->refusal[sizeof p->refusal - 1] = '\0';
    p->issuer[sizeof p->issuer - 1] = '\0';
    p->host[sizeof p->host - 1] = '\0';
    TRY(st);
    TRY(rsa_public_check(&c->peer_key, 2048));
    if (p->has_key_usage && !(p->key_usage & use->bit)) {
        snprintf(p->refusal, sizeof p->refusal, "%s: its keyUsage lacks %s, which %s",
                 p->subject, use->name, use->needed_for);
        return SEE_ERR_TLS_KEY_USAGE;
    }
    return SEE_OK;
}

/* "CERTIFICATE CHECK", in the slides' words (the browser validates the
 * certificate: issued by a CA it trusts, valid now, for this name): who
 * signed it, until when it is valid, for which name; or why it failed. */
static void trace_certificate_check(tls_conn *c, see_status st)
{
    const tls_peer_cert *p = &c->peer_cert;
    char text[TLS_FAILURE_TEXT_SIZE];
    if (st != SEE_OK) {
        snprintf(text, sizeof text, "FAILED: %s%s%s", see_strerror(st),
                 p->refusal[0] != '\0' ? ": " : "", p->refusal);
        tls_trace_self(c, "CERTIFICATE CHECK", NULL, 0, text);
        return;
    }
    char until[40] = "?";
    if (p->not_after != 0) {
        int y, mo, d, h, mi, sec;
        der_civil_from_epoch(p->not_after, &y, &mo, &d, &h, &mi, &sec);
        snprintf(until, sizeof until, "%04d-%02d-%02d", y, mo, d);
    }
    const char *name = p->host[0] != '\0' ? p->host
                       : c->role == TLS_ROLE_SERVER ? "a TLS client"
                       : "any name (none checked)";
    snprintf(text, sizeof text, "signed by %s, valid until %s, valid for %s: good",
             p->issuer[0] != '\0' ? p->issuer : "a CA we trust", until, name);
    tls_trace_self(c, "CERTIFICATE CHECK", NULL, 0, text);
}

see_status tls_take_peer_certificate(tls_conn *c, const certificate_msg *m,
                                     tls_verify_fn *verify, void *verify_ctx,
                                     const tls_key_use *use,
                                     const char *trace_name,
                                     const char *explain)
{
    memset(&c->peer_cert, 0, sizeof c->peer_cert);
    tls_trace_peer(c, trace_name, m->cert[0], m->cert_len[0], explain);
    see_status st = judge_peer_certificate(c, m, verify, verify_ctx, use);
    trace_certificate_check(c, st);
    TRY(st);
    memcpy(c->peer_subject, c->peer_cert.subject, sizeof c->peer_subject);
    return SEE_OK;
}

void tls_set_suite(tls_conn *c, const tls_suite *suite)
{
    c->suite = suite->id;
    c->kx = suite->kx;
    c->record = suite->record;
    c->handshake_type |= suite->kx->handshake_type;
}

void tls_conn_init(tls_conn *c, tls_role role, const tls_config *cfg,
                   const transport *io)
{
    memset(c, 0, offsetof(tls_conn, rl));
    c->role = role;
    c->cfg = cfg;
    c->rng = cfg->rng;
    record_layer_init(&c->rl, io, cfg->rng, cfg->trace, (trace_party)role);
    c->handshake_type = 0;
    c->position = 0;
    sha256_init(&c->transcript);
    c->suite = 0;
    c->kx = NULL;
    c->record = NULL;
    c->ems = c->etm = c->secure_renegotiation = 0;
    rsa_public_init(&c->peer_key);
    kx_state_init(c);
    c->premaster_len = 0;
    c->peer_subject[0] = '\0';
    memset(&c->peer_cert, 0, sizeof c->peer_cert);
    c->handshake_done = 0;
    c->alert_sent = c->alert_received = -1;
    c->close_notify_sent = 0;
    c->failed = SEE_OK;
    c->app = NULL;
    c->app_len = 0;
}

void tls_conn_free(tls_conn *c)
{
    record_layer_wipe(&c->rl);
    rsa_public_clear(&c->peer_key);
    kx_state_free(c);
    see_wipe(c->premaster, sizeof c->premaster);
    see_wipe(c->master, sizeof c->master);
    see_wipe(&c->keys, sizeof c->keys);
    see_wipe(c->msg, sizeof c->msg);
    see_wipe(&c->transcript, sizeof c->transcript);
}

/* ------------------------------------------------------------ tracing --- */

void tls_trace_self(tls_conn *c, const char *name, const uint8_t *bytes,
                    size_t len, const char *explain)
{
    trace_emit(c->cfg->trace, (trace_party)c->role, name, bytes, len, explain);
}

void tls_trace_peer(tls_conn *c, const char *name, const uint8_t *bytes,
                    size_t len, const char *explain)
{
    trace_party peer = c->role == TLS_ROLE_CLIENT ? TRACE_SERVER : TRACE_CLIENT;
    trace_emit(c->cfg->trace, peer, name, bytes, len, explain);
}

/* ------------------------------------------------- messages, transcript --- */

void tls_message_writer(tls_conn *c, writer *w)
{
    writer_init(w, c->msg, sizeof c->msg);
}

see_status tls_send_message(tls_conn *c, size_t len)
{
    sha256_update(&c->transcript, c->msg, len);
    tls_trace_self(c, hs_type_name(c->msg[0]), c->msg, len,
                   "handshake message sent");
    return record_write(&c->rl, TLS_CONTENT_HANDSHAKE, c->msg, len);
}

void tls_transcript_hash(const tls_conn *c, uint8_t out[32])
{
    sha256_ctx copy = c->transcript;
    sha256_final(&copy, out);
}

void tls_dhe_params_digest(const tls_conn *c, const uint8_t *params,
                           size_t params_len, uint8_t digest[32])
{
    sha256_ctx h;
    sha256_init(&h);
    sha256_update(&h, c->rb, sizeof c->rb);
    sha256_update(&h, c->rs, sizeof c->rs);
    sha256_update(&h, params, params_len);
    sha256_final(&h, digest);
}

/* -------------------------------------------------------------- keys --- */

/* The key block's pieces, by the slides' names: an AEAD suite has no MAC
 * keys I_B, I_S, and has the IVs of its nonces instead (RFC 5246 6.3). */
static void trace_session_keys(tls_conn *c)
{
    const tls_session_keys *k = &c->keys;
    const tls_key_sizes *n = &k->sizes;
    if (n->mac_key_len > 0) {
        tls_trace_self(c, "I_B", k->i_b, n->mac_key_len,
                       "client MAC key (client_write_MAC_key)");
        tls_trace_self(c, "I_S", k->i_s, n->mac_key_len,
                       "server MAC key (server_write_MAC_key)");
    }
    tls_trace_self(c, "C_B", k->c_b, n->key_len,
                   "client cipher key (client_write_key)");
    tls_trace_self(c, "C_S", k->c_s, n->key_len,
                   "server cipher key (server_write_key)");
    if (n->iv_len > 0) {
        tls_trace_self(c, "IV_B", k->iv_b, n->iv_len,
                       "client IV, the fixed part of its records' nonces (client_write_IV)");
        tls_trace_self(c, "IV_S", k->iv_s, n->iv_len,
                       "server IV, the fixed part of its records' nonces (server_write_IV)");
    }
}

see_status tls_derive_keys(tls_conn *c)
{
    /* PS itself was traced where the key exchange made it (kx_rsa.c,
     * kx_dhe.c), with its formula. */
    if (c->ems) {
        /* RFC 7627 4: session_hash = Hash(ClientHello .. ClientKeyExchange) */
        uint8_t session_hash[32];
        tls_transcript_hash(c, session_hash);
        tls_trace_self(c, "SESSION HASH", session_hash, 32,
                       "hash of the handshake up to ClientKeyExchange (RFC 7627)");
        prf_extended_master_secret(c->premaster, c->premaster_len,
                                   session_hash, c->master);
    } else {
        prf_master_secret(c->premaster, c->premaster_len, c->rb, c->rs,
                          c->master);
    }
    see_wipe(c->premaster, sizeof c->premaster);
    c->premaster_len = 0;
    tls_trace_self(c, "MASTER SECRET", c->master, sizeof c->master,
                   c->ems ? "PRF(PS, \"extended master secret\", session hash)"
                          : "PRF(PS, \"master secret\", RB + RS)");
    prf_session_keys(c->master, c->rb, c->rs, &c->record->keys, &c->keys);
    trace_session_keys(c);
    return SEE_OK;
}

/* Start protecting what sender writes, the client's records (I_B, C_B,
 * IV_B) or the server's, with the suite's record protection. */
static see_status start_protection(tls_conn *c, record_cipher *rc,
                                   tls_role sender)
{
    const tls_session_keys *k = &c->keys;
    int client = sender == TLS_ROLE_CLIENT;
    return record_cipher_start(rc, c->record, client ? k->i_b : k->i_s,
                               client ? k->c_b : k->c_s,
                               client ? k->iv_b : k->iv_s, c->etm);
}

/* ------------------------------------------- ChangeCipherSpec, Finished --- */

static const char *finished_label(tls_role sender)
{
    return sender == TLS_ROLE_CLIENT ? "client finished" : "server finished";
}

see_status tls_send_ccs(tls_conn *c)
{
    static const uint8_t ccs[1] = { 1 }; /* RFC 5246 7.1 */
    TRY(record_write(&c->rl, TLS_CONTENT_CHANGE_CIPHER_SPEC, ccs, 1));
    TRY(start_protection(c, &c->rl.write, c->role));
    tls_trace_self(c, "CHANGE_CIPHER_SPEC", ccs, 1,
                   c->record->aead != NULL
                       ? "from now on our records are encrypted and authenticated (AEAD)"
                       : "from now on our records are encrypted and MACed");
    return SEE_OK;
}

see_status tls_send_finished(tls_conn *c)
{
    uint8_t hash[32];
    finished_msg f;
    tls_transcript_hash(c, hash);
    prf_finished(c->master, finished_label(c->role), hash, f.verify_data);
    tls_trace_self(c, "FINISHED MAC", f.verify_data, sizeof f.verify_data,
                   "PRF(master, label, hash of all handshake messages)[0..11]");
    writer w;
    tls_message_writer(c, &w);
    TRY(finished_encode(&w, &f));
    return tls_send_message(c, w.len);
}

/* 7.1: the ChangeCipherSpec record holds exactly the one byte 01, and
 * comes between handshake messages. Anything else is not the message the
 * state allows: unexpected_message (as OpenSSL answers it, and tlsfuzzer's
 * test-ccs expects), not decode_error. */
see_status tls_on_ccs(tls_conn *c, reader *body)
{
    uint8_t v;
    ENSURE(reader_u8(body, &v) == SEE_OK && v == 1 && reader_at_end(body),
           SEE_ERR_TLS_BAD_CCS);
    ENSURE(!record_handshake_pending(&c->rl), SEE_ERR_TLS_BAD_CCS);
    TRY(start_protection(c, &c->rl.read, c->role == TLS_ROLE_SERVER
                                             ? TLS_ROLE_CLIENT : TLS_ROLE_SERVER));
    tls_trace_peer(c, "CHANGE_CIPHER_SPEC", NULL, 0,
                   c->record->aead != NULL
                       ? "from now on the peer's records are encrypted and "
                         "authenticated (AEAD)"
                       : "from now on the peer's records are encrypted and MACed");
    return SEE_OK;
}

see_status tls_on_finished(tls_conn *c, reader *body)
{
    finished_msg f;
    TRY(finished_decode(body, &f));
    uint8_t hash[32], expected[TLS_VERIFY_DATA_SIZE];
    tls_transcript_hash(c, hash);
    tls_role peer = c->role == TLS_ROLE_CLIENT ? TLS_ROLE_SERVER : TLS_ROLE_CLIENT;
    prf_finished(c->master, finished_label(peer), hash, expected);
    tls_trace_peer(c, "FINISHED MAC", f.verify_data, sizeof f.verify_data,
                   "the peer's Finished, checked against our own computation");
    int ok = see_ct_equal(expected, f.verify_data, sizeof expected);
    /* The slides' "if good MAC": what we computed ourselves, then the
     * verdict of the (constant-time) comparison with what came. */
    tls_trace_self(c, "FINISHED CHECK", expected, sizeof expected,
                   ok ? "our PRF(master, its label, handshake hash)[0..11] = the "
                        "verify_data received: good"
                      : "our PRF(master, its label, handshake hash)[0..11] is not the "
                        "verify_data received: FAILED");
    see_wipe(expected, sizeof expected);
    ENSURE(ok, SEE_ERR_TLS_BAD_FINISHED);
    return SEE_OK;
}

/* ----------------------------------------------------------- alerts --- */

static void send_alert(tls_conn *c, uint8_t level, uint8_t description)
{
    uint8_t bytes[2] = { level, description };
    char text[80];
    snprintf(text, sizeof text, "%s alert sent (%s)", alert_name(description),
             level == ALERT_FATAL ? "fatal" : "warning");
    tls_trace_self(c, "ALERT", bytes, sizeof bytes, text);
    /* Best effort: the connection is failing anyway. */
    (void)record_write(&c->rl, TLS_CONTENT_ALERT, bytes, sizeof bytes);
    if (level == ALERT_FATAL)
        c->alert_sent = description;
}

/* The peer's alert: close_notify; a warning, which we note and go on after
 * (SEE_OK; 7.2.2 lets the receiver decide), except no_renegotiation, which
 * the caller learns of; or a fatal alert, the end. */
static see_status on_alert(tls_conn *c, const uint8_t *data, size_t len)
{
    alert_msg a;
    TRY(alert_decode(data, len, &a));
    tls_trace_peer(c, "ALERT", data, len, alert_name(a.description));
    if (a.description == ALERT_CLOSE_NOTIFY)
        return SEE_ERR_TLS_CLOSE_NOTIFY;
    c->alert_received = a.description;
    if (a.level == ALERT_WARNING)
        return a.description == ALERT_NO_RENEGOTIATION
                   ? SEE_ERR_TLS_NO_RENEGOTIATION
                   : SEE_OK;
    return SEE_ERR_TLS_ALERT_RECEIVED;
}

/* Any failure: send the alert that names it (unless there is none to send)
 * and pass the status on. */
static see_status fail(tls_conn *c, see_status st)
{
    int alert = alert_for_status(st);
    if (alert > 0 && c->alert_sent < 0)
        send_alert(c, ALERT_FATAL, (uint8_t)alert);
    /* A read that timed out loses nothing (the record layer resumes); a
     * write that did may have sent part of a record, and anything else
     * ends the connection too. */
    int resumable = st == SEE_ERR_TIMEOUT && c->rl.write_failed == SEE_OK;
    if (!resumable && c->failed == SEE_OK)
        c->failed = st;
    return st;
}

/* ------------------------------------------------ the handshake loop --- */

/* The message at the connection's position in its sequence, or NULL when
 * the handshake is done (or the type has no sequence: never). */
static const hs_message *next_message(const tls_conn *c)
{
    const hs_sequence *s = hs_sequence_of(c->handshake_type);
    if (s == NULL || c->position >= s->length)
        return NULL;
    return &hs_messages[s->messages[c->position]];
}

static int message_is(const hs_message *m, uint8_t content_type, uint8_t msg_type)
{
    return m->content_type == content_type &&
           (content_type != TLS_CONTENT_HANDSHAKE || m->msg_type == msg_type);
}

/* The peer's message that a record holds, if the sequence allows it here:
 * the one expected, or one that tells the reader the handshake type where
 * the sequences of the types part (the row announces a bit, and the
 * sequence with that bit has this message here: a CertificateRequest
 * where ServerHelloDone would end the server's flight, 7.4.4). Learning
 * it sets the bit. NULL: unexpected_message. */
static const hs_message *allowed_message(tls_conn *c, uint8_t content_type,
                                         uint8_t msg_type)
{
    const hs_message *expected = next_message(c);
    if (expected != NULL && message_is(expected, content_type, msg_type))
        return expected;
    for (size_t i = 0; i < HS_MSG_COUNT; i++) {
        const hs_message *m = &hs_messages[i];
        unsigned bit = m->announces;
        if (bit == 0 || (c->handshake_type & bit) || m->writer == c->role ||
            !message_is(m, content_type, msg_type))
            continue;
        const hs_sequence *s = hs_sequence_of(c->handshake_type | bit);
        if (s != NULL && c->position < s->length && (size_t)s->messages[c->position] == i) {
            c->handshake_type |= bit;
            return m;
        }
    }
    return NULL;
}

/* 7.4.1.1: a HelloRequest (empty: struct { } HelloRequest) asks for a new
 * handshake. "This message will be ignored by the client if the client is
 * currently negotiating a session", and it is in no transcript (7.4.9).
 * So while ours is under way the client passes over one that comes before
 * any message of the server's, and nothing happens; after the handshake
 * tls_read answers no_renegotiation. Between the server's
 * ChangeCipherSpec and its Finished no message may come (7.4.9): there it
 * is unexpected_message. */
static int hello_request_ignored(const tls_conn *c, uint8_t msg_type)
{
    return msg_type == HS_HELLO_REQUEST && c->role == TLS_ROLE_CLIENT &&
           next_message(c) != &hs_messages[HS_MSG_SERVER_FINISHED];
}

/* A handshake message the sequence allows: traced, into the transcript
 * (7.4.8 and 7.4.9: a CertificateVerify or a Finished covers the messages
 * before it, not itself, and joins after its check), and to its row's
 * receive handler. */
static see_status take_handshake_message(tls_conn *c, const hs_message *m,
                                         const uint8_t *data, size_t len,
                                         reader *body)
{
    tls_trace_peer(c, hs_type_name(m->msg_type), data, len,
                   "handshake message received");
    int covers_transcript = m->msg_type == HS_FINISHED ||
                            m->msg_type == HS_CERTIFICATE_VERIFY;
    if (!covers_transcript)
        sha256_update(&c->transcript, data, len);
    TRY(m->receive(c, body));
    if (covers_transcript)
        sha256_update(&c->transcript, data, len);
    return SEE_OK;
}

/* Read what the peer says next and, when it is the message the sequence
 * allows here, take it: *taken = 1. A warning alert or an ignored
 * HelloRequest is read past: *taken = 0. */
static see_status receive_message(tls_conn *c, int *taken)
{
    *taken = 0;
    uint8_t content_type;
    const uint8_t *data;
    size_t len;
    TRY(record_next(&c->rl, &content_type, &data, &len));
    reader body;
    uint8_t msg_type = 0;
    switch (content_type) {
    case TLS_CONTENT_ALERT: {
        /* We have asked for no renegotiation, so a no_renegotiation warning
         * answers nothing: like any warning, it is noted and passed over
         * (7.2.2), and never answered with a fatal alert of its own. */
        see_status st = on_alert(c, data, len);
        return st == SEE_ERR_TLS_NO_RENEGOTIATION ? SEE_OK : st;
    }
    case TLS_CONTENT_CHANGE_CIPHER_SPEC:
        reader_init(&body, data, len);
        break;
    case TLS_CONTENT_HANDSHAKE:
        TRY(hs_message_split(data, len, &msg_type, &body));
        if (hello_request_ignored(c, msg_type)) {
            tls_trace_peer(c, hs_type_name(msg_type), data, len,
                           "handshake message received");
            TRY_DECODE(reader_expect_end(&body));
            return SEE_OK;
        }
        break;
    default: /* application data before the handshake is done */
        return SEE_ERR_TLS_UNEXPECTED_MESSAGE;
    }
    const hs_message *m = allowed_message(c, content_type, msg_type);
    ENSURE(m != NULL, SEE_ERR_TLS_UNEXPECTED_MESSAGE);
    if (content_type == TLS_CONTENT_HANDSHAKE)
        TRY(take_handshake_message(c, m, data, len, &body));
    else
        TRY(m->receive(c, &body));
    *taken = 1;
    return SEE_OK;
}

/* One message of the sequence: sent or received, then the next. */
static see_status handshake_step(tls_conn *c, const hs_message *m)
{
    if (m->writer == c->role) {
        TRY(m->send(c));
    } else {
        int taken;
        TRY(receive_message(c, &taken));
        if (!taken)
            return SEE_OK; /* still waiting for it */
    }
    c->position++;
    return SEE_OK;
}

/* Our write failed because the peer closed or reset the connection: it
 * may have refused us first, with a fatal alert that is waiting, unread,
 * in front of its close (a peer that closes with our flight unread makes
 * the kernel send a reset, RFC 1122 4.2.2.13, and our next write fails:
 * EPIPE or ECONNRESET). Read what is there, up to TLS_PENDING_ALERT_RECORDS
 * records: the peer's fatal alert is the real reason, not "the peer
 * closed". The connection is gone, so each read returns at once: what
 * arrived, or the end. Returns SEE_ERR_TLS_ALERT_RECEIVED when one is
 * found, else st. */
static see_status read_pending_alert(tls_conn *c, see_status st)
{
    if (st != SEE_ERR_TLS_CLOSED || c->rl.write_failed != SEE_ERR_TLS_CLOSED)
        return st;
    for (int i = 0; i < TLS_PENDING_ALERT_RECORDS; i++) {
        uint8_t type;
        const uint8_t *data;
        size_t len;
        if (record_next(&c->rl, &type, &data, &len) != SEE_OK)
            return st;
        if (type == TLS_CONTENT_ALERT &&
            on_alert(c, data, len) == SEE_ERR_TLS_ALERT_RECEIVED)
            return SEE_ERR_TLS_ALERT_RECEIVED;
    }
    return st;
}

see_status tls_handshake(tls_conn *c)
{
    /* A connection that failed stays failed: running the table again
     * would go on after an alert, or after bytes lost on the way out. */
    if (c->failed != SEE_OK)
        return c->failed;
    ENSURE(!c->handshake_done, SEE_ERR_ARGUMENT);
    ENSURE(c->role == TLS_ROLE_SERVER || c->cfg->verify != NULL,
           SEE_ERR_ARGUMENT);
    /* A server with nothing read yet has time: its ECDHE key pair now. */
    if (c->role == TLS_ROLE_SERVER && c->position == 0) {
        see_status st = kx_ecdhe_server_keypair(c);
        if (st != SEE_OK)
            return fail(c, st);
    }
    const hs_message *m;
    while ((m = next_message(c)) != NULL) {
        see_status st = handshake_step(c, m);
        if (st != SEE_OK)
            return fail(c, read_pending_alert(c, st));
    }
    c->handshake_done = 1;
    return SEE_OK;
}

/* ------------------------------------------------- application data --- */

see_status tls_write(tls_conn *c, const uint8_t *data, size_t len)
{
    if (c->failed != SEE_OK)
        return c->failed;
    ENSURE(c->handshake_done && !c->close_notify_sent, SEE_ERR_ARGUMENT);
    /* A write that failed, a timeout included, may have left part of a
     * record on the wire, and the next record's sequence number is then
     * one the peer will not expect: the connection is over. No alert:
     * either the transport is gone, or nothing more can be protected. */
    see_status st = record_write(&c->rl, TLS_CONTENT_APPLICATION_DATA, data, len);
    if (st != SEE_OK)
        c->failed = st;
    return st;
}

/* After the handshake: a peer asking to renegotiate gets a warning
 * no_renegotiation (RFC 5246 7.2.2, RFC 5746 4.5 / 4.4) and we go on. */
static see_status refuse_renegotiation(tls_conn *c, const uint8_t *data,
                                       size_t len)
{
    uint8_t msg_type;
    reader body;
    TRY(hs_message_split(data, len, &msg_type, &body));
    int asking = (c->role == TLS_ROLE_SERVER && msg_type == HS_CLIENT_HELLO) ||
                 (c->role == TLS_ROLE_CLIENT && msg_type == HS_HELLO_REQUEST);
    ENSURE(asking, SEE_ERR_TLS_UNEXPECTED_MESSAGE);
    send_alert(c, ALERT_WARNING, ALERT_NO_RENEGOTIATION); /* traced there */
    return SEE_OK;
}

static see_status read_record(tls_conn *c)
{
    for (;;) {
        uint8_t type;
        const uint8_t *data;
        size_t len;
        TRY(record_next(&c->rl, &type, &data, &len));
        switch (type) {
        case TLS_CONTENT_APPLICATION_DATA:
            /* An empty record (6.2.1 allows them for application data)
             * carries nothing to return: read on, so that a caller never
             * takes one for "nothing came in time". The record layer
             * bounds how many come in a row. */
            if (len == 0)
                continue;
            c->app = data;
            c->app_len = len;
            return SEE_OK;
        case TLS_CONTENT_ALERT:
            TRY(on_alert(c, data, len));
            continue; /* a warning: go on reading */
        case TLS_CONTENT_HANDSHAKE:
            TRY(refuse_renegotiation(c, data, len));
            continue;
        default:
            return SEE_ERR_TLS_UNEXPECTED_MESSAGE;
        }
    }
}

see_status tls_read(tls_conn *c, uint8_t *buf, size_t cap, size_t *got)
{
    *got = 0;
    if (c->failed != SEE_OK)
        return c->failed;
    ENSURE(c->handshake_done, SEE_ERR_ARGUMENT);
    if (c->app == NULL) {
        see_status st = read_record(c);
        if (st != SEE_OK)
            return st == SEE_ERR_TLS_CLOSE_NOTIFY || st == SEE_ERR_TLS_NO_RENEGOTIATION
                       ? st
                       : fail(c, st);
    }
    size_t n = c->app_len < cap ? c->app_len : cap;
    memcpy(buf, c->app, n);
    c->app += n;
    c->app_len -= n;
    if (c->app_len == 0)
        c->app = NULL;
    *got = n;
    return SEE_OK;
}

see_status tls_close(tls_conn *c)
{
    if (c->close_notify_sent)
        return SEE_OK;
    if (c->failed != SEE_OK) {
        /* After a fatal alert, sent or received, the connection is just
         * closed (RFC 5246 7.2.2): no close_notify. */
        transport_close(c->rl.io);
        return c->failed;
    }
    c->close_notify_sent = 1;
    uint8_t bytes[2] = { ALERT_WARNING, ALERT_CLOSE_NOTIFY };
    /* RFC 5246 7.2.1: the end of what we send, so that no one can cut the
     * conversation short unseen. */
    tls_trace_self(c, "ALERT", bytes, sizeof bytes,
                   "close_notify alert sent: nothing more from us");
    see_status st = record_write(&c->rl, TLS_CONTENT_ALERT, bytes, sizeof bytes);
    transport_close(c->rl.io);
    return st;
}
