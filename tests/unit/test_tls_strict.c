/*
 * test_tls_strict.c: the rules of RFC 5246 (and 6066, 7685) that a hostile
 * or careless peer tests, each checked on the wire: the exact alert record
 * sent, the status returned, and what was read or written. Issue #12.
 *
 * The server is fed hand-built records (a script transport: any size, no
 * thread), the client hand-built ServerHellos; where a whole handshake is
 * needed, our client and server talk over an in-memory pipe, with a tap
 * that adds bytes to one side's writes or makes them fail.
 *
 * The server's certificate and key are the test pair of test_tls.c
 * (vectors/tls12_openssl_hellos.txt, tls12_test_server_key.txt).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "handshake/alert.h"
#include "handshake/tls.h"
#include "tests/script_transport.h"
#include "tests/unit/harness.h"
#include "tests/unit/tls_fixture.h"


static void server_config(tls_config *cfg, see_rng *rng)
{
    tls_test_server_config(cfg);
    rng_init_seeded(rng, "strict server", 13);
    cfg->rng = rng;
}

static void client_config(tls_config *cfg, see_rng *rng)
{
    tls_config_init(cfg);
    rng_init_seeded(rng, "strict client", 13);
    cfg->rng = rng;
    cfg->verify = tls_test_trust;
}

/* ------------------------------------------- a scripted peer's bytes --- */

/* The peer's bytes are a script (tests/script_transport.h: any size,
 * SEE_ERR_TLS_CLOSED at its end); what we write is kept. */
static void script_open(script *s, transport *t)
{
    script_init(s, t);
    s->keep_output = 1;
}

/* Append hex to what the peer will say. */
static void say_hex(script *s, const char *hex)
{
    size_t n;
    uint8_t *b = hex_alloc(hex, &n);
    script_say(s, b, n);
    free(b);
}

/* A ClientHello offering TLS_RSA_WITH_AES_128_CBC_SHA256, with the
 * compression methods and the extensions (their bytes, without the block's
 * length) given in hex. When body_len is not 0 the body is made exactly
 * that long: thousands of suites we do not know (0x5600 + i) after ours,
 * then a padding extension (21, RFC 7685) of zeros. Returns a malloc'd
 * message. */
static uint8_t *client_hello_msg(const char *compression_hex,
                                 const char *extensions_hex, size_t body_len,
                                 size_t *len)
{
    size_t comp_len, ext_len;
    uint8_t *comp = hex_alloc(compression_hex, &comp_len);
    uint8_t *ext = hex_alloc(extensions_hex, &ext_len);
    size_t cap = 4 + (body_len ? body_len : 200 + ext_len);
    uint8_t *msg = malloc(cap), zero[32] = { 0 };
    writer w;
    writer_init(&w, msg, cap);
    size_t mark, block;
    CU_ASSERT_EQUAL(hs_begin(&w, HS_CLIENT_HELLO, &mark), SEE_OK);
    CU_ASSERT_EQUAL(writer_u16(&w, TLS_VERSION_1_2), SEE_OK);
    CU_ASSERT_EQUAL(writer_bytes(&w, zero, 32), SEE_OK);       /* random */
    CU_ASSERT_EQUAL(writer_u8(&w, 0), SEE_OK);                 /* session id */
    /* the two vectors hold 2^16 - 2 and 2^16 - 1 bytes at most */
    size_t extra_suites = body_len > 100000 ? 32766 : body_len > 60000 ? 10000 : 0;
    CU_ASSERT_EQUAL(writer_u16(&w, (uint16_t)(2 + 2 * extra_suites)), SEE_OK);
    CU_ASSERT_EQUAL(writer_u16(&w, TLS_RSA_WITH_AES_128_CBC_SHA256), SEE_OK);
    for (size_t i = 0; i < extra_suites; i++)
        writer_u16(&w, (uint16_t)(0x5600 + i));
    CU_ASSERT_EQUAL(writer_vector(&w, 1, comp, comp_len), SEE_OK);
    CU_ASSERT_EQUAL(writer_open_length(&w, 2, &block), SEE_OK);
    CU_ASSERT_EQUAL(writer_bytes(&w, ext, ext_len), SEE_OK);
    if (body_len != 0) {
        size_t pad = body_len - (w.len - 4) - 4;
        uint8_t *zeros;
        CU_ASSERT_EQUAL(writer_u16(&w, 21), SEE_OK);
        CU_ASSERT_EQUAL(writer_u16(&w, (uint16_t)pad), SEE_OK);
        CU_ASSERT_EQUAL_FATAL(writer_reserve(&w, pad, &zeros), SEE_OK);
        memset(zeros, 0, pad);
    }
    CU_ASSERT_EQUAL(writer_close_length(&w, 2, block), SEE_OK);
    CU_ASSERT_EQUAL(hs_end(&w, mark), SEE_OK);
    free(comp);
    free(ext);
    *len = w.len;
    return msg;
}

static void say_client_hello(script *s, const char *compression_hex,
                             const char *extensions_hex)
{
    size_t len;
    uint8_t *msg = client_hello_msg(compression_hex, extensions_hex, 0, &len);
    script_say_message(s, msg, len, TLS_MAX_PLAINTEXT);
    free(msg);
}

/* The server's answer to a script: the handshake's status; *c is kept for
 * the caller to look at (free it with end_server). */
typedef struct {
    tls_config cfg;
    see_rng rng;
    script s;
    transport t;
    tls_conn *c;
} server_run;

static see_status run_server(server_run *r)
{
    r->c = malloc(sizeof *r->c);
    tls_conn_init(r->c, TLS_ROLE_SERVER, &r->cfg, &r->t);
    return tls_handshake(r->c);
}

static void start_server(server_run *r)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    memset(r, 0, sizeof *r);
    server_config(&r->cfg, &r->rng);
    script_open(&r->s, &r->t);
}

static void end_server(server_run *r)
{
    if (r->c != NULL) {
        tls_conn_free(r->c);
        free(r->c);
    }
    script_free(&r->s);
}

/* The first record the server wrote is a ServerHello (the hello was
 * accepted). */
static int answered_with_server_hello(const script *s)
{
    return s->out_len > 9 && s->out[0] == 22 && s->out[5] == HS_SERVER_HELLO;
}

/* The server wrote exactly one record, this alert. */
static void expect_only_alert(const script *s, const char *alert_record_hex)
{
    ASSERT_HEX_EQ(s->out, s->out_len, alert_record_hex);
}

/* The last record the server wrote is this alert. */
static void expect_last_alert(const script *s, const char *alert_record_hex)
{
    CU_ASSERT_FATAL(s->out_len >= 7);
    ASSERT_HEX_EQ(s->out + s->out_len - 7, 7, alert_record_hex);
}

/* ------------------------------------------- the server's ClientHello --- */

/* RFC 5246 7.4.1.2: the list "MUST contain" the null method (0); a hello
 * without it is illegal_parameter (tlsfuzzer's
 * test-invalid-compression-methods), not handshake_failure. */
static void test_no_null_compression(void)
{
    const char *lists[] = { "01", "0102", "40fe" };
    for (size_t i = 0; i < 3; i++) {
        server_run r;
        start_server(&r);
        say_client_hello(&r.s, lists[i], "");
        CU_ASSERT_EQUAL(run_server(&r), SEE_ERR_TLS_NO_NULL_COMPRESSION);
        expect_only_alert(&r.s, "1503030002022f");
        end_server(&r);
    }
    /* with null among others, the hello is fine */
    server_run r;
    start_server(&r);
    say_client_hello(&r.s, "0100", "");
    CU_ASSERT_EQUAL(run_server(&r), SEE_ERR_TLS_CLOSED);
    CU_ASSERT_TRUE(answered_with_server_hello(&r.s));
    end_server(&r);
}

/* RFC 5746 3.6: on a first handshake renegotiation_info carries an empty
 * renegotiated_connection; anything else is handshake_failure, logged as
 * what it is (it was "no cipher suite in common"). */
static void test_renegotiation_info_not_empty(void)
{
    server_run r;
    start_server(&r);
    say_client_hello(&r.s, "00", "ff01000201aa");
    CU_ASSERT_EQUAL(run_server(&r), SEE_ERR_TLS_RENEGOTIATION_INFO);
    expect_only_alert(&r.s, "15030300020228");
    end_server(&r);
    start_server(&r);
    say_client_hello(&r.s, "00", "ff01000100");
    CU_ASSERT_EQUAL(run_server(&r), SEE_ERR_TLS_CLOSED);
    CU_ASSERT_TRUE(answered_with_server_hello(&r.s));
    end_server(&r);
}

/* RFC 6066 3: ServerNameList server_name_list<1..2^16-1>, and "The
 * ServerNameList MUST NOT contain more than one name of the same
 * name_type" (tlsfuzzer's test-invalid-server-name-extension). */
static void expect_sni_refused(const char *extensions_hex, see_status st,
                               const char *alert_hex)
{
    server_run r;
    start_server(&r);
    say_client_hello(&r.s, "00", extensions_hex);
    CU_ASSERT_EQUAL(run_server(&r), st);
    expect_only_alert(&r.s, alert_hex);
    end_server(&r);
}

static void test_server_name_rules(void)
{
    /* an empty extension, an empty list */
    expect_sni_refused("00000000", SEE_ERR_TLS_DECODE, "15030300020232");
    expect_sni_refused("000000020000", SEE_ERR_TLS_DECODE, "15030300020232");
    /* two host_names, the same twice, and two names of another type */
    expect_sni_refused("0000000e000c" "0000036f6e65" "000003747764",
                       SEE_ERR_TLS_ILLEGAL_PARAMETER, "1503030002022f");
    expect_sni_refused("0000000e000c" "0000036f6e65" "0000036f6e65",
                       SEE_ERR_TLS_ILLEGAL_PARAMETER, "1503030002022f");
    expect_sni_refused("0000000e000c" "0800036f6e65" "080003747764",
                       SEE_ERR_TLS_ILLEGAL_PARAMETER, "1503030002022f");
    /* a host_name and a name of another type: accepted, the host kept */
    server_run r;
    start_server(&r);
    say_client_hello(&r.s, "00", "0000000e000c" "0100030001ff" "0000036f6e65");
    CU_ASSERT_EQUAL(run_server(&r), SEE_ERR_TLS_CLOSED);
    CU_ASSERT_TRUE(answered_with_server_hello(&r.s));
    end_server(&r);
}

/* Handshake messages of up to 131,396 bytes of body (the longest legal
 * ClientHello) are read, however they are cut into records: 65,537, 2^17
 * and the longest our builder makes (131,110: no session id, one
 * compression method); a header declaring one byte more than the limit is
 * refused from the header alone, with the alert on the wire. */
static void test_large_client_hello(void)
{
    const size_t sizes[] = { 65537, 131072, 131110, TLS_MAX_HANDSHAKE_MESSAGE + 1 };
    for (size_t i = 0; i < 4; i++) {
        for (size_t cut = 1000; cut <= TLS_MAX_PLAINTEXT; cut += TLS_MAX_PLAINTEXT - 1000) {
            server_run r;
            start_server(&r);
            int too_long = sizes[i] > TLS_MAX_HANDSHAKE_MESSAGE;
            size_t len;
            uint8_t *msg = client_hello_msg("00", "", too_long ? 131110 : sizes[i], &len);
            if (too_long) { /* the same hello, declared longer and padded */
                msg = realloc(msg, 4 + sizes[i]);
                CU_ASSERT_FATAL(msg != NULL);
                memset(msg + len, 0, 4 + sizes[i] - len);
                msg[1] = (uint8_t)(sizes[i] >> 16);
                msg[2] = (uint8_t)(sizes[i] >> 8);
                msg[3] = (uint8_t)sizes[i];
                len = 4 + sizes[i];
            }
            CU_ASSERT_EQUAL(len, 4 + sizes[i]);
            script_say_message(&r.s, msg, len, cut);
            free(msg);
            if (!too_long) {
                CU_ASSERT_EQUAL(run_server(&r), SEE_ERR_TLS_CLOSED);
                CU_ASSERT_TRUE(answered_with_server_hello(&r.s));
            } else {
                CU_ASSERT_EQUAL(run_server(&r), SEE_ERR_TLS_MESSAGE_TOO_LONG);
                expect_only_alert(&r.s, "15030300020232");
            }
            end_server(&r);
        }
    }
}

/* RFC 5246 6.2.1: "Data of different TLS record layer content types MAY
 * be interleaved": an alert between two fragments of the ClientHello is
 * read. A warning is passed over and the hello still assembles; a fatal
 * one ends the handshake, reported as the peer's alert, and nothing is
 * sent back. */
static void test_alert_between_fragments(void)
{
    const char *alerts[] = { "1503030002015a", "1503030002022a" };
    for (int fatal = 0; fatal <= 1; fatal++) {
        server_run r;
        start_server(&r);
        size_t len;
        uint8_t *msg = client_hello_msg("00", "", 0, &len);
        script_say_message(&r.s, msg, 10, 10);
        say_hex(&r.s, alerts[fatal]);
        script_say_message(&r.s, msg + 10, len - 10, len);
        free(msg);
        if (fatal) {
            CU_ASSERT_EQUAL(run_server(&r), SEE_ERR_TLS_ALERT_RECEIVED);
            CU_ASSERT_EQUAL(r.c->alert_received, ALERT_BAD_CERTIFICATE);
            CU_ASSERT_EQUAL(r.s.out_len, 0);
        } else {
            CU_ASSERT_EQUAL(run_server(&r), SEE_ERR_TLS_CLOSED);
            CU_ASSERT_EQUAL(r.c->alert_received, ALERT_USER_CANCELED);
            CU_ASSERT_TRUE(answered_with_server_hello(&r.s));
        }
        end_server(&r);
    }
}

/* CVE-2016-8610: warning alerts in a row cost us work and move nothing
 * on. 32 are read (tlsfuzzer's test-ssl-death-alert --alerts 32); the
 * 33rd gets unexpected_message. */
static void test_warning_alert_flood(void)
{
    for (int count = 32; count <= 33; count++) {
        server_run r;
        start_server(&r);
        say_client_hello(&r.s, "00", "");
        for (int i = 0; i < count; i++)
            say_hex(&r.s, "1503030002012b"); /* warning unsupported_certificate */
        see_status st = run_server(&r);
        CU_ASSERT_TRUE(answered_with_server_hello(&r.s));
        if (count == 32) {
            CU_ASSERT_EQUAL(st, SEE_ERR_TLS_CLOSED);
            CU_ASSERT_EQUAL(r.c->alert_sent, -1);
        } else {
            CU_ASSERT_EQUAL(st, SEE_ERR_TLS_TOO_MANY_IDLE_RECORDS);
            expect_last_alert(&r.s, "1503030002020a");
        }
        end_server(&r);
    }
}

/* The peer's warning no_renegotiation during the first handshake answers
 * nothing we asked: it is passed over like any warning, and never makes us
 * send a fatal no_renegotiation (RFC 5246 7.2.2: it "is always a
 * warning"). */
static void test_warning_no_renegotiation(void)
{
    /* before the ClientHello, then an early Finished: the Finished is
     * what is wrong (unexpected_message) */
    server_run r;
    start_server(&r);
    say_hex(&r.s, "15030300020164");
    say_hex(&r.s, "16030300101400000c0102030405060708090a0b0c");
    CU_ASSERT_EQUAL(run_server(&r), SEE_ERR_TLS_UNEXPECTED_MESSAGE);
    CU_ASSERT_EQUAL(r.c->alert_received, ALERT_NO_RENEGOTIATION);
    expect_only_alert(&r.s, "1503030002020a");
    end_server(&r);
    /* after it, the handshake goes on */
    start_server(&r);
    say_hex(&r.s, "15030300020164");
    say_client_hello(&r.s, "00", "");
    say_hex(&r.s, "15030300020164");
    CU_ASSERT_EQUAL(run_server(&r), SEE_ERR_TLS_CLOSED);
    CU_ASSERT_TRUE(answered_with_server_hello(&r.s));
    CU_ASSERT_EQUAL(r.c->alert_sent, -1);
    end_server(&r);
}

/* RFC 5246 7.1: the ChangeCipherSpec record is the one byte 01. Two bytes,
 * or another value, is not the message the state allows:
 * unexpected_message (tlsfuzzer's test-ccs), not decode_error. The RSA
 * ClientKeyExchange before it can be any 256 bytes (7.4.7.1: a bad one
 * gives a random PS, no error). */
static void test_bad_change_cipher_spec(void)
{
    const char *ccs[] = { "14030300020101", "140303000102", "14030300020100" };
    for (size_t i = 0; i < 3; i++) {
        server_run r;
        start_server(&r);
        say_client_hello(&r.s, "00", "");
        uint8_t cke[4 + 2 + 256] = { HS_CLIENT_KEY_EXCHANGE, 0, 1, 2, 1, 0 };
        memset(cke + 6, 0x5a, 256);
        script_say_message(&r.s, cke, sizeof cke, sizeof cke);
        say_hex(&r.s, ccs[i]);
        CU_ASSERT_EQUAL(run_server(&r), SEE_ERR_TLS_BAD_CCS);
        expect_last_alert(&r.s, "1503030002020a");
        end_server(&r);
    }
}

/* A connection that failed stays failed: tls_handshake called again
 * returns the failure and reads and writes nothing, even when a good
 * ClientHello waits. A write that timed out may have sent part of a
 * record, so it is a failure too, unlike a read that timed out. */
static void test_failed_handshake_stays_failed(void)
{
    server_run r;
    start_server(&r);
    say_hex(&r.s, "160301000601000002030301"); /* a hello cut short */
    say_client_hello(&r.s, "00", "");
    CU_ASSERT_EQUAL(run_server(&r), SEE_ERR_TLS_DECODE);
    size_t read = r.s.in_pos, written = r.s.out_len;
    CU_ASSERT_EQUAL(tls_handshake(r.c), SEE_ERR_TLS_DECODE);
    CU_ASSERT_EQUAL(r.s.in_pos, read);
    CU_ASSERT_EQUAL(r.s.out_len, written);
    end_server(&r);

    start_server(&r);
    say_client_hello(&r.s, "00", "");
    r.s.fail_with = SEE_ERR_TIMEOUT; /* our ServerHello does not go out */
    CU_ASSERT_EQUAL(run_server(&r), SEE_ERR_TIMEOUT);
    CU_ASSERT_EQUAL(r.c->failed, SEE_ERR_TIMEOUT);
    int writes = r.s.writes;
    r.s.fail_with = SEE_OK;
    CU_ASSERT_EQUAL(tls_handshake(r.c), SEE_ERR_TIMEOUT);
    CU_ASSERT_EQUAL(r.s.writes, writes);
    end_server(&r);
}

/* ------------------------------------------- the client's ServerHello --- */

/* Our client against a script: its status, and what it wrote after its
 * ClientHello. */
typedef struct {
    tls_config cfg;
    see_rng rng;
    script s;
    transport t;
    tls_conn *c;
    see_status st;
} client_run;

static void start_client(client_run *r, const char *server_name)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    memset(r, 0, sizeof *r);
    client_config(&r->cfg, &r->rng);
    r->cfg.server_name = server_name;
    script_open(&r->s, &r->t);
}

static void run_client(client_run *r)
{
    r->c = malloc(sizeof *r->c);
    tls_conn_init(r->c, TLS_ROLE_CLIENT, &r->cfg, &r->t);
    r->st = tls_handshake(r->c);
}

static void end_client(client_run *r)
{
    tls_conn_free(r->c);
    free(r->c);
    script_free(&r->s);
}

/* A ServerHello choosing TLS_RSA_WITH_AES_128_CBC_SHA256, with an empty
 * renegotiation_info and the extensions given in hex. */
static void say_server_hello(script *s, const char *extensions_hex)
{
    size_t ext_len;
    uint8_t *ext = hex_alloc(extensions_hex, &ext_len);
    uint8_t msg[128], rs[32] = { 1 };
    writer w;
    writer_init(&w, msg, sizeof msg);
    size_t mark, block;
    CU_ASSERT_EQUAL(hs_begin(&w, HS_SERVER_HELLO, &mark), SEE_OK);
    CU_ASSERT_EQUAL(writer_u16(&w, TLS_VERSION_1_2), SEE_OK);
    CU_ASSERT_EQUAL(writer_bytes(&w, rs, sizeof rs), SEE_OK);
    CU_ASSERT_EQUAL(writer_u8(&w, 0), SEE_OK);
    CU_ASSERT_EQUAL(writer_u16(&w, TLS_RSA_WITH_AES_128_CBC_SHA256), SEE_OK);
    CU_ASSERT_EQUAL(writer_u8(&w, 0), SEE_OK);
    CU_ASSERT_EQUAL(writer_open_length(&w, 2, &block), SEE_OK);
    CU_ASSERT_EQUAL(writer_bytes(&w, (const uint8_t *)"\xff\x01\x00\x01\x00", 5), SEE_OK);
    CU_ASSERT_EQUAL(writer_bytes(&w, ext, ext_len), SEE_OK);
    CU_ASSERT_EQUAL(writer_close_length(&w, 2, block), SEE_OK);
    CU_ASSERT_EQUAL(hs_end(&w, mark), SEE_OK);
    script_say_message(s, msg, w.len, w.len);
    free(ext);
}

/* The client's first record is its ClientHello; what follows it. */
static const uint8_t *after_client_hello(const script *s, size_t *len)
{
    size_t first = 5 + (size_t)((s->out[3] << 8) | s->out[4]);
    CU_ASSERT_FATAL(s->out_len >= first);
    *len = s->out_len - first;
    return s->out + first;
}

static void expect_client_refuses(const char *server_name,
                                  const char *extensions_hex, see_status st,
                                  const char *alert_hex)
{
    client_run r;
    start_client(&r, server_name);
    say_server_hello(&r.s, extensions_hex);
    run_client(&r);
    CU_ASSERT_EQUAL(r.st, st);
    size_t n;
    const uint8_t *rest = after_client_hello(&r.s, &n);
    ASSERT_HEX_EQ(rest, n, alert_hex);
    end_client(&r);
}

static void expect_client_accepts(const char *server_name,
                                  const char *extensions_hex)
{
    client_run r;
    start_client(&r, server_name);
    say_server_hello(&r.s, extensions_hex);
    run_client(&r);
    /* the hello passed; the script ends where the Certificate would be */
    CU_ASSERT_EQUAL(r.st, SEE_ERR_TLS_CLOSED);
    CU_ASSERT_EQUAL(r.c->alert_sent, -1);
    end_client(&r);
}

/* RFC 5246 7.4.1.4: "If a client receives an extension type in
 * ServerHello that it did not request in the associated ClientHello, it
 * MUST abort the handshake with an unsupported_extension fatal alert". */
static void test_server_hello_extension_not_offered(void)
{
    const char *unsupported = "1503030002026e";
    /* types we do not know, empty or not */
    expect_client_refuses("robot.lab", "12340000", SEE_ERR_TLS_UNSUPPORTED_EXTENSION, unsupported);
    expect_client_refuses("robot.lab", "002300020102", SEE_ERR_TLS_UNSUPPORTED_EXTENSION, unsupported);
    /* known ones we did not send: server_name without SNI, EMS when off */
    expect_client_refuses(NULL, "00000000", SEE_ERR_TLS_UNSUPPORTED_EXTENSION, unsupported);
    expect_client_refuses("192.0.2.7", "00000000", SEE_ERR_TLS_UNSUPPORTED_EXTENSION, unsupported);
    client_run r;
    start_client(&r, "robot.lab");
    r.cfg.extended_master_secret = 0;
    say_server_hello(&r.s, "00170000");
    run_client(&r);
    CU_ASSERT_EQUAL(r.st, SEE_ERR_TLS_UNSUPPORTED_EXTENSION);
    end_client(&r);
    /* RFC 6066 3: the server's server_name "SHALL be empty" */
    expect_client_refuses("robot.lab", "000000020000", SEE_ERR_TLS_DECODE, "15030300020232");
    /* what we offered may come back */
    expect_client_accepts("robot.lab", "00000000" "00170000" "00160000");
    expect_client_accepts("robot.lab", "");
}

/* RFC 6066 3: "Literal IPv4 and IPv6 addresses are not permitted in
 * HostName": the client sends no server_name for an address. */
static void test_no_sni_for_ip_address(void)
{
    const char *names[] = { "192.0.2.7", "::1", "2001:db8::7", "fe80::1%eth0",
                            "robot.lab", "192.0.2.7.example" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        client_run r;
        start_client(&r, names[i]);
        run_client(&r);
        CU_ASSERT_EQUAL(r.st, SEE_ERR_TLS_CLOSED);
        reader rec, body;
        reader_init(&rec, r.s.out + 5, r.s.out_len - 5);
        uint8_t type;
        CU_ASSERT_EQUAL_FATAL(hs_message_split(r.s.out + 5, r.s.out_len - 5, &type, &body), SEE_OK);
        client_hello m;
        CU_ASSERT_EQUAL(client_hello_decode(&body, &m), SEE_OK);
        int is_address = i < 4;
        CU_ASSERT_EQUAL(m.ext.server_name, !is_address);
        CU_ASSERT_EQUAL((m.ext.seen & extension_bit(TLS_EXT_SERVER_NAME)) != 0, !is_address);
        if (!is_address)
            CU_ASSERT_STRING_EQUAL(m.ext.host_name, names[i]);
        end_client(&r);
    }
}

/* ----------------------------------- a real client and server, a pipe --- */

/* A tap (transport_tapped, transport.h) between a connection and its pipe
 * end that can put bytes in front of one of the writes, or make writes
 * fail from one on. */
typedef struct {
    transport_tap tap;
    int writes;             /* the writes before this one */
    int insert_before;      /* which write; -1: none */
    const char *insert_hex;
    int fail_from;          /* which write; -1: none */
    see_status fail_with;
} tap;

static see_status insert_or_fail_write(void *ctx, const transport *inner,
                                       const uint8_t *buf, size_t len)
{
    tap *t = ctx;
    int n = t->writes++;
    if (t->fail_from >= 0 && n >= t->fail_from)
        return t->fail_with;
    if (n == t->insert_before) {
        size_t extra_len;
        uint8_t *extra = hex_alloc(t->insert_hex, &extra_len);
        see_status st = transport_write(inner, extra, extra_len);
        free(extra);
        TRY(st);
    }
    return transport_write(inner, buf, len);
}

typedef struct {
    tls_config ccfg, scfg;
    see_rng crng, srng;
    memory_pipe pipe;
    pipe_end ce, se;
    transport cpipe, spipe, ct, st;
    tap ctap, stap;
    tls_conn *client, *server;
    see_status client_hs, server_hs;
} duo;

static void duo_init(duo *d)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    memset(d, 0, sizeof *d);
    client_config(&d->ccfg, &d->crng);
    server_config(&d->scfg, &d->srng);
    /* RSA: the server's flight is ServerHello, Certificate, ServerHelloDone,
     * then its ChangeCipherSpec and Finished, one write each */
    d->ccfg.suites[0] = TLS_RSA_WITH_AES_128_CBC_SHA256;
    d->ccfg.suite_count = 1;
    d->ctap = (tap){ { NULL, &d->ctap, NULL, insert_or_fail_write }, 0, -1, NULL, -1, SEE_OK };
    d->stap = (tap){ { NULL, &d->stap, NULL, insert_or_fail_write }, 0, -1, NULL, -1, SEE_OK };
}

static void *server_thread(void *arg)
{
    duo *d = arg;
    d->server_hs = tls_handshake(d->server);
    return NULL;
}

static void duo_handshake(duo *d)
{
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&d->pipe, 2000), SEE_OK);
    memory_pipe_ends(&d->pipe, &d->ce, &d->se, &d->cpipe, &d->spipe);
    d->ctap.tap.inner = &d->cpipe;
    d->stap.tap.inner = &d->spipe;
    transport_tapped(&d->ct, &d->ctap.tap);
    transport_tapped(&d->st, &d->stap.tap);
    d->client = malloc(sizeof *d->client);
    d->server = malloc(sizeof *d->server);
    tls_conn_init(d->client, TLS_ROLE_CLIENT, &d->ccfg, &d->ct);
    tls_conn_init(d->server, TLS_ROLE_SERVER, &d->scfg, &d->st);
    pthread_t th;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, server_thread, d), 0);
    d->client_hs = tls_handshake(d->client);
    if (d->client_hs != SEE_OK)
        transport_close(&d->ct); /* the server stops waiting */
    pthread_join(th, NULL);
}

static void duo_free(duo *d)
{
    tls_conn_free(d->client);
    tls_conn_free(d->server);
    free(d->client);
    free(d->server);
    memory_pipe_destroy(&d->pipe);
}

/* RFC 5246 7.4.1.1: "This message will be ignored by the client if the
 * client is currently negotiating a session", and a HelloRequest is in no
 * transcript: with one before the ServerHello and one before the
 * ServerHelloDone the handshake completes, Finished and all. One with a
 * body is malformed (decode_error). */
static void test_hello_request_during_handshake(void)
{
    const int before[] = { 0, 2 };
    for (int i = 0; i < 2; i++) {
        duo d;
        duo_init(&d);
        d.stap.insert_before = before[i];
        d.stap.insert_hex = "160303000400000000" "160303000400000000";
        duo_handshake(&d);
        CU_ASSERT_EQUAL(d.client_hs, SEE_OK);
        CU_ASSERT_EQUAL(d.server_hs, SEE_OK);
        CU_ASSERT_EQUAL(d.client->alert_sent, -1);
        duo_free(&d);
    }
    duo d;
    duo_init(&d);
    d.stap.insert_before = 1;
    d.stap.insert_hex = "16030300050000000100";
    duo_handshake(&d);
    CU_ASSERT_EQUAL(d.client_hs, SEE_ERR_TLS_DECODE);
    CU_ASSERT_EQUAL(d.client->alert_sent, ALERT_DECODE_ERROR);
    duo_free(&d);
}

/* An empty application data record is read past: tls_read returns the
 * next record's data, never SEE_OK with 0 bytes (which tls_socket_read's
 * callers take for "nothing came in time"). 32 in a row are fine; the 33rd
 * ends the connection with unexpected_message. */
static void test_empty_records_read_past(void)
{
    for (int count = 1; count <= 33; count += 32) {
        duo d;
        duo_init(&d);
        duo_handshake(&d);
        CU_ASSERT_EQUAL_FATAL(d.client_hs, SEE_OK);
        CU_ASSERT_EQUAL_FATAL(d.server_hs, SEE_OK);
        for (int i = 0; i < count; i++)
            CU_ASSERT_EQUAL(record_write(&d.client->rl, TLS_CONTENT_APPLICATION_DATA, NULL, 0), SEE_OK);
        CU_ASSERT_EQUAL(tls_write(d.client, (const uint8_t *)"go", 2), SEE_OK);
        uint8_t buf[8];
        size_t got = 99;
        see_status st = tls_read(d.server, buf, sizeof buf, &got);
        if (count <= TLS_MAX_IDLE_RECORDS) {
            CU_ASSERT_EQUAL(st, SEE_OK);
            CU_ASSERT_EQUAL(got, 2);
            CU_ASSERT_EQUAL(memcmp(buf, "go", 2), 0);
        } else {
            CU_ASSERT_EQUAL(st, SEE_ERR_TLS_TOO_MANY_IDLE_RECORDS);
            CU_ASSERT_EQUAL(got, 0);
            CU_ASSERT_EQUAL(d.server->alert_sent, ALERT_UNEXPECTED_MESSAGE);
            CU_ASSERT_EQUAL(tls_read(d.client, buf, sizeof buf, &got), SEE_ERR_TLS_ALERT_RECEIVED);
            CU_ASSERT_EQUAL(d.client->alert_received, ALERT_UNEXPECTED_MESSAGE);
        }
        duo_free(&d);
    }
}

/* A failed tls_write (the transport failed, or timed out with part of a
 * record perhaps gone) ends the connection, as docs/handshake-design.md
 * says: tls_write and tls_read return the failure again, and nothing more
 * is read or written. */
static void test_failed_write_ends_connection(void)
{
    const see_status failures[] = { SEE_ERR_TLS_IO, SEE_ERR_TIMEOUT };
    for (int i = 0; i < 2; i++) {
        duo d;
        duo_init(&d);
        duo_handshake(&d);
        CU_ASSERT_EQUAL_FATAL(d.client_hs, SEE_OK);
        CU_ASSERT_EQUAL(tls_write(d.server, (const uint8_t *)"waiting", 7), SEE_OK);
        d.ctap.fail_from = d.ctap.writes;
        d.ctap.fail_with = failures[i];
        CU_ASSERT_EQUAL(tls_write(d.client, (const uint8_t *)"x", 1), failures[i]);
        CU_ASSERT_EQUAL(d.client->failed, failures[i]);
        uint8_t buf[8];
        size_t got;
        CU_ASSERT_EQUAL(tls_read(d.client, buf, sizeof buf, &got), failures[i]);
        CU_ASSERT_EQUAL(tls_write(d.client, (const uint8_t *)"y", 1), failures[i]);
        CU_ASSERT_EQUAL(d.ctap.writes, d.ctap.fail_from + 1);
        /* the server's data is still in the pipe, unread */
        CU_ASSERT_TRUE(memory_pipe_pending(&d.pipe.b_to_a) > 0);
        duo_free(&d);
    }
}

static CU_TestInfo tests[] = {
    { "no null compression method: illegal_parameter", test_no_null_compression },
    { "server_name: empty is decode_error, a second name illegal_parameter", test_server_name_rules },
    { "renegotiation_info not empty: handshake_failure, named", test_renegotiation_info_not_empty },
    { "ClientHellos of 65,537 to 131,110 bytes read, 131,397 refused", test_large_client_hello },
    { "an alert between fragments of a message is read", test_alert_between_fragments },
    { "33 warning alerts in a row: unexpected_message", test_warning_alert_flood },
    { "a warning no_renegotiation is not answered with a fatal one", test_warning_no_renegotiation },
    { "a ChangeCipherSpec not 01: unexpected_message", test_bad_change_cipher_spec },
    { "a failed handshake stays failed; a write timeout is a failure", test_failed_handshake_stays_failed },
    { "a ServerHello extension not offered: unsupported_extension", test_server_hello_extension_not_offered },
    { "no SNI for an IP address", test_no_sni_for_ip_address },
    { "a HelloRequest during the handshake is ignored", test_hello_request_during_handshake },
    { "empty records are read past, 32 in a row at most", test_empty_records_read_past },
    { "a failed tls_write ends the connection", test_failed_write_ends_connection },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_tls_suite("tls_strict", tests);
}
