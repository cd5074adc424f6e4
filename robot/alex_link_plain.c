/* alex_link_plain.c: the unprotected TCP link (see alex_link.h). */
#include "robot/alex_link.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/fdio.h"

static int plain_read(void *ctx, uint8_t *buf, size_t cap, int timeout_ms)
{
    int fd = (int)(intptr_t)ctx;
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    int ready = poll(&pfd, 1, timeout_ms);
    if (ready == 0 || (ready < 0 && errno == EINTR))
        return 0;
    if (ready < 0)
        return -1;
    ssize_t n = recv(fd, buf, cap, 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return 0;
    return n > 0 ? (int)n : -1;
}

static int plain_write(void *ctx, const uint8_t *buf, size_t len)
{
    return fd_write_all((int)(intptr_t)ctx, buf, len);
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
    link->close = plain_close;
    snprintf(link->peer, sizeof link->peer, "%s", peer);
    link->error[0] = '\0';
}
