/*
 * tls_internal.h: what state_machine.c (the handshake as data), tls.c
 * (the loop that walks it, and what both roles share), client.c and
 * server.c (each role's handlers) share.
 * Not for programs: use tls.h.
 */
#ifndef SEETLS_TLS_INTERNAL_H
#define SEETLS_TLS_INTERNAL_H

#include "handshake/tls.h"

/* The messages of a TLS 1.2 handshake (RFC 5246 7.3), one row each in
 * hs_messages (state_machine.c). The two Certificates, ChangeCipherSpecs
 * and Finisheds are rows of their own: each has one writer. */
typedef enum {
    HS_MSG_CLIENT_HELLO,
    HS_MSG_SERVER_HELLO,
    HS_MSG_SERVER_CERTIFICATE,
    HS_MSG_SERVER_KEY_EXCHANGE,
    HS_MSG_CERTIFICATE_REQUEST,
    HS_MSG_SERVER_HELLO_DONE,
    HS_MSG_CLIENT_CERTIFICATE,
    HS_MSG_CLIENT_KEY_EXCHANGE,
    HS_MSG_CERTIFICATE_VERIFY,
    HS_MSG_CLIENT_CCS,
    HS_MSG_CLIENT_FINISHED,
    HS_MSG_SERVER_CCS,
    HS_MSG_SERVER_FINISHED,
    HS_MSG_COUNT
} hs_message_id;

/* The writer builds the message and sends it; the reader gets its body
 * (after the 4-byte header; a ChangeCipherSpec's one byte) to check and
 * take in. */
typedef see_status hs_send_fn(tls_conn *c);
typedef see_status hs_receive_fn(tls_conn *c, reader *body);

typedef struct {
    const char *name;        /* as the sequence diagrams print it */
    tls_role writer;         /* who sends it */
    uint8_t content_type;    /* TLS_CONTENT_HANDSHAKE or _CHANGE_CIPHER_SPEC */
    uint8_t msg_type;        /* a handshake message's HandshakeType (7.4) */
    unsigned announces;      /* the TLS_HS_ bit its arrival tells the
                                reader (where the sequence without it has
                                another message), or 0 */
    hs_send_fn *send;
    hs_receive_fn *receive;
} hs_message;

extern const hs_message hs_messages[HS_MSG_COUNT];

/* One handshake type's messages in order: a sequence diagram. */
typedef struct {
    unsigned type;           /* TLS_HS_* bits */
    const char *name;        /* "DHE, client certificate" */
    const uint8_t *messages; /* hs_message_id each */
    size_t length;
} hs_sequence;

extern const hs_sequence hs_sequences[];
extern const size_t hs_sequence_count;

/* The sequence of a handshake type; NULL for a type that has none. */
const hs_sequence *hs_sequence_of(unsigned type);

/* The sequence as text, NUL-terminated: its name, then one line per
 * message, "Client -> Server: ClientHello" (the form docs/HANDSHAKE.md
 * and docs/handshake-design.md print). SEE_ERR_BUFFER_SMALL when it does
 * not fit in cap. */
see_status hs_sequence_text(const hs_sequence *s, char *out, size_t cap);

/* The handlers of the rows: tls_send_X in the writer's file, tls_on_X in
 * the reader's (client.c, server.c; tls.c for the ChangeCipherSpecs and
 * Finisheds, which both roles send and receive). */

/* client.c: what the client sends */
see_status tls_send_client_hello(tls_conn *c);
see_status tls_send_client_certificate(tls_conn *c);
see_status tls_send_client_key_exchange(tls_conn *c);
see_status tls_send_certificate_verify(tls_conn *c);
/* client.c: what the client receives */
see_status tls_on_server_hello(tls_conn *c, reader *body);
see_status tls_on_server_certificate(tls_conn *c, reader *body);
see_status tls_on_server_key_exchange(tls_conn *c, reader *body);
see_status tls_on_certificate_request(tls_conn *c, reader *body);
see_status tls_on_server_hello_done(tls_conn *c, reader *body);
/* server.c: what the server sends */
see_status tls_send_server_hello(tls_conn *c);
see_status tls_send_server_certificate(tls_conn *c);
see_status tls_send_server_key_exchange(tls_conn *c);
see_status tls_send_certificate_request(tls_conn *c);
see_status tls_send_server_hello_done(tls_conn *c);
/* server.c: what the server receives */
see_status tls_on_client_hello(tls_conn *c, reader *body);
see_status tls_on_client_certificate(tls_conn *c, reader *body);
see_status tls_on_client_key_exchange(tls_conn *c, reader *body);
see_status tls_on_certificate_verify(tls_conn *c, reader *body);
/* tls.c: both roles */
see_status tls_send_ccs(tls_conn *c);
see_status tls_send_finished(tls_conn *c);
see_status tls_on_ccs(tls_conn *c, reader *body);
see_status tls_on_finished(tls_conn *c, reader *body);

/* Send the handshake message built in c->msg[0..len): into the transcript,
 * then out as handshake records. */
see_status tls_send_message(tls_conn *c, size_t len);
/* A writer over c->msg for building the next message. */
void tls_message_writer(tls_conn *c, writer *w);
/* SHA-256 of the handshake messages so far (the running hash is kept). */
void tls_transcript_hash(const tls_conn *c, uint8_t out[32]);

/* From PS, RB, RS (and the session hash with EMS): the master secret and
 * the keys I_B, I_S, C_B, C_S, all traced; PS is wiped. */
see_status tls_derive_keys(tls_conn *c);

/* A use of the peer certificate's key: the keyUsage bit it needs (when
 * the certificate has the extension), that bit's name, and what needs it
 * ("which <needed_for>"). */
struct tls_key_use {
    unsigned bit;
    const char *name, *needed_for;
};

/* The peer's certificate chain m, traced as trace_name, judged by verify
 * (the program's callback), its key into c->peer_key: at least 2048 bits
 * (NIST SP 800-57, as for DH) and, when the certificate has keyUsage,
 * use->bit (RFC 5246 7.4.2, 7.4.6); the verdict traced as CERTIFICATE
 * CHECK; then its subject kept. A refusal leaves its reason in
 * c->peer_cert. */
see_status tls_take_peer_certificate(tls_conn *c, const certificate_msg *m,
                                     tls_verify_fn *verify, void *verify_ctx,
                                     const tls_key_use *use,
                                     const char *trace_name,
                                     const char *explain);

/* The suite chosen (server) or learned (client): c->suite, c->kx, and
 * the key exchange's bits of the handshake type. */
void tls_set_suite(tls_conn *c, const tls_suite *suite);

/* The digest signed in a DHE ServerKeyExchange: SHA-256(RB + RS + params)
 * (RFC 5246 7.4.3). */
void tls_dhe_params_digest(const tls_conn *c, const uint8_t *params,
                           size_t params_len, uint8_t digest[32]);

/* Trace a value as sent or computed by us / by the peer. */
void tls_trace_self(tls_conn *c, const char *name, const uint8_t *bytes,
                    size_t len, const char *explain);
void tls_trace_peer(tls_conn *c, const char *name, const uint8_t *bytes,
                    size_t len, const char *explain);

#endif
