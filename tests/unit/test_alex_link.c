/*
 * test_alex_link.c: the robot's statuses, and the link carrying the layer
 * below's status to the edge: a TLS record changed on the way is
 * SEE_ERR_TLS_BAD_RECORD_MAC at the reader's alex_link read (and the alert
 * bad_record_mac at the writer's), close_notify is
 * SEE_ERR_TLS_CLOSE_NOTIFY, a plaintext peer gone is
 * ALEX_STATUS_LINK_CLOSED; the tampering verdict keys on the status and
 * the alert, never on the text.
 */
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "handshake/alert.h"
#include "robot/alex_link.h"
#include "robot/alex_link_tls.h"
#include "robot/alex_status.h"
#include "robot/alex_tls_config.h"
#include "tests/unit/harness.h"
#include "tests/unit/tls_fixture.h"

/* ---------------------------------------------------------- statuses --- */

static void test_every_robot_status_has_text(void)
{
    int codes = 0;
    for (int i = ALEX_STATUS_FIRST; i < (int)ALEX_STATUS_END; i++) {
        see_status st = (see_status)i;
        const char *text = alex_strerror(st);
        CU_ASSERT_PTR_NOT_NULL_FATAL(text);
        CU_ASSERT(text[0] != '\0');
        CU_ASSERT_STRING_NOT_EQUAL(text, "unknown error");
        CU_ASSERT_TRUE(alex_status_is_robot(st));
        for (int j = ALEX_STATUS_FIRST; j < i; j++) /* each its own words */
            CU_ASSERT_STRING_NOT_EQUAL(text, alex_strerror((see_status)j));
        codes++;
    }
    CU_ASSERT_EQUAL(codes, 12);
    CU_ASSERT_STRING_EQUAL(alex_strerror(ALEX_STATUS_SERIAL_OPEN), "cannot open the serial port");
    CU_ASSERT_STRING_EQUAL(alex_strerror(ALEX_STATUS_NOT_CONNECTED),
                           "robot not connected (its serial port is being reopened)");
    CU_ASSERT_STRING_EQUAL(alex_strerror(ALEX_STATUS_LINK_CLOSED), "connection closed");
    CU_ASSERT_FALSE(alex_status_is_robot(ALEX_STATUS_END));
    CU_ASSERT_STRING_EQUAL(alex_strerror(ALEX_STATUS_END), "unknown error");
}

static void test_robot_codes_beside_the_library(void)
{
    /* the library's codes are named as see_strerror names them, and none
     * is a robot code; the library does not know the robot's */
    for (int i = 0; i < SEE_STATUS_COUNT; i++) {
        CU_ASSERT_FALSE(alex_status_is_robot((see_status)i));
        CU_ASSERT_STRING_EQUAL(alex_strerror((see_status)i), see_strerror((see_status)i));
    }
    CU_ASSERT_STRING_EQUAL(see_strerror(ALEX_STATUS_SERIAL_IO), "unknown error");
    CU_ASSERT_STRING_EQUAL(alex_strerror(SEE_ERR_TLS_BAD_RECORD_MAC), "bad record MAC");
    CU_ASSERT_STRING_EQUAL(alex_strerror(SEE_ERR_TIMEOUT), "timed out");
}

/* The verdict reads the status and the alert, and nothing else. */
static void test_tampering_verdict(void)
{
    alex_link_failure f = {SEE_ERR_TLS_BAD_RECORD_MAC, ALERT_BAD_RECORD_MAC, -1, ""};
    CU_ASSERT_EQUAL(alex_link_tampering(&f), TLS_TAMPERING_FOUND);
    f = (alex_link_failure){SEE_ERR_TLS_ALERT_RECEIVED, -1, ALERT_BAD_RECORD_MAC, ""};
    CU_ASSERT_EQUAL(alex_link_tampering(&f), TLS_TAMPERING_REPORTED);

    /* the words of a forgery under another status are not one */
    f = (alex_link_failure){SEE_ERR_TLS_ALERT_RECEIVED, -1, ALERT_UNKNOWN_CA,
                            "bad record MAC (the peer sent bad_record_mac)"};
    CU_ASSERT_EQUAL(alex_link_tampering(&f), TLS_NO_TAMPERING);
    f = (alex_link_failure){SEE_ERR_TLS_DECODE, ALERT_DECODE_ERROR, -1,
                            "the peer sent the alert bad_record_mac"};
    CU_ASSERT_EQUAL(alex_link_tampering(&f), TLS_NO_TAMPERING);
    f = (alex_link_failure){SEE_ERR_TLS_CLOSE_NOTIFY, -1, -1, ""};
    CU_ASSERT_EQUAL(alex_link_tampering(&f), TLS_NO_TAMPERING);
    f = (alex_link_failure){ALEX_STATUS_LINK_CLOSED, -1, ALERT_BAD_RECORD_MAC, ""};
    CU_ASSERT_EQUAL(alex_link_tampering(&f), TLS_NO_TAMPERING);
}

/* The programs' set-up fails with a status too, its line naming the file. */
static void test_setup_statuses(void)
{
    alex_tls_setup setup;
    char why[300];
    CU_ASSERT_EQUAL(alex_tls_client_setup(&setup, "vectors/certs/no-such-ca.pem", "alex.lab",
                                          NULL, NULL, why, sizeof why),
                    SEE_ERR_FILE);
    CU_ASSERT_NSTRING_EQUAL(why, "vectors/certs/no-such-ca.pem: ", 30);
    alex_tls_setup_free(&setup);
    CU_ASSERT_EQUAL(alex_tls_server_setup(&setup, "vectors/certs/server.pem",
                                          "vectors/certs/client.key", NULL, why, sizeof why),
                    SEE_ERR_X509_KEY_MISMATCH);
    CU_ASSERT_PTR_NOT_NULL(strstr(why, "does not match the private key in "
                                       "vectors/certs/client.key"));
    alex_tls_setup_free(&setup);
    CU_ASSERT_EQUAL(alex_tls_server_setup(&setup, "vectors/certs/server.pem",
                                          "vectors/certs/server.key", "vectors/certs/root.pem",
                                          why, sizeof why),
                    SEE_OK);
    alex_tls_setup_free(&setup);
}

/* ---------------------------------------------------- plaintext link --- */

static void test_plain_link_statuses(void)
{
    int fds[2];
    CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    alex_link a, b;
    alex_link_plain(&a, fds[0], "a");
    alex_link_plain(&b, fds[1], "b");
    uint8_t buf[16];
    size_t got = 99;
    CU_ASSERT_EQUAL(a.read(a.ctx, buf, sizeof buf, 10, &got), SEE_OK); /* nothing yet */
    CU_ASSERT_EQUAL(got, 0);
    CU_ASSERT_EQUAL(b.write(b.ctx, (const uint8_t *)"hi", 2), SEE_OK);
    CU_ASSERT_EQUAL(a.read(a.ctx, buf, sizeof buf, 1000, &got), SEE_OK);
    CU_ASSERT_EQUAL(got, 2);

    b.close(b.ctx);
    see_status st = a.read(a.ctx, buf, sizeof buf, 1000, &got);
    CU_ASSERT_EQUAL(st, ALEX_STATUS_LINK_CLOSED);
    alex_link_failure f;
    alex_link_failure_get(&a, st, &f);
    CU_ASSERT_EQUAL(f.status, ALEX_STATUS_LINK_CLOSED);
    CU_ASSERT_EQUAL(f.alert_received, -1);
    CU_ASSERT_STRING_EQUAL(f.text, "connection closed");
    CU_ASSERT_EQUAL(alex_link_tampering(&f), TLS_NO_TAMPERING);
    CU_ASSERT_EQUAL(a.write(a.ctx, (const uint8_t *)"x", 1), ALEX_STATUS_LINK_CLOSED);
    a.close(a.ctx);
}

/* ---------------------------------------------------------- TLS link --- */

/* Two TLS links, the laptop's and the robot's, joined through a relay
 * that, once armed, flips the last bit of what the laptop sends next, as
 * Eve does. */
typedef struct {
    int laptop_side, robot_side;    /* the relay's ends */
    int flip_next;                  /* armed, under lock */
    int flipped;
    pthread_mutex_t lock;
    pthread_t thread;
} relay;

/* Copy what one end sends to the other until either closes. */
static void *relay_main(void *arg)
{
    relay *r = arg;
    uint8_t buf[4096];
    for (;;) {
        struct pollfd p[2] = {{.fd = r->laptop_side, .events = POLLIN},
                              {.fd = r->robot_side, .events = POLLIN}};
        if (poll(p, 2, 5000) <= 0)
            break;
        int from_laptop = (p[0].revents & (POLLIN | POLLHUP)) != 0;
        int from = from_laptop ? r->laptop_side : r->robot_side;
        int to = from_laptop ? r->robot_side : r->laptop_side;
        ssize_t n = read(from, buf, sizeof buf);
        if (n <= 0)
            break;
        pthread_mutex_lock(&r->lock);
        if (from_laptop && r->flip_next && n > 5) { /* past the record's header */
            buf[n - 1] ^= 0x01;
            r->flip_next = 0;
            r->flipped = 1;
        }
        pthread_mutex_unlock(&r->lock);
        /* send, not write: an end the test has closed must end the relay,
         * not kill the test with SIGPIPE */
        if (send(to, buf, (size_t)n, MSG_NOSIGNAL) != n)
            break;
    }
    shutdown(r->laptop_side, SHUT_RDWR);
    shutdown(r->robot_side, SHUT_RDWR);
    return NULL;
}

typedef struct {
    tls_config cfg;
    int fd;
    alex_link link;
    see_status status;
} robot_end;

static void *robot_accept(void *arg)
{
    robot_end *robot = arg;
    tls_socket_limits limits;
    char why[300];
    tls_socket_limits_init(&limits, 5000);
    robot->status = alex_link_tls_accept(&robot->link, robot->fd, "relay", &robot->cfg,
                                         &limits, why, sizeof why);
    return NULL;
}

typedef struct {
    relay relay;
    robot_end robot;
    tls_config laptop_cfg;
    alex_link laptop;
    int laptop_fd;
} tls_pair;

/* The handshake through the relay (the RSA suite: the quickest). 1 when
 * both links are up. */
static int tls_pair_open(tls_pair *t)
{
    int a[2], b[2];
    memset(t, 0, sizeof *t);
    if (!tls_test_identity_load() || socketpair(AF_UNIX, SOCK_STREAM, 0, a) != 0 ||
        socketpair(AF_UNIX, SOCK_STREAM, 0, b) != 0)
        return 0;
    t->laptop_fd = a[0];
    t->relay.laptop_side = a[1];
    t->relay.robot_side = b[0];
    t->robot.fd = b[1];
    pthread_mutex_init(&t->relay.lock, NULL);
    pthread_create(&t->relay.thread, NULL, relay_main, &t->relay);

    tls_test_server_config(&t->robot.cfg);
    tls_config_init(&t->laptop_cfg);
    t->laptop_cfg.verify = tls_test_trust;
    t->laptop_cfg.suites[0] = TLS_RSA_WITH_AES_128_CBC_SHA256;
    t->laptop_cfg.suite_count = 1;

    pthread_t accepting;
    pthread_create(&accepting, NULL, robot_accept, &t->robot);
    char why[300];
    see_status st = alex_link_tls_connect(&t->laptop, t->laptop_fd, &t->laptop_cfg, 5000,
                                          why, sizeof why);
    pthread_join(accepting, NULL);
    return st == SEE_OK && t->robot.status == SEE_OK;
}

static void tls_pair_close(tls_pair *t)
{
    t->laptop.close(t->laptop.ctx);
    t->robot.link.close(t->robot.link.ctx);
    pthread_join(t->relay.thread, NULL);
    close(t->relay.laptop_side);
    close(t->relay.robot_side);
    pthread_mutex_destroy(&t->relay.lock);
}

/* Read on link until something arrives or it fails; the status. */
static see_status read_until(alex_link *link, uint8_t *buf, size_t cap, size_t *got)
{
    see_status st;
    for (int i = 0; i < 50; i++) /* 5 s at most */
        if ((st = link->read(link->ctx, buf, cap, 100, got)) != SEE_OK || *got > 0)
            return st;
    return SEE_ERR_TIMEOUT;
}

static void test_tls_link_tampered_record(void)
{
    tls_pair t;
    CU_ASSERT_TRUE_FATAL(tls_pair_open(&t));
    uint8_t buf[64];
    size_t got;

    /* an untouched record passes */
    CU_ASSERT_EQUAL(t.laptop.write(t.laptop.ctx, (const uint8_t *)"f 10 50", 7), SEE_OK);
    CU_ASSERT_EQUAL(read_until(&t.robot.link, buf, sizeof buf, &got), SEE_OK);
    CU_ASSERT_EQUAL(got, 7);

    /* one flipped bit: the robot's read is the record layer's verdict */
    pthread_mutex_lock(&t.relay.lock);
    t.relay.flip_next = 1;
    pthread_mutex_unlock(&t.relay.lock);
    CU_ASSERT_EQUAL(t.laptop.write(t.laptop.ctx, (const uint8_t *)"b 10 50", 7), SEE_OK);
    see_status st = read_until(&t.robot.link, buf, sizeof buf, &got);
    CU_ASSERT_TRUE(t.relay.flipped);
    CU_ASSERT_EQUAL(st, SEE_ERR_TLS_BAD_RECORD_MAC);
    alex_link_failure f;
    alex_link_failure_get(&t.robot.link, st, &f);
    CU_ASSERT_EQUAL(f.status, SEE_ERR_TLS_BAD_RECORD_MAC);
    CU_ASSERT_EQUAL(f.alert_sent, ALERT_BAD_RECORD_MAC);
    CU_ASSERT_STRING_EQUAL(f.text, "bad record MAC (sent bad_record_mac)");
    CU_ASSERT_EQUAL(alex_link_tampering(&f), TLS_TAMPERING_FOUND);

    /* the laptop learns it from the robot's alert */
    st = read_until(&t.laptop, buf, sizeof buf, &got);
    CU_ASSERT_EQUAL(st, SEE_ERR_TLS_ALERT_RECEIVED);
    alex_link_failure_get(&t.laptop, st, &f);
    CU_ASSERT_EQUAL(f.alert_received, ALERT_BAD_RECORD_MAC);
    CU_ASSERT_STRING_EQUAL(f.text, "the peer sent the alert bad_record_mac");
    CU_ASSERT_EQUAL(alex_link_tampering(&f), TLS_TAMPERING_REPORTED);
    tls_pair_close(&t);
}

static void test_tls_link_close_notify(void)
{
    tls_pair t;
    CU_ASSERT_TRUE_FATAL(tls_pair_open(&t));
    uint8_t buf[64];
    size_t got;
    t.robot.link.close(t.robot.link.ctx); /* close_notify, as a stopping server */
    see_status st = read_until(&t.laptop, buf, sizeof buf, &got);
    CU_ASSERT_EQUAL(st, SEE_ERR_TLS_CLOSE_NOTIFY);
    alex_link_failure f;
    alex_link_failure_get(&t.laptop, st, &f);
    CU_ASSERT_EQUAL(f.alert_received, -1);
    CU_ASSERT_EQUAL(alex_link_tampering(&f), TLS_NO_TAMPERING);
    t.laptop.close(t.laptop.ctx);
    pthread_join(t.relay.thread, NULL);
    close(t.relay.laptop_side);
    close(t.relay.robot_side);
    pthread_mutex_destroy(&t.relay.lock);
}

static CU_TestInfo tests[] = {
    {"every robot status has its own text", test_every_robot_status_has_text},
    {"robot codes beside the library's, no collision", test_robot_codes_beside_the_library},
    {"tampering: from the status and the alert, not the text", test_tampering_verdict},
    {"set-up: a status, and the line naming the file", test_setup_statuses},
    {"plaintext link: timeout, data, closed", test_plain_link_statuses},
    {"TLS link: a flipped bit is bad_record_mac at both ends", test_tls_link_tampered_record},
    {"TLS link: close_notify reaches the reader as its status", test_tls_link_close_notify},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    int rc = run_suite("alex_link", tests);
    tls_test_identity_free();
    return rc;
}
