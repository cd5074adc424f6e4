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

/* Serve until *stop becomes non-zero. Returns 0, or -1 if the watchdog
 * thread cannot be started. */
int alex_server_run(const alex_server_config *config,
                    volatile sig_atomic_t *stop);

#endif
