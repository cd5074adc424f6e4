/*
 * test_handshake_table.c: the handshake as data (handshake/state_machine.c).
 *
 *  - the sequences are well formed, and the handshake types part only
 *    where a side learns them (the loop's position stays right);
 *  - docs/HANDSHAKE.md and docs/handshake-design.md print exactly the
 *    sequences of the table (the check fails when a doc or the table
 *    changes alone);
 *  - a message out of its sequence is unexpected_message, for the client
 *    and for the server (the table refuses it; no handler has to), and a
 *    client asked for a certificate it does not have sends an empty
 *    Certificate and no CertificateVerify.
 *
 * The peer of the last tests is a script: messages built by the encoders
 * of handshake/ and sent as records by a record layer of its own over an
 * in-memory pipe, so no byte is written by hand.
 */
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "crypto/gcm.h"
#include "handshake/alert.h"
#include "handshake/key_exchange.h"
#include "handshake/tls_internal.h"
#include "tests/unit/harness.h"
#include "tests/unit/tls_fixture.h"

/* -------------------------------------------------------- the sequences --- */

static size_t index_of(const hs_sequence *s, hs_message_id id)
{
    for (size_t i = 0; i < s->length; i++)
        if (s->messages[i] == id)
            return i;
    return s->length;
}

/* ClientHello opens every handshake and the server's Finished ends it;
 * each ChangeCipherSpec is followed by its writer's Finished (7.4.9); each
 * type has one sequence; a message comes at most once. */
static void test_sequences_well_formed(void)
{
    CU_ASSERT_EQUAL(hs_sequence_count, 9);
    for (size_t i = 0; i < hs_sequence_count; i++) {
        const hs_sequence *s = &hs_sequences[i];
        CU_ASSERT_PTR_EQUAL(hs_sequence_of(s->type), s);
        CU_ASSERT_FATAL(s->length >= 2);
        CU_ASSERT_EQUAL(s->messages[0], HS_MSG_CLIENT_HELLO);
        CU_ASSERT_EQUAL(s->messages[s->length - 1], HS_MSG_SERVER_FINISHED);
        for (size_t j = 0; j < s->length; j++) {
            CU_ASSERT_FATAL(s->messages[j] < HS_MSG_COUNT);
            CU_ASSERT_EQUAL(index_of(s, s->messages[j]), j);
            const hs_message *m = &hs_messages[s->messages[j]];
            if (m->content_type == TLS_CONTENT_CHANGE_CIPHER_SPEC) {
                CU_ASSERT_FATAL(j + 1 < s->length);
                const hs_message *next = &hs_messages[s->messages[j + 1]];
                CU_ASSERT_EQUAL(next->msg_type, HS_FINISHED);
                CU_ASSERT_EQUAL(next->writer, m->writer);
            }
        }
        /* the bits say which messages are there */
        int dhe = (s->type & TLS_HS_SIGNED_PARAMS) != 0;
        /* one key exchange at a time */
        CU_ASSERT_NOT_EQUAL(s->type & TLS_HS_SIGNED_PARAMS, TLS_HS_SIGNED_PARAMS);
        int auth = (s->type & TLS_HS_CLIENT_AUTH) != 0;
        int none = (s->type & TLS_HS_NO_CLIENT_CERT) != 0;
        CU_ASSERT_EQUAL(index_of(s, HS_MSG_SERVER_KEY_EXCHANGE) < s->length, dhe);
        CU_ASSERT_EQUAL(index_of(s, HS_MSG_CERTIFICATE_REQUEST) < s->length, auth);
        CU_ASSERT_EQUAL(index_of(s, HS_MSG_CLIENT_CERTIFICATE) < s->length, auth);
        CU_ASSERT_EQUAL(index_of(s, HS_MSG_CERTIFICATE_VERIFY) < s->length, auth && !none);
    }
    /* no sequence for "no client certificate" without a request */
    CU_ASSERT_PTR_NULL(hs_sequence_of(TLS_HS_NO_CLIENT_CERT));
    CU_ASSERT_PTR_NULL(hs_sequence_of(TLS_HS_DHE | TLS_HS_NO_CLIENT_CERT));
    CU_ASSERT_PTR_NULL(hs_sequence_of(TLS_HS_ECDHE | TLS_HS_NO_CLIENT_CERT));
    CU_ASSERT_PTR_NULL(hs_sequence_of(TLS_HS_DHE | TLS_HS_ECDHE));
}

/* Each row is found from what the wire says and who sent it: among one
 * writer's messages no two share a content type and handshake type. */
static void test_rows_told_apart(void)
{
    for (size_t i = 0; i < HS_MSG_COUNT; i++) {
        const hs_message *a = &hs_messages[i];
        CU_ASSERT_PTR_NOT_NULL(a->name);
        CU_ASSERT_PTR_NOT_NULL(a->send);
        CU_ASSERT_PTR_NOT_NULL(a->receive);
        if (a->content_type == TLS_CONTENT_HANDSHAKE)
            CU_ASSERT_STRING_EQUAL(a->name, hs_type_name(a->msg_type));
        for (size_t j = i + 1; j < HS_MSG_COUNT; j++) {
            const hs_message *b = &hs_messages[j];
            CU_ASSERT_FALSE(a->writer == b->writer && a->content_type == b->content_type &&
                            a->msg_type == b->msg_type);
        }
    }
}

/* A side learns a bit of the type at one message: the sequences with and
 * without the bit must agree on every message up to there, or the loop's
 * position would point into another handshake.
 *   TLS_HS_DHE, TLS_HS_ECDHE: the server at ClientHello, the client at
 *     ServerHello;
 *   TLS_HS_CLIENT_AUTH: the server at ClientHello, the client at the
 *     CertificateRequest, whose row announces it (the sequence without the
 *     bit has another message there);
 *   TLS_HS_NO_CLIENT_CERT: the client at the CertificateRequest. */
static void expect_same_prefix(unsigned with, unsigned without, size_t length)
{
    const hs_sequence *a = hs_sequence_of(with), *b = hs_sequence_of(without);
    CU_ASSERT_FATAL(a != NULL && b != NULL);
    CU_ASSERT_FATAL(a->length >= length && b->length >= length);
    CU_ASSERT_EQUAL(memcmp(a->messages, b->messages, length), 0);
}

static void test_types_part_where_learned(void)
{
    for (size_t i = 0; i < hs_sequence_count; i++) {
        const hs_sequence *s = &hs_sequences[i];
        if (s->type & TLS_HS_DHE)
            expect_same_prefix(s->type, s->type & ~TLS_HS_DHE,
                               index_of(s, HS_MSG_SERVER_HELLO) + 1);
        if (s->type & TLS_HS_ECDHE)
            expect_same_prefix(s->type, s->type & ~TLS_HS_ECDHE,
                               index_of(s, HS_MSG_SERVER_HELLO) + 1);
        if (s->type == (s->type & ~TLS_HS_NO_CLIENT_CERT) &&
            (s->type & TLS_HS_CLIENT_AUTH)) {
            size_t request = index_of(s, HS_MSG_CERTIFICATE_REQUEST);
            expect_same_prefix(s->type, s->type & ~TLS_HS_CLIENT_AUTH, request);
            CU_ASSERT_EQUAL(hs_messages[s->messages[request]].announces, TLS_HS_CLIENT_AUTH);
            const hs_sequence *without = hs_sequence_of(s->type & ~TLS_HS_CLIENT_AUTH);
            CU_ASSERT_NOT_EQUAL(without->messages[request], HS_MSG_CERTIFICATE_REQUEST);
        }
        if (s->type & TLS_HS_NO_CLIENT_CERT)
            expect_same_prefix(s->type, s->type & ~TLS_HS_NO_CLIENT_CERT,
                               index_of(s, HS_MSG_CERTIFICATE_REQUEST) + 1);
    }
    /* only the CertificateRequest announces a bit */
    for (size_t i = 0; i < HS_MSG_COUNT; i++)
        CU_ASSERT_EQUAL(hs_messages[i].announces != 0, i == HS_MSG_CERTIFICATE_REQUEST);
}

static void test_sequence_text(void)
{
    char text[1024];
    CU_ASSERT_EQUAL(hs_sequence_text(hs_sequence_of(0), text, sizeof text), SEE_OK);
    CU_ASSERT_STRING_EQUAL(text,
        "RSA, no client certificate\n"
        "Client -> Server: ClientHello\n"
        "Server -> Client: ServerHello\n"
        "Server -> Client: Certificate\n"
        "Server -> Client: ServerHelloDone\n"
        "Client -> Server: ClientKeyExchange\n"
        "Client -> Server: ChangeCipherSpec\n"
        "Client -> Server: Finished\n"
        "Server -> Client: ChangeCipherSpec\n"
        "Server -> Client: Finished\n");
    size_t len = strlen(text);
    CU_ASSERT_EQUAL(hs_sequence_text(hs_sequence_of(0), text, len + 1), SEE_OK);
    CU_ASSERT_EQUAL(hs_sequence_text(hs_sequence_of(0), text, len), SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(hs_sequence_text(hs_sequence_of(0), text, 10), SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(hs_sequence_text(hs_sequence_of(0), text, 0), SEE_ERR_BUFFER_SMALL);
}

/* ---------------------------------------------- the docs print the table --- */

#define DOC_BEGIN "<!-- begin sequences"
#define DOC_END "<!-- end sequences -->"

/* What a doc holds between its markers: each sequence in a fenced block,
 * a blank line between two. */
static char *sequences_as_docs_print_them(void)
{
    size_t cap = 8192, len = 0;
    char *out = malloc(cap);
    CU_ASSERT_FATAL(out != NULL);
    for (size_t i = 0; i < hs_sequence_count; i++) {
        char text[1024];
        CU_ASSERT_EQUAL_FATAL(hs_sequence_text(&hs_sequences[i], text, sizeof text), SEE_OK);
        int n = snprintf(out + len, cap - len, "%s```\n%s```\n", i ? "\n" : "", text);
        CU_ASSERT_FATAL(n > 0 && (size_t)n < cap - len);
        len += (size_t)n;
    }
    return out;
}

/* The lines strictly between the markers, or NULL without them. */
static char *between_markers(char *text)
{
    char *begin = strstr(text, DOC_BEGIN);
    char *end = begin ? strstr(begin, DOC_END) : NULL;
    if (begin == NULL || end == NULL)
        return NULL;
    char *first = strchr(begin, '\n');
    if (first == NULL || first > end)
        return NULL;
    *end = '\0';
    return first + 1;
}

static int line_length(const char *line)
{
    const char *end = strchr(line, '\n');
    return (int)(end ? (size_t)(end - line) : strlen(line));
}

/* On a difference, say where: the first line that differs, both ways. */
static void report_first_difference(const char *path, const char *doc,
                                    const char *table)
{
    int line = 1;
    size_t start = 0, i = 0;
    while (doc[i] != '\0' && doc[i] == table[i]) {
        if (doc[i] == '\n') {
            line++;
            start = i + 1;
        }
        i++;
    }
    fprintf(stderr, "\n%s: the sequences differ from handshake/state_machine.c at "
            "line %d of the block:\n  doc:   %.*s\n  table: %.*s\n", path, line,
            line_length(doc + start), doc + start, line_length(table + start),
            table + start);
}

static void expect_doc_prints_table(const char *path)
{
    char *text = read_text_file(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    char *block = between_markers(text);
    CU_ASSERT_PTR_NOT_NULL(block);
    char *table = sequences_as_docs_print_them();
    if (block != NULL) {
        int same = strcmp(block, table) == 0;
        if (!same)
            report_first_difference(path, block, table);
        CU_ASSERT_TRUE(same);
    } else {
        fprintf(stderr, "\n%s: no '%s' ... '%s' block\n", path, DOC_BEGIN, DOC_END);
    }
    if (block == NULL || strcmp(block, table) != 0)
        fprintf(stderr, "what the block should hold, from the table:\n%s", table);
    free(table);
    free(text);
}

static void test_docs_print_the_sequences(void)
{
    expect_doc_prints_table("docs/HANDSHAKE.md");
    expect_doc_prints_table("docs/handshake-design.md");
}

/* --------------------------------------------- a scripted peer's messages --- */

/* A real connection on one end of a pipe; on the other, a script: a record
 * layer of its own sending messages built by the encoders, and reading
 * what the connection sent. */
typedef struct {
    tls_config cfg;
    memory_pipe pipe;
    pipe_end conn_end, script_end;
    transport conn_io, script_io;
    record_layer *script;
    tls_conn *conn;
} scripted;

static void scripted_init(scripted *s, tls_role role)
{
    CU_ASSERT_FATAL(tls_test_identity_load());
    memset(s, 0, sizeof *s);
    if (role == TLS_ROLE_SERVER) {
        tls_test_server_config(&s->cfg);
    } else {
        tls_config_init(&s->cfg);
        s->cfg.verify = tls_test_trust;
    }
    /* a read with nothing more to come times out quickly */
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&s->pipe, 300), SEE_OK);
    memory_pipe_ends(&s->pipe, &s->conn_end, &s->script_end, &s->conn_io, &s->script_io);
    s->script = malloc(sizeof *s->script);
    s->conn = malloc(sizeof *s->conn);
    CU_ASSERT_FATAL(s->script != NULL && s->conn != NULL);
    record_layer_init(s->script, &s->script_io, NULL, NULL,
                      role == TLS_ROLE_CLIENT ? TRACE_SERVER : TRACE_CLIENT);
}

static void scripted_free(scripted *s)
{
    tls_conn_free(s->conn);
    record_layer_wipe(s->script);
    free(s->conn);
    free(s->script);
    memory_pipe_destroy(&s->pipe);
}

/* The script sends one handshake message: the bytes w holds. */
static void script_send(scripted *s, const writer *w)
{
    CU_ASSERT_EQUAL(record_write(s->script, TLS_CONTENT_HANDSHAKE, w->data, w->len), SEE_OK);
}

static void script_empty_message(scripted *s, uint8_t type)
{
    uint8_t buf[8];
    writer w;
    size_t mark;
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(hs_begin(&w, type, &mark), SEE_OK);
    CU_ASSERT_EQUAL(hs_end(&w, mark), SEE_OK);
    script_send(s, &w);
}

static void script_server_hello(scripted *s, uint16_t suite)
{
    server_hello m;
    memset(&m, 0, sizeof m);
    m.server_version = TLS_VERSION_1_2;
    m.cipher_suite = suite;
    uint8_t buf[128];
    writer w;
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(server_hello_encode(&w, &m), SEE_OK);
    script_send(s, &w);
}

static void script_certificate(scripted *s)
{
    certificate_msg m = { .count = 1 };
    m.cert[0] = tls_test_cert;
    m.cert_len[0] = tls_test_cert_len;
    uint8_t buf[4096];
    writer w;
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(certificate_encode(&w, &m), SEE_OK);
    script_send(s, &w);
}

static void script_certificate_request(scripted *s)
{
    static const uint8_t types[] = { 1 };
    static const uint8_t algs[] = { TLS_HASH_SHA256, TLS_SIGNATURE_RSA };
    certificate_request m = { types, sizeof types, algs, sizeof algs, NULL, 0 };
    uint8_t buf[64];
    writer w;
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(certificate_request_encode(&w, &m), SEE_OK);
    script_send(s, &w);
}

static void script_client_hello(scripted *s)
{
    static const uint8_t suites[] = { 0x00, 0x3c }; /* RSA */
    static const uint8_t null_compression[] = { 0 };
    client_hello m;
    memset(&m, 0, sizeof m);
    m.client_version = TLS_VERSION_1_2;
    m.cipher_suites = suites;
    m.cipher_suites_len = sizeof suites;
    m.compression_methods = null_compression;
    m.compression_methods_len = 1;
    uint8_t buf[256];
    writer w;
    writer_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(client_hello_encode(&w, &m), SEE_OK);
    script_send(s, &w);
}

/* The connection reads what the script sent and fails there with
 * unexpected_message, which it says in an alert. */
static void expect_unexpected(scripted *s)
{
    CU_ASSERT_EQUAL(tls_handshake(s->conn), SEE_ERR_TLS_UNEXPECTED_MESSAGE);
    CU_ASSERT_EQUAL(s->conn->alert_sent, ALERT_UNEXPECTED_MESSAGE);
}

/* The client's sequence is fixed by the suite (ServerHello) and by the
 * CertificateRequest, if one comes: whatever else the server sends is
 * out of place. */
static void test_client_refuses_out_of_sequence(void)
{
    enum { SKE_IN_RSA, NO_SKE_IN_DHE, REQUEST_BEFORE_SKE, REQUEST_TWICE,
           CERTIFICATE_TWICE, CASES };
    for (int i = 0; i < CASES; i++) {
        scripted s;
        scripted_init(&s, TLS_ROLE_CLIENT);
        tls_conn_init(s.conn, TLS_ROLE_CLIENT, &s.cfg, &s.conn_io);
        int dhe = i == NO_SKE_IN_DHE || i == REQUEST_BEFORE_SKE;
        script_server_hello(&s, dhe ? TLS_DHE_RSA_WITH_AES_128_CBC_SHA256
                                    : TLS_RSA_WITH_AES_128_CBC_SHA256);
        script_certificate(&s);
        switch (i) {
        case SKE_IN_RSA: /* refused before it is decoded: empty will do */
            script_empty_message(&s, HS_SERVER_KEY_EXCHANGE);
            break;
        case NO_SKE_IN_DHE:
            script_empty_message(&s, HS_SERVER_HELLO_DONE);
            break;
        case REQUEST_BEFORE_SKE:
            script_certificate_request(&s);
            break;
        case REQUEST_TWICE:
            script_certificate_request(&s);
            script_certificate_request(&s);
            break;
        case CERTIFICATE_TWICE:
            script_certificate(&s);
            break;
        }
        expect_unexpected(&s);
        scripted_free(&s);
    }
}

/* The server's sequence is fixed at the ClientHello: a client certificate
 * comes when one was asked for, and only then; CertificateVerify only
 * after one; a HelloRequest never comes from a client. */
static void test_server_refuses_out_of_sequence(void)
{
    enum { NO_CERTIFICATE_WHEN_ASKED, CERTIFICATE_UNASKED, VERIFY_UNASKED,
           HELLO_REQUEST, CASES };
    for (int i = 0; i < CASES; i++) {
        scripted s;
        scripted_init(&s, TLS_ROLE_SERVER);
        if (i == NO_CERTIFICATE_WHEN_ASKED)
            s.cfg.verify_client = tls_test_trust;
        tls_conn_init(s.conn, TLS_ROLE_SERVER, &s.cfg, &s.conn_io);
        script_client_hello(&s);
        switch (i) {
        case NO_CERTIFICATE_WHEN_ASKED:
            script_empty_message(&s, HS_CLIENT_KEY_EXCHANGE);
            break;
        case CERTIFICATE_UNASKED:
            script_certificate(&s);
            break;
        case VERIFY_UNASKED:
            script_empty_message(&s, HS_CERTIFICATE_VERIFY);
            break;
        case HELLO_REQUEST:
            script_empty_message(&s, HS_HELLO_REQUEST);
            break;
        }
        expect_unexpected(&s);
        CU_ASSERT_EQUAL(s.conn->handshake_type,
                        i == NO_CERTIFICATE_WHEN_ASKED ? TLS_HS_CLIENT_AUTH : 0);
        scripted_free(&s);
    }
}

/* Asked for a certificate it does not have, the client sends an empty
 * Certificate (7.4.6), its ClientKeyExchange, and no CertificateVerify:
 * the sequence "RSA, client certificate asked for, none to send", on the
 * wire. */
static void test_client_without_certificate_sends_empty_one(void)
{
    scripted s;
    scripted_init(&s, TLS_ROLE_CLIENT);
    s.cfg.suites[0] = TLS_RSA_WITH_AES_128_CBC_SHA256;
    s.cfg.suite_count = 1;
    tls_conn_init(s.conn, TLS_ROLE_CLIENT, &s.cfg, &s.conn_io);
    script_server_hello(&s, TLS_RSA_WITH_AES_128_CBC_SHA256);
    script_certificate(&s);
    script_certificate_request(&s);
    script_empty_message(&s, HS_SERVER_HELLO_DONE);
    /* the script sends nothing more: the client waits for the server's
     * ChangeCipherSpec until the pipe's read times out */
    CU_ASSERT_EQUAL(tls_handshake(s.conn), SEE_ERR_TIMEOUT);
    CU_ASSERT_EQUAL(s.conn->handshake_type, TLS_HS_CLIENT_AUTH | TLS_HS_NO_CLIENT_CERT);

    static const uint8_t sent[] = { HS_CLIENT_HELLO, HS_CERTIFICATE, HS_CLIENT_KEY_EXCHANGE };
    for (size_t i = 0; i < sizeof sent; i++) {
        uint8_t type, msg_type;
        const uint8_t *data;
        size_t len;
        reader body;
        CU_ASSERT_EQUAL_FATAL(record_next(s.script, &type, &data, &len), SEE_OK);
        CU_ASSERT_EQUAL(type, TLS_CONTENT_HANDSHAKE);
        CU_ASSERT_EQUAL_FATAL(hs_message_split(data, len, &msg_type, &body), SEE_OK);
        CU_ASSERT_EQUAL(msg_type, sent[i]);
        if (msg_type == HS_CERTIFICATE)
            ASSERT_HEX_EQ(data, len, "0b000003000000"); /* no certificates */
    }
    uint8_t type;
    const uint8_t *data;
    size_t len;
    CU_ASSERT_EQUAL(record_next(s.script, &type, &data, &len), SEE_OK);
    CU_ASSERT_EQUAL(type, TLS_CONTENT_CHANGE_CIPHER_SPEC);
    scripted_free(&s);
}

/* ------------------------------------------------------------ the suites --- */

/* The one table of suites: the numbers and names of the IANA registry
 * (RFC 5246 A.5) and OpenSSL's names, each suite found by any of the
 * three, and each with its key exchange. */
static void test_suite_table(void)
{
    static const struct {
        uint16_t id;
        const char *name, *openssl_name;
        const tls_key_exchange *kx;
        const record_protection *record;
    } want[] = {
        /* our preference: forward secrecy, then AEAD before CBC */
        { 0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
          &kx_ecdhe, &record_aes128_gcm },
        { 0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
          "ECDHE-RSA-CHACHA20-POLY1305", &kx_ecdhe, &record_chacha20_poly1305 },
        { 0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "DHE-RSA-AES128-GCM-SHA256",
          &kx_dhe, &record_aes128_gcm },
        { 0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", "DHE-RSA-AES128-SHA256",
          &kx_dhe, &record_aes128_cbc_sha256 },
        { 0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256",
          &kx_rsa, &record_aes128_gcm },
        { 0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256", "AES128-SHA256",
          &kx_rsa, &record_aes128_cbc_sha256 },
    };
    CU_ASSERT_EQUAL_FATAL(tls_suite_count, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < tls_suite_count; i++) {
        CU_ASSERT_EQUAL(tls_suites[i].id, want[i].id);
        CU_ASSERT_STRING_EQUAL(tls_suites[i].name, want[i].name);
        CU_ASSERT_STRING_EQUAL(tls_suites[i].openssl_name, want[i].openssl_name);
        CU_ASSERT_PTR_EQUAL(tls_suites[i].kx, want[i].kx);
        CU_ASSERT_PTR_EQUAL(tls_suites[i].record, want[i].record);
    }
    /* the default offer is the table, in its order, where AES-GCM runs on
     * the CPU's AES instructions */
    tls_config cfg;
    tls_config_init(&cfg);
    CU_ASSERT_EQUAL_FATAL(cfg.suite_count, tls_suite_count);
    if (aes128_gcm_in_hardware())
        for (size_t i = 0; i < tls_suite_count; i++)
            CU_ASSERT_EQUAL(cfg.suites[i], tls_suites[i].id);
    /* without them ChaCha20-Poly1305 comes before ECDHE's AES-GCM, the
     * rest as the table has it */
    cpu_force_portable(1);
    tls_config_init(&cfg);
    cpu_force_portable(0);
    CU_ASSERT_EQUAL_FATAL(cfg.suite_count, tls_suite_count);
    CU_ASSERT_EQUAL(cfg.suites[0], TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);
    CU_ASSERT_EQUAL(cfg.suites[1], TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    for (size_t i = 2; i < tls_suite_count; i++)
        CU_ASSERT_EQUAL(cfg.suites[i], tls_suites[i].id);
    /* a list of one's own: ChaCha20 goes before the AES-GCM of its own
     * key exchange only */
    uint16_t mine[] = {TLS_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                       TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
                       TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256};
    cpu_force_portable(1);
    tls_suites_order_for_cpu(mine, 4);
    cpu_force_portable(0);
    CU_ASSERT_EQUAL(mine[0], TLS_RSA_WITH_AES_128_GCM_SHA256);
    CU_ASSERT_EQUAL(mine[1], TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);
    CU_ASSERT_EQUAL(mine[2], TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    CU_ASSERT_EQUAL(mine[3], TLS_DHE_RSA_WITH_AES_128_GCM_SHA256);
    const tls_suite *rsa = tls_suite_find(0x003c);
    CU_ASSERT_EQUAL(kx_ecdhe.handshake_type, TLS_HS_ECDHE);
    CU_ASSERT_EQUAL(kx_ecdhe.cke, CKE_ECDHE);
    CU_ASSERT_PTR_NOT_NULL(kx_ecdhe.choose_group);
    CU_ASSERT_PTR_NOT_NULL(kx_ecdhe.send_server_params);
    CU_ASSERT_EQUAL(kx_rsa.handshake_type, 0);
    CU_ASSERT_EQUAL(kx_dhe.handshake_type, TLS_HS_DHE);
    CU_ASSERT_PTR_NULL(kx_rsa.choose_group);
    CU_ASSERT_PTR_NOT_NULL(kx_dhe.choose_group);
    for (size_t i = 0; i < tls_suite_count; i++) {
        const tls_suite *s = &tls_suites[i];
        CU_ASSERT_PTR_EQUAL(tls_suite_find(s->id), s);
        CU_ASSERT_PTR_EQUAL(tls_suite_named(s->name, strlen(s->name)), s);
        CU_ASSERT_PTR_EQUAL(tls_suite_named(s->openssl_name, strlen(s->openssl_name)), s);
        CU_ASSERT_STRING_EQUAL(tls_suite_name(s->id), s->name);
        /* a prefix names nothing */
        CU_ASSERT_PTR_NULL(tls_suite_named(s->name, strlen(s->name) - 1));
    }
    /* "AES128-SHA256:..." names its first suite by its length */
    CU_ASSERT_PTR_EQUAL(tls_suite_named("AES128-SHA256:DHE", 13), rsa);
    CU_ASSERT_PTR_NULL(tls_suite_find(0x002f)); /* TLS_RSA_WITH_AES_128_CBC_SHA */
    CU_ASSERT_PTR_NULL(tls_suite_named("AES128-SHA", 10));
    CU_ASSERT_STRING_EQUAL(tls_suite_name(0x002f), "unknown");
}

static CU_TestInfo tests[] = {
    { "suites: one table, found by number, IANA name or OpenSSL name", test_suite_table },
    { "sequences: ClientHello to the server's Finished, the bits' messages", test_sequences_well_formed },
    { "rows: one per message, told apart by type and writer", test_rows_told_apart },
    { "types part only where a side learns them", test_types_part_where_learned },
    { "a sequence as text; a buffer too small", test_sequence_text },
    { "docs/HANDSHAKE.md and docs/handshake-design.md print the table", test_docs_print_the_sequences },
    { "the client: a server message out of sequence is unexpected_message", test_client_refuses_out_of_sequence },
    { "the server: a client message out of sequence is unexpected_message", test_server_refuses_out_of_sequence },
    { "no certificate to send: an empty Certificate, no CertificateVerify", test_client_without_certificate_sends_empty_one },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    int rc = run_suite("handshake_table", tests);
    tls_test_identity_free();
    return rc;
}
