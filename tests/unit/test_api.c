/*
 * test_api.c: the public API (include/seetls/seetls.h) as a lab team's
 * program uses it, over loopback, with the fixture certificates of
 * vectors/certs/ (a root CA, an intermediate, a server certificate for
 * robot.lab and 127.0.0.1, a client certificate "Team 7 laptop"):
 *
 *  - every status has its name, every result its text;
 *  - the program's own mistakes are SEETLS_CONFIG, named with the file;
 *  - a round trip: data both ways, the peer's subject, the suite, and the
 *    client's close seen by the server as SEETLS_CLOSED;
 *  - a read that times out loses nothing;
 *  - who refused whom, on both sides: a client without the certificate a
 *    server requires, a client expecting another name;
 *  - tampering: a byte of a record flipped on the way (a proxy between
 *    the two) is SEETLS_TAMPERED at the server, which found the bad MAC,
 *    and at the client, which received bad_record_mac.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/error.h"
#include "handshake/alert.h"
#include "handshake/tls.h"
#include "include/seetls/seetls.h"
#include "tests/unit/harness.h"

#define ROOT_CA    "vectors/certs/root.pem"
#define SERVER_KEY "vectors/certs/server.key"
#define CLIENT_CRT "vectors/certs/client.pem"
#define CLIENT_KEY "vectors/certs/client.key"

/* server.pem and the intermediate that issued it, in one chain file. */
static char server_chain[64];

static int make_server_chain(void)
{
    if (server_chain[0] != '\0')
        return 1;
    char path[] = "/tmp/seetls-test-api-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    FILE *out = fdopen(fd, "w");
    const char *parts[] = { "vectors/certs/server.pem", "vectors/certs/inter.pem" };
    for (size_t i = 0; out != NULL && i < 2; i++) {
        FILE *in = fopen(parts[i], "r");
        if (in == NULL)
            break;
        char buf[4096];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, in)) > 0)
            fwrite(buf, 1, n, out);
        fclose(in);
    }
    if (out == NULL || fclose(out) != 0)
        return 0;
    snprintf(server_chain, sizeof server_chain, "%s", path);
    return 1;
}

static void sleep_ms(int ms)
{
    struct timespec t = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&t, NULL);
}

static void port_text(unsigned port, char out[8])
{
    snprintf(out, 8, "%u", port);
}

/* ---------------------------------------------------- a server thread --- */

/* One client served: accept, read what it says, answer (after delay_ms),
 * then read again (the client's close). */
typedef struct {
    seetls_server *server;
    int delay_ms;
    seetls_result accepted;
    seetls_error accept_err;
    char peer[256];
    seetls_result first_read;
    seetls_error first_err;
    char said[256];
    seetls_result last_read;
    seetls_error last_err;
} server_run;

static void *serve_one(void *arg)
{
    server_run *r = arg;
    seetls_conn *c;
    r->accepted = seetls_accept(r->server, &c, &r->accept_err);
    if (r->accepted != SEETLS_OK)
        return NULL;
    snprintf(r->peer, sizeof r->peer, "%s", seetls_peer(c));
    size_t got = 0;
    r->first_read = seetls_read(c, r->said, sizeof r->said - 1, &got, &r->first_err);
    r->said[got] = '\0';
    if (r->first_read == SEETLS_OK) {
        sleep_ms(r->delay_ms);
        seetls_write(c, "answer", 6, NULL);
        char rest[64];
        r->last_read = seetls_read(c, rest, sizeof rest, &got, &r->last_err);
    }
    seetls_close(c);
    return NULL;
}

/* Nothing happened yet: every result one that no test expects. */
static void server_run_init(server_run *r, seetls_server *server)
{
    memset(r, 0, sizeof *r);
    r->server = server;
    r->accepted = r->first_read = r->last_read = SEETLS_SYSTEM;
}

/* A server on a free port with these options, serving one client in a
 * thread, answering after delay_ms. */
static int start_server(const seetls_server_options *o, int delay_ms, server_run *r,
                        pthread_t *thread, char port[8])
{
    server_run_init(r, NULL);
    r->delay_ms = delay_ms;
    seetls_error err;
    if (seetls_listen("0", o, &r->server, &err) != SEETLS_OK) {
        fprintf(stderr, "\nlisten: %s\n", err.text);
        return 0;
    }
    port_text(seetls_server_port(r->server), port);
    return pthread_create(thread, NULL, serve_one, r) == 0;
}

static void stop_server(server_run *r, pthread_t thread)
{
    pthread_join(thread, NULL);
    seetls_server_close(r->server);
}

/* --------------------------------------------------------------- names --- */

static void test_every_status_and_result_is_named(void)
{
    for (int st = 0; st < SEE_STATUS_COUNT; st++) {
        CU_ASSERT_EQUAL(strncmp(seetls_status_name(st), "SEE_", 4), 0);
        CU_ASSERT_STRING_EQUAL(seetls_status_text(st), see_strerror((see_status)st));
    }
    CU_ASSERT_STRING_EQUAL(seetls_status_name(SEE_OK), "SEE_OK");
    CU_ASSERT_STRING_EQUAL(seetls_status_name(SEE_ERR_TLS_BAD_RECORD_MAC),
                           "SEE_ERR_TLS_BAD_RECORD_MAC");
    CU_ASSERT_STRING_EQUAL(seetls_status_name(SEE_STATUS_COUNT), "unknown");
    CU_ASSERT_STRING_EQUAL(seetls_status_name(-1), "unknown");
    CU_ASSERT_STRING_EQUAL(seetls_status_text(SEE_ERR_TLS_BAD_RECORD_MAC), "bad record MAC");
    CU_ASSERT_STRING_EQUAL(seetls_alert_name(ALERT_UNKNOWN_CA), "unknown_ca");
    CU_ASSERT_STRING_EQUAL(seetls_alert_name(-1), "unknown alert");
    CU_ASSERT_STRING_EQUAL(seetls_alert_name(300), "unknown alert");
    /* each result its own text */
    for (int a = SEETLS_OK; a <= SEETLS_SYSTEM; a++) {
        CU_ASSERT_STRING_NOT_EQUAL(seetls_result_text((seetls_result)a), "unknown result");
        for (int b = a + 1; b <= SEETLS_SYSTEM; b++)
            CU_ASSERT_STRING_NOT_EQUAL(seetls_result_text((seetls_result)a),
                                       seetls_result_text((seetls_result)b));
    }
    CU_ASSERT_STRING_EQUAL(seetls_result_text(SEETLS_TAMPERED), "tampering detected");
}

/* ----------------------------------------------------- the program's own --- */

static void expect_listen_config_error(const char *cert, const char *key,
                                       const char *ca, int status, const char *text)
{
    seetls_server_options o = { .cert_file = cert, .key_file = key, .client_ca_file = ca };
    seetls_server *srv = (seetls_server *)&o; /* must become NULL */
    seetls_error err;
    CU_ASSERT_EQUAL(seetls_listen("0", &o, &srv, &err), SEETLS_CONFIG);
    CU_ASSERT_PTR_NULL(srv);
    CU_ASSERT_EQUAL(err.result, SEETLS_CONFIG);
    CU_ASSERT_EQUAL(err.status, status);
    CU_ASSERT_EQUAL(err.alert_sent, -1);
    CU_ASSERT_EQUAL(err.alert_received, -1);
    if (strcmp(err.text, text) != 0)
        fprintf(stderr, "\n  expected '%s'\n  got      '%s'\n", text, err.text);
    CU_ASSERT_STRING_EQUAL(err.text, text);
}

static void test_program_mistakes_are_config_errors(void)
{
    CU_ASSERT_FATAL(make_server_chain());
    expect_listen_config_error("vectors/certs/none.pem", SERVER_KEY, NULL, SEE_ERR_FILE,
                               "vectors/certs/none.pem: No such file or directory");
    expect_listen_config_error(server_chain, "vectors/certs/none.key", NULL, SEE_ERR_FILE,
                               "vectors/certs/none.key: No such file or directory");
    expect_listen_config_error(NULL, SERVER_KEY, NULL, SEE_ERR_ARGUMENT,
                               "a server needs its certificate and key (cert_file, key_file)");
    expect_listen_config_error("vectors/certs/server.pem", CLIENT_KEY, NULL,
                               SEE_ERR_X509_KEY_MISMATCH,
                               "vectors/certs/server.pem: its public key does not match "
                               "the private key in vectors/certs/client.key");
    /* a "CA file" with no certificate in it: said now, not at each client */
    expect_listen_config_error(server_chain, SERVER_KEY, CLIENT_KEY, SEE_ERR_PEM_NO_BEGIN,
                               "vectors/certs/client.key: "
                               "no PEM block (-----BEGIN ...-----) found");
    expect_listen_config_error(server_chain, CLIENT_CRT, NULL, SEE_ERR_KEY_FORMAT,
                               "vectors/certs/client.pem: "
                               "not a key file in a format seetls reads");

    seetls_conn *c = (seetls_conn *)&c;
    seetls_error err;
    seetls_client_options none = { .ca_file = NULL };
    CU_ASSERT_EQUAL(seetls_connect("127.0.0.1", "1", &none, &c, &err), SEETLS_CONFIG);
    CU_ASSERT_PTR_NULL(c);
    CU_ASSERT_STRING_EQUAL(err.text, "no CA file (ca_file) to check the server with");
    seetls_client_options half = { .ca_file = ROOT_CA, .cert_file = CLIENT_CRT };
    CU_ASSERT_EQUAL(seetls_connect("127.0.0.1", "1", &half, &c, &err), SEETLS_CONFIG);
    CU_ASSERT_STRING_EQUAL(err.text, "cert_file and key_file go together");
    /* err may be NULL */
    CU_ASSERT_EQUAL(seetls_connect("127.0.0.1", "1", &half, &c, NULL), SEETLS_CONFIG);
}

/* Nobody listening: a network failure, naming where. */
static void test_nobody_listening_is_a_network_error(void)
{
    /* a port just freed by a server of ours */
    seetls_server_options so = { .cert_file = server_chain, .key_file = SERVER_KEY };
    seetls_server *srv;
    CU_ASSERT_FATAL(seetls_listen("0", &so, &srv, NULL) == SEETLS_OK);
    char port[8];
    port_text(seetls_server_port(srv), port);
    seetls_server_close(srv);
    seetls_client_options o = { .ca_file = ROOT_CA };
    seetls_conn *c;
    seetls_error err;
    CU_ASSERT_EQUAL(seetls_connect("127.0.0.1", port, &o, &c, &err), SEETLS_NETWORK);
    CU_ASSERT_EQUAL(err.status, SEE_ERR_TLS_IO);
    char want[128];
    snprintf(want, sizeof want, "cannot connect to 127.0.0.1:%s: network read or write failed",
             port);
    CU_ASSERT_STRING_EQUAL(err.text, want);
}

/* ----------------------------------------------------------- round trip --- */

static void test_round_trip(void)
{
    CU_ASSERT_FATAL(make_server_chain());
    seetls_server_options so = { .cert_file = server_chain, .key_file = SERVER_KEY };
    server_run r;
    pthread_t thread;
    char port[8];
    CU_ASSERT_FATAL(start_server(&so, 0, &r, &thread, port));

    /* no server_name: the host, 127.0.0.1, is an address of the certificate */
    seetls_client_options o = { .ca_file = ROOT_CA };
    seetls_conn *c;
    seetls_error err;
    CU_ASSERT_EQUAL_FATAL(seetls_connect("127.0.0.1", port, &o, &c, &err), SEETLS_OK);
    CU_ASSERT_EQUAL(err.result, SEETLS_OK);
    CU_ASSERT_EQUAL(err.status, SEE_OK);
    CU_ASSERT_STRING_EQUAL(err.text, "");
    CU_ASSERT_PTR_NOT_NULL(strstr(seetls_peer(c), "CN=robot.lab"));
    tls_config ours;
    tls_config_init(&ours);
    CU_ASSERT_STRING_EQUAL(seetls_suite(c), tls_suite_name(ours.suites[0])); /* our first */
    CU_ASSERT_EQUAL(seetls_write(c, "ping", 4, &err), SEETLS_OK);
    char buf[64];
    size_t got;
    CU_ASSERT_EQUAL(seetls_read(c, buf, sizeof buf, &got, &err), SEETLS_OK);
    CU_ASSERT_EQUAL(got, 6);
    CU_ASSERT_EQUAL(memcmp(buf, "answer", 6), 0);
    CU_ASSERT_EQUAL(seetls_read(c, buf, 0, &got, &err), SEETLS_CONFIG);
    seetls_close(c);
    stop_server(&r, thread);

    CU_ASSERT_EQUAL(r.accepted, SEETLS_OK);
    CU_ASSERT_STRING_EQUAL(r.peer, ""); /* no client certificate asked for */
    CU_ASSERT_STRING_EQUAL(r.said, "ping");
    CU_ASSERT_EQUAL(r.last_read, SEETLS_CLOSED);
    CU_ASSERT_EQUAL(r.last_err.status, SEE_ERR_TLS_CLOSE_NOTIFY);
    seetls_close(NULL);
    seetls_server_close(NULL);
}

/* Two threads accepting on one server: a second client is served while
 * the first connection is still open (each thread blocked on its own). */
static void test_two_clients_at_once(void)
{
    seetls_server_options so = { .cert_file = server_chain, .key_file = SERVER_KEY };
    server_run r1, r2;
    pthread_t t1, t2;
    char port[8];
    CU_ASSERT_FATAL(start_server(&so, 0, &r1, &t1, port));
    server_run_init(&r2, r1.server);
    CU_ASSERT_FATAL(pthread_create(&t2, NULL, serve_one, &r2) == 0);
    seetls_client_options o = { .ca_file = ROOT_CA, .server_name = "robot.lab" };
    seetls_conn *a, *b;
    seetls_error err;
    CU_ASSERT_EQUAL_FATAL(seetls_connect("127.0.0.1", port, &o, &a, &err), SEETLS_OK);
    CU_ASSERT_EQUAL_FATAL(seetls_connect("127.0.0.1", port, &o, &b, &err), SEETLS_OK);
    CU_ASSERT_EQUAL(seetls_write(b, "from b", 6, &err), SEETLS_OK);
    CU_ASSERT_EQUAL(seetls_write(a, "from a", 6, &err), SEETLS_OK);
    char buf[64];
    size_t got;
    CU_ASSERT_EQUAL(seetls_read(a, buf, sizeof buf, &got, &err), SEETLS_OK);
    CU_ASSERT_EQUAL(seetls_read(b, buf, sizeof buf, &got, &err), SEETLS_OK);
    seetls_close(a);
    seetls_close(b);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    seetls_server_close(r1.server);
    CU_ASSERT_EQUAL(r1.accepted, SEETLS_OK);
    CU_ASSERT_EQUAL(r2.accepted, SEETLS_OK);
    /* each thread got one of the two, whichever it was */
    CU_ASSERT_TRUE((strcmp(r1.said, "from a") == 0 && strcmp(r2.said, "from b") == 0) ||
                   (strcmp(r1.said, "from b") == 0 && strcmp(r2.said, "from a") == 0));
    CU_ASSERT_EQUAL(r1.last_read, SEETLS_CLOSED);
    CU_ASSERT_EQUAL(r2.last_read, SEETLS_CLOSED);
}

/* A read that times out loses nothing: the answer comes on the next. */
static void test_read_timeout_loses_nothing(void)
{
    seetls_server_options so = { .cert_file = server_chain, .key_file = SERVER_KEY };
    server_run r;
    pthread_t thread;
    char port[8];
    CU_ASSERT_FATAL(start_server(&so, 1500, &r, &thread, port));
    seetls_client_options o = { .ca_file = ROOT_CA, .server_name = "robot.lab" };
    seetls_conn *c;
    seetls_error err;
    CU_ASSERT_EQUAL_FATAL(seetls_connect("127.0.0.1", port, &o, &c, &err), SEETLS_OK);
    seetls_set_timeout(c, 300); /* the handshake had the default's 30 s */
    CU_ASSERT_EQUAL(seetls_write(c, "ping", 4, &err), SEETLS_OK);
    char buf[64];
    size_t got = 99;
    CU_ASSERT_EQUAL(seetls_read(c, buf, sizeof buf, &got, &err), SEETLS_TIMEOUT);
    CU_ASSERT_EQUAL(got, 0);
    CU_ASSERT_EQUAL(err.status, SEE_ERR_TIMEOUT);
    CU_ASSERT_STRING_EQUAL(err.text, "timed out");
    seetls_result again;
    while ((again = seetls_read(c, buf, sizeof buf, &got, &err)) == SEETLS_TIMEOUT)
        ;
    CU_ASSERT_EQUAL(again, SEETLS_OK);
    CU_ASSERT_EQUAL(got, 6);
    seetls_close(c);
    stop_server(&r, thread);
    CU_ASSERT_EQUAL(r.last_read, SEETLS_CLOSED);
}

/* ------------------------------------------------------ who refused whom --- */

static void test_client_certificate_required(void)
{
    seetls_server_options so = { .cert_file = server_chain, .key_file = SERVER_KEY,
                                 .client_ca_file = ROOT_CA };
    server_run r;
    pthread_t thread;
    char port[8];

    /* with the laptop's certificate: in, and named */
    CU_ASSERT_FATAL(start_server(&so, 0, &r, &thread, port));
    seetls_client_options o = { .ca_file = ROOT_CA, .server_name = "robot.lab",
                                .cert_file = CLIENT_CRT, .key_file = CLIENT_KEY };
    seetls_conn *c;
    seetls_error err;
    CU_ASSERT_EQUAL_FATAL(seetls_connect("127.0.0.1", port, &o, &c, &err), SEETLS_OK);
    CU_ASSERT_EQUAL(seetls_write(c, "ping", 4, &err), SEETLS_OK);
    char buf[64];
    size_t got;
    CU_ASSERT_EQUAL(seetls_read(c, buf, sizeof buf, &got, &err), SEETLS_OK);
    seetls_close(c);
    stop_server(&r, thread);
    CU_ASSERT_EQUAL(r.accepted, SEETLS_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.peer, "CN=Team 7 laptop"));

    /* without: the server refused us; we refused the client */
    CU_ASSERT_FATAL(start_server(&so, 0, &r, &thread, port));
    o.cert_file = o.key_file = NULL;
    CU_ASSERT_EQUAL(seetls_connect("127.0.0.1", port, &o, &c, &err), SEETLS_REFUSED_BY_PEER);
    CU_ASSERT_PTR_NULL(c);
    CU_ASSERT_EQUAL(err.status, SEE_ERR_TLS_ALERT_RECEIVED);
    CU_ASSERT_EQUAL(err.alert_received, ALERT_HANDSHAKE_FAILURE);
    CU_ASSERT_EQUAL(err.alert_sent, -1);
    char want[300];
    snprintf(want, sizeof want, "handshake with 127.0.0.1:%s: the server refused us: "
             "the peer sent the alert handshake_failure", port);
    CU_ASSERT_STRING_EQUAL(err.text, want);
    stop_server(&r, thread);
    CU_ASSERT_EQUAL(r.accepted, SEETLS_REFUSED_BY_US);
    CU_ASSERT_EQUAL(r.accept_err.status, SEE_ERR_TLS_NO_CLIENT_CERTIFICATE);
    CU_ASSERT_EQUAL(r.accept_err.alert_sent, ALERT_HANDSHAKE_FAILURE);
    CU_ASSERT_EQUAL(strncmp(r.accept_err.text, "handshake with 127.0.0.1:", 25), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.accept_err.text,
                                  ": we refused the client: the client sent no certificate, "
                                  "and one is required (sent handshake_failure)"));
}

static void test_server_of_another_name_refused(void)
{
    seetls_server_options so = { .cert_file = server_chain, .key_file = SERVER_KEY };
    server_run r;
    pthread_t thread;
    char port[8];
    CU_ASSERT_FATAL(start_server(&so, 0, &r, &thread, port));
    seetls_client_options o = { .ca_file = ROOT_CA, .server_name = "other.lab" };
    seetls_conn *c;
    seetls_error err;
    CU_ASSERT_EQUAL(seetls_connect("127.0.0.1", port, &o, &c, &err), SEETLS_REFUSED_BY_US);
    CU_ASSERT_EQUAL(err.status, SEE_ERR_X509_HOSTNAME);
    CU_ASSERT_EQUAL(err.alert_sent, ALERT_BAD_CERTIFICATE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.text, ": we refused the server: host name mismatch "
                                            "(sent bad_certificate)"));
    stop_server(&r, thread);
    CU_ASSERT_EQUAL(r.accepted, SEETLS_REFUSED_BY_PEER);
    CU_ASSERT_EQUAL(r.accept_err.alert_received, ALERT_BAD_CERTIFICATE);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.accept_err.text, ": the client refused us: the peer sent "
                                                     "the alert bad_certificate"));
}

/* ------------------------------------------------------------ tampering --- */

/* A TCP proxy for one connection that, once `flip` is set, flips the last
 * bit of the next bytes it forwards from the client: inside a record
 * (its MAC, when the record came in one piece), never in its header. */
typedef struct {
    int listen_fd;
    unsigned server_port;
    atomic_int flip;
} proxy;

static int connect_to(unsigned port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static void *proxy_run(void *arg)
{
    proxy *p = arg;
    int client = accept(p->listen_fd, NULL, NULL);
    int server = connect_to(p->server_port);
    for (;;) {
        struct pollfd fds[2] = { { client, POLLIN, 0 }, { server, POLLIN, 0 } };
        if (client < 0 || server < 0 || poll(fds, 2, 10000) <= 0)
            break;
        int from = (fds[0].revents != 0) ? 0 : 1;
        uint8_t buf[20000];
        ssize_t n = recv(fds[from].fd, buf, sizeof buf, 0);
        if (n <= 0)
            break;
        if (from == 0 && atomic_exchange(&p->flip, 0))
            buf[n - 1] ^= 1;
        if (write_all(fds[1 - from].fd, buf, (size_t)n) != 0)
            break;
    }
    if (client >= 0)
        close(client);
    if (server >= 0)
        close(server);
    return NULL;
}

static void test_tampering_detected_on_both_sides(void)
{
    seetls_server_options so = { .cert_file = server_chain, .key_file = SERVER_KEY };
    server_run r;
    pthread_t thread, proxy_thread;
    char port[8];
    CU_ASSERT_FATAL(start_server(&so, 0, &r, &thread, port));

    proxy p = { .server_port = (unsigned)atoi(port) };
    atomic_init(&p.flip, 0);
    p.listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    CU_ASSERT_FATAL(bind(p.listen_fd, (struct sockaddr *)&a, sizeof a) == 0 &&
                    listen(p.listen_fd, 1) == 0 &&
                    getsockname(p.listen_fd, (struct sockaddr *)&a, &len) == 0);
    char proxy_port[8];
    port_text(ntohs(a.sin_port), proxy_port);
    CU_ASSERT_FATAL(pthread_create(&proxy_thread, NULL, proxy_run, &p) == 0);

    seetls_client_options o = { .ca_file = ROOT_CA, .server_name = "robot.lab" };
    seetls_conn *c;
    seetls_error err;
    CU_ASSERT_EQUAL_FATAL(seetls_connect("127.0.0.1", proxy_port, &o, &c, &err), SEETLS_OK);
    atomic_store(&p.flip, 1); /* the handshake is over: the next record */
    CU_ASSERT_EQUAL(seetls_write(c, "move forward 10", 15, &err), SEETLS_OK);
    char buf[64];
    size_t got;
    CU_ASSERT_EQUAL(seetls_read(c, buf, sizeof buf, &got, &err), SEETLS_TAMPERED);
    CU_ASSERT_EQUAL(err.status, SEE_ERR_TLS_ALERT_RECEIVED);
    CU_ASSERT_EQUAL(err.alert_received, ALERT_BAD_RECORD_MAC);
    CU_ASSERT_STRING_EQUAL(err.text,
                           "tampering detected: the peer sent the alert bad_record_mac");
    seetls_close(c);
    stop_server(&r, thread);
    pthread_join(proxy_thread, NULL);
    close(p.listen_fd);

    CU_ASSERT_EQUAL(r.accepted, SEETLS_OK);
    CU_ASSERT_EQUAL(r.first_read, SEETLS_TAMPERED);
    CU_ASSERT_EQUAL(r.first_err.status, SEE_ERR_TLS_BAD_RECORD_MAC);
    CU_ASSERT_STRING_EQUAL(seetls_status_name(r.first_err.status),
                           "SEE_ERR_TLS_BAD_RECORD_MAC");
    CU_ASSERT_EQUAL(r.first_err.alert_sent, ALERT_BAD_RECORD_MAC);
    CU_ASSERT_STRING_EQUAL(r.first_err.text,
                           "tampering detected: bad record MAC (sent bad_record_mac)");
}

static CU_TestInfo tests[] = {
    { "every status and result is named", test_every_status_and_result_is_named },
    { "the program's own mistakes: SEETLS_CONFIG, naming the file",
      test_program_mistakes_are_config_errors },
    { "nobody listening: SEETLS_NETWORK", test_nobody_listening_is_a_network_error },
    { "a round trip, the peer, the suite, the close", test_round_trip },
    { "two threads accepting: two clients at once", test_two_clients_at_once },
    { "a read that times out loses nothing", test_read_timeout_loses_nothing },
    { "a client certificate required: with one, and refused without",
      test_client_certificate_required },
    { "a server of another name: we refused it", test_server_of_another_name_refused },
    { "a flipped bit: tampering detected on both sides",
      test_tampering_detected_on_both_sides },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    int rc = run_suite("api", tests);
    if (server_chain[0] != '\0')
        unlink(server_chain);
    return rc;
}
