/* alex_link_tls.c: the robot link over TLS 1.2 (see alex_link_tls.h): an
 * alex_link whose reads and writes are those of a tls_socket. */
#include "robot/alex_link_tls.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "handshake/alert.h"
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

static int open_link(alex_link *link, int fd, tls_role role, const tls_config *cfg,
                     const tls_socket_limits *limits, tls_failure *failure)
{
    tls_link *t = calloc(1, sizeof *t);
    if (t == NULL) {
        close(fd);
        failure->status = SEE_ERR_NO_MEMORY;
        failure->alert_sent = failure->alert_received = -1;
        snprintf(failure->text, sizeof failure->text, "out of memory");
        return -1;
    }
    if (tls_socket_open(fd, role, limits, cfg, &t->s, failure) != SEE_OK) {
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

see_status alex_link_tls_accept(alex_link *link, int fd, const char *address,
                                const tls_config *cfg, const tls_socket_limits *limits,
                                char *why, size_t why_len)
{
    tls_failure failure;
    if (open_link(link, fd, TLS_ROLE_SERVER, cfg, limits, &failure) != 0) {
        snprintf(why, why_len, "TLS handshake: %s", failure.text);
        return failure.status != SEE_OK ? failure.status : SEE_ERR_TLS_INTERNAL;
    }
    const char *subject = tls_socket_peer(((tls_link *)link->ctx)->s);
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

int alex_link_tls_connect(alex_link *link, int fd, const tls_config *cfg,
                          int timeout_ms, char *why, size_t why_len)
{
    tls_socket_limits limits;
    tls_socket_limits_init(&limits, timeout_ms);
    tls_failure failure;
    if (open_link(link, fd, TLS_ROLE_CLIENT, cfg, &limits, &failure) != 0) {
        word_client_failure(&failure, why, why_len);
        return -1;
    }
    snprintf(link->peer, sizeof link->peer, "%s",
             tls_socket_peer(((tls_link *)link->ctx)->s));
    return 0;
}
