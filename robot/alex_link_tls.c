/* alex_link_tls.c: the robot link over TLS 1.2 (see alex_link_tls.h): an
 * alex_link whose reads and writes are those of a tls_socket. */
#include "robot/alex_link_tls.h"

#include <stdio.h>

#include "handshake/alert.h"
#include "handshake/tls_socket.h"

/* The link's ctx is the tls_socket itself. */

static see_status tls_link_read(void *ctx, uint8_t *buf, size_t cap, int timeout_ms,
                                size_t *got)
{
    *got = 0;
    return tls_socket_read(ctx, buf, cap, timeout_ms, got); /* *got 0: nothing in time */
}

static see_status tls_link_write(void *ctx, const uint8_t *buf, size_t len)
{
    return tls_socket_write(ctx, buf, len);
}

/* The connection's alerts, and tls_failure_text's line. */
static void tls_link_explain(void *ctx, see_status st, alex_link_failure *out)
{
    const tls_socket *s = ctx;
    tls_failure failure;
    tls_failure_get(&s->conn, st, &failure);
    out->status = st;
    out->alert_sent = failure.alert_sent;
    out->alert_received = failure.alert_received;
    /* the line cut to fit, as it always was */
    snprintf(out->text, sizeof out->text, "%.*s", (int)sizeof out->text - 1, failure.text);
}

static void tls_link_close(void *ctx)
{
    tls_socket_close(ctx);
}

/* Run role's handshake on fd; SEE_OK with *link carrying the connection,
 * else the failure in *failure. */
static see_status open_link(alex_link *link, int fd, tls_role role, const tls_config *cfg,
                            const tls_socket_limits *limits, tls_failure *failure)
{
    tls_socket *s;
    TRY(tls_socket_open(fd, role, limits, cfg, &s, failure));
    link->ctx = s;
    link->read = tls_link_read;
    link->write = tls_link_write;
    link->explain = tls_link_explain;
    link->close = tls_link_close;
    return SEE_OK;
}

see_status alex_link_tls_accept(alex_link *link, int fd, const char *address,
                                const tls_config *cfg, const tls_socket_limits *limits,
                                char *why, size_t why_len)
{
    tls_failure failure;
    if (open_link(link, fd, TLS_ROLE_SERVER, cfg, limits, &failure) != SEE_OK) {
        snprintf(why, why_len, "TLS handshake: %s", failure.text);
        return failure.status != SEE_OK ? failure.status : SEE_ERR_TLS_INTERNAL;
    }
    const char *subject = tls_socket_peer(link->ctx);
    if (subject[0] != '\0')
        snprintf(link->peer, sizeof link->peer, "%s", subject);
    else
        snprintf(link->peer, sizeof link->peer, "%s (no client certificate)", address);
    return SEE_OK;
}

/* The alerts that refuse a certificate (RFC 5246 7.2.2), in words. */
static const char *certificate_alert_words(int alert)
{
    switch (alert) {
    case ALERT_BAD_CERTIFICATE:         return "bad certificate";
    case ALERT_UNSUPPORTED_CERTIFICATE: return "a certificate not for this use";
    case ALERT_CERTIFICATE_EXPIRED:     return "expired or not yet valid";
    case ALERT_CERTIFICATE_UNKNOWN:     return "certificate unknown";
    case ALERT_UNKNOWN_CA:              return "unknown CA";
    default:                            return NULL;
    }
}

/* Who refused whom, from the laptop's side. The alert decides: the one the
 * robot sent says it refused us (its reason is all we learn), the one we
 * sent says we refused it (and we know why, in detail). */
static void word_client_failure(const tls_failure *f, char *why, size_t why_len)
{
    if (f->alert_received >= 0) {
        const char *words = certificate_alert_words(f->alert_received);
        const char *name = alert_name((uint8_t)f->alert_received);
        if (words != NULL)
            snprintf(why, why_len, "the robot refused this laptop's certificate: %s "
                     "(alert %s)", words, name);
        else if (f->alert_received == ALERT_DECRYPT_ERROR)
            snprintf(why, why_len, "the robot refused the handshake: a signature or "
                     "the Finished did not verify (alert %s)", name);
        else
            snprintf(why, why_len, "the robot refused the handshake (alert %s)", name);
    } else if (f->alert_sent >= 0 && certificate_alert_words(f->alert_sent) != NULL) {
        snprintf(why, why_len, "this laptop refused the robot's certificate: %s", f->text);
    } else if (f->alert_sent >= 0) {
        snprintf(why, why_len, "this laptop refused the robot's handshake: %s", f->text);
    } else {
        snprintf(why, why_len, "the TLS handshake with the robot failed: %s", f->text);
    }
}

see_status alex_link_tls_connect(alex_link *link, int fd, const tls_config *cfg,
                                 int timeout_ms, char *why, size_t why_len)
{
    tls_socket_limits limits;
    tls_socket_limits_init(&limits, timeout_ms);
    tls_failure failure;
    see_status st = open_link(link, fd, TLS_ROLE_CLIENT, cfg, &limits, &failure);
    if (st != SEE_OK) {
        word_client_failure(&failure, why, why_len);
        return st;
    }
    snprintf(link->peer, sizeof link->peer, "%s", tls_socket_peer(link->ctx));
    return SEE_OK;
}

const tls_conn *alex_link_tls_conn(const alex_link *link)
{
    const tls_socket *s = link->ctx;
    return &s->conn;
}
