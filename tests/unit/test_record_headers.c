/*
 * test_record_headers.c: the two header decoders of handshake/record.h,
 * the one place a record header (RFC 5246 6.2.1) and a handshake message
 * header (7.4) are read, and the tap transport of handshake/transport.h
 * that the demos record the wire with.
 *
 * Each decoder: known answers, every truncation refused, every content
 * type and major version judged; then the same bytes through the record
 * layer (record_read and record_next use the decoders). The tap: what is
 * written and read is shown in order, a write hook changes what reaches
 * the peer, close reaches the inner transport.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "handshake/record.h"
#include "handshake/transport.h"
#include "tests/unit/harness.h"

/* -------------------------------------------------- record_header --- */

static void test_record_header_known_answer(void)
{
    static const uint8_t wire[] = { 0x17, 0x03, 0x03, 0x01, 0x20, 0xaa };
    record_header h;
    CU_ASSERT_EQUAL(record_header_decode(wire, sizeof wire, &h), SEE_OK);
    CU_ASSERT_EQUAL(h.type, TLS_CONTENT_APPLICATION_DATA);
    CU_ASSERT_EQUAL(h.version, TLS_VERSION_1_2);
    CU_ASSERT_EQUAL(h.length, 0x0120);

    static const uint8_t hello[] = { 0x16, 0x03, 0x01, 0xff, 0xff };
    CU_ASSERT_EQUAL(record_header_decode(hello, sizeof hello, &h), SEE_OK);
    CU_ASSERT_EQUAL(h.type, TLS_CONTENT_HANDSHAKE);
    CU_ASSERT_EQUAL(h.version, 0x0301); /* E.1: any 03 xx is a record */
    CU_ASSERT_EQUAL(h.length, 0xffff);
}

static void test_record_header_truncated(void)
{
    static const uint8_t wire[] = { 0x16, 0x03, 0x03, 0x00, 0x04 };
    record_header h;
    for (size_t n = 0; n < sizeof wire; n++)
        CU_ASSERT_EQUAL(record_header_decode(wire, n, &h), SEE_ERR_TRUNCATED);
    CU_ASSERT_EQUAL(record_header_decode(wire, sizeof wire, &h), SEE_OK);
}

static void test_record_header_types_and_versions(void)
{
    for (unsigned type = 0; type < 256; type++) {
        for (unsigned major = 0; major < 256; major++) {
            uint8_t wire[5] = { (uint8_t)type, (uint8_t)major, 3, 0, 1 };
            record_header h;
            see_status st = record_header_decode(wire, sizeof wire, &h);
            int known = type >= 20 && type <= 23;
            see_status want = !known ? SEE_ERR_TLS_RECORD_TYPE
                              : major != 3 ? SEE_ERR_TLS_RECORD_VERSION
                                           : SEE_OK;
            CU_ASSERT_EQUAL(st, want);
            /* filled in even when refused: a watcher can step over it */
            CU_ASSERT_EQUAL(h.type, type);
            CU_ASSERT_EQUAL(h.version, major << 8 | 3);
            CU_ASSERT_EQUAL(h.length, 1);
            CU_ASSERT_STRING_EQUAL(record_type_name((uint8_t)type),
                                   type == 20   ? "change_cipher_spec"
                                   : type == 21 ? "alert"
                                   : type == 22 ? "handshake"
                                   : type == 23 ? "application_data"
                                                : "unknown");
            CU_ASSERT_EQUAL(record_looks_like_tls(wire, 2), known && major == 3);
        }
    }
    static const uint8_t alert[] = { 0x15, 0x03 };
    CU_ASSERT_TRUE(record_looks_like_tls(alert, 2));
    CU_ASSERT_FALSE(record_looks_like_tls(alert, 1));
    CU_ASSERT_FALSE(record_looks_like_tls(alert, 0));
    /* a robot message: a 2-byte length below 2^8 starts with 00 */
    static const uint8_t robot[] = { 0x00, 0x01, 0x04 };
    CU_ASSERT_FALSE(record_looks_like_tls(robot, sizeof robot));
}

/* ------------------------------------------ record_message_header --- */

static void test_message_header_known_answer(void)
{
    static const uint8_t msg[] = { 0x01, 0x01, 0x02, 0x03, 0xee };
    record_message_header h;
    CU_ASSERT_EQUAL(record_message_header_decode(msg, sizeof msg, &h), SEE_OK);
    CU_ASSERT_EQUAL(h.msg_type, 1);
    CU_ASSERT_EQUAL(h.length, 0x010203u);
    for (size_t n = 0; n < TLS_HANDSHAKE_HEADER_SIZE; n++)
        CU_ASSERT_EQUAL(record_message_header_decode(msg, n, &h), SEE_ERR_TRUNCATED);
}

/* The layer reads the same headers: a ServerHelloDone in a record cut
 * byte by byte through the pipe, then a record of an unknown type. */
static void test_layer_reads_what_the_decoders_read(void)
{
    static const uint8_t wire[] = {
        0x16, 0x03, 0x03, 0x00, 0x04, 0x0e, 0x00, 0x00, 0x00,
        0x18, 0x03, 0x03, 0x00, 0x01, 0x00,
    };
    record_header h;
    CU_ASSERT_EQUAL(record_header_decode(wire, sizeof wire, &h), SEE_OK);
    record_message_header m;
    CU_ASSERT_EQUAL(record_message_header_decode(wire + TLS_RECORD_HEADER_SIZE,
                                                 h.length, &m), SEE_OK);
    CU_ASSERT_EQUAL(m.msg_type, 14);
    CU_ASSERT_EQUAL(TLS_HANDSHAKE_HEADER_SIZE + m.length, h.length);

    memory_pipe *pipe = malloc(sizeof *pipe);
    record_layer *rl = malloc(sizeof *rl);
    CU_ASSERT_FATAL(pipe != NULL && rl != NULL);
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(pipe, 1000), SEE_OK);
    pipe->max_chunk = 1;
    pipe_end ea, eb;
    transport a, b;
    memory_pipe_ends(pipe, &ea, &eb, &a, &b);
    see_rng rng;
    rng_init_seeded(&rng, "headers", 7);
    record_layer_init(rl, &b, &rng, NULL, TRACE_SERVER);
    CU_ASSERT_EQUAL(transport_write(&a, wire, sizeof wire), SEE_OK);
    uint8_t type;
    const uint8_t *data;
    size_t len;
    CU_ASSERT_EQUAL(record_next(rl, &type, &data, &len), SEE_OK);
    CU_ASSERT_EQUAL(type, TLS_CONTENT_HANDSHAKE);
    CU_ASSERT_EQUAL(len, TLS_HANDSHAKE_HEADER_SIZE);
    CU_ASSERT_EQUAL(record_next(rl, &type, &data, &len), SEE_ERR_TLS_RECORD_TYPE);
    record_layer_wipe(rl);
    memory_pipe_destroy(pipe);
    free(pipe);
    free(rl);
}

/* ------------------------------------------------------ record_mac --- */

/* The MAC of 6.2.3.1, recomputed with libsodium over the pseudo-header
 * seq_num(8) type(1) version(2) length(2), at a sequence number that is
 * not 0. */
static void test_record_mac_known_answer(void)
{
    uint8_t i_key[32], c_key[16], data[40];
    for (size_t i = 0; i < sizeof i_key; i++)
        i_key[i] = (uint8_t)(0x40 + i);
    memset(c_key, 0x43, sizeof c_key);
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(i * 7);
    record_cipher c;
    record_cipher_set(&c, i_key, c_key, 0);
    c.seq = 0x0102030405060708u;
    uint8_t mac[TLS_RECORD_MAC_SIZE], expected[32];
    record_mac(&c, TLS_CONTENT_APPLICATION_DATA, TLS_VERSION_1_2, data, sizeof data, mac);

    static const uint8_t pseudo[13] = { 1, 2, 3, 4, 5, 6, 7, 8, 23, 3, 3, 0, 40 };
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, i_key, sizeof i_key);
    crypto_auth_hmacsha256_update(&st, pseudo, sizeof pseudo);
    crypto_auth_hmacsha256_update(&st, data, sizeof data);
    crypto_auth_hmacsha256_final(&st, expected);
    CU_ASSERT_EQUAL(memcmp(mac, expected, sizeof mac), 0);

    /* the next sequence number, another MAC */
    c.seq++;
    record_mac(&c, TLS_CONTENT_APPLICATION_DATA, TLS_VERSION_1_2, data, sizeof data, mac);
    CU_ASSERT_NOT_EQUAL(memcmp(mac, expected, sizeof mac), 0);
    record_cipher_wipe(&c);
}

/* ------------------------------------------------------------ tap --- */

typedef struct {
    uint8_t seen[64];
    size_t seen_len;
    int writes;
    int flip;          /* flip the first byte of the writes from then on */
} watcher;

static void watch_read(void *ctx, const uint8_t *buf, size_t len)
{
    watcher *w = ctx;
    memcpy(w->seen + w->seen_len, buf, len);
    w->seen_len += len;
}

static see_status meddle(void *ctx, const transport *inner, const uint8_t *buf,
                         size_t len)
{
    watcher *w = ctx;
    uint8_t copy[16];
    CU_ASSERT_FATAL(len <= sizeof copy);
    memcpy(copy, buf, len);
    if (w->flip)
        copy[0] ^= 0x01;
    w->writes++;
    return transport_write(inner, copy, len);
}

static void test_tap_shows_reads_and_meddles_with_writes(void)
{
    memory_pipe *pipe = malloc(sizeof *pipe);
    CU_ASSERT_FATAL(pipe != NULL);
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(pipe, 1000), SEE_OK);
    pipe_end ea, eb;
    transport a, b, tapped;
    memory_pipe_ends(pipe, &ea, &eb, &a, &b);
    watcher w = { .seen_len = 0 };
    transport_tap tap = { .inner = &a, .ctx = &w, .seen_read = watch_read,
                          .write = meddle };
    transport_tapped(&tapped, &tap);

    /* writes: through the hook, changed when it says so */
    CU_ASSERT_EQUAL(transport_write(&tapped, (const uint8_t *)"abc", 3), SEE_OK);
    w.flip = 1;
    CU_ASSERT_EQUAL(transport_write(&tapped, (const uint8_t *)"abc", 3), SEE_OK);
    CU_ASSERT_EQUAL(w.writes, 2);
    uint8_t got[8];
    CU_ASSERT_EQUAL(transport_read_exact(&b, got, 6), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(got, "abc`bc", 6), 0);

    /* reads: passed on and shown, in order */
    CU_ASSERT_EQUAL(transport_write(&b, (const uint8_t *)"xyz", 3), SEE_OK);
    CU_ASSERT_EQUAL(transport_read_exact(&tapped, got, 3), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(got, "xyz", 3), 0);
    CU_ASSERT_EQUAL(w.seen_len, 3);
    CU_ASSERT_EQUAL(memcmp(w.seen, "xyz", 3), 0);

    /* no hooks: a plain pass-through; close reaches the inner transport */
    transport_tap plain = { .inner = &a };
    transport through;
    transport_tapped(&through, &plain);
    CU_ASSERT_EQUAL(transport_write(&through, (const uint8_t *)"q", 1), SEE_OK);
    CU_ASSERT_EQUAL(transport_read_exact(&b, got, 1), SEE_OK);
    CU_ASSERT_EQUAL(got[0], 'q');
    transport_close(&through);
    size_t n;
    CU_ASSERT_EQUAL(transport_read(&b, got, sizeof got, &n), SEE_ERR_TLS_CLOSED);
    memory_pipe_destroy(pipe);
    free(pipe);
}

static CU_TestInfo tests[] = {
    {"record header: known answers", test_record_header_known_answer},
    {"record header: every truncation", test_record_header_truncated},
    {"record header: every type and major version", test_record_header_types_and_versions},
    {"handshake message header: known answer, truncations", test_message_header_known_answer},
    {"record MAC: known answer", test_record_mac_known_answer},
    {"the layer reads what the decoders read", test_layer_reads_what_the_decoders_read},
    {"tap: reads shown, writes meddled with, close passed on",
     test_tap_shows_reads_and_meddles_with_writes},
    CU_TEST_INFO_NULL,
};

int main(void) { return run_suite("record headers", tests); }
