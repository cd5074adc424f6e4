/*
 * test_transport.c: trace event numbering, the in-memory pipe (round trip,
 * partial reads, close, timeout, a writer larger than the pipe in another
 * thread) and the socket transport over socketpair(2) and loopback TCP.
 */
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "handshake/trace.h"
#include "handshake/transport.h"
#include "tests/unit/harness.h"

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

static CU_TestInfo tests[] = {
    { "trace events are numbered and delivered", test_trace_numbering },
    { "pipe: round trip, partial reads, close", test_pipe_round_trip_and_partial_reads },
    { "pipe: read times out", test_pipe_timeout },
    { "pipe: a writer thread larger than the pipe", test_pipe_writer_thread },
    { "socket transport over socketpair", test_socket_pair },
    { "tcp listen, connect, accept on loopback", test_tcp_loopback },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("transport", tests);
}
