/*
 * test_transport.c: trace event numbering, the in-memory pipe (round trip,
 * partial reads, close, timeout, a writer larger than the pipe in another
 * thread; lockstep: order, timeouts, a full pipe), the socket transport over socketpair(2) and loopback TCP (its
 * deadline, its cancel descriptor, accept out of descriptors), and what
 * tls_socket adds: the handshake's deadline, the drain after an alert, the
 * peer's alert read after our write failed on its reset.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "handshake/tls_socket.h"
#include "handshake/trace.h"
#include "handshake/transport.h"
#include "tests/unit/harness.h"
#include "tests/unit/tls_fixture.h"

typedef struct {
    unsigned steps[8];
    const char *names[8];
    size_t lens[8];
    uint8_t last_bytes[8];
    int count;
} trace_log;

static void collect(void *ctx, const trace_event *e)
{
    trace_log *log = ctx;
    if (log->count < 8) {
        log->steps[log->count] = e->step;
        log->names[log->count] = e->name;
        log->lens[log->count] = e->len;
        memcpy(log->last_bytes, e->bytes, e->len < 8 ? e->len : 8);
        log->count++;
    }
}

static void test_trace_numbering(void)
{
    trace_log log;
    memset(&log, 0, sizeof log);
    tracer t;
    trace_init(&t, collect, &log);
    uint8_t rb[32] = { 1 };
    trace_emit(&t, TRACE_CLIENT, "RB", rb, sizeof rb, "the client's random");
    trace_emit_u64(&t, TRACE_SERVER, "SEQ", 0x0102030405060708ull, "seq");
    trace_emit(NULL, TRACE_CLIENT, "X", NULL, 0, "dropped");
    CU_ASSERT_EQUAL(log.count, 2);
    CU_ASSERT_EQUAL(log.steps[0], 1);
    CU_ASSERT_EQUAL(log.steps[1], 2);
    CU_ASSERT_STRING_EQUAL(log.names[0], "RB");
    CU_ASSERT_EQUAL(log.lens[0], 32);
    CU_ASSERT_EQUAL(log.lens[1], 8);
    ASSERT_HEX_EQ(log.last_bytes, 8, "0102030405060708");

    tracer silent;
    trace_init(&silent, NULL, NULL);
    trace_emit(&silent, TRACE_CLIENT, "RB", rb, 32, "nobody listens");
    CU_ASSERT_EQUAL(silent.step, 0);
    CU_ASSERT_STRING_EQUAL(trace_party_name(TRACE_SERVER), "server");
}

static void test_pipe_round_trip_and_partial_reads(void)
{
    memory_pipe p;
    pipe_end ea, eb;
    transport a, b;
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&p, 1000), SEE_OK);
    memory_pipe_ends(&p, &ea, &eb, &a, &b);

    uint8_t msg[100], got[100];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)i;
    CU_ASSERT_EQUAL(transport_write(&a, msg, sizeof msg), SEE_OK);
    CU_ASSERT_EQUAL(memory_pipe_pending(&p.a_to_b), 100);
    p.max_chunk = 7;
    size_t n = 0;
    CU_ASSERT_EQUAL(transport_read(&b, got, sizeof got, &n), SEE_OK);
    CU_ASSERT_EQUAL(n, 7);
    CU_ASSERT_EQUAL(transport_read_exact(&b, got + 7, 93), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(got, msg, sizeof msg), 0);

    /* The other direction, and close: pending bytes first, then CLOSED. */
    p.max_chunk = 0;
    CU_ASSERT_EQUAL(transport_write(&b, msg, 3), SEE_OK);
    transport_close(&b);
    CU_ASSERT_EQUAL(transport_read(&a, got, sizeof got, &n), SEE_OK);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_EQUAL(transport_read(&a, got, sizeof got, &n), SEE_ERR_TLS_CLOSED);
    CU_ASSERT_EQUAL(transport_write(&b, msg, 1), SEE_ERR_TLS_CLOSED);
    memory_pipe_destroy(&p);
}

static void test_pipe_timeout(void)
{
    memory_pipe p;
    pipe_end ea, eb;
    transport a, b;
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&p, 20), SEE_OK);
    memory_pipe_ends(&p, &ea, &eb, &a, &b);
    uint8_t buf[4];
    size_t n;
    CU_ASSERT_EQUAL(transport_read(&a, buf, sizeof buf, &n), SEE_ERR_TIMEOUT);
    memory_pipe_destroy(&p);
}

#define BIG (3 * PIPE_CAPACITY + 123)
static uint8_t big_in[BIG], big_out[BIG];

static void *write_big(void *arg)
{
    transport *t = arg;
    return (void *)(long)transport_write(t, big_in, BIG);
}

static void test_pipe_writer_thread(void)
{
    memory_pipe p;
    pipe_end ea, eb;
    transport a, b;
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&p, 5000), SEE_OK);
    memory_pipe_ends(&p, &ea, &eb, &a, &b);
    for (size_t i = 0; i < BIG; i++)
        big_in[i] = (uint8_t)(i * 31 + 7);
    pthread_t th;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, write_big, &a), 0);
    CU_ASSERT_EQUAL(transport_read_exact(&b, big_out, BIG), SEE_OK);
    void *rc;
    pthread_join(th, &rc);
    CU_ASSERT_EQUAL((long)rc, SEE_OK);
    CU_ASSERT_EQUAL(memcmp(big_in, big_out, BIG), 0);
    memory_pipe_destroy(&p);
}

/* ------------------------------------------------------------ lockstep --- */

/* What each side did, in the order it happened. */
typedef struct {
    pthread_mutex_t lock;
    char order[16];
    size_t count;
} lockstep_log;

static void note(lockstep_log *log, char what)
{
    pthread_mutex_lock(&log->lock);
    if (log->count + 1 < sizeof log->order)
        log->order[log->count++] = what;
    pthread_mutex_unlock(&log->lock);
}

typedef struct {
    pipe_end *end;
    transport *io;
    lockstep_log *log;
} lockstep_side;

static void pause_ms(long ms)
{
    struct timespec ts = { 0, ms * 1000000L };
    nanosleep(&ts, NULL);
}

/* Side b: starts ('b'), reads the ping ('r'), answers, dawdles before
 * noting it ('w'), then reads again, until a closes ('c'). */
static void *lockstep_b(void *arg)
{
    lockstep_side *s = arg;
    memory_pipe_wait_turn(s->end);
    note(s->log, 'b');
    uint8_t buf[4];
    size_t n;
    if (transport_read(s->io, buf, sizeof buf, &n) == SEE_OK)
        note(s->log, 'r');
    transport_write(s->io, (const uint8_t *)"pong", 4);
    pause_ms(30); /* without lockstep, a reads the pong meanwhile */
    note(s->log, 'w');
    if (transport_read(s->io, buf, sizeof buf, &n) == SEE_ERR_TLS_CLOSED)
        note(s->log, 'c');
    transport_close(s->io);
    memory_pipe_leave(s->end);
    return NULL;
}

static void test_pipe_lockstep_order(void)
{
    memory_pipe p;
    pipe_end ea, eb;
    transport a, b;
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&p, 2000), SEE_OK);
    memory_pipe_ends(&p, &ea, &eb, &a, &b);
    memory_pipe_lockstep(&p);
    lockstep_log log = { PTHREAD_MUTEX_INITIALIZER, "", 0 };
    lockstep_side side_b = { &eb, &b, &log };
    pthread_t th;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, lockstep_b, &side_b), 0);

    pause_ms(30); /* without lockstep, b starts meanwhile */
    note(&log, 'A');
    CU_ASSERT_EQUAL(transport_write(&a, (const uint8_t *)"ping", 4), SEE_OK);
    uint8_t buf[4];
    CU_ASSERT_EQUAL(transport_read_exact(&a, buf, 4), SEE_OK);
    note(&log, 'P');
    transport_close(&a);
    memory_pipe_leave(&ea);
    pthread_join(th, NULL);
    /* a until it waits for the pong, b until it waits again, a to the end,
     * b to the end: whatever the scheduler did, and however long each
     * side dawdled. */
    CU_ASSERT_STRING_EQUAL(log.order, "AbrwPc");
    memory_pipe_destroy(&p);
}

/* Side b of the timeout test: reads once, then leaves. */
static void *lockstep_b_reads(void *arg)
{
    lockstep_side *s = arg;
    memory_pipe_wait_turn(s->end);
    uint8_t buf[4];
    size_t n = 0;
    see_status st = transport_read(s->io, buf, sizeof buf, &n);
    note(s->log, st == SEE_ERR_TIMEOUT ? 't' : st == SEE_OK && n == 1 ? 'd' : '?');
    memory_pipe_leave(s->end);
    return NULL;
}

static void test_pipe_lockstep_timeout(void)
{
    /* Both sides read: the one holding the turn times out; the other,
     * given the turn back, returns what came meanwhile, or times out. */
    for (int late_byte = 0; late_byte < 2; late_byte++) {
        memory_pipe p;
        pipe_end ea, eb;
        transport a, b;
        CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&p, 50), SEE_OK);
        memory_pipe_ends(&p, &ea, &eb, &a, &b);
        memory_pipe_lockstep(&p);
        lockstep_log log = { PTHREAD_MUTEX_INITIALIZER, "", 0 };
        lockstep_side side_b = { &eb, &b, &log };
        pthread_t th;
        int64_t start = transport_now_ms();
        CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, lockstep_b_reads, &side_b), 0);
        uint8_t buf[4];
        size_t n;
        CU_ASSERT_EQUAL(transport_read(&a, buf, sizeof buf, &n), SEE_ERR_TIMEOUT);
        note(&log, 'T');
        if (late_byte)
            CU_ASSERT_EQUAL(transport_write(&a, (const uint8_t *)"x", 1), SEE_OK);
        memory_pipe_leave(&ea);
        pthread_join(th, NULL);
        CU_ASSERT_STRING_EQUAL(log.order, late_byte ? "Td" : "Tt");
        CU_ASSERT(transport_now_ms() - start < 1000);
        memory_pipe_destroy(&p);
    }
}

/* Side b of the big-write test: one write larger than the pipe. */
static void *lockstep_b_writes_big(void *arg)
{
    lockstep_side *s = arg;
    memory_pipe_wait_turn(s->end);
    see_status st = transport_write(s->io, big_in, BIG);
    memory_pipe_leave(s->end);
    return (void *)(long)st;
}

static void test_pipe_lockstep_big_write(void)
{
    /* A writer facing a full pipe hands the turn to the reader. */
    memory_pipe p;
    pipe_end ea, eb;
    transport a, b;
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&p, 5000), SEE_OK);
    memory_pipe_ends(&p, &ea, &eb, &a, &b);
    memory_pipe_lockstep(&p);
    for (size_t i = 0; i < BIG; i++)
        big_in[i] = (uint8_t)(i * 17 + 3);
    lockstep_side side_b = { &eb, &b, NULL };
    pthread_t th;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, lockstep_b_writes_big, &side_b), 0);
    CU_ASSERT_EQUAL(transport_read_exact(&a, big_out, BIG), SEE_OK);
    memory_pipe_leave(&ea);
    void *rc;
    pthread_join(th, &rc);
    CU_ASSERT_EQUAL((long)rc, SEE_OK);
    CU_ASSERT_EQUAL(memcmp(big_in, big_out, BIG), 0);
    memory_pipe_destroy(&p);
}

static void test_socket_pair(void)
{
    int sv[2];
    CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    socket_transport sa, sb;
    transport a, b;
    transport_socket(&a, &sa, sv[0], 50);
    transport_socket(&b, &sb, sv[1], 50);
    uint8_t buf[16];
    size_t n;
    CU_ASSERT_EQUAL(transport_read(&b, buf, sizeof buf, &n), SEE_ERR_TIMEOUT);
    CU_ASSERT_EQUAL(transport_write(&a, (const uint8_t *)"hello", 5), SEE_OK);
    CU_ASSERT_EQUAL(transport_read_exact(&b, buf, 5), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(buf, "hello", 5), 0);
    transport_close(&a);
    CU_ASSERT_EQUAL(transport_read(&b, buf, sizeof buf, &n), SEE_ERR_TLS_CLOSED);
    close(sv[0]);
    close(sv[1]);
}

/* A listening socket on a free loopback port (lfd) and a client connected
 * to it (cfd), not yet accepted. */
static void listen_and_connect(int *lfd, int *cfd)
{
    unsigned port;
    CU_ASSERT_EQUAL_FATAL(transport_tcp_listen("0", lfd, &port), SEE_OK);
    char port_text[16];
    snprintf(port_text, sizeof port_text, "%u", port);
    CU_ASSERT_EQUAL_FATAL(transport_tcp_connect("127.0.0.1", port_text, 1000, cfd), SEE_OK);
}

static void test_tcp_loopback(void)
{
    int lfd, cfd, sfd;
    unsigned port = 0;
    CU_ASSERT_EQUAL_FATAL(transport_tcp_listen("0", &lfd, &port), SEE_OK);
    CU_ASSERT_TRUE(port > 0);
    CU_ASSERT_EQUAL(transport_tcp_accept(lfd, 10, &sfd), SEE_ERR_TIMEOUT);
    char port_text[16];
    snprintf(port_text, sizeof port_text, "%u", port);
    CU_ASSERT_EQUAL_FATAL(transport_tcp_connect("127.0.0.1", port_text, 1000, &cfd), SEE_OK);
    CU_ASSERT_EQUAL_FATAL(transport_tcp_accept(lfd, 1000, &sfd), SEE_OK);
    socket_transport sc, ss;
    transport c, s;
    transport_socket(&c, &sc, cfd, 1000);
    transport_socket(&s, &ss, sfd, 1000);
    uint8_t buf[4];
    CU_ASSERT_EQUAL(transport_write(&c, (const uint8_t *)"ping", 4), SEE_OK);
    CU_ASSERT_EQUAL(transport_read_exact(&s, buf, 4), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(buf, "ping", 4), 0);
    close(cfd);
    close(sfd);
    close(lfd);
}

/* A peer that sends one byte every gap_ms until told to stop or the
 * socket fails: a slow drip. */
typedef struct {
    int fd;
    int gap_ms;
    int count;
} dripper;

static void *drip(void *arg)
{
    dripper *d = arg;
    static const uint8_t hello[] = { 0x16, 0x03, 0x01, 0x00, 0x2d, 0x01 };
    for (d->count = 0; d->count < 200; d->count++) {
        if (send(d->fd, &hello[d->count % sizeof hello], 1, MSG_NOSIGNAL) != 1)
            break;
        struct timespec t = { 0, d->gap_ms * 1000000L };
        nanosleep(&t, NULL);
    }
    return NULL;
}

/* Each read finds a byte well within its timeout, yet the reads end at the
 * deadline: a deadline is about the whole exchange, not one read. */
static void test_socket_deadline(void)
{
    int sv[2];
    CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    socket_transport ss;
    transport s;
    transport_socket(&s, &ss, sv[0], 100);
    CU_ASSERT_EQUAL(ss.deadline_ms, 0);
    CU_ASSERT_EQUAL(ss.cancel_fd, -1);
    transport_socket_deadline(&ss, 300);
    dripper d = { sv[1], 20, 0 };
    pthread_t th;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, drip, &d), 0);
    int64_t start = transport_now_ms();
    uint8_t buf[16];
    size_t n, bytes = 0;
    see_status st;
    while ((st = transport_read(&s, buf, 1, &n)) == SEE_OK)
        bytes += n;
    int64_t took = transport_now_ms() - start;
    CU_ASSERT_EQUAL(st, SEE_ERR_DEADLINE);
    CU_ASSERT_TRUE(took >= 290 && took < 600);
    CU_ASSERT_TRUE(bytes >= 5);
    /* Writes are bound by the deadline too; and it can be lifted. */
    CU_ASSERT_EQUAL(transport_write(&s, (const uint8_t *)"x", 1), SEE_ERR_DEADLINE);
    transport_socket_deadline(&ss, -1);
    CU_ASSERT_EQUAL(ss.deadline_ms, 0);
    CU_ASSERT_EQUAL(transport_write(&s, (const uint8_t *)"x", 1), SEE_OK);
    shutdown(sv[1], SHUT_RDWR);
    pthread_join(th, NULL);
    close(sv[0]);
    close(sv[1]);
}

typedef struct {
    int fd;
    int after_ms;
} delayed_byte;

static void *write_later(void *arg)
{
    delayed_byte *w = arg;
    struct timespec t = { 0, w->after_ms * 1000000L };
    nanosleep(&t, NULL);
    CU_ASSERT_EQUAL(write(w->fd, "!", 1), 1);
    return NULL;
}

/* A read waiting for a silent peer ends as soon as the cancel descriptor
 * becomes readable; writes still go out afterwards. */
static void test_socket_cancel(void)
{
    int sv[2], stop[2];
    CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    CU_ASSERT_EQUAL_FATAL(pipe(stop), 0);
    socket_transport ss;
    transport s;
    transport_socket(&s, &ss, sv[0], 5000);
    ss.cancel_fd = stop[0];
    delayed_byte w = { stop[1], 50 };
    pthread_t th;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, write_later, &w), 0);
    int64_t start = transport_now_ms();
    uint8_t buf[4];
    size_t n;
    CU_ASSERT_EQUAL(transport_read(&s, buf, sizeof buf, &n), SEE_ERR_CANCELLED);
    CU_ASSERT_TRUE(transport_now_ms() - start < 1000);
    pthread_join(th, NULL);
    CU_ASSERT_EQUAL(transport_write(&s, (const uint8_t *)"bye", 3), SEE_OK);
    CU_ASSERT_EQUAL(read(sv[1], buf, 3), 3);
    CU_ASSERT_EQUAL(memcmp(buf, "bye", 3), 0);
    close(stop[0]);
    close(stop[1]);
    close(sv[0]);
    close(sv[1]);
}

/* Out of descriptors, accept says so (a server then backs off) and leaves
 * the connection queued: it is accepted once a descriptor is free. */
static void test_accept_out_of_descriptors(void)
{
    int lfd, cfd, sfd;
    listen_and_connect(&lfd, &cfd);
    struct rlimit saved, tight;
    CU_ASSERT_EQUAL_FATAL(getrlimit(RLIMIT_NOFILE, &saved), 0);
    int next_free = dup(0);
    CU_ASSERT_FATAL(next_free >= 0);
    close(next_free);
    tight = saved;
    tight.rlim_cur = (rlim_t)next_free; /* no descriptor left to accept into */
    CU_ASSERT_EQUAL_FATAL(setrlimit(RLIMIT_NOFILE, &tight), 0);
    see_status st = transport_tcp_accept(lfd, 1000, &sfd);
    setrlimit(RLIMIT_NOFILE, &saved);
    CU_ASSERT_EQUAL(st, SEE_ERR_NO_DESCRIPTORS);
    CU_ASSERT_EQUAL(transport_tcp_accept(lfd, 1000, &sfd), SEE_OK);
    char name[64], expected[64];
    transport_tcp_peer_name(sfd, name, sizeof name);
    struct sockaddr_in sin;
    socklen_t sin_len = sizeof sin;
    CU_ASSERT_EQUAL(getsockname(cfd, (struct sockaddr *)&sin, &sin_len), 0);
    snprintf(expected, sizeof expected, "127.0.0.1:%u", ntohs(sin.sin_port));
    CU_ASSERT_STRING_EQUAL(name, expected);
    transport_tcp_peer_name(lfd, name, sizeof name);
    CU_ASSERT_STRING_EQUAL(name, "unknown");
    close(sfd);
    close(cfd);
    close(lfd);
}

/* ------------------------------------------------ tls_socket's limits --- */

typedef struct {
    int fd;
    int handshake_ms;
    see_status status;
    char why[200];
    int64_t took_ms;
} server_side;

static void *serve_handshake(void *arg)
{
    server_side *srv = arg;
    tls_config cfg;
    tls_config_init(&cfg);
    tls_socket_limits limits;
    tls_socket_limits_init(&limits, 5000);
    CU_ASSERT_EQUAL(limits.handshake_ms, TLS_SOCKET_HANDSHAKE_MS);
    CU_ASSERT_EQUAL(limits.cancel_fd, -1);
    limits.handshake_ms = srv->handshake_ms;
    tls_socket *s;
    int64_t start = transport_now_ms();
    srv->status = tls_socket_start_with(srv->fd, TLS_ROLE_SERVER, &limits, &cfg, &s,
                                        srv->why, sizeof srv->why);
    srv->took_ms = transport_now_ms() - start;
    CU_ASSERT_PTR_NULL(s);
    return NULL;
}

/* A client sending a byte every 50 ms (each read finds one long before its
 * 5 s timeout) is cut when the handshake's 400 ms have passed. */
static void test_tls_socket_deadline(void)
{
    int sv[2];
    CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    server_side srv = { .fd = sv[0], .handshake_ms = 400 };
    dripper d = { sv[1], 50, 0 };
    pthread_t server, client;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&server, NULL, serve_handshake, &srv), 0);
    CU_ASSERT_EQUAL_FATAL(pthread_create(&client, NULL, drip, &d), 0);
    pthread_join(server, NULL);
    pthread_join(client, NULL); /* its next send fails: the socket is closed */
    CU_ASSERT_EQUAL(srv.status, SEE_ERR_DEADLINE);
    CU_ASSERT_STRING_EQUAL(srv.why, "the handshake took longer than its deadline");
    CU_ASSERT_TRUE(srv.took_ms >= 390 && srv.took_ms < 900);
    CU_ASSERT_TRUE(d.count >= 5 && d.count < 30);
    close(sv[1]);
}

/* A server that refuses a handshake lets the client finish sending its
 * flight, and the client then reads the alert: over TCP, where closing a
 * socket with unread bytes would answer them with a reset instead. */
static void test_tls_socket_alert_reaches_peer(void)
{
    int lfd, cfd;
    listen_and_connect(&lfd, &cfd);
    server_side srv = { .handshake_ms = 5000 };
    CU_ASSERT_EQUAL_FATAL(transport_tcp_accept(lfd, 1000, &srv.fd), SEE_OK);
    pthread_t server;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&server, NULL, serve_handshake, &srv), 0);

    /* Application data before any handshake (unexpected_message, RFC 5246
     * 7.2.2), then 64 records more, sent one by one as a slow client would. */
    static uint8_t record[5 + 1024];
    record[0] = 0x17;
    record[1] = 0x03;
    record[2] = 0x03;
    record[3] = 0x04;
    record[4] = 0x00;
    int sent_all = 1;
    for (int i = 0; i < 65 && sent_all; i++) {
        sent_all = send(cfd, record, sizeof record, MSG_NOSIGNAL) == (ssize_t)sizeof record;
        struct timespec t = { 0, 2 * 1000000L };
        nanosleep(&t, NULL);
    }
    CU_ASSERT_TRUE(sent_all);
    uint8_t alert[7] = { 0 };
    socket_transport sc;
    transport c;
    transport_socket(&c, &sc, cfd, 2000);
    CU_ASSERT_EQUAL(transport_read_exact(&c, alert, sizeof alert), SEE_OK);
    ASSERT_HEX_EQ(alert, sizeof alert, "1503030002020a"); /* fatal unexpected_message */
    close(cfd); /* the server's drain ends at our end of stream */
    pthread_join(server, NULL);
    CU_ASSERT_EQUAL(srv.status, SEE_ERR_TLS_UNEXPECTED_MESSAGE);
    CU_ASSERT_TRUE(srv.took_ms < TLS_SOCKET_DRAIN_MS);
    close(lfd);
}

/* A server that refused us and closed with our bytes unread (a reset, RFC
 * 1122 4.2.2.13) fails our next write with ECONNRESET or EPIPE; its alert
 * is still waiting to be read, and it, not "the peer closed", is why the
 * handshake failed. Here the server sends fatal unknown_ca and resets the
 * connection (SO_LINGER 0) before the client writes its ClientHello. */
static void test_tls_socket_reads_alert_after_failed_write(void)
{
    int lfd, cfd, sfd;
    listen_and_connect(&lfd, &cfd);
    CU_ASSERT_EQUAL_FATAL(transport_tcp_accept(lfd, 1000, &sfd), SEE_OK);
    static const uint8_t alert[7] = { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x30 };
    CU_ASSERT_EQUAL(send(sfd, alert, sizeof alert, MSG_NOSIGNAL), (ssize_t)sizeof alert);
    struct linger reset = { 1, 0 };
    CU_ASSERT_EQUAL(setsockopt(sfd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset), 0);
    close(sfd);
    /* Wait for the reset to arrive: our first write will fail. */
    struct pollfd p = { .fd = cfd, .events = POLLIN };
    CU_ASSERT_EQUAL(poll(&p, 1, 1000), 1);
    struct timespec t = { 0, 50 * 1000000L };
    nanosleep(&t, NULL);

    tls_config cfg;
    tls_config_init(&cfg);
    cfg.verify = tls_test_trust_nothing;
    tls_socket_limits limits;
    tls_socket_limits_init(&limits, 2000);
    tls_socket *s;
    tls_failure failure;
    int64_t start = transport_now_ms();
    see_status st = tls_socket_open(cfd, TLS_ROLE_CLIENT, &limits, &cfg, &s, &failure);
    CU_ASSERT_TRUE(transport_now_ms() - start < 500);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_EQUAL(st, SEE_ERR_TLS_ALERT_RECEIVED);
    CU_ASSERT_EQUAL(failure.status, SEE_ERR_TLS_ALERT_RECEIVED);
    CU_ASSERT_EQUAL(failure.alert_received, 48); /* unknown_ca */
    CU_ASSERT_EQUAL(failure.alert_sent, -1);
    CU_ASSERT_STRING_EQUAL(failure.text, "the peer sent the alert unknown_ca");
    close(lfd);
}

/* The same over a socketpair, through tls_socket_start_with's line; and a
 * peer that closed without an alert is still "closed without close_notify". */
static void test_tls_socket_failed_write_without_alert(void)
{
    tls_config cfg;
    tls_config_init(&cfg);
    cfg.verify = tls_test_trust_nothing;
    for (int with_alert = 0; with_alert < 2; with_alert++) {
        int sv[2];
        CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
        static const uint8_t alert[7] = { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28 };
        if (with_alert)
            CU_ASSERT_EQUAL(send(sv[1], alert, sizeof alert, 0), (ssize_t)sizeof alert);
        close(sv[1]);
        tls_socket *s;
        char why[200];
        see_status st = tls_socket_start(sv[0], TLS_ROLE_CLIENT, 2000, &cfg, &s, why,
                                         sizeof why);
        CU_ASSERT_PTR_NULL(s);
        CU_ASSERT_EQUAL(st, with_alert ? SEE_ERR_TLS_ALERT_RECEIVED : SEE_ERR_TLS_CLOSED);
        CU_ASSERT_STRING_EQUAL(why, with_alert
                                        ? "the peer sent the alert handshake_failure"
                                        : "the peer closed the connection without close_notify");
    }
}

static CU_TestInfo tests[] = {
    { "trace events are numbered and delivered", test_trace_numbering },
    { "pipe: round trip, partial reads, close", test_pipe_round_trip_and_partial_reads },
    { "pipe: read times out", test_pipe_timeout },
    { "pipe: a writer thread larger than the pipe", test_pipe_writer_thread },
    { "pipe lockstep: one side runs at a time, in the protocol's order", test_pipe_lockstep_order },
    { "pipe lockstep: both sides reading still time out", test_pipe_lockstep_timeout },
    { "pipe lockstep: a writer larger than the pipe hands over", test_pipe_lockstep_big_write },
    { "socket transport over socketpair", test_socket_pair },
    { "tcp listen, connect, accept on loopback", test_tcp_loopback },
    { "socket: reads end at the deadline however fast each byte comes", test_socket_deadline },
    { "socket: a cancel descriptor ends a read at once", test_socket_cancel },
    { "tcp accept out of descriptors: NO_DESCRIPTORS, then the queued connection", test_accept_out_of_descriptors },
    { "tls_socket: a dripping client is cut at the handshake deadline", test_tls_socket_deadline },
    { "tls_socket: a refused client finishes its flight and reads the alert", test_tls_socket_alert_reaches_peer },
    { "tls_socket: a write failed by the peer's reset, its alert read after", test_tls_socket_reads_alert_after_failed_write },
    { "tls_socket: a write failed on a closed socketpair, with and without an alert", test_tls_socket_failed_write_without_alert },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("transport", tests);
}
