/*
 * tls.h: a TLS 1.2 connection, client or server: the handshake of RFC 5246
 * section 7.3 for the cipher suites of handshake/suites.c, then
 * application data.
 *
 *   TLS_RSA_WITH_AES_128_CBC_SHA256      the client encrypts PS under the
 *                                        server's RSA key (7.4.7.1)
 *   TLS_DHE_RSA_WITH_AES_128_CBC_SHA256  Diffie-Hellman, the server signs
 *                                        its values with RSA (7.4.3)
 *   TLS_ECDHE_RSA_WITH_...               the same on the curve x25519
 *                                        (RFC 8422, RFC 7748)
 *
 * with the extensions extended_master_secret (RFC 7627), encrypt_then_mac
 * (RFC 7366) and renegotiation_info (RFC 5746; renegotiation itself is
 * always refused with no_renegotiation).
 *
 *   client                                   server
 *   ClientHello (RB)            -------->
 *                                            ServerHello (RS)
 *                                            Certificate
 *                                            ServerKeyExchange (DHE only)
 *                               <--------    ServerHelloDone
 *   ClientKeyExchange (PS)
 *   [ChangeCipherSpec]
 *   Finished                    -------->
 *                                            [ChangeCipherSpec]
 *                               <--------    Finished
 *   application data            <------->    application data
 *
 * The flow is data (handshake/state_machine.c): one row per message, who
 * sends it and what each side does with it, and one sequence of messages
 * per handshake type (TLS_HS_* below), walked by one loop
 * (handshake/tls.c); each role's handlers are in handshake/client.c and
 * handshake/server.c. Every failure ends the handshake with the one alert
 * that names it (alert.h) and a precise status.
 *
 * Certificates: the server sends the DER certificates it is given. The
 * client hands the chain it receives to a callback of the program, which
 * decides whether to trust it and returns the server's RSA public key (and
 * a subject for display); X.509 parsing plugs in there (tls_x509.h). A
 * server asking for a client certificate does the same with its own
 * callback.
 */
#ifndef SEETLS_TLS_H
#define SEETLS_TLS_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/dh.h"
#include "crypto/prf.h"
#include "crypto/rsa.h"
#include "crypto/sha256.h"
#include "crypto/x25519.h"
#include "handshake/messages.h"
#include "handshake/record.h"

#define TLS_MAX_SUITES 8
#define TLS_MAX_GROUPS 6   /* x25519 and RFC 7919's five finite field groups */
#define TLS_SUBJECT_SIZE 256
#define TLS_REFUSAL_SIZE 400
/* After our write failed on a closed or reset connection, how many of the
 * records still waiting are read for the peer's alert (tls_handshake). */
#define TLS_PENDING_ALERT_RECORDS 4
#define TLS_FAILURE_TEXT_SIZE 600

/* What a verify callback reports of the peer's certificate, besides its
 * status: the handshake zeroes it before the call, and each connection
 * has its own. Strings are NUL-terminated. */
typedef struct {
    char subject[TLS_SUBJECT_SIZE];  /* accepted: the leaf's subject, for
                                        display and logs */
    int has_key_usage;               /* accepted: the leaf has keyUsage */
    unsigned key_usage;              /* ... with these bits (X509_KU_* of
                                        pki/x509.h), which the handshake
                                        holds against its use of the key
                                        (RFC 5246 7.4.2, 7.4.6) */
    char refusal[TLS_REFUSAL_SIZE];  /* refused: which certificate and why,
                                        beyond the status ("depth 0,
                                        CN=laptop, not after ..."), or "" */
    /* For the trace's CERTIFICATE CHECK (a callback may leave them empty): */
    char issuer[TLS_SUBJECT_SIZE];   /* accepted: who signed the leaf */
    int64_t not_after;               /* accepted: the leaf's notAfter
                                        (seconds since 1970), or 0 */
    char host[TLS_SUBJECT_SIZE];     /* the name it was checked for, or "" */
} tls_peer_cert;

/* The judgement of the peer's certificate chain (the client's of the
 * server's, a server's of the client's): SEE_OK, the peer's public key in
 * *key (already initialised) and what it knows in *out; or a status to
 * refuse (each maps to its alert, alert.h), with out->refusal saying why.
 * ctx is the config's, shared by every connection made with it, perhaps
 * several at once: the callback must not write to it (or must lock);
 * whatever belongs to this connection goes to *out. */
typedef see_status tls_verify_fn(void *ctx, const certificate_msg *chain,
                                 rsa_public_key *key, tls_peer_cert *out);

typedef struct {
    see_rng *rng;            /* NULL: the operating system */
    tracer *trace;           /* NULL: no trace */

    /* The suites to offer (client) or accept (server), in order of
     * preference. */
    uint16_t suites[TLS_MAX_SUITES];
    size_t suite_count;
    int extended_master_secret; /* offer / accept RFC 7627 */
    int encrypt_then_mac;       /* offer / accept RFC 7366 */

    /* The groups for DHE and ECDHE, by their NamedGroup codepoints
     * (TLS_GROUP_X25519, DH_TLS_FFDHE2048 ...), in order of preference:
     * the client offers those of the suites it offers in
     * supported_groups; the server takes one of them that the client
     * lists (RFC 7919 4: our order, but a group at least as large as our
     * RSA key first; RFC 8422 4: x25519 when listed, or when the client
     * lists none). Default: x25519, then the three smallest of RFC
     * 7919's, 2048 to 4096 bits. */
    uint16_t groups[TLS_MAX_GROUPS];
    size_t group_count;

    /* our own certificate: the server's (required), or the client's,
     * sent when the server asks for one (7.4.6) */
    const rsa_private_key *key;     /* the certificate's private key */
    certificate_msg chain;          /* DER certificates, own first */

    /* server: when set, a client certificate is asked for (7.4.4) and
     * checked with this callback, like the client checks the server's;
     * the client's subject lands in peer_subject. A client certificate
     * whose keyUsage lacks digitalSignature cannot sign CertificateVerify
     * and is refused (7.4.6). */
    tls_verify_fn *verify_client;
    void *verify_client_ctx;
    /* server, with verify_client: 0 (the default) requires the
     * certificate, an empty Certificate refused (handshake_failure); 1
     * lets a client without one in, unauthenticated (7.4.6: "the server
     * MAY at its discretion either continue the handshake without client
     * authentication, or respond with a fatal handshake_failure alert"):
     * peer_subject stays empty, and the program decides what such a
     * client may do (the robot's web page: watch, not drive). A
     * certificate that is sent is checked all the same: a bad one is
     * refused, never taken as none. */
    int client_certificate_optional;

    /* server: the DHE group for clients that list no finite field group
     * (RFC 7919 4: they are "not compatible" and take any group); NULL:
     * our first of groups. A client that lists any gets one of its own. */
    const dh_group *dh_group;

    /* client: the server's keyUsage, when it has one, must allow the
     * suite chosen: keyEncipherment for RSA key transport,
     * digitalSignature for DHE_RSA (7.4.2). Our own certificate is sent
     * only when it may sign CertificateVerify (digitalSignature, when it
     * has keyUsage); else an empty list (7.4.6). */
    tls_verify_fn *verify;          /* required */
    void *verify_ctx;
    const char *server_name;        /* sent as SNI when not NULL */
    unsigned min_dh_bits;           /* 0: DH_MIN_BITS. The server's p
                                       must have min_dh_bits to DH_MAX_BITS
                                       bits, named group or not */
} tls_config;

/* Defaults: both suites (DHE first), EMS and encrypt_then_mac on, the
 * three smallest of RFC 7919's groups (2048, 3072 and 4096 bits). */
void tls_config_init(tls_config *cfg);

typedef enum { TLS_ROLE_CLIENT = TRACE_CLIENT, TLS_ROLE_SERVER = TRACE_SERVER } tls_role;

/* A key exchange (handshake/key_exchange.h): what the handshake calls to
 * make PS. */
typedef struct tls_key_exchange tls_key_exchange;
typedef struct tls_key_use tls_key_use;

/* The handshake type: which messages the handshake has, bits learned as
 * it goes (handshake/state_machine.c holds the sequence of each). */
#define TLS_HS_DHE            1u /* the suite is DHE_RSA: ServerKeyExchange */
#define TLS_HS_CLIENT_AUTH    2u /* the server asks for a certificate */
#define TLS_HS_NO_CLIENT_CERT 4u /* ... and the client has none that fits:
                                    an empty Certificate, no
                                    CertificateVerify (7.4.6); the server
                                    learns it from that Certificate, when
                                    client_certificate_optional */
#define TLS_HS_ECDHE          8u /* the suite is ECDHE_RSA: ServerKeyExchange
                                    (RFC 8422 2.2) */
/* The bits of the key exchanges whose server signs a ServerKeyExchange. */
#define TLS_HS_SIGNED_PARAMS (TLS_HS_DHE | TLS_HS_ECDHE)

typedef struct tls_conn {
    tls_role role;
    const tls_config *cfg;
    see_rng *rng;
    record_layer rl;
    unsigned handshake_type;         /* TLS_HS_* bits, as learned */
    size_t position;                 /* messages of the sequence done */

    sha256_ctx transcript;           /* over every handshake message (7.4.9) */
    uint8_t rb[TLS_RANDOM_SIZE];     /* the client's random */
    uint8_t rs[TLS_RANDOM_SIZE];     /* the server's random */
    uint16_t client_version;         /* from the ClientHello, for 7.4.7.1 */
    uint16_t suite;
    const tls_key_exchange *kx;      /* the suite's key exchange */
    const record_protection *record; /* and its record protection */
    int ems, etm, secure_renegotiation;

    rsa_public_key peer_key;         /* the peer's certificate key */
    dh_group group;                  /* DHE: the group in use */
    uint8_t dh_x[DH_MAX_BYTES];      /* DHE: our private exponent (a, b)
                                        as bytes, wiped once PS is made */
    size_t dh_x_len;
    uint8_t dh_peer[DH_MAX_BYTES];   /* DHE, client: the server's Ys */
    size_t dh_peer_len;
    uint8_t ecdh_x[X25519_KEY_SIZE]; /* ECDHE: our private scalar (a, b),
                                        wiped once PS is made */
    uint8_t ecdh_ys[X25519_KEY_SIZE]; /* ECDHE: Ys = a*G (the server's,
                                        sent, or received by the client) */
    uint8_t ecdh_yc[X25519_KEY_SIZE]; /* ECDHE, client: Yc = b*G, made
                                        with b on ServerHello */
    int ecdh_ready;                  /* ECDHE, server: a and Ys made while
                                        waiting for the ClientHello */
    int client_point_formats;        /* server: the ClientHello had
                                        ec_point_formats (RFC 8422 5.2) */

    uint8_t premaster[DH_MAX_BYTES]; /* PS: 48 bytes (RSA) or g^ab mod p */
    size_t premaster_len;
    uint8_t master[TLS_MASTER_SECRET_SIZE];
    tls_session_keys keys;           /* I_B, I_S, C_B, C_S (IV_B, IV_S) */

    char peer_subject[TLS_SUBJECT_SIZE]; /* the peer's, once accepted */
    tls_peer_cert peer_cert;         /* what the verify callback reported */
    int handshake_done;
    int alert_sent;                  /* the alert we sent, or -1 */
    int alert_received;              /* the peer's alert, or -1 */
    int close_notify_sent;
    see_status failed;               /* the failure that ended it, or SEE_OK */
    const uint8_t *app;              /* application data not yet returned */
    size_t app_len;

    uint8_t msg[TLS_MAX_OUTGOING_MESSAGE + 4]; /* an outgoing message */
} tls_conn;

/* Set up a connection over a transport. Allocate tls_conn on the heap:
 * it holds the record buffers (about 250 KB). */
void tls_conn_init(tls_conn *c, tls_role role, const tls_config *cfg,
                   const transport *io);
/* Wipe every secret and free the numbers. */
void tls_conn_free(tls_conn *c);

/* Run the handshake to the end. On failure the matching fatal alert has
 * been sent (c->alert_sent) when there is one to send, and the status says
 * why; SEE_ERR_TLS_ALERT_RECEIVED when the peer gave up first
 * (c->alert_received says which alert), also when our write failed because
 * the peer had already closed or reset the connection with its alert
 * unread by us (the records waiting are read for it, at most
 * TLS_PENDING_ALERT_RECORDS). After a read timed out
 * (SEE_ERR_TIMEOUT) it may be called again and goes on; after any other
 * failure it returns that failure again. */
see_status tls_handshake(tls_conn *c);

/* After a failure (one that sent or received a fatal alert, any failure
 * of the handshake but a read timeout, or a failed tls_write),
 * tls_handshake, tls_write and tls_read return that failure again: a
 * broken connection stays broken. */

/* Send application data (any length; cut into records). Any failure, a
 * timeout included (part of a record may have gone out), ends the
 * connection. */
see_status tls_write(tls_conn *c, const uint8_t *data, size_t len);

/* Receive application data: up to cap bytes (at least one when cap > 0)
 * of the next non-empty record's content; empty records are read past
 * (TLS_MAX_IDLE_RECORDS of them in a row, with warning alerts, at most).
 * SEE_ERR_TLS_CLOSE_NOTIFY when the peer closed properly. A renegotiation attempt (a ClientHello to the
 * server, a HelloRequest to the client) is answered with a
 * no_renegotiation warning and otherwise ignored. A record's content that
 * does not fit is kept for the next call. SEE_ERR_TIMEOUT (the transport's
 * wait ran out) loses nothing: call again. */
see_status tls_read(tls_conn *c, uint8_t *buf, size_t cap, size_t *got);

/* Send close_notify (7.2.1) and close the transport for writing. After a
 * failure only the transport is closed (7.2.2), and the failure returned. */
see_status tls_close(tls_conn *c);

/* Why c ended with st, in one line for a person: the status, with the
 * alert the peer sent or the one we sent, and why the peer's certificate
 * was refused when it was, as in
 *   "the peer sent the alert handshake_failure"
 *   "unknown issuer (no trusted CA signed it) (sent unknown_ca): depth 0,
 *    CN=eve, issued by CN=Eve's CA: no such CA in the CA file or the chain"
 * (for SEE_ERR_TLS_CLOSE_NOTIFY, the status alone). */
void tls_failure_text(const tls_conn *c, see_status st, char *out, size_t cap);

/* Why a handshake failed, for a program that says it in its own words
 * (who refused whom: "the robot refused this laptop's certificate"). */
typedef struct {
    see_status status;       /* the failure */
    int alert_sent;          /* the fatal alert we sent, or -1 */
    int alert_received;      /* the peer's fatal alert, or -1 */
    char text[TLS_FAILURE_TEXT_SIZE]; /* tls_failure_text's line */
} tls_failure;

/* Fill *out for c, which ended with st. */
void tls_failure_get(const tls_conn *c, see_status st, tls_failure *out);

/* Whether a failure says a record was forged on the way: changed,
 * replayed or reordered, which to TLS are one thing, a record whose MAC
 * over its sequence number and content fails (RFC 5246 6.2.3.1). */
typedef enum {
    TLS_NO_TAMPERING,      /* every other failure: nothing there could tell */
    TLS_TAMPERING_FOUND,   /* our record layer found such a record from the
                              peer (SEE_ERR_TLS_BAD_RECORD_MAC) */
    TLS_TAMPERING_REPORTED /* the peer found one of ours, and told us (its
                              alert bad_record_mac, RFC 5246 7.2.2) */
} tls_tampering;

/* The verdict for the failure st, with alert_received the peer's fatal
 * alert (or -1): from the status and the alert, never from a text. */
tls_tampering tls_tampering_of(see_status st, int alert_received);

/* The key exchange c ran, in words for a person, into out (cap bytes):
 * "RSA key transport", "DHE with ffdhe2048" (a group from a --dhparam
 * file: "DHE with a custom group"), or, for an exchange named here by
 * nothing more, its name in the suites' names; "none" before a suite is
 * chosen. seetls server --www shows it on its page. */
void tls_key_exchange_text(const tls_conn *c, char *out, size_t cap);

/* The cipher suites we speak (handshake/suites.c), each with its number
 * (RFC 5246 A.5), IANA's name, OpenSSL's name, its key exchange and what
 * protects its records. Every one uses the SHA-256 PRF (RFC 5246 5). */
typedef struct {
    uint16_t id;
    const char *name;          /* "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256" */
    const char *openssl_name;  /* "DHE-RSA-AES128-SHA256" */
    const tls_key_exchange *kx;
    const record_protection *record;
} tls_suite;

extern const tls_suite tls_suites[];
extern const size_t tls_suite_count;

/* The suite with this number, or NULL: not one of ours. */
const tls_suite *tls_suite_find(uint16_t id);

/* The suite named by len bytes of text, IANA's name or OpenSSL's; NULL
 * when neither. */
const tls_suite *tls_suite_named(const char *text, size_t len);

/* "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", ... or "unknown". */
const char *tls_suite_name(uint16_t id);

/* Our preference among the n suites of ids, in place: the table's order
 * (AES-GCM first) where AES-GCM runs on the CPU's AES instructions;
 * without them (a Raspberry Pi 4, or SEETLS_NO_ASM=1), each
 * ChaCha20-Poly1305 suite moves before the AES-GCM suites of its key
 * exchange. tls_config_init applies it. */
void tls_suites_order_for_cpu(uint16_t *ids, size_t n);

#endif
