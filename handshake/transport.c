/*
 * transport.c: the transport helpers, a socket transport with timeouts and
 * deadlines (poll(2) before every read and write) and an in-memory pipe
 * pair.
 */
#include "handshake/transport.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

see_status transport_read(const transport *t, uint8_t *buf, size_t cap,
                          size_t *got)
{
    ENSURE(cap > 0, SEE_ERR_ARGUMENT);
    *got = 0;
    TRY(t->read(t->ctx, buf, cap, got));
    /* A read that claims success must deliver something, and not more
     * than asked: the record layer relies on both. */
    ENSURE(*got >= 1 && *got <= cap, SEE_ERR_TLS_IO);
    return SEE_OK;
}

see_status transport_read_exact(const transport *t, uint8_t *buf, size_t len)
{
    size_t done = 0;
    while (done < len) {
        size_t got;
        TRY(transport_read(t, buf + done, len - done, &got));
        done += got;
    }
    return SEE_OK;
}

see_status transport_write(const transport *t, const uint8_t *buf, size_t len)
{
    if (len == 0)
        return SEE_OK;
    return t->write(t->ctx, buf, len);
}

void transport_close(const transport *t)
{
    if (t->close != NULL)
        t->close(t->ctx);
}

/* --------------------------------------------------------------- tap --- */

static see_status tap_read(void *ctx, uint8_t *buf, size_t cap, size_t *got)
{
    transport_tap *tap = ctx;
    TRY(transport_read(tap->inner, buf, cap, got));
    if (tap->seen_read != NULL)
        tap->seen_read(tap->ctx, buf, *got);
    return SEE_OK;
}

static see_status tap_write(void *ctx, const uint8_t *buf, size_t len)
{
    transport_tap *tap = ctx;
    if (tap->write != NULL)
        return tap->write(tap->ctx, tap->inner, buf, len);
    return transport_write(tap->inner, buf, len);
}

static void tap_close(void *ctx)
{
    transport_tap *tap = ctx;
    transport_close(tap->inner);
}

void transport_tapped(transport *t, transport_tap *tap)
{
    t->ctx = tap;
    t->read = tap_read;
    t->write = tap_write;
    t->close = tap_close;
}

/* ------------------------------------------------------------ socket --- */

int64_t transport_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait until fd is ready for events, for timeout_ms (< 0: for ever) but
 * never past deadline_ms (0: none), and only while cancel_fd (-1: none)
 * is not readable. SEE_ERR_TIMEOUT, SEE_ERR_DEADLINE, SEE_ERR_CANCELLED. */
static see_status wait_ready(int fd, short events, int timeout_ms,
                             int64_t deadline_ms, int cancel_fd)
{
    for (;;) {
        int wait_ms = timeout_ms, cut_by_deadline = 0;
        if (deadline_ms != 0) {
            int64_t left = deadline_ms - transport_now_ms();
            if (left <= 0)
                return SEE_ERR_DEADLINE;
            if (wait_ms < 0 || left < wait_ms) {
                wait_ms = left < INT_MAX ? (int)left : INT_MAX;
                cut_by_deadline = 1;
            }
        }
        struct pollfd p[2] = {
            { .fd = fd, .events = events, .revents = 0 },
            { .fd = cancel_fd, .events = POLLIN, .revents = 0 },
        };
        int n = poll(p, cancel_fd >= 0 ? 2 : 1, wait_ms);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return SEE_ERR_TLS_IO;
        if (cancel_fd >= 0 && p[1].revents != 0)
            return SEE_ERR_CANCELLED;
        if (n > 0)
            return SEE_OK;
        return cut_by_deadline ? SEE_ERR_DEADLINE : SEE_ERR_TIMEOUT;
    }
}

static see_status socket_read(void *ctx, uint8_t *buf, size_t cap, size_t *got)
{
    socket_transport *s = ctx;
    TRY(wait_ready(s->fd, POLLIN, s->timeout_ms, s->deadline_ms, s->cancel_fd));
    for (;;) {
        ssize_t n = recv(s->fd, buf, cap, 0);
        if (n > 0) {
            *got = (size_t)n;
            return SEE_OK;
        }
        if (n == 0)
            return SEE_ERR_TLS_CLOSED;
        if (errno == EINTR)
            continue;
        return errno == ECONNRESET ? SEE_ERR_TLS_CLOSED : SEE_ERR_TLS_IO;
    }
}

static see_status socket_write(void *ctx, const uint8_t *buf, size_t len)
{
    socket_transport *s = ctx;
    size_t done = 0;
    while (done < len) {
        TRY(wait_ready(s->fd, POLLOUT, s->timeout_ms, s->deadline_ms, -1));
        /* MSG_DONTWAIT: poll said there is room, not how much; a blocking
         * send of the rest could outlast the timeout and the deadline. */
        ssize_t n = send(s->fd, buf + done, len - done,
                         MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)
                continue;
            return errno == EPIPE || errno == ECONNRESET ? SEE_ERR_TLS_CLOSED
                                                         : SEE_ERR_TLS_IO;
        }
        done += (size_t)n;
    }
    return SEE_OK;
}

static void socket_close(void *ctx)
{
    socket_transport *s = ctx;
    shutdown(s->fd, SHUT_WR);
}

void transport_socket(transport *t, socket_transport *s, int fd,
                      int timeout_ms)
{
    s->fd = fd;
    s->timeout_ms = timeout_ms;
    s->deadline_ms = 0;
    s->cancel_fd = -1;
    t->ctx = s;
    t->read = socket_read;
    t->write = socket_write;
    t->close = socket_close;
}

void transport_socket_deadline(socket_transport *s, int ms)
{
    s->deadline_ms = ms < 0 ? 0 : transport_now_ms() + ms;
}

void transport_tcp_no_delay(int fd)
{
    /* A handshake is several small writes in a row; with Nagle's algorithm
     * (RFC 896) each waits for the peer's delayed ACK, about 40 ms. */
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* Connect one address without blocking longer than timeout_ms. */
static see_status connect_one(const struct addrinfo *ai, int timeout_ms,
                              int *fd_out)
{
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
                    ai->ai_protocol);
    if (fd < 0)
        return SEE_ERR_TLS_IO;
    int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    see_status st = SEE_OK;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        if (errno != EINPROGRESS) {
            st = SEE_ERR_TLS_IO;
        } else {
            st = wait_ready(fd, POLLOUT, timeout_ms, 0, -1);
            int err = 0;
            socklen_t err_len = sizeof err;
            if (st == SEE_OK &&
                (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &err_len) != 0 ||
                 err != 0))
                st = SEE_ERR_TLS_IO;
        }
    }
    if (st != SEE_OK) {
        close(fd);
        return st;
    }
    fcntl(fd, F_SETFL, flags); /* back to blocking; reads poll first */
    transport_tcp_no_delay(fd);
    *fd_out = fd;
    return SEE_OK;
}

see_status transport_tcp_connect(const char *host, const char *port,
                                 int timeout_ms, int *fd)
{
    struct addrinfo hints, *list = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &list) != 0)
        return SEE_ERR_TLS_IO;
    see_status st = SEE_ERR_TLS_IO;
    for (const struct addrinfo *ai = list; ai != NULL; ai = ai->ai_next) {
        st = connect_one(ai, timeout_ms, fd);
        if (st == SEE_OK)
            break;
    }
    freeaddrinfo(list);
    return st;
}

see_status transport_tcp_listen(const char *port, int *fd_out,
                                unsigned *bound_port)
{
    struct addrinfo hints, *list = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    if (getaddrinfo(NULL, port, &hints, &list) != 0)
        return SEE_ERR_TLS_IO;
    int fd = socket(list->ai_family,
                    list->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                    list->ai_protocol);
    int one = 1;
    see_status st = SEE_ERR_TLS_IO;
    if (fd >= 0 &&
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
        bind(fd, list->ai_addr, list->ai_addrlen) == 0 &&
        listen(fd, SOMAXCONN) == 0)
        st = SEE_OK;
    freeaddrinfo(list);
    if (st != SEE_OK) {
        if (fd >= 0)
            close(fd);
        return st;
    }
    if (bound_port != NULL) {
        struct sockaddr_in sin;
        socklen_t sin_len = sizeof sin;
        if (getsockname(fd, (struct sockaddr *)&sin, &sin_len) != 0) {
            close(fd);
            return SEE_ERR_TLS_IO;
        }
        *bound_port = ntohs(sin.sin_port);
    }
    *fd_out = fd;
    return SEE_OK;
}

see_status transport_tcp_accept(int listen_fd, int timeout_ms, int *fd)
{
    int64_t deadline = timeout_ms <= 0 ? 0 : transport_now_ms() + timeout_ms;
    for (;;) {
        see_status st = wait_ready(listen_fd, POLLIN, timeout_ms, deadline, -1);
        if (st == SEE_ERR_DEADLINE)
            return SEE_ERR_TIMEOUT;
        TRY(st);
        int c = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (c >= 0) {
            transport_tcp_no_delay(c);
            *fd = c;
            return SEE_OK;
        }
        switch (errno) {
        case EINTR:
        case EAGAIN:
#if EWOULDBLOCK != EAGAIN
        case EWOULDBLOCK:
#endif
        case ECONNABORTED: /* reset while queued: wait for the next one */
        case EPROTO:
            continue;
        case EMFILE:
        case ENFILE:
            return SEE_ERR_NO_DESCRIPTORS;
        case ENOBUFS:
        case ENOMEM:
            return SEE_ERR_NO_MEMORY;
        default:
            return SEE_ERR_TLS_IO;
        }
    }
}

void transport_tcp_drain(int fd, int ms, int cancel_fd)
{
    int64_t until = transport_now_ms() + ms;
    uint8_t sink[4096];
    while (wait_ready(fd, POLLIN, -1, until, cancel_fd) == SEE_OK)
        if (recv(fd, sink, sizeof sink, 0) <= 0)
            return;
}

void transport_tcp_peer_name(int fd, char *out, size_t cap)
{
    struct sockaddr_storage addr;
    socklen_t addr_len = sizeof addr;
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    if (getpeername(fd, (struct sockaddr *)&addr, &addr_len) != 0 ||
        getnameinfo((struct sockaddr *)&addr, addr_len, host, sizeof host,
                    serv, sizeof serv, NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
        snprintf(out, cap, "unknown");
        return;
    }
    snprintf(out, cap, "%s:%s", host, serv);
}

/* ------------------------------------------------- in-memory pipe pair --- */

/* A mutex and a condition whose timed waits count on CLOCK_MONOTONIC. */
static see_status lock_init(pthread_mutex_t *lock, pthread_cond_t *changed)
{
    if (pthread_mutex_init(lock, NULL) != 0)
        return SEE_ERR_NO_MEMORY;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    int rc = pthread_cond_init(changed, &attr);
    pthread_condattr_destroy(&attr);
    if (rc != 0) {
        pthread_mutex_destroy(lock);
        return SEE_ERR_NO_MEMORY;
    }
    return SEE_OK;
}

static void lock_destroy(pthread_mutex_t *lock, pthread_cond_t *changed)
{
    pthread_cond_destroy(changed);
    pthread_mutex_destroy(lock);
}

static see_status buffer_init(pipe_buffer *b)
{
    b->start = b->len = 0;
    b->closed = 0;
    return lock_init(&b->lock, &b->changed);
}

static void buffer_destroy(pipe_buffer *b)
{
    lock_destroy(&b->lock, &b->changed);
}

static see_status baton_init(pipe_baton *t)
{
    t->on = 0;
    t->turn = 0;
    t->left[0] = t->left[1] = 0;
    return lock_init(&t->lock, &t->changed);
}

see_status memory_pipe_init(memory_pipe *p, int timeout_ms)
{
    p->timeout_ms = timeout_ms;
    p->max_chunk = 0;
    TRY(buffer_init(&p->a_to_b));
    see_status st = buffer_init(&p->b_to_a);
    if (st == SEE_OK) {
        st = baton_init(&p->baton);
        if (st != SEE_OK)
            buffer_destroy(&p->b_to_a);
    }
    if (st != SEE_OK)
        buffer_destroy(&p->a_to_b);
    return st;
}

void memory_pipe_destroy(memory_pipe *p)
{
    buffer_destroy(&p->a_to_b);
    buffer_destroy(&p->b_to_a);
    lock_destroy(&p->baton.lock, &p->baton.changed);
}

/* ------------------------------------------------------------ lockstep --- */

/* Whether side may run: no lockstep, its turn, or the other end has left
 * (under t->lock). */
static int may_run(const pipe_baton *t, int side)
{
    return !t->on || t->turn == side || t->left[!side];
}

void memory_pipe_lockstep(memory_pipe *p)
{
    pipe_baton *t = &p->baton;
    pthread_mutex_lock(&t->lock);
    t->on = 1;
    t->turn = 0;
    pthread_mutex_unlock(&t->lock);
}

void memory_pipe_wait_turn(pipe_end *end)
{
    pipe_baton *t = &end->pipe->baton;
    pthread_mutex_lock(&t->lock);
    while (!may_run(t, end->side))
        pthread_cond_wait(&t->changed, &t->lock);
    pthread_mutex_unlock(&t->lock);
}

/* End must wait for the other (it reads from an empty pipe, or writes into
 * a full one): under lockstep, the other runs now, and end waits until the
 * turn comes back. No timeout here: the other end keeps its own, and hands
 * the turn back when it waits in turn, or leaves; end's own timeout then
 * counts in the wait for data that follows (a time already up: at once). */
static void baton_pass(pipe_end *end)
{
    pipe_baton *t = &end->pipe->baton;
    pthread_mutex_lock(&t->lock);
    if (t->on && !t->left[!end->side]) {
        t->turn = !end->side;
        pthread_cond_broadcast(&t->changed);
        while (!may_run(t, end->side))
            pthread_cond_wait(&t->changed, &t->lock);
    }
    pthread_mutex_unlock(&t->lock);
}

void memory_pipe_leave(pipe_end *end)
{
    pipe_baton *t = &end->pipe->baton;
    pthread_mutex_lock(&t->lock);
    if (t->on) {
        t->left[end->side] = 1;
        t->turn = !end->side;
        pthread_cond_broadcast(&t->changed);
    }
    pthread_mutex_unlock(&t->lock);
}

/* ---------------------------------------------------- reads and writes --- */

/* Wait on b->changed until the deadline; 0 when it has passed. */
static int wait_until(pipe_buffer *b, const struct timespec *deadline)
{
    if (deadline == NULL) {
        pthread_cond_wait(&b->changed, &b->lock);
        return 1;
    }
    return pthread_cond_timedwait(&b->changed, &b->lock, deadline) == 0;
}

static struct timespec *deadline_in(int timeout_ms, struct timespec *ts)
{
    if (timeout_ms < 0)
        return NULL;
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += timeout_ms / 1000;
    ts->tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
    return ts;
}

/* Whether a read of b would wait: no byte, and its writer has not closed. */
static int nothing_to_read(pipe_buffer *b)
{
    pthread_mutex_lock(&b->lock);
    int empty = b->len == 0 && !b->closed;
    pthread_mutex_unlock(&b->lock);
    return empty;
}

static see_status pipe_read(void *ctx, uint8_t *buf, size_t cap, size_t *got)
{
    pipe_end *end = ctx;
    pipe_buffer *b = end->in;
    struct timespec ts;
    const struct timespec *deadline = deadline_in(end->pipe->timeout_ms, &ts);
    see_status st = SEE_OK;
    if (nothing_to_read(b))
        baton_pass(end); /* lockstep: the writer's turn */
    pthread_mutex_lock(&b->lock);
    while (b->len == 0 && !b->closed) {
        if (!wait_until(b, deadline) && b->len == 0 && !b->closed) {
            st = SEE_ERR_TIMEOUT;
            break;
        }
    }
    if (st == SEE_OK && b->len == 0)
        st = SEE_ERR_TLS_CLOSED;
    if (st == SEE_OK) {
        size_t n = b->len < cap ? b->len : cap;
        if (end->pipe->max_chunk != 0 && n > end->pipe->max_chunk)
            n = end->pipe->max_chunk;
        for (size_t i = 0; i < n; i++)
            buf[i] = b->data[(b->start + i) % PIPE_CAPACITY];
        b->start = (b->start + n) % PIPE_CAPACITY;
        b->len -= n;
        *got = n;
        pthread_cond_broadcast(&b->changed);
    }
    pthread_mutex_unlock(&b->lock);
    return st;
}

static see_status pipe_write(void *ctx, const uint8_t *buf, size_t len)
{
    pipe_end *end = ctx;
    pipe_buffer *b = end->out;
    struct timespec ts;
    const struct timespec *deadline = deadline_in(end->pipe->timeout_ms, &ts);
    see_status st = SEE_OK;
    size_t done = 0;
    pthread_mutex_lock(&b->lock);
    while (done < len) {
        if (b->closed) {
            st = SEE_ERR_TLS_CLOSED;
            break;
        }
        if (b->len == PIPE_CAPACITY) {
            pthread_mutex_unlock(&b->lock);
            baton_pass(end); /* lockstep: the reader's turn, to make room */
            pthread_mutex_lock(&b->lock);
            if (b->len == PIPE_CAPACITY && !b->closed &&
                !wait_until(b, deadline) && b->len == PIPE_CAPACITY) {
                st = SEE_ERR_TIMEOUT;
                break;
            }
            continue;
        }
        size_t room = PIPE_CAPACITY - b->len;
        size_t n = len - done < room ? len - done : room;
        for (size_t i = 0; i < n; i++)
            b->data[(b->start + b->len + i) % PIPE_CAPACITY] = buf[done + i];
        b->len += n;
        done += n;
        pthread_cond_broadcast(&b->changed);
    }
    pthread_mutex_unlock(&b->lock);
    return st;
}

static void pipe_close(void *ctx)
{
    pipe_end *end = ctx;
    pthread_mutex_lock(&end->out->lock);
    end->out->closed = 1;
    pthread_cond_broadcast(&end->out->changed);
    pthread_mutex_unlock(&end->out->lock);
}

void memory_pipe_ends(memory_pipe *p, pipe_end *a_end, pipe_end *b_end,
                      transport *a, transport *b)
{
    a_end->pipe = b_end->pipe = p;
    a_end->side = 0;
    b_end->side = 1;
    a_end->out = &p->a_to_b;
    a_end->in = &p->b_to_a;
    b_end->out = &p->b_to_a;
    b_end->in = &p->a_to_b;
    a->ctx = a_end;
    b->ctx = b_end;
    a->read = b->read = pipe_read;
    a->write = b->write = pipe_write;
    a->close = b->close = pipe_close;
}

size_t memory_pipe_pending(pipe_buffer *buf)
{
    pthread_mutex_lock(&buf->lock);
    size_t n = buf->len;
    pthread_mutex_unlock(&buf->lock);
    return n;
}
