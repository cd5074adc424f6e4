/* alex_link_tls.c: the robot link over TLS 1.2 (see alex_link_tls.h). */
#include "robot/alex_link_tls.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "handshake/alert.h"
#include "handshake/transport.h"

typedef struct {
    socket_transport sock;
    transport io;
    tls_conn conn;
    int fd;
    alex_link *link;  /* for its error text */
} tls_link;

/* Say why the connection ended: our alert, the peer's, or the status. */
static void note_failure(tls_link *t, see_status st)
{
    const tls_conn *c = &t->conn;
    char *out = t->link->error;
    size_t cap = sizeof t->link->error;
    if (st == SEE_ERR_TLS_CLOSE_NOTIFY)
        snprintf(out, cap, "the peer closed the TLS connection (close_notify)");
    else if (c->alert_received >= 0)
        snprintf(out, cap, "the peer sent the alert %s", alert_name((uint8_t)c->alert_received));
    else if (c->alert_sent >= 0)
        snprintf(out, cap, "%s (alert %s sent)", see_strerror(st), alert_name((uint8_t)c->alert_sent));
    else
        snprintf(out, cap, "%s", see_strerror(st));
}

static int tls_link_read(void *ctx, uint8_t *buf, size_t cap, int timeout_ms)
{
    tls_link *t = ctx;
    if (t->conn.app_len == 0) {
        /* Nothing decrypted is waiting: wait for bytes on the socket. */
        struct pollfd pfd = {.fd = t->fd, .events = POLLIN};
        int ready = poll(&pfd, 1, timeout_ms);
        if (ready == 0 || (ready < 0 && errno == EINTR))
            return 0;
        if (ready < 0)
            return -1;
    }
    size_t got;
    see_status st = tls_read(&t->conn, buf, cap, &got);
    if (st == SEE_OK)
        return (int)got;
    if (st == SEE_ERR_TIMEOUT)
        return 0;
    note_failure(t, st);
    return -1;
}

static int tls_link_write(void *ctx, const uint8_t *buf, size_t len)
{
    tls_link *t = ctx;
    see_status st = tls_write(&t->conn, buf, len);
    if (st != SEE_OK)
        note_failure(t, st);
    return st == SEE_OK ? 0 : -1;
}

static void tls_link_close(void *ctx)
{
    tls_link *t = ctx;
    tls_close(&t->conn);
    tls_conn_free(&t->conn);
    close(t->fd);
    free(t);
}

/* Explain a failed handshake in one line: the status and the alert. */
static void handshake_failure(const tls_conn *c, see_status st, char *why, size_t why_len)
{
    if (c->alert_received >= 0)
        snprintf(why, why_len, "TLS handshake: the peer sent the alert %s",
                 alert_name((uint8_t)c->alert_received));
    else if (c->alert_sent >= 0)
        snprintf(why, why_len, "TLS handshake: %s (alert %s sent)", see_strerror(st),
                 alert_name((uint8_t)c->alert_sent));
    else
        snprintf(why, why_len, "TLS handshake: %s", see_strerror(st));
}

static int open_link(alex_link *link, int fd, tls_role role, const tls_config *cfg,
                     int timeout_ms, char *why, size_t why_len)
{
    tls_link *t = calloc(1, sizeof *t);
    if (t == NULL) {
        close(fd);
        snprintf(why, why_len, "out of memory");
        return -1;
    }
    t->fd = fd;
    transport_socket(&t->io, &t->sock, fd, timeout_ms);
    tls_conn_init(&t->conn, role, cfg, &t->io);
    see_status st = tls_handshake(&t->conn);
    if (st != SEE_OK) {
        handshake_failure(&t->conn, st, why, why_len);
        tls_conn_free(&t->conn);
        close(fd);
        free(t);
        return -1;
    }
    t->link = link;
    link->error[0] = '\0';
    link->ctx = t;
    link->read = tls_link_read;
    link->write = tls_link_write;
    link->close = tls_link_close;
    return 0;
}

int alex_link_tls_accept(alex_link *link, int fd, const char *address,
                         const tls_config *cfg, int timeout_ms, char *why,
                         size_t why_len)
{
    if (open_link(link, fd, TLS_ROLE_SERVER, cfg, timeout_ms, why, why_len) != 0)
        return -1;
    const tls_conn *c = &((tls_link *)link->ctx)->conn;
    if (c->peer_subject[0] != '\0')
        snprintf(link->peer, sizeof link->peer, "%s", c->peer_subject);
    else
        snprintf(link->peer, sizeof link->peer, "%s (no client certificate)", address);
    return 0;
}

int alex_link_tls_connect(alex_link *link, int fd, const tls_config *cfg,
                          int timeout_ms, char *why, size_t why_len)
{
    if (open_link(link, fd, TLS_ROLE_CLIENT, cfg, timeout_ms, why, why_len) != 0)
        return -1;
    snprintf(link->peer, sizeof link->peer, "%s", ((tls_link *)link->ctx)->conn.peer_subject);
    return 0;
}
