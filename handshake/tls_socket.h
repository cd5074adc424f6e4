/*
 * tls_socket.h: a TLS 1.2 connection over a TCP socket in one object, for
 * programs that want a secured stream and nothing more (the robot link):
 * connect or accept with a timeout, read with a timeout, write, close, and
 * who the peer is.
 *
 *   tls_socket *s;
 *   tls_socket_connect("pi.lab", "4433", 5000, &cfg, &s);   (client)
 *   tls_socket_accept(listen_fd, 5000, &cfg, &s);           (server)
 *   tls_socket_start(fd, TLS_ROLE_SERVER, 5000, &cfg, &s, why, sizeof why);
 *                                                          (a socket of your own)
 *   tls_socket_read(s, buf, sizeof buf, 100, &got);         0 bytes: no data in 100 ms
 *   tls_socket_write(s, data, len);
 *   tls_socket_peer(s)                                      the peer's subject
 *   tls_socket_close(s);                                    close_notify, close, free
 *
 * cfg (tls.h) must outlive the socket. Reads and writes take the timeout
 * given; a read that times out loses nothing. The whole handshake also has
 * a deadline (TLS_SOCKET_HANDSHAKE_MS unless tls_socket_start_with says
 * otherwise): a peer that sends one byte just before each read would time
 * out is cut when the deadline passes (SEE_ERR_DEADLINE; no alert is sent,
 * as none means "too slow": the peer sees the connection closed).
 *
 * When we refuse a handshake with a fatal alert, the socket is not closed
 * at once: we stop writing, then read and drop what the peer still sends
 * until it closes, for TLS_SOCKET_DRAIN_MS at most. Closing a socket with
 * unread bytes makes the kernel answer them with a reset (RFC 1122
 * 4.2.2.13), which fails the peer's write of the rest of its flight, or
 * overtakes the alert: the peer would report "connection reset" instead of
 * the alert's name. The other way round, when our write fails on a
 * connection the peer has reset, its alert may still be waiting to be
 * read: tls_handshake reads it, and the failure names it.
 */
#ifndef SEETLS_TLS_SOCKET_H
#define SEETLS_TLS_SOCKET_H

#include <stddef.h>
#include <stdint.h>

#include "handshake/tls.h"
#include "handshake/transport.h"

/* The longest a handshake may take, by default, whatever the peer does. */
#define TLS_SOCKET_HANDSHAKE_MS 10000
/* After a fatal alert, how long we read what the peer still sends. */
#define TLS_SOCKET_DRAIN_MS 1000

/* How long a connection may take (tls_socket_start_with). */
typedef struct {
    int timeout_ms;   /* the longest wait for one read or write; < 0: for ever */
    int handshake_ms; /* the whole handshake; < 0: no deadline */
    int cancel_fd;    /* -1, or a descriptor whose becoming readable ends
                         every wait for the peer at once (SEE_ERR_CANCELLED):
                         how a stopping server lets go of its handshakes */
} tls_socket_limits;

/* timeout_ms for each read or write, the default deadline, no cancel_fd. */
void tls_socket_limits_init(tls_socket_limits *limits, int timeout_ms);

typedef struct {
    int fd;
    socket_transport sock;
    transport io;
    tls_conn conn;
} tls_socket;

/* Connect to host:port and run the client handshake, within timeout_ms
 * each (connect, then every read). On failure *out is NULL and the status
 * says why (the alert is in the status's mapping, alert.h). */
see_status tls_socket_connect(const char *host, const char *port,
                              int timeout_ms, const tls_config *cfg,
                              tls_socket **out);

/* Accept one connection on a listening socket (transport_tcp_listen) and
 * run the server handshake, within timeout_ms each. */
see_status tls_socket_accept(int listen_fd, int timeout_ms,
                             const tls_config *cfg, tls_socket **out);

/* Wrap a socket already connected (or accepted) by the caller, its owner
 * from here, and run role's handshake within limits (the deadline only
 * for the handshake; the cancel_fd for the socket's life). On failure the
 * socket is closed (after the drain above when we sent an alert), *out is
 * NULL and, when why is not NULL, it holds one line saying why
 * (tls_failure_text). */
see_status tls_socket_start_with(int fd, tls_role role,
                                 const tls_socket_limits *limits,
                                 const tls_config *cfg, tls_socket **out,
                                 char *why, size_t why_len);

/* The same, with why the handshake failed in *failure (tls.h: the alert
 * each side sent, and the line), for a program that says in its own words
 * who refused whom. */
see_status tls_socket_open(int fd, tls_role role, const tls_socket_limits *limits,
                           const tls_config *cfg, tls_socket **out,
                           tls_failure *failure);

/* The same with tls_socket_limits_init(timeout_ms). */
see_status tls_socket_start(int fd, tls_role role, int timeout_ms,
                            const tls_config *cfg, tls_socket **out,
                            char *why, size_t why_len);

/* Up to cap bytes of application data. SEE_OK with *got = 0 when nothing
 * arrived within timeout_ms (< 0: wait for ever);
 * SEE_ERR_TLS_CLOSE_NOTIFY when the peer closed; other statuses end the
 * connection. */
see_status tls_socket_read(tls_socket *s, uint8_t *buf, size_t cap,
                           int timeout_ms, size_t *got);
see_status tls_socket_write(tls_socket *s, const uint8_t *data, size_t len);

/* From now on, each write (and each read of tls_handshake or tls_read on
 * s->conn) waits at most timeout_ms; < 0: for ever. tls_socket_read takes
 * its own. */
void tls_socket_set_timeout(tls_socket *s, int timeout_ms);

/* One line on why a read or write failed with st (tls_failure_text). */
void tls_socket_failure(const tls_socket *s, see_status st, char *out,
                        size_t cap);

/* The peer certificate's subject, else "" (no certificate: a server that
 * did not ask for one). */
const char *tls_socket_peer(const tls_socket *s);

/* Send close_notify (or, after a fatal alert we sent, drain as above),
 * close the socket, wipe and free (s may be NULL). */
void tls_socket_close(tls_socket *s);

#endif
