/* alex_link_plain.c: the unprotected TCP link (see alex_link.h). */
#include "robot/alex_link.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/fdio.h"

/* A plaintext link cannot tell a peer that closed from one that failed or
 * was cut: every failure is ALEX_STATUS_LINK_CLOSED. */
static see_status plain_read(void *ctx, uint8_t *buf, size_t cap, int timeout_ms,
                             size_t *got)
{
    int fd = (int)(intptr_t)ctx;
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    *got = 0;
    int ready = poll(&pfd, 1, timeout_ms);
    if (ready == 0 || (ready < 0 && errno == EINTR))
        return SEE_OK;
    ENSURE(ready > 0, ALEX_STATUS_LINK_CLOSED);
    ssize_t n = recv(fd, buf, cap, 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return SEE_OK;
    ENSURE(n > 0, ALEX_STATUS_LINK_CLOSED);
    *got = (size_t)n;
    return SEE_OK;
}

static see_status plain_write(void *ctx, const uint8_t *buf, size_t len)
{
    ENSURE(fd_write_all((int)(intptr_t)ctx, buf, len) == 0, ALEX_STATUS_LINK_CLOSED);
    return SEE_OK;
}

/* No alerts on a plaintext link: the status is all there is. */
static void plain_explain(void *ctx, see_status st, alex_link_failure *out)
{
    (void)ctx;
    out->status = st;
    out->alert_sent = out->alert_received = -1;
    snprintf(out->text, sizeof out->text, "%s", alex_strerror(st));
}

static void plain_close(void *ctx)
{
    close((int)(intptr_t)ctx);
}

void alex_link_plain(alex_link *link, int fd, const char *peer)
{
    link->ctx = (void *)(intptr_t)fd;
    link->read = plain_read;
    link->write = plain_write;
    link->explain = plain_explain;
    link->close = plain_close;
    snprintf(link->peer, sizeof link->peer, "%s", peer);
}
