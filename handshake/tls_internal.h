/*
 * tls_internal.h: what tls.c (the dispatch loop and the parts both roles
 * share), client.c and server.c (each role's table and handlers) share.
 * Not for programs: use tls.h.
 */
#ifndef SEETLS_TLS_INTERNAL_H
#define SEETLS_TLS_INTERNAL_H

#include "handshake/tls.h"

/* What a row of a state table waits for: a handshake message type (0..255),
 * or one of these. */
#define STEP_SEND 0x100 /* nothing: we send our flight (the handler does) */
#define STEP_CCS  0x101 /* the peer's ChangeCipherSpec */

/* Handlers get the message body (NULL for STEP_SEND rows). */
typedef see_status hs_handler(tls_conn *c, reader *body);

typedef struct {
    int state;          /* the row applies in this state */
    int expect;         /* and to this message */
    hs_handler *handler;
    int next;           /* the state afterwards */
} hs_row;

/* The last state of both tables. */
#define HS_DONE 99
/* A row whose handler itself sets c->state (the next state depends on the
 * configuration, e.g. whether a client certificate is asked for). */
#define NEXT_BY_HANDLER (-1)

extern const hs_row tls_client_table[];
extern const size_t tls_client_table_len;
extern const hs_row tls_server_table[];
extern const size_t tls_server_table_len;

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

/* Our ChangeCipherSpec and Finished; the peer's. */
see_status tls_send_ccs_and_finished(tls_conn *c);
see_status tls_on_ccs(tls_conn *c, reader *body);
see_status tls_on_finished(tls_conn *c, reader *body);

/* The digest signed in a DHE ServerKeyExchange: SHA-256(RB + RS + params)
 * (RFC 5246 7.4.3). */
void tls_dhe_params_digest(const tls_conn *c, const uint8_t *params,
                           size_t params_len, uint8_t digest[32]);

/* Trace a value as sent or computed by us / by the peer. */
void tls_trace_self(tls_conn *c, const char *name, const uint8_t *bytes,
                    size_t len, const char *explain);
void tls_trace_peer(tls_conn *c, const char *name, const uint8_t *bytes,
                    size_t len, const char *explain);

int tls_suite_supported(uint16_t suite);

#endif
