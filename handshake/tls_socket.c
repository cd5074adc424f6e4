/* tls_socket.c: a TLS connection and its TCP socket in one object (see
 * tls_socket.h). */
#include "handshake/tls_socket.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

void tls_socket_limits_init(tls_socket_limits *limits, int timeout_ms)
{
    limits->timeout_ms = timeout_ms;
    limits->handshake_ms = TLS_SOCKET_HANDSHAKE_MS;
    limits->cancel_fd = -1;
}

/* Wipe and free the connection, then close its socket: after a fatal alert
 * of ours, stop writing and drain first, so that the alert reaches the
 * peer (the secrets are gone before that second of waiting). */
static void free_and_close(tls_socket *s)
{
    int after_alert = s->conn.alert_sent >= 0;
    int fd = s->fd, cancel_fd = s->sock.cancel_fd;
    tls_conn_free(&s->conn);
    free(s);
    if (after_alert) {
        shutdown(fd, SHUT_WR);
        transport_tcp_drain(fd, TLS_SOCKET_DRAIN_MS, cancel_fd);
    }
    close(fd);
}

static void failure_without_conn(see_status st, tls_failure *failure)
{
    failure->status = st;
    failure->alert_sent = failure->alert_received = -1;
    snprintf(failure->text, sizeof failure->text, "%s", see_strerror(st));
}

see_status tls_socket_open(int fd, tls_role role, const tls_socket_limits *limits,
                           const tls_config *cfg, tls_socket **out,
                           tls_failure *failure)
{
    *out = NULL;
    tls_socket *s = malloc(sizeof *s);
    if (s == NULL) {
        close(fd);
        failure_without_conn(SEE_ERR_NO_MEMORY, failure);
        return SEE_ERR_NO_MEMORY;
    }
    s->fd = fd;
    transport_socket(&s->io, &s->sock, fd, limits->timeout_ms);
    transport_socket_deadline(&s->sock, limits->handshake_ms);
    s->sock.cancel_fd = limits->cancel_fd;
    tls_conn_init(&s->conn, role, cfg, &s->io);
    see_status st = tls_handshake(&s->conn);
    if (st != SEE_OK) {
        tls_failure_get(&s->conn, st, failure);
        free_and_close(s);
        return st;
    }
    transport_socket_deadline(&s->sock, -1); /* the handshake is done */
    failure_without_conn(SEE_OK, failure);
    *out = s;
    return SEE_OK;
}

see_status tls_socket_start_with(int fd, tls_role role,
                                 const tls_socket_limits *limits,
                                 const tls_config *cfg, tls_socket **out,
                                 char *why, size_t why_len)
{
    tls_failure failure;
    see_status st = tls_socket_open(fd, role, limits, cfg, out, &failure);
    if (st != SEE_OK && why != NULL)
        snprintf(why, why_len, "%s", failure.text);
    return st;
}

see_status tls_socket_start(int fd, tls_role role, int timeout_ms,
                            const tls_config *cfg, tls_socket **out,
                            char *why, size_t why_len)
{
    tls_socket_limits limits;
    tls_socket_limits_init(&limits, timeout_ms);
    return tls_socket_start_with(fd, role, &limits, cfg, out, why, why_len);
}

see_status tls_socket_connect(const char *host, const char *port,
                              int timeout_ms, const tls_config *cfg,
                              tls_socket **out)
{
    int fd;
    *out = NULL;
    TRY(transport_tcp_connect(host, port, timeout_ms, &fd));
    return tls_socket_start(fd, TLS_ROLE_CLIENT, timeout_ms, cfg, out, NULL, 0);
}

see_status tls_socket_accept(int listen_fd, int timeout_ms,
                             const tls_config *cfg, tls_socket **out)
{
    int fd;
    *out = NULL;
    TRY(transport_tcp_accept(listen_fd, timeout_ms, &fd));
    return tls_socket_start(fd, TLS_ROLE_SERVER, timeout_ms, cfg, out, NULL, 0);
}

see_status tls_socket_read(tls_socket *s, uint8_t *buf, size_t cap,
                           int timeout_ms, size_t *got)
{
    int saved = s->sock.timeout_ms;
    s->sock.timeout_ms = timeout_ms;
    see_status st = tls_read(&s->conn, buf, cap, got);
    s->sock.timeout_ms = saved;
    if (st == SEE_ERR_TIMEOUT) {
        *got = 0; /* nothing lost: the record layer resumes next time */
        return SEE_OK;
    }
    return st;
}

see_status tls_socket_write(tls_socket *s, const uint8_t *data, size_t len)
{
    return tls_write(&s->conn, data, len);
}

void tls_socket_set_timeout(tls_socket *s, int timeout_ms)
{
    s->sock.timeout_ms = timeout_ms;
}

void tls_socket_failure(const tls_socket *s, see_status st, char *out,
                        size_t cap)
{
    tls_failure_text(&s->conn, st, out, cap);
}

const char *tls_socket_peer(const tls_socket *s)
{
    return s->conn.peer_subject;
}

void tls_socket_close(tls_socket *s)
{
    if (s == NULL)
        return;
    (void)tls_close(&s->conn);
    free_and_close(s);
}
