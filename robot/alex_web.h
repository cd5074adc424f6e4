/*
 * alex_web.h: the robot's web console (alex-server --web [PORT]): the page,
 * HTTP/1.1 over our TLS (codec/http.h), and a WebSocket (codec/websocket.h)
 * that carries the page's commands up and the robot's status down
 * (alex_web_protocol.h; docs/robot.md, "The web console").
 *
 * One connection, in its own thread (alex_server.c):
 *  1. before the handshake, the first bytes are peeked at: a request line
 *     instead of a TLS record (http:// typed by mistake) gets a plain
 *     "HTTP/1.1 400" naming the https:// address, never a TLS alert
 *     (alex_web_refuse_plain_http);
 *  2. the TLS handshake asks for a client certificate and lets a browser
 *     without one in (client_certificate_optional);
 *  3. requests, kept alive between them: GET / the page, GET /ws the
 *     WebSocket (its Origin must be the page's own: 403 otherwise),
 *     anything else 404; every request an "http" event; a connection idle
 *     for ALEX_WEB_IDLE_MS between requests is closed;
 *  4. on the WebSocket: the security message once, then the status at
 *     least every ALEX_WEB_STATUS_MS and at once after a change; commands
 *     from a browser that may drive (a lab client certificate, or the
 *     pairing code), the one controller slot claimed on its first drive
 *     (alex_control.h), released with its motors stopped on "release", on
 *     the WebSocket's close and on the link's failure.
 *
 * The fail-safe: while a "go" is in force, the web controller's silence
 * limit is ALEX_WEB_SILENCE_MS (the page sends "hb" every 100 ms while a
 * key or button is held); the server's watchdog stops the motors when it
 * passes.
 */
#ifndef SEETLS_ALEX_WEB_H
#define SEETLS_ALEX_WEB_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "handshake/tls.h"
#include "handshake/tls_socket.h"
#include "robot/alex_control.h"
#include "robot/alex_link.h"
#include "robot/alex_web_protocol.h"

#define ALEX_WEB_PORT        8443
#define ALEX_WEB_SILENCE_MS  300    /* a moving web controller's limit */
#define ALEX_WEB_STATUS_MS   250    /* the status, at least this often */
#define ALEX_WEB_IDLE_MS     30000  /* an HTTP connection with no request */
#define ALEX_WEB_MAX_OPEN    100    /* web connections served at once, past
                                       their handshake (a browser keeps two
                                       or three: a class of 30 fits) */

/* The page, compiled into alex-server by the Makefile from
 * robot/web/console.html (build/gen/alex_console_page.c). */
extern const unsigned char alex_console_page[];
extern const size_t alex_console_page_len;

typedef struct {
    const tls_config *tls;         /* the web listener's */
    const char *pairing_code;      /* NULL: certificates only */
    const unsigned char *page;     /* the console page (HTML) */
    size_t page_len;
    char script_hash[80];          /* 'sha256-...' of its inline script */
    char style_hash[80];           /* ... and of its inline style */
    /* the robot's own certificate, for the security message */
    char subject[256], issuer[256], not_before[32], not_after[32];
    /* the first DNS name it carries (subjectAltName), "" when none: the
     * name a browser must open the console by for the certificate to
     * match (start-up line) */
    char host[256];
} alex_web_config;

/* Fill what alex_web_config derives: the CSP hashes of the page's inline
 * <script> and <style> (CSP3 "hash-source": base64 of SHA-256 of the
 * element's text), and the certificate's fields from its DER.
 * SEE_ERR_ARGUMENT when the page lacks either element, the parser's
 * status for a certificate that does not parse. */
see_status alex_web_config_init(alex_web_config *w, const tls_config *tls,
                                const unsigned char *page, size_t page_len,
                                const uint8_t *cert_der, size_t cert_len,
                                const char *pairing_code);

/* The server's wrong pairing codes, across connections. */
typedef struct {
    pthread_mutex_t lock;
    alex_pairing_guard guard;
} alex_web_pairing;

/* What one web connection's thread shares with the server. */
typedef struct {
    const alex_web_config *config;
    alex_control *control;
    alex_web_pairing *pairing;
    atomic_int *stop;
    int head_ms;              /* a request head must be whole within it */
} alex_web_server;

/* Step 1 above, on an accepted socket, waiting at most wait_ms for the
 * first byte: SEE_OK when it may be TLS (the handshake comes next);
 * ALEX_STATUS_PLAIN_HTTP when it was plain HTTP, answered and closed;
 * SEE_ERR_TIMEOUT or SEE_ERR_CANCELLED when nothing came (closed too). */
see_status alex_web_refuse_plain_http(int fd, const char *address, int wait_ms,
                                      int cancel_fd);

/* Steps 3 and 4 on a link whose TLS handshake is done; returns when the
 * connection is over (the caller closes the link). */
void alex_web_serve(const alex_web_server *server, alex_link *link, const char *address);

/* Instead of alex_web_serve, when ALEX_WEB_MAX_OPEN connections are
 * served already: a 503 and a refused event (the caller closes). */
void alex_web_refuse_full(alex_link *link, const char *address);

#endif
