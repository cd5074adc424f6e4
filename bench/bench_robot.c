/*
 * bench_robot.c: the robot link's command round trip, command sent to reply
 * received, over loopback with a simulated Alex: the p50 and p99 of 1000
 * commands. The server runs in a thread of this program, exactly as
 * alex-server runs it; the client side is a plain loop. Target: p99 under
 * 2 ms. There is no reference implementation to compare with.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench/bench.h"
#include "handshake/transport.h"
#include "robot/alex_link.h"
#include "robot/alex_message.h"
#include "robot/alex_robot.h"
#include "robot/alex_server.h"

#define COMMANDS 1000
#define TARGET_P99_MS 2.0

static volatile sig_atomic_t stop_server;

static int open_plain(void *ctx, int fd, const char *address, alex_link *link,
                      char *why, size_t why_len)
{
    (void)ctx;
    (void)why;
    (void)why_len;
    alex_link_plain(link, fd, address);
    return 0;
}

static void *server_thread(void *arg)
{
    alex_server_run(arg, &stop_server);
    return NULL;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* One command and its whole reply; 0 on success. */
static int round_trip(alex_link *link, alex_message_reader *reader, char key)
{
    alex_message m, reply;
    memset(&m, 0, sizeof m);
    m.kind = ALEX_MSG_COMMAND;
    m.key = key;
    m.p1 = key == 's' ? 0 : 10;
    m.p2 = key == 's' ? 0 : 50;
    if (alex_message_send(link, &m) != 0)
        return -1;
    uint8_t buf[512];
    for (;;) {
        int n = link->read(link->ctx, buf, sizeof buf, 1000);
        if (n <= 0)
            return -1;
        size_t used;
        see_status st;
        /* replies are small and come one at a time: one feed suffices */
        if (alex_message_reader_feed(reader, buf, (size_t)n, &used, &reply, &st))
            return reply.kind == ALEX_MSG_ERROR && reply.code != ALEX_ERR_OK;
        if (st != SEE_OK)
            return -1;
    }
}

void bench_robot(double seconds)
{
    (void)seconds;
    bench_section("robot link: command round trip, loopback, simulated Alex");

    int listen_fd, fd;
    unsigned port;
    char port_text[16];
    if (transport_tcp_listen("0", &listen_fd, &port) != SEE_OK) {
        printf("  cannot listen on loopback: skipped\n");
        return;
    }
    alex_robot robot;
    alex_robot_open_sim(&robot);
    alex_server_config config = {
        .listen_fd = listen_fd, .idle_ms = 500, .robot = &robot,
        .open_link = open_plain, .link_ctx = NULL,
    };
    stop_server = 0;
    pthread_t thread;
    pthread_create(&thread, NULL, server_thread, &config);

    snprintf(port_text, sizeof port_text, "%u", port);
    if (transport_tcp_connect("127.0.0.1", port_text, 2000, &fd) != SEE_OK) {
        printf("  cannot connect: skipped\n");
        stop_server = 1;
        pthread_join(thread, NULL);
        return;
    }
    alex_link link;
    alex_link_plain(&link, fd, "bench");
    alex_message_reader reader;
    alex_message_reader_init(&reader);

    static double ms[COMMANDS];
    static const char keys[] = "flrbsg";
    int failures = 0;
    for (int i = 0; i < COMMANDS; i++) {
        double t0 = bench_now();
        failures += round_trip(&link, &reader, keys[i % 6]) != 0;
        ms[i] = (bench_now() - t0) * 1000;
    }
    link.close(link.ctx);
    stop_server = 1;
    pthread_join(thread, NULL);
    close(listen_fd);
    alex_robot_close(&robot);

    qsort(ms, COMMANDS, sizeof ms[0], compare_doubles);
    double p50 = ms[COMMANDS / 2], p99 = ms[COMMANDS * 99 / 100];
    printf("  %d commands (plaintext link; the TLS link replaces it when it lands)\n", COMMANDS);
    printf("  round trip p50 %.3f ms, p99 %.3f ms, max %.3f ms   target p99 < %.1f ms: %s\n",
           p50, p99, ms[COMMANDS - 1], TARGET_P99_MS,
           p99 < TARGET_P99_MS && failures == 0 ? "PASS" : "FAIL");
    if (failures)
        printf("  %d commands failed\n", failures);
}
