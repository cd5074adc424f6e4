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
 */
#ifndef SEETLS_ALEX_SERVER_H
#define SEETLS_ALEX_SERVER_H

#include <signal.h>
#include <stddef.h>

#include "robot/alex_link.h"
#include "robot/alex_robot.h"

typedef struct {
    int listen_fd;       /* a bound, listening socket */
    int idle_ms;         /* silence that counts as a lost link */
    alex_robot *robot;
    /* Turn an accepted socket into a link: the TLS handshake (checking the
     * client's certificate), or plaintext. Returns 0, or -1 with a reason
     * in why (the socket is then closed by the callee). */
    int (*open_link)(void *ctx, int fd, const char *address, alex_link *link,
                     char *why, size_t why_len);
    void *link_ctx;
} alex_server_config;

/* The two open_link callbacks. alex_server_open_tls: the server's side of
 * the TLS handshake, 5 s per read at most; link_ctx is the tls_config
 * (which asks for and checks the client's certificate). The plaintext one
 * takes no link_ctx: anyone on the network can read and forge commands. */
int alex_server_open_tls(void *link_ctx, int fd, const char *address,
                         alex_link *link, char *why, size_t why_len);
int alex_server_open_plain(void *link_ctx, int fd, const char *address,
                           alex_link *link, char *why, size_t why_len);

/* Serve until *stop becomes non-zero. Returns 0, or -1 if the watchdog
 * thread cannot be started. */
int alex_server_run(const alex_server_config *config,
                    volatile sig_atomic_t *stop);

#endif
