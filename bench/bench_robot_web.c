/*
 * bench_robot_web.c: the web console's command round trip as the page
 * sees it (issue: "command round trip browser-side (WebSocket) p99 < 5 ms
 * on loopback"): a key pressed sends "go forward 50", released "stop"
 * (robot/web/console.html), each timed from the masked frame sent to the
 * status message that shows the change ("doing":"forward", then
 * "doing":"stopped"); the p50 and p99 of 1000.
 *
 * The server side is alex-server's own: alex_server_run in a thread of
 * this program with the web console's listener, its TLS asking for a
 * client certificate but not requiring one (client_certificate_optional,
 * as prog_alex-server.c sets it), the page compiled in and a simulated
 * Alex; the test certificates in vectors/certs/ (server.pem under
 * inter.pem under root.pem: bench_robot_tls). The client is what
 * a browser is: our TLS client, GET /ws with the upgrade fields and the
 * page's own Origin, then masked text frames (codec/websocket.h, the
 * client's side). Two rows: a browser with the lab client certificate
 * (client.pem), and one without that pairs with the code (the bench
 * made it, as alex-server prints it). A third, when Debian's chromium is
 * there, from the browser itself: bench/browser_round_trip.sh (the same
 * commands from a script in the console page's origin, timed with
 * performance.now(); "skipped: no chromium" otherwise).
 *
 * The fail-safe stays on: while a go is in force the robot stops after
 * ALEX_WEB_SILENCE_MS without a word from the page. Each go is followed
 * at once by its stop, so it cannot fire on a run going well; on one that
 * stalls, it could, and the watchdog's own "stopped" would then pass for
 * the answer to our stop. So a go-stop pair that took the silence limit
 * or longer (which that needs) is counted and fails the row, and a reply
 * not come within REPLY_WAIT_MS ends the run: its figures are not given.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/measure.h"
#include "bench/robot_server.h"
#include "bench/sections.h"
#include "codec/websocket.h"
#include "crypto/random.h"
#include "handshake/transport.h"
#include "robot/alex_link.h"
#include "robot/alex_link_tls.h"
#include "robot/alex_robot.h"
#include "robot/alex_server.h"
#include "robot/alex_tls_config.h"
#include "robot/alex_web.h"

#define COMMANDS 1000
#define TARGET_P99_MS 5.0
#define REPLY_WAIT_MS 1000

/* The browser's side of one WebSocket. */
typedef struct {
    alex_link link;
    ws_reader reader;
    see_rng rng;
    uint8_t in[8192];   /* bytes read, not yet a whole frame */
    size_t have;
    char message[2048]; /* the last text message, NUL-ended */
} ws_client;

/* Read more from the link into c->in, waiting until deadline (speed_now
 * seconds). SEE_ERR_TIMEOUT when nothing came by then. */
static see_status read_more(ws_client *c, double deadline)
{
    for (;;) {
        double left_ms = (deadline - speed_now()) * 1000;
        ENSURE(left_ms > 0, SEE_ERR_TIMEOUT);
        ENSURE(c->have < sizeof c->in, SEE_ERR_BUFFER_SMALL);
        size_t n;
        TRY(c->link.read(c->link.ctx, c->in + c->have, sizeof c->in - c->have,
                         (int)left_ms + 1, &n));
        c->have += n;
        if (n > 0)
            return SEE_OK;
    }
}

/* GET /ws as a browser asks, from the page at https://127.0.0.1:PORT/,
 * and the 101 checked (RFC 6455 4.1). */
static see_status open_websocket(ws_client *c, unsigned port)
{
    char host[32], origin[48], key[WS_KEY_LEN + 1];
    snprintf(host, sizeof host, "127.0.0.1:%u", port);
    snprintf(origin, sizeof origin, "https://%s", host);
    TRY(ws_client_key(&c->rng, key));
    uint8_t out[600];
    writer w;
    writer_init(&w, out, sizeof out);
    TRY(ws_write_client_handshake(&w, host, "/ws", origin, key));
    TRY(c->link.write(c->link.ctx, out, w.len));
    double deadline = speed_now() + REPLY_WAIT_MS / 1000.0;
    for (;;) {
        size_t head_len;
        see_status st = ws_check_handshake_answer(c->in, c->have, key, &head_len);
        if (st == SEE_OK) {
            memmove(c->in, c->in + head_len, c->have - head_len);
            c->have -= head_len;
            return SEE_OK;
        }
        if (st != SEE_ERR_NEED_MORE)
            return st;
        TRY(read_more(c, deadline));
    }
}

/* The next text message into c->message; SEE_ERR_TLS_CLOSE_NOTIFY for
 * the server's close frame. */
static see_status next_message(ws_client *c, double deadline)
{
    for (;;) {
        ws_frame f;
        see_status st = ws_read_frame(&c->reader, c->in, c->have, &f);
        if (st == SEE_ERR_NEED_MORE) {
            TRY(read_more(c, deadline));
            continue;
        }
        TRY(st);
        /* the robot's messages are text, one frame each, and small */
        int text = f.opcode == WS_TEXT && f.fin && f.payload_len < sizeof c->message;
        if (text) {
            memcpy(c->message, f.payload, f.payload_len);
            c->message[f.payload_len] = '\0';
        }
        uint8_t opcode = f.opcode;
        memmove(c->in, c->in + f.frame_len, c->have - f.frame_len);
        c->have -= f.frame_len;
        ENSURE(opcode != WS_CLOSE, SEE_ERR_TLS_CLOSE_NOTIFY);
        if (text)
            return SEE_OK;
    }
}

/* Wait for a status message holding want ("\"doing\":\"forward\""); an
 * error message from the robot (watching only, busy) ends the run. */
static see_status wait_for_status(ws_client *c, const char *want)
{
    double deadline = speed_now() + REPLY_WAIT_MS / 1000.0;
    for (;;) {
        TRY(next_message(c, deadline));
        ENSURE(strstr(c->message, "\"type\":\"error\"") == NULL, SEE_ERR_ARGUMENT);
        if (strstr(c->message, "\"type\":\"status\"") != NULL && strstr(c->message, want))
            return SEE_OK;
    }
}

/* One command as the page sends it: a masked text frame. */
static see_status send_command(ws_client *c, const char *text)
{
    uint8_t out[WS_MAX_HEADER + 64];
    writer w;
    writer_init(&w, out, sizeof out);
    TRY(ws_write_client_frame(&w, &c->rng, WS_TEXT, text, strlen(text)));
    return c->link.write(c->link.ctx, out, w.len);
}

/* The browser connects and may drive: its certificate did it in the
 * handshake, or it pairs with the code (the status then says so). */
static see_status connect_browser(ws_client *c, unsigned port, const tls_config *tls,
                                  const char *pairing_code, char *why, size_t why_len)
{
    int fd;
    char port_text[16];
    snprintf(port_text, sizeof port_text, "%u", port);
    see_status st = transport_tcp_connect("127.0.0.1", port_text, 2000, &fd);
    if (st != SEE_OK) {
        snprintf(why, why_len, "%s", alex_strerror(st));
        return st;
    }
    TRY(alex_link_tls_connect(&c->link, fd, tls, 5000, why, why_len));
    st = open_websocket(c, port);
    if (st == SEE_OK && pairing_code != NULL) {
        char pair[32];
        snprintf(pair, sizeof pair, "pair %s", pairing_code);
        st = send_command(c, pair);
    }
    if (st == SEE_OK)
        st = wait_for_status(c, "\"may_drive\":true");
    if (st != SEE_OK) {
        snprintf(why, why_len, "%s%s%.200s", alex_strerror(st), c->message[0] ? ": " : "",
                 c->message);
        c->link.close(c->link.ctx);
    }
    return st;
}

typedef struct {
    double ms[COMMANDS];
    int stalled;        /* go-stop pairs that took the silence limit or more */
    int done;           /* commands answered */
    char why[300];      /* why the run ended early */
} web_run;

/* COMMANDS commands, go and stop in turn, each timed to its status. */
static void drive(ws_client *c, web_run *run)
{
    static const char *const commands[] = {"go forward 50", "stop"};
    static const char *const answers[] = {"\"doing\":\"forward\"", "\"doing\":\"stopped\""};
    double go_sent = 0;
    for (run->done = 0; run->done < COMMANDS; run->done++) {
        int i = run->done % 2;
        double t0 = speed_now();
        see_status st = send_command(c, commands[i]);
        if (st == SEE_OK)
            st = wait_for_status(c, answers[i]);
        double t1 = speed_now();
        if (st != SEE_OK) {
            snprintf(run->why, sizeof run->why, "\"%s\": %s%s%.200s", commands[i],
                     alex_strerror(st), c->message[0] ? ": " : "", c->message);
            return;
        }
        run->ms[run->done] = (t1 - t0) * 1000;
        if (i == 0)
            go_sent = t0;
        else if ((t1 - go_sent) * 1000 >= ALEX_WEB_SILENCE_MS)
            run->stalled++;
    }
}

static void print_run(const char *label, web_run *run)
{
    if (run->done < COMMANDS) {
        printf("  %-28s stopped after %d of %d commands (%s): FAIL\n", label, run->done,
               COMMANDS, run->why);
        return;
    }
    speed_sort(run->ms, COMMANDS);
    double p50 = run->ms[COMMANDS / 2], p99 = run->ms[COMMANDS * 99 / 100];
    printf("  %-28s %d commands: p50 %.3f ms, p99 %.3f ms, max %.3f ms   target p99 < "
           "%.1f ms: %s\n", label, COMMANDS, p50, p99, run->ms[COMMANDS - 1], TARGET_P99_MS,
           p99 < TARGET_P99_MS && run->stalled == 0 ? "PASS" : "FAIL");
    if (run->stalled)
        printf("  %d go-stop pairs took %d ms or more: the robot's fail-safe may have "
               "answered for us\n", run->stalled, ALEX_WEB_SILENCE_MS);
}

/* The browser's side of one row: connect, drive, print. */
static void measure_browser(const char *label, unsigned port, const tls_config *tls,
                            const char *pairing_code)
{
    static ws_client c;
    static web_run run;
    memset(&c, 0, sizeof c);
    memset(&run, 0, sizeof run);
    ws_reader_init_client(&c.reader, sizeof c.message);
    rng_init_system(&c.rng);
    if (connect_browser(&c, port, tls, pairing_code, run.why, sizeof run.why) != SEE_OK) {
        printf("  %-28s cannot connect (%s): FAIL\n", label, run.why);
        return;
    }
    drive(&c, &run);
    /* let go of the controller slot (the page's "let go"), so that the
     * next browser finds it free */
    if (send_command(&c, "release") != SEE_OK || wait_for_status(&c, "\"control\":\"none\"") != SEE_OK)
        printf("  %-28s the robot did not confirm the release\n", label);
    c.link.close(c.link.ctx);
    print_run(label, &run);
}

/* The TLS settings of the robot (its web listener's, as alex-server
 * makes them) and of the two browsers. */
typedef struct {
    alex_tls_setup robot, with_cert, without;
    tls_config web;
} web_tls;

static int set_up_tls(web_tls *t, char *why, size_t why_len)
{
    memset(t, 0, sizeof *t);
    if (bench_robot_tls(&t->robot, why, why_len) != 0 ||
        alex_tls_client_setup(&t->with_cert, "vectors/certs/root.pem", "127.0.0.1",
                              "vectors/certs/client.pem", "vectors/certs/client.key", why,
                              why_len) != SEE_OK ||
        alex_tls_client_setup(&t->without, "vectors/certs/root.pem", "127.0.0.1", NULL, NULL,
                              why, why_len) != SEE_OK)
        return -1;
    t->web = t->robot.cfg;
    t->web.client_certificate_optional = 1;
    return 0;
}

static void free_tls(web_tls *t)
{
    alex_tls_setup_free(&t->robot);
    alex_tls_setup_free(&t->with_cert);
    alex_tls_setup_free(&t->without);
}

/* alex-server --web in a thread: its two listeners, the page, the
 * pairing code; then the two browsers in turn. */
static void measure(web_tls *t)
{
    int listen_fd, web_fd;
    unsigned port, web_port;
    if (transport_tcp_listen("0", &listen_fd, &port) != SEE_OK) {
        printf("  cannot listen on loopback: skipped\n");
        return;
    }
    if (transport_tcp_listen("0", &web_fd, &web_port) != SEE_OK) {
        printf("  cannot listen on loopback: skipped\n");
        close(listen_fd);
        return;
    }
    see_rng rng;
    rng_init_system(&rng);
    char pairing[ALEX_PAIRING_DIGITS + 1];
    static alex_web_config web;
    see_status st = alex_pairing_new(&rng, pairing);
    if (st == SEE_OK)
        st = alex_web_config_init(&web, &t->web, alex_console_page, alex_console_page_len,
                                  t->web.chain.cert[0], t->web.chain.cert_len[0], pairing);
    alex_robot robot;
    alex_robot_open_sim(&robot);
    alex_server_config config = {
        .listen_fd = listen_fd, .idle_ms = 500, .robot = &robot,
        .open_link = alex_server_open_tls, .link_ctx = &t->robot.cfg,
        .web_listen_fd = web_fd, .web = &web,
    };
    if (st != SEE_OK) {
        printf("  the web console's set-up failed (%s): skipped\n", alex_strerror(st));
    } else {
        pthread_t thread;
        bench_robot_server_start(&config, &thread);
        measure_browser("TLS, client certificate", web_port, &t->with_cert.cfg, NULL);
        measure_browser("TLS, pairing code", web_port, &t->without.cfg, pairing);
        bench_robot_server_stop(thread);
    }
    close(listen_fd);
    close(web_fd);
    alex_robot_close(&robot);
}

/* The third row: bench/browser_round_trip.sh, given the build folder
 * (this program's). */
static void measure_in_browser(void)
{
    char dir[512], command[700];
    snprintf(dir, sizeof dir, "%s", bench_program);
    char *slash = strrchr(dir, '/');
    if (slash != NULL)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    if (strchr(dir, '\'') != NULL) {
        printf("  %-28s skipped: the build folder's name holds a quote\n",
               "browser (headless Chromium)");
        return;
    }
    snprintf(command, sizeof command, "sh bench/browser_round_trip.sh '%s' %d", dir, COMMANDS);
    fflush(stdout);
    if (system(command) != 0)
        printf("  %-28s bench/browser_round_trip.sh could not be run: FAIL\n",
               "browser (headless Chromium)");
}

void bench_robot_web(double seconds)
{
    (void)seconds;
    bench_section("web console: command round trip over WebSocket, loopback, simulated Alex");
    static web_tls tls;
    char why[300] = "";
    if (set_up_tls(&tls, why, sizeof why) != 0)
        printf("  TLS set-up failed (%s): skipped\n", why);
    else
        measure(&tls);
    free_tls(&tls);
    measure_in_browser();
}
