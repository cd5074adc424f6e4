/*
 * seetls.h: a TLS 1.2 connection for your own program.
 *
 * The one header a program includes to use seetls as a library (installed
 * by `make install`; build with `pkg-config --cflags --libs seetls`). It
 * needs nothing but the C standard library: the connection, the server and
 * their settings are opaque, and GMP, the record layer and the handshake
 * stay inside. The whole client:
 *
 *   seetls_client_options opt = { .ca_file = "ca.pem" };
 *   seetls_conn *c;
 *   seetls_error err;
 *   if (seetls_connect("robot.lab", "4433", &opt, &c, &err) != SEETLS_OK) {
 *       fprintf(stderr, "%s\n", err.text);
 *       return 1;
 *   }
 *   seetls_write(c, "hello\n", 6, &err);
 *   char reply[256];
 *   size_t got;
 *   if (seetls_read(c, reply, sizeof reply, &got, &err) == SEETLS_OK)
 *       fwrite(reply, 1, got, stdout);
 *   seetls_close(c);
 *
 * and a server:
 *
 *   seetls_server_options opt = { .cert_file = "robot.crt",
 *                                 .key_file = "robot.key" };
 *   seetls_server *srv;
 *   seetls_listen("4433", &opt, &srv, &err);
 *   seetls_accept(srv, &c, &err);    then read, write and close as above
 *   seetls_server_close(srv);
 *
 * What the connection does (the defaults of `seetls client` and `seetls
 * server`): TLS 1.2 with TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (preferred),
 * then the other ECDHE, DHE and RSA suites (docs/handshake.md), the
 * extended master secret (RFC 7627), encrypt_then_mac (RFC 7366) for a CBC
 * suite when the peer agrees, x25519 and the groups of RFC 7919 of 2048,
 * 3072 and 4096 bits. The client checks the
 * server's certificate chain against the CA file at the time of the
 * handshake (the wall clock), and that it names the server (RFC 6125),
 * and sends that name (SNI, RFC 6066 3). A handshake gets 10 seconds in
 * all, however the peer paces its bytes; each read or write waits
 * timeout_ms at most.
 *
 * Every call that can fail returns a seetls_result (SEETLS_OK is 0) and,
 * when err is not NULL, fills *err: what failed, in one line for a person,
 * who refused whom, and the library's precise reason.
 *
 * Threads: each connection is used by one thread at a time; a server may
 * accept in several threads at once, and its connections may be served in
 * threads of their own.
 */
#ifndef SEETLS_SEETLS_H
#define SEETLS_SEETLS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SEETLS_VERSION "0.1.0"

/* ------------------------------------------------------------ results --- */

/* What a call came to. A program acts on these; err->status says more. */
typedef enum {
    SEETLS_OK = 0,
    SEETLS_CLOSED,          /* the peer ended the connection properly
                               (close_notify) */
    SEETLS_TIMEOUT,         /* the peer was too slow. After seetls_read,
                               nothing was lost: read again. During a
                               handshake, the connection is gone */
    SEETLS_CONFIG,          /* the program's own settings: a file that cannot
                               be read or used, a certificate that is not the
                               key's, an option missing */
    SEETLS_NETWORK,         /* cannot connect, or the connection was cut or
                               reset */
    SEETLS_REFUSED_BY_US,   /* we refused the peer (its certificate, its
                               parameters, its messages) and said so with
                               the alert in err->alert_sent */
    SEETLS_REFUSED_BY_PEER, /* the peer refused us: it sent the fatal alert
                               in err->alert_received */
    SEETLS_TAMPERED,        /* a record or the handshake's Finished did not
                               check out, here or at the peer (which then
                               sent bad_record_mac): bytes were altered on
                               the way */
    SEETLS_SYSTEM           /* out of memory or descriptors, the random
                               source failed, or an internal error */
} seetls_result;

#define SEETLS_ERROR_TEXT_SIZE 800

/* Why a call failed. */
typedef struct {
    seetls_result result;      /* what the call returned */
    int status;                /* the library's precise reason, a see_status:
                                  seetls_status_name and seetls_status_text
                                  name it; 0 when the call succeeded */
    int alert_sent;            /* the fatal alert we sent (RFC 5246 7.2
                                  AlertDescription, seetls_alert_name), or -1 */
    int alert_received;        /* the fatal alert the peer sent, or -1 */
    char text[SEETLS_ERROR_TEXT_SIZE]; /* one line: what failed, who refused
                                  whom and why, as in "the server refused
                                  us: the peer sent the alert unknown_ca" */
} seetls_error;

/* "timed out", "the peer refused us", ... for a result. */
const char *seetls_result_text(seetls_result result);
/* The library's phrase for a status ("bad record MAC"); never NULL. */
const char *seetls_status_text(int status);
/* The status's name in the library ("SEE_ERR_TLS_BAD_RECORD_MAC"), for
 * logs and tests; "unknown" for a number that is none. */
const char *seetls_status_name(int status);
/* "bad_record_mac", "unknown_ca", ... (RFC 5246 7.2), or "unknown alert". */
const char *seetls_alert_name(int alert);

/* ------------------------------------------------------------- client --- */

/* Leave a field 0 or NULL for its default. */
typedef struct {
    const char *ca_file;      /* required: the CA certificates (PEM) one of
                                 which must have issued the server's */
    const char *server_name;  /* the name the server's certificate must
                                 carry, sent as SNI; NULL: the host given
                                 to seetls_connect */
    const char *cert_file;    /* our certificate chain (PEM, ours first),
                                 sent when the server asks for one; NULL:
                                 none (a server that requires one refuses
                                 us) */
    const char *key_file;     /* its private key (PEM, PKCS#1 or PKCS#8);
                                 with cert_file and only with it */
    int timeout_ms;           /* the longest wait to connect, and for each
                                 read or write; 0: 30000; < 0: for ever */
} seetls_client_options;

typedef struct seetls_conn seetls_conn;

/* Connect to host:port (a name or an address; a port number or service
 * name) and run the handshake. SEETLS_OK with the connection in *out, or
 * the failure with *out NULL (the socket closed, the alert sent). */
seetls_result seetls_connect(const char *host, const char *port,
                             const seetls_client_options *options,
                             seetls_conn **out, seetls_error *err);

/* ------------------------------------------------------------- server --- */

typedef struct {
    const char *cert_file;      /* required: our certificate chain (PEM,
                                   ours first) */
    const char *key_file;       /* required: its private key */
    const char *client_ca_file; /* NULL: no client certificate asked for.
                                   Else every client must show a
                                   certificate for client use issued by a
                                   CA in this file (mutual authentication) */
    int timeout_ms;             /* each read or write; 0: 30000; < 0: for
                                   ever */
} seetls_server_options;

typedef struct seetls_server seetls_server;

/* Load the files and listen on port (all addresses; "0" picks a free
 * port: seetls_server_port says which). A certificate whose public key is
 * not the private key's is refused here (SEETLS_CONFIG). */
seetls_result seetls_listen(const char *port,
                            const seetls_server_options *options,
                            seetls_server **out, seetls_error *err);

/* The port listened on. */
unsigned seetls_server_port(const seetls_server *server);

/* Wait for the next client and run the handshake with it. SEETLS_OK with
 * the connection in *out; or, when this client failed (its socket closed,
 * the alert sent), the failure with *out NULL: the server goes on, accept
 * again. */
seetls_result seetls_accept(seetls_server *server, seetls_conn **out,
                            seetls_error *err);

/* Stop listening, wipe the private key and free (server may be NULL).
 * Close its connections first. */
void seetls_server_close(seetls_server *server);

/* -------------------------------------------------------- connections --- */

/* Up to cap bytes of what the peer sent (cap >= 1), in *got (at least one
 * byte on SEETLS_OK). SEETLS_CLOSED when the peer has closed; SEETLS_TIMEOUT
 * when nothing came within timeout_ms (nothing lost: read again); any
 * other failure ends the connection (close it). */
seetls_result seetls_read(seetls_conn *conn, void *buf, size_t cap,
                          size_t *got, seetls_error *err);

/* Send len bytes (any length). A failure ends the connection. */
seetls_result seetls_write(seetls_conn *conn, const void *data, size_t len,
                           seetls_error *err);

/* From now on, each read or write of conn waits at most timeout_ms (0:
 * 30000; < 0: for ever): a program that polls for data now and then sets
 * a short one after connecting with a longer one. */
void seetls_set_timeout(seetls_conn *conn, int timeout_ms);

/* Say goodbye (close_notify), close the socket, wipe the keys and free
 * (conn may be NULL). */
void seetls_close(seetls_conn *conn);

/* The peer certificate's subject ("CN=robot.lab"), or "" when the peer
 * showed none (a client that was not asked). */
const char *seetls_peer(const seetls_conn *conn);

/* The cipher suite agreed ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"). */
const char *seetls_suite(const seetls_conn *conn);

#ifdef __cplusplus
}
#endif

#endif
