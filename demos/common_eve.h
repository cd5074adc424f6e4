/*
 * common_eve.h: what the Eve demos share: a recorded TLS session between our
 * client (B) and server (S) over the in-memory pipe, and Eve, who reads
 * only the recorded bytes.
 *
 *   session_run   runs one handshake and sends robot commands, while a tap
 *                 on each side's transport copies every byte written to
 *                 the wire (wire.dir[0]: B -> S, wire.dir[1]: S -> B)
 *   eve_parse     splits the recorded bytes into records (RFC 5246 6.2.1)
 *                 and the clear handshake messages, with handshake/'s
 *                 header and message decoders: RB, RS, the suite, the
 *                 extensions, p, g, Ys (DHE) or the curve and Ys (ECDHE),
 *                 Yc or the encrypted PS
 *   eve_keys      master secret (RFC 5246 8.1, or RFC 7627 4 with the
 *                 session hash) and the suite's I_B, I_S, C_B, C_S, IV_B,
 *                 IV_S (6.3) from PS
 *   eve_decrypt   one protected record with B's keys (or S's), through the
 *                 record layer's record_unprotect under the suite's
 *                 protection: CBC (either MAC order) or an AEAD
 *
 * Built once (demos/common_eve.c) and linked into every demo. Only public
 * headers are used.
 */
#ifndef SEETLS_DEMOS_COMMON_EVE_H
#define SEETLS_DEMOS_COMMON_EVE_H

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/bytes.h"
#include "core/util.h"
#include "pki/x509.h"
#include "demos/common_session.h"
#include "handshake/messages.h"
#include "handshake/record.h"
#include "handshake/tls.h"
#include "handshake/tls_x509.h"

#define WIRE_CAP (1u << 20)
#define EVE_MAX_RECORDS 64
#define EVE_MAX_COMMANDS 8

/* ------------------------------------------------------------ the wire --- */

/* What crossed, in each direction: a tap (transport_tapped) on each side's
 * transport copies every byte it writes. */
typedef struct {
    pthread_mutex_t lock;
    uint8_t *dir[2];     /* 0: B -> S, 1: S -> B */
    size_t len[2];
} wire;

int wire_init(wire *w);

void wire_free(wire *w);

/* ------------------------------------------------------- the session --- */

/* The server's certificate and key: a self-signed certificate for
 * robot.lab, which the client trusts as its own root. */
typedef struct {
    rsa_private_key key;
    uint8_t der[X509_MAX_CERT_SIZE];
    size_t der_len;
} server_identity;

int identity_make(server_identity *id, see_rng *rng, unsigned bits);

/*
 * One session: B connects to S with the configurations given (rng, trace,
 * suites, ... already set; the certificate parts are filled in here), sends
 * each command as one record and closes. Every byte is recorded in *w.
 * 0 when both sides finished the handshake and S read every command.
 */
int session_run(tls_config *ccfg, tls_config *scfg, const server_identity *id,
                const char *const *commands, size_t n, wire *w);

/* ------------------------------------------------------ Eve's parser --- */

typedef struct {
    uint8_t type;
    uint16_t version;
    const uint8_t *content;    /* the fragment, as it crossed */
    size_t len;
} eve_record;

/* One direction of the recording. */
typedef struct {
    uint8_t hs[65536];       /* the clear handshake bytes before CCS */
    size_t hs_len;
    eve_record prot[EVE_MAX_RECORDS]; /* the protected records after CCS */
    size_t prot_count;
} eve_flow;

typedef struct {
    eve_flow b, s;                   /* B -> S, S -> B */
    uint8_t rb[TLS_RANDOM_SIZE], rs[TLS_RANDOM_SIZE];
    uint16_t suite;
    const tls_suite *suite_info;     /* ours, or NULL */
    const record_protection *protection; /* the suite's (CBC if unknown) */
    int ems, etm;
    int ecdhe;                       /* the ServerKeyExchange is ECDHE's */
    uint8_t curve_type;              /* ECDHE: 3, named_curve (RFC 8422 5.4) */
    uint16_t named_curve;            /* ECDHE: 29, x25519 */
    const uint8_t *p, *g, *ys;       /* DHE: from ServerKeyExchange; ECDHE:
                                        ys alone, the point Ys = a*G */
    size_t p_len, g_len, ys_len;
    const uint8_t *params, *sig;     /* ServerDHParams or ServerECDHParams,
                                        and S's signature over RB + RS + them */
    size_t params_len, sig_len;
    const uint8_t *cke;              /* Yc, or the encrypted PS */
    size_t cke_len;
    uint8_t session_hash[32];        /* SHA-256(ClientHello .. ClientKeyExchange) */
} eve_view;

/* Split one direction into records (RFC 5246 6.2.1; each header read by
 * record_header_decode): the handshake bytes before ChangeCipherSpec are
 * joined in f->hs, the records after it kept in f->prot. */
see_status eve_split_flow(const uint8_t *data, size_t len, eve_flow *f);

/* The next whole handshake message (its header read by
 * record_message_header_decode): *whole is the message as the transcript
 * hashes it, *body a reader over its body. */
see_status eve_next_message(reader *r, uint8_t *type, reader *body,
                            const uint8_t **whole, size_t *whole_len);

/* Everything Eve learns from the clear part of the recording. The
 * ServerKeyExchange and ClientKeyExchange are read as the ServerHello's
 * suite has them: DHE (p, g, Ys; Yc with a 2-byte length), ECDHE (the
 * named curve and Ys; Yc with a 1-byte length), or RSA (no
 * ServerKeyExchange; the encrypted PS). */
see_status eve_parse(const wire *w, eve_view *v);

/* Master secret and the session keys from PS, as both ends computed them:
 * as many bytes of each as the suite's protection takes (v->protection). */
void eve_keys(const eve_view *v, const uint8_t *ps, size_t ps_len,
              uint8_t master[TLS_MASTER_SECRET_SIZE], tls_session_keys *keys);

/*
 * One protected record opened as its receiver opens it, by the record
 * layer's own record_unprotect under the suite's protection
 * (v->protection, record_cipher_start): with B's keys (I_B, C_B, IV_B)
 * for B's records (from_client 1), S's for S's. seq is the record's number
 * in its direction since ChangeCipherSpec (Finished is 0). The content
 * goes to out (cap bytes). SEE_ERR_TLS_BAD_RECORD_MAC when the MAC or the
 * AEAD's tag fails: wrong keys.
 *   MAC-then-encrypt (6.2.3.2): IV || CBC(content || MAC || padding)
 *   encrypt_then_mac (RFC 7366): IV || CBC(content || padding) || MAC
 *   AEAD (6.2.3.3): [nonce_explicit] || AEAD(content) || tag
 */
see_status eve_decrypt(const eve_view *v, const tls_session_keys *keys,
                       int from_client, uint64_t seq, const eve_record *rec,
                       uint8_t *out, size_t cap, size_t *out_len);

/*
 * Eve opens B's protected records with B's keys (eve_decrypt) and prints
 * each, prefix after the indent ("[rsa] ", or ""):
 *   "  PREFIXrecord N, application data, MAC ok: "TEXT"" ("tag ok" for an
 *   AEAD suite)
 *   "  PREFIXrecord N, Finished, MAC ok" (or "alert (close_notify)")
 *   "  PREFIXrecord N: UNOPENED" for one that does not open
 * Returns how many of the n commands she read, in order and exactly;
 * *unopened counts the records that did not open.
 */
size_t eve_read_b_records(const eve_view *v, const tls_session_keys *keys,
                          const char *prefix, const char *unopened_text,
                          const char *const *commands, size_t n, size_t *unopened);

/* A line naming the key exchange of the ServerKeyExchange Eve read, into
 * out: "DHE: p 2048 bits, g 1 byte, Ys 256 bytes", "ECDHE: named_curve
 * x25519 (29), Ys 32 bytes", or "none (RSA key transport)". */
void eve_describe_key_exchange(const eve_view *v, char *out, size_t cap);

/* Print bytes as hex, the first `show` of them. */
void print_hex(const uint8_t *b, size_t n, size_t show);

#endif
