/*
 * alex_server.h: the Pi's command server — one controller at a time, and a
 * fail-safe that stops the motors when the controller goes away or goes
 * quiet.
 *
 * Threads: the caller's thread accepts connections; each connection gets a
 * thread (so a second connection is told "busy" without disturbing the
 * first); a watchdog thread checks every 10 ms that the controller has been
 * heard from within idle_ms and stops the motors the moment it has not —
 * even when the connection's thread is stuck in a read or write.
 *
 * Strangers: a connection is a stranger until its handshake proves it holds
 * a lab certificate. At most max_handshakes strangers are served at once;
 * one more is closed at once and logged ("refused", with the reason), and
 * every handshake has a deadline (handshake_ms), however its peer paces its
 * bytes. The controller in charge is never counted among them: a crowd of
 * idle or trickling connections does not touch it, and a valid controller
 * gets in while fewer than max_handshakes are open. Out of file
 * descriptors, the server waits 100 ms between tries instead of spinning.
 */
#ifndef SEETLS_ALEX_SERVER_H
#define SEETLS_ALEX_SERVER_H

#include <stdatomic.h>
#include <stddef.h>

#include "handshake/tls_socket.h"
#include "robot/alex_link.h"
#include "robot/alex_robot.h"
#include "robot/alex_web.h"

/* The defaults of handshake_ms and max_handshakes (0 in the config). */
#define ALEX_HANDSHAKE_MS TLS_SOCKET_HANDSHAKE_MS
#define ALEX_MAX_HANDSHAKES 64

typedef struct {
    int listen_fd;       /* a bound, listening socket (transport_tcp_listen) */
    int idle_ms;         /* silence that counts as a lost link */
    int handshake_ms;    /* the longest a handshake may take (0: default) */
    int max_handshakes;  /* strangers served at once (0: default) */
    alex_robot *robot;
    /* Turn an accepted socket into a link within limits: the TLS handshake
     * (checking the client's certificate), or plaintext. Returns SEE_OK, or
     * the failure with a reason in why (the socket is then closed by the
     * callee). */
    see_status (*open_link)(void *ctx, int fd, const char *address,
                            const tls_socket_limits *limits, alex_link *link,
                            char *why, size_t why_len);
    void *link_ctx;
    /* The web console (alex_web.h): its listening socket and settings, or
     * web NULL for none. Its connections share the limits on strangers
     * and the one controller slot with the terminal's. */
    int web_listen_fd;
    const alex_web_config *web;
} alex_server_config;

/* The two open_link callbacks. alex_server_open_tls: the server's side of
 * the TLS handshake; link_ctx is the tls_config (which asks for and checks
 * the client's certificate). The plaintext one takes no link_ctx: anyone
 * on the network can read and forge commands. */
see_status alex_server_open_tls(void *link_ctx, int fd, const char *address,
                                const tls_socket_limits *limits, alex_link *link,
                                char *why, size_t why_len);
see_status alex_server_open_plain(void *link_ctx, int fd, const char *address,
                                  const tls_socket_limits *limits, alex_link *link,
                                  char *why, size_t why_len);

/* Serve until *stop becomes non-zero (a signal handler may set it: a
 * lock-free atomic is what C11 7.14.1.1 lets a handler write, and what
 * the server's threads may read without a data race). Handshakes in
 * progress are given up at once then; the controller is stopped and told
 * close_notify. Returns SEE_OK, or ALEX_STATUS_NO_THREAD when the
 * watchdog thread cannot be started (SEE_ERR_NO_DESCRIPTORS: not even the
 * pipe that cancels handshakes). */
see_status alex_server_run(const alex_server_config *config, atomic_int *stop);

#endif
