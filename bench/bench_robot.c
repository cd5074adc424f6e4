/*
 * bench_robot.c: the robot link's command round trip, command sent to reply
 * received, over loopback with a simulated Alex: the p50 and p99 of 1000
 * commands, over the TLS link (the test certificates in vectors/certs/:
 * server.pem under inter.pem under root.pem) and, for comparison, the
 * plaintext one. The server runs in a thread of this program, exactly as
 * alex-server runs it. Target: p99 under 2 ms over TLS. There is no
 * reference implementation to compare with.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench/measure.h"
#include "bench/robot_server.h"
#include "bench/sections.h"
#include "handshake/transport.h"
#include "robot/alex_link.h"
#include "robot/alex_link_tls.h"
#include "robot/alex_tls_config.h"
#include "robot/alex_message.h"
#include "robot/alex_robot.h"
#include "robot/alex_server.h"

#define COMMANDS 1000
#define TARGET_P99_MS 2.0

/* One command and its whole reply; 0 on success. */
static int round_trip(alex_link *link, alex_message_reader *messages, char key)
{
    alex_message m, reply;
    memset(&m, 0, sizeof m);
    m.kind = ALEX_MSG_COMMAND;
    m.key = key;
    m.p1 = key == 's' ? 0 : 10;
    m.p2 = key == 's' ? 0 : 50;
    if (alex_message_send(link, &m) != SEE_OK)
        return -1;
    uint8_t buf[512];
    for (;;) {
        size_t n, used;
        if (link->read(link->ctx, buf, sizeof buf, 1000, &n) != SEE_OK || n == 0)
            return -1;
        int whole;
        /* replies are small and come one at a time: one feed suffices */
        see_status st = alex_message_reader_feed(messages, buf, n, &used, &reply, &whole);
        if (whole)
            return reply.kind == ALEX_MSG_ERROR && reply.code != ALEX_ERR_OK;
        if (st != SEE_OK)
            return -1;
    }
}

/* 1000 round trips through a server thread; TLS when use_tls. */
static void measure(int use_tls)
{
    int listen_fd, fd;
    unsigned port;
    char port_text[16], why[300];
    alex_tls_setup server_tls, client_tls;
    memset(&server_tls, 0, sizeof server_tls);
    memset(&client_tls, 0, sizeof client_tls);
    if (use_tls && (bench_robot_tls(&server_tls, why, sizeof why) != 0 ||
                    alex_tls_client_setup(&client_tls, "vectors/certs/root.pem", "127.0.0.1",
                                          "vectors/certs/client.pem", "vectors/certs/client.key",
                                          why, sizeof why) != 0)) {
        printf("  TLS set-up failed (%s): skipped\n", why);
        alex_tls_setup_free(&server_tls);
        alex_tls_setup_free(&client_tls);
        return;
    }
    if (transport_tcp_listen("0", &listen_fd, &port) != SEE_OK) {
        printf("  cannot listen on loopback: skipped\n");
        return;
    }
    alex_robot robot;
    alex_robot_open_sim(&robot);
    alex_server_config config = {
        .listen_fd = listen_fd, .idle_ms = 500, .robot = &robot,
        .open_link = use_tls ? alex_server_open_tls : alex_server_open_plain,
        .link_ctx = &server_tls.cfg,
    };
    pthread_t thread;
    bench_robot_server_start(&config, &thread);

    alex_link link;
    snprintf(port_text, sizeof port_text, "%u", port);
    int connected = transport_tcp_connect("127.0.0.1", port_text, 2000, &fd) == SEE_OK;
    if (connected && use_tls)
        connected = alex_link_tls_connect(&link, fd, &client_tls.cfg, 5000, why, sizeof why) == SEE_OK;
    else if (connected)
        alex_link_plain(&link, fd, "bench");
    if (!connected) {
        printf("  cannot connect: skipped\n");
    } else {
        alex_message_reader messages;
        alex_message_reader_init(&messages);
        static double ms[COMMANDS];
        static const char keys[] = "flrbsg";
        int failures = 0;
        for (int i = 0; i < COMMANDS; i++) {
            double t0 = speed_now();
            failures += round_trip(&link, &messages, keys[i % 6]) != 0;
            ms[i] = (speed_now() - t0) * 1000;
        }
        link.close(link.ctx);
        speed_sort(ms, COMMANDS);
        double p50 = ms[COMMANDS / 2], p99 = ms[COMMANDS * 99 / 100];
        printf("  %-9s %d commands: p50 %.3f ms, p99 %.3f ms, max %.3f ms", use_tls ? "TLS" : "plaintext",
               COMMANDS, p50, p99, ms[COMMANDS - 1]);
        if (use_tls)
            printf("   target p99 < %.1f ms: %s", TARGET_P99_MS,
                   p99 < TARGET_P99_MS && failures == 0 ? "PASS" : "FAIL");
        printf("\n");
        if (failures)
            printf("  %d commands failed\n", failures);
    }
    bench_robot_server_stop(thread);
    close(listen_fd);
    alex_robot_close(&robot);
    alex_tls_setup_free(&server_tls);
    alex_tls_setup_free(&client_tls);
}

void bench_robot(double seconds)
{
    (void)seconds;
    bench_section("robot link: command round trip, loopback, simulated Alex");
    measure(1);
    measure(0);
}
