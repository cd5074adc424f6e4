/* alex_link_tls.c: the robot link over TLS 1.2 (see alex_link_tls.h): an
 * alex_link whose reads and writes are those of a tls_socket. */
#include "robot/alex_link_tls.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "handshake/tls_socket.h"

typedef struct {
    tls_socket *s;
    alex_link *link;  /* for its error text */
} tls_link;

static int tls_link_read(void *ctx, uint8_t *buf, size_t cap, int timeout_ms)
{
    tls_link *t = ctx;
    size_t got;
    see_status st = tls_socket_read(t->s, buf, cap, timeout_ms, &got);
    if (st == SEE_OK)
        return (int)got; /* 0: nothing within timeout_ms */
    tls_socket_failure(t->s, st, t->link->error, sizeof t->link->error);
    return -1;
}

static int tls_link_write(void *ctx, const uint8_t *buf, size_t len)
{
    tls_link *t = ctx;
    see_status st = tls_socket_write(t->s, buf, len);
    if (st == SEE_OK)
        return 0;
    tls_socket_failure(t->s, st, t->link->error, sizeof t->link->error);
    return -1;
}

static void tls_link_close(void *ctx)
{
    tls_link *t = ctx;
    tls_socket_close(t->s);
    free(t);
}

static see_status open_link(alex_link *link, int fd, tls_role role, const tls_config *cfg,
                            const tls_socket_limits *limits, char *why, size_t why_len)
{
    tls_link *t = calloc(1, sizeof *t);
    if (t == NULL) {
        close(fd);
        snprintf(why, why_len, "out of memory");
        return SEE_ERR_NO_MEMORY;
    }
    char reason[600];
    see_status st = tls_socket_start_with(fd, role, limits, cfg, &t->s, reason,
                                          sizeof reason);
    if (st != SEE_OK) {
        snprintf(why, why_len, "TLS handshake: %s", reason);
        free(t);
        return st;
    }
    t->link = link;
    link->error[0] = '\0';
    link->ctx = t;
    link->read = tls_link_read;
    link->write = tls_link_write;
    link->close = tls_link_close;
    return SEE_OK;
}

see_status alex_link_tls_accept(alex_link *link, int fd, const char *address,
                                const tls_config *cfg, const tls_socket_limits *limits,
                                char *why, size_t why_len)
{
    see_status st = open_link(link, fd, TLS_ROLE_SERVER, cfg, limits, why, why_len);
    if (st != SEE_OK)
        return st;
    const char *subject = tls_socket_peer(((tls_link *)link->ctx)->s);
    if (subject[0] != '\0')
        snprintf(link->peer, sizeof link->peer, "%s", subject);
    else
        snprintf(link->peer, sizeof link->peer, "%s (no client certificate)", address);
    return SEE_OK;
}

int alex_link_tls_connect(alex_link *link, int fd, const tls_config *cfg,
                          int timeout_ms, char *why, size_t why_len)
{
    tls_socket_limits limits;
    tls_socket_limits_init(&limits, timeout_ms);
    if (open_link(link, fd, TLS_ROLE_CLIENT, cfg, &limits, why, why_len) != 0)
        return -1;
    snprintf(link->peer, sizeof link->peer, "%s",
             tls_socket_peer(((tls_link *)link->ctx)->s));
    return 0;
}
