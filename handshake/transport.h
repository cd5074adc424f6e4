/*
 * transport.h: how the record layer reaches the network.
 *
 * A transport is a pair of callbacks. The record layer never touches a
 * socket itself, so the same code runs over TCP, over an in-memory pipe in
 * tests and class demos, or over anything a program wraps (a test that
 * flips bits or replays records on the way).
 *
 *   read:  wait for at least one byte and return up to cap of them in
 *          *got (>= 1) with SEE_OK. Fewer than asked is normal (a partial
 *          read); the record layer loops. SEE_ERR_TLS_CLOSED when the peer
 *          closed, SEE_ERR_TIMEOUT when nothing came in time,
 *          SEE_ERR_TLS_IO on failure.
 *   write: write all len bytes, or fail with SEE_ERR_TLS_IO /
 *          SEE_ERR_TLS_CLOSED / SEE_ERR_TIMEOUT.
 *   close: tell the peer nothing more will be written (may be NULL).
 */
#ifndef SEETLS_TRANSPORT_H
#define SEETLS_TRANSPORT_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

typedef struct {
    void *ctx;
    see_status (*read)(void *ctx, uint8_t *buf, size_t cap, size_t *got);
    see_status (*write)(void *ctx, const uint8_t *buf, size_t len);
    void (*close)(void *ctx);
} transport;

see_status transport_read(const transport *t, uint8_t *buf, size_t cap,
                          size_t *got);
/* Read exactly len bytes, looping over partial reads. */
see_status transport_read_exact(const transport *t, uint8_t *buf, size_t len);
see_status transport_write(const transport *t, const uint8_t *buf, size_t len);
void transport_close(const transport *t);

/* ------------------------------------------------------------ socket --- */

typedef struct {
    int fd;
    int timeout_ms;      /* per read or write wait; < 0: wait for ever */
    int64_t deadline_ms; /* 0, or an instant of transport_now_ms after which
                            every wait fails with SEE_ERR_DEADLINE, however
                            recently the peer sent a byte (a handshake's
                            deadline: tls_socket.h) */
    int cancel_fd;       /* -1, or a descriptor that, once readable, ends
                            every wait for the peer's bytes at once with
                            SEE_ERR_CANCELLED (a server that is stopping);
                            writes keep their timeout, so what we already
                            decided to say (an alert, close_notify) still
                            goes out */
} socket_transport;

/* A transport over a connected stream socket fd (not owned: close it
 * yourself after transport_close, which only shuts down writing). No
 * deadline, no cancel_fd: set them in s afterwards. */
void transport_socket(transport *t, socket_transport *s, int fd,
                      int timeout_ms);

/* Milliseconds on the monotonic clock (CLOCK_MONOTONIC): for deadlines. */
int64_t transport_now_ms(void);

/* From now on, no wait of s ends later than ms from now (SEE_ERR_DEADLINE);
 * ms < 0 removes the deadline. */
void transport_socket_deadline(socket_transport *s, int ms);

/* Connect to host:port (a name or address) within timeout_ms.
 * *fd receives the connected socket. SEE_ERR_TLS_IO, SEE_ERR_TIMEOUT. */
see_status transport_tcp_connect(const char *host, const char *port,
                                 int timeout_ms, int *fd);

/* A listening socket on port (all addresses; "0" picks a free port, and
 * *bound_port, if not NULL, receives it). Its queue of connections not yet
 * accepted holds SOMAXCONN (4096 with glibc 2.35 and later, capped by the
 * kernel's net.core.somaxconn: 4096 since Linux 5.4, 128 before): a lab's
 * worth of clients connecting at once is not dropped, which would cost
 * each a SYN retransmission (1 s or more). The
 * socket does not block: transport_tcp_accept waits with poll(2). */
see_status transport_tcp_listen(const char *port, int *fd,
                                unsigned *bound_port);

/* Send small writes at once (TCP_NODELAY): what a handshake, and a robot
 * command, needs. transport_tcp_connect and _accept do it themselves. */
void transport_tcp_no_delay(int fd);

/* Accept one connection on a listening socket within timeout_ms (< 0: wait
 * for ever); the accepted socket blocks (reads and writes poll first).
 * SEE_ERR_TIMEOUT; SEE_ERR_NO_DESCRIPTORS (EMFILE, ENFILE) or
 * SEE_ERR_NO_MEMORY (ENOBUFS, ENOMEM), after which a server should wait a
 * little before trying again (the connection stays queued, and the
 * listening socket stays readable: trying again at once only spins);
 * SEE_ERR_TLS_IO. A connection that was reset while queued is skipped. */
see_status transport_tcp_accept(int listen_fd, int timeout_ms, int *fd);

/* Read and drop what the peer sends on fd until it closes, the read fails,
 * ms pass, or cancel_fd (-1: none) becomes readable. */
void transport_tcp_drain(int fd, int ms, int cancel_fd);

/* "address:port" of a connected socket's peer (numeric), or "unknown". */
void transport_tcp_peer_name(int fd, char *out, size_t cap);

/* --------------------------------------------------------------- tap --- */

/* A transport in front of another (inner) through which a program watches,
 * or meddles with, what crosses: a demo's recording of the wire, Eve
 * flipping a bit of a record. Reads pass through, and the bytes of each
 * read that succeeded are shown to seen_read. Each write goes to write,
 * which passes the bytes on to inner (transport_write), changed or not,
 * and returns the status. Closing closes inner. Either callback may be
 * NULL: nothing is shown, or the write passes unchanged. */
typedef struct {
    const transport *inner;
    void *ctx;                          /* for the callbacks */
    void (*seen_read)(void *ctx, const uint8_t *buf, size_t len);
    see_status (*write)(void *ctx, const transport *inner,
                        const uint8_t *buf, size_t len);
} transport_tap;

/* Make t the transport through tap (filled in by the caller; both must
 * outlive t's use). */
void transport_tapped(transport *t, transport_tap *tap);

/* ------------------------------------------------- in-memory pipe pair --- */

#define PIPE_CAPACITY 65536

/* One direction of the pipe: a ring buffer shared by a writer and a reader,
 * which may be different threads. */
typedef struct {
    uint8_t data[PIPE_CAPACITY];
    size_t start, len;
    int closed;
    pthread_mutex_t lock;
    pthread_cond_t changed;
} pipe_buffer;

/* Lockstep (memory_pipe_lockstep): which end may run. */
typedef struct {
    int on;
    int turn;            /* 0: end a runs, 1: end b runs */
    int left[2];         /* an end that left runs no more: never wait for it */
    pthread_mutex_t lock;
    pthread_cond_t changed;
} pipe_baton;

typedef struct {
    pipe_buffer a_to_b, b_to_a;
    int timeout_ms;      /* how long a read waits for data; < 0: for ever */
    size_t max_chunk;    /* a read returns at most this many bytes (0: no
                            limit); 1 makes every read a partial read */
    pipe_baton baton;
} memory_pipe;

typedef struct {
    memory_pipe *pipe;
    pipe_buffer *in, *out;
    int side;            /* 0: end a, 1: end b */
} pipe_end;

/* Two connected transports: what a writes, b reads, and back. */
see_status memory_pipe_init(memory_pipe *p, int timeout_ms);
void memory_pipe_destroy(memory_pipe *p);
void memory_pipe_ends(memory_pipe *p, pipe_end *a_end, pipe_end *b_end,
                      transport *a, transport *b);

/*
 * Lockstep: the two ends' threads take turns, as if one processor ran them
 * both, so that what they do (their trace events, prints, the bytes they
 * write) comes in an order fixed by the protocol alone, whatever the
 * scheduler does. A class demo seeded twice then prints and captures the
 * same bytes twice.
 *
 * End a runs first (call this from a's thread, before b's thread starts).
 * The running end hands the turn to the other only when it must wait: it
 * reads from its empty pipe, or writes into a full one; or when it leaves
 * (memory_pipe_leave). Closing an end does not hand over: the closing
 * thread usually goes on (to leave, or to read the peer's last words).
 *
 * A read still times out (the pipe's timeout_ms): when both ends wait to
 * read, the one holding the turn waits for data until its time is up, and
 * the other, whose time may be up too, resumes only when given the turn
 * back; it then returns what came in meanwhile, or SEE_ERR_TIMEOUT. With
 * timeout_ms < 0 both wait for ever, as without lockstep.
 */
void memory_pipe_lockstep(memory_pipe *p);

/* Wait for end's turn: the first thing end b's thread does (it must not
 * run, e.g. trace a first event, before a hands over). At once without
 * lockstep, or once the other end has left. */
void memory_pipe_wait_turn(pipe_end *end);

/* End's thread runs no more on this pipe (it is about to end, or to join
 * the other): the turn goes to the other end for good. Close the end's
 * transport first. No-op without lockstep. */
void memory_pipe_leave(pipe_end *end);

/* Bytes waiting to be read by the end that reads `buf`. */
size_t memory_pipe_pending(pipe_buffer *buf);

#endif
