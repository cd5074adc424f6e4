/*
 * test_record.c: the TLS 1.2 record layer (RFC 5246 section 6, RFC 7366).
 *
 * Known answers: every protected record is rebuilt independently in the
 * test, straight from the RFC's formulas, with libsodium's HMAC-SHA256 and
 * AES-CBC done block by block, and must match byte for byte. Then: every
 * single bit flip is bad_record_mac, replayed and reordered records fail,
 * bad padding under a good MAC fails the same way, long padding is
 * accepted, the length limits hold, and the layer reads records however
 * the bytes are split and assembles handshake messages across records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypto/aes.h"
#include "core/util.h"
#include "handshake/record.h"
#include "tests/script_transport.h"
#include "tests/unit/harness.h"

static const uint8_t I_KEY[32] = { 0x49, 0x5f, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
static const uint8_t C_KEY[16] = { 0x43, 0x5f, 0x42, 0xaa, 0xbb, 0xcc };

static void fill(uint8_t *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(seed + i * 13);
}

static void sodium_mac(const uint8_t *pseudo13, const uint8_t *a, size_t a_len,
                       uint8_t out[32])
{
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, I_KEY, sizeof I_KEY);
    crypto_auth_hmacsha256_update(&st, pseudo13, 13);
    crypto_auth_hmacsha256_update(&st, a, a_len);
    crypto_auth_hmacsha256_final(&st, out);
}

static void pseudo_header(uint8_t p[13], uint64_t seq, uint8_t type, size_t len)
{
    see_store64_be(p, seq);
    p[8] = type;
    p[9] = 3;
    p[10] = 3;
    p[11] = (uint8_t)(len >> 8);
    p[12] = (uint8_t)len;
}

/* CBC by hand: C_i = E(K, P_i xor C_{i-1}), C_0 = IV (SP 800-38A 6.2). */
static void cbc_by_hand(const uint8_t iv[16], uint8_t *buf, size_t len)
{
    aes128_key k;
    aes128_set_key(&k, C_KEY);
    uint8_t prev[16];
    memcpy(prev, iv, 16);
    for (size_t off = 0; off < len; off += 16) {
        for (int i = 0; i < 16; i++)
            buf[off + i] ^= prev[i];
        aes128_encrypt_block(&k, buf + off, buf + off);
        memcpy(prev, buf + off, 16);
    }
}

/* The record RFC 5246 6.2.3.2 (etm 0) or RFC 7366 3 (etm 1) describes, with
 * the IV given; the minimal padding. Returns its length. */
static size_t expected_record(int etm, uint64_t seq, uint8_t type,
                              const uint8_t *content, size_t len,
                              const uint8_t iv[16], uint8_t *out)
{
    uint8_t pseudo[13];
    uint8_t *enc = out + 5 + 16;
    memcpy(enc, content, len);
    size_t n = len;
    if (!etm) {
        pseudo_header(pseudo, seq, type, len);
        sodium_mac(pseudo, content, len, enc + n);
        n += 32;
    }
    size_t pad = 15 - n % 16; /* padding_length: n + pad + 1 = 0 mod 16 */
    for (size_t i = 0; i <= pad; i++)
        enc[n + i] = (uint8_t)pad;
    n += pad + 1;
    cbc_by_hand(iv, enc, n);
    memcpy(out + 5, iv, 16);
    size_t fragment = 16 + n;
    if (etm) {
        pseudo_header(pseudo, seq, type, fragment);
        sodium_mac(pseudo, out + 5, fragment, out + 5 + fragment);
        fragment += 32;
    }
    out[0] = type;
    out[1] = 3;
    out[2] = 3;
    out[3] = (uint8_t)(fragment >> 8);
    out[4] = (uint8_t)fragment;
    return 5 + fragment;
}

static uint8_t rec[TLS_RECORD_HEADER_SIZE + TLS_MAX_CIPHERTEXT];
static uint8_t want[TLS_RECORD_HEADER_SIZE + TLS_MAX_CIPHERTEXT];
static uint8_t plain[TLS_MAX_CIPHERTEXT];
static uint8_t content[TLS_MAX_PLAINTEXT + 1];

static void test_known_answers_both_modes(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_record", 11);
    static const size_t lens[] = { 0, 1, 15, 16, 17, 31, 32, 47, 48, 100, 1000, TLS_MAX_PLAINTEXT };
    for (int etm = 0; etm <= 1; etm++) {
        record_cipher w, r;
        record_cipher_set(&w, I_KEY, C_KEY, etm);
        record_cipher_set(&r, I_KEY, C_KEY, etm);
        for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
            size_t len = lens[i];
            fill(content, len, (unsigned)(i + 7 * etm));
            size_t n;
            uint64_t seq = w.seq;
            CU_ASSERT_EQUAL_FATAL(record_protect(&w, &rng, TLS_CONTENT_APPLICATION_DATA,
                                                 TLS_VERSION_1_2, content, len, rec,
                                                 sizeof rec, &n), SEE_OK);
            size_t wn = expected_record(etm, seq, TLS_CONTENT_APPLICATION_DATA,
                                        content, len, rec + 5, want);
            CU_ASSERT_EQUAL(n, wn);
            CU_ASSERT_EQUAL(memcmp(rec, want, wn), 0);
            CU_ASSERT_EQUAL(w.seq, seq + 1);

            size_t got;
            CU_ASSERT_EQUAL(record_unprotect(&r, rec[0], TLS_VERSION_1_2, rec + 5,
                                             n - 5, plain, sizeof plain, &got), SEE_OK);
            CU_ASSERT_EQUAL(got, len);
            CU_ASSERT_EQUAL(memcmp(plain, content, len), 0);
        }
    }
}

static void test_null_cipher_is_plain(void)
{
    record_cipher c;
    record_cipher_init_null(&c);
    size_t n;
    CU_ASSERT_EQUAL(record_protect(&c, NULL, TLS_CONTENT_HANDSHAKE, TLS_VERSION_1_2,
                                   (const uint8_t *)"\x01\x00\x00\x00", 4, rec,
                                   sizeof rec, &n), SEE_OK);
    ASSERT_HEX_EQ(rec, n, "160303000401000000");
    CU_ASSERT_EQUAL(c.seq, 0);
}

/* Protect one short record and check that flipping any single bit of its
 * fragment, or of the type or version it is checked under, fails. */
static void test_every_bit_flip(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "flip", 4);
    for (int etm = 0; etm <= 1; etm++) {
        record_cipher w, r;
        record_cipher_set(&w, I_KEY, C_KEY, etm);
        fill(content, 37, 1);
        size_t n;
        CU_ASSERT_EQUAL_FATAL(record_protect(&w, &rng, TLS_CONTENT_APPLICATION_DATA,
                                             TLS_VERSION_1_2, content, 37, rec,
                                             sizeof rec, &n), SEE_OK);
        int failures = 0;
        for (size_t bit = 0; bit < (n - 5) * 8; bit++) {
            record_cipher_set(&r, I_KEY, C_KEY, etm);
            rec[5 + bit / 8] ^= (uint8_t)(1u << (bit % 8));
            size_t got;
            see_status st = record_unprotect(&r, TLS_CONTENT_APPLICATION_DATA,
                                             TLS_VERSION_1_2, rec + 5, n - 5,
                                             plain, sizeof plain, &got);
            failures += st == SEE_ERR_TLS_BAD_RECORD_MAC;
            rec[5 + bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
        CU_ASSERT_EQUAL(failures, (int)((n - 5) * 8));

        size_t got;
        record_cipher_set(&r, I_KEY, C_KEY, etm);
        CU_ASSERT_EQUAL(record_unprotect(&r, TLS_CONTENT_HANDSHAKE, TLS_VERSION_1_2,
                                         rec + 5, n - 5, plain, sizeof plain, &got),
                        SEE_ERR_TLS_BAD_RECORD_MAC);
        CU_ASSERT_EQUAL(record_unprotect(&r, TLS_CONTENT_APPLICATION_DATA, 0x0302,
                                         rec + 5, n - 5, plain, sizeof plain, &got),
                        SEE_ERR_TLS_BAD_RECORD_MAC);
        /* A truncated fragment (a block short) fails too. */
        CU_ASSERT_EQUAL(record_unprotect(&r, TLS_CONTENT_APPLICATION_DATA,
                                         TLS_VERSION_1_2, rec + 5, n - 5 - 16,
                                         plain, sizeof plain, &got),
                        SEE_ERR_TLS_BAD_RECORD_MAC);
        /* And the untouched record still verifies under seq 0. */
        CU_ASSERT_EQUAL(record_unprotect(&r, TLS_CONTENT_APPLICATION_DATA,
                                         TLS_VERSION_1_2, rec + 5, n - 5, plain,
                                         sizeof plain, &got), SEE_OK);
    }
}

static void test_replay_and_reorder(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "replay", 6);
    for (int etm = 0; etm <= 1; etm++) {
        record_cipher w, r;
        record_cipher_set(&w, I_KEY, C_KEY, etm);
        record_cipher_set(&r, I_KEY, C_KEY, etm);
        uint8_t r0[200], r1[200];
        size_t n0, n1, got;
        CU_ASSERT_EQUAL(record_protect(&w, &rng, 23, TLS_VERSION_1_2,
                                       (const uint8_t *)"first", 5, r0, sizeof r0, &n0), SEE_OK);
        CU_ASSERT_EQUAL(record_protect(&w, &rng, 23, TLS_VERSION_1_2,
                                       (const uint8_t *)"second", 6, r1, sizeof r1, &n1), SEE_OK);
        /* Reordered: record 1 arrives first, under seq 0. */
        CU_ASSERT_EQUAL(record_unprotect(&r, 23, TLS_VERSION_1_2, r1 + 5, n1 - 5,
                                         plain, sizeof plain, &got), SEE_ERR_TLS_BAD_RECORD_MAC);
        CU_ASSERT_EQUAL(r.seq, 0);
        CU_ASSERT_EQUAL(record_unprotect(&r, 23, TLS_VERSION_1_2, r0 + 5, n0 - 5,
                                         plain, sizeof plain, &got), SEE_OK);
        /* Replayed: record 0 again, now under seq 1. */
        CU_ASSERT_EQUAL(record_unprotect(&r, 23, TLS_VERSION_1_2, r0 + 5, n0 - 5,
                                         plain, sizeof plain, &got), SEE_ERR_TLS_BAD_RECORD_MAC);
        CU_ASSERT_EQUAL(record_unprotect(&r, 23, TLS_VERSION_1_2, r1 + 5, n1 - 5,
                                         plain, sizeof plain, &got), SEE_OK);
        CU_ASSERT_EQUAL(got, 6);
        CU_ASSERT_EQUAL(memcmp(plain, "second", 6), 0);
    }
}

/* A MAC-then-encrypt record built by hand with the given padding bytes
 * after content + MAC (the MAC always right), then encrypted. */
static size_t handmade_mte(const uint8_t *padding, size_t pad_len, size_t len,
                           size_t declared_len)
{
    static const uint8_t iv[16] = { 9, 8, 7 };
    uint8_t pseudo[13];
    uint8_t *enc = rec + 5 + 16;
    fill(content, len, 3);
    memcpy(enc, content, len);
    pseudo_header(pseudo, 0, 23, declared_len);
    sodium_mac(pseudo, content, declared_len, enc + declared_len);
    memcpy(enc + len + 32, padding, pad_len);
    size_t n = len + 32 + pad_len;
    cbc_by_hand(iv, enc, n);
    memcpy(rec + 5, iv, 16);
    return 16 + n;
}

static void test_padding_under_good_mac(void)
{
    record_cipher r;
    size_t got;
    uint8_t pad[256];

    /* Long padding (RFC 5246 6.2.3.2 allows up to 255 bytes): accepted. */
    memset(pad, 0x4f, 0x50); /* padding_length 0x4f: 0x50 bytes */
    size_t n = handmade_mte(pad, 0x50, 16, 16);
    record_cipher_set(&r, I_KEY, C_KEY, 0);
    CU_ASSERT_EQUAL(record_unprotect(&r, 23, TLS_VERSION_1_2, rec + 5, n, plain,
                                     sizeof plain, &got), SEE_OK);
    CU_ASSERT_EQUAL(got, 16);

    /* One wrong padding byte, the MAC over the content right. */
    memset(pad, 0x0f, 16);
    pad[3] = 0x0e;
    n = handmade_mte(pad, 16, 16, 16);
    record_cipher_set(&r, I_KEY, C_KEY, 0);
    CU_ASSERT_EQUAL(record_unprotect(&r, 23, TLS_VERSION_1_2, rec + 5, n, plain,
                                     sizeof plain, &got), SEE_ERR_TLS_BAD_RECORD_MAC);

    /* padding_length larger than the record. */
    memset(pad, 0xff, 16);
    n = handmade_mte(pad, 16, 16, 16);
    record_cipher_set(&r, I_KEY, C_KEY, 0);
    CU_ASSERT_EQUAL(record_unprotect(&r, 23, TLS_VERSION_1_2, rec + 5, n, plain,
                                     sizeof plain, &got), SEE_ERR_TLS_BAD_RECORD_MAC);

    /* Content of 2^14 + 1 bytes with a good MAC and padding: record_overflow. */
    memset(pad, 0x0e, 15);
    n = handmade_mte(pad, 15, TLS_MAX_PLAINTEXT + 1, TLS_MAX_PLAINTEXT + 1);
    record_cipher_set(&r, I_KEY, C_KEY, 0);
    CU_ASSERT_EQUAL(record_unprotect(&r, 23, TLS_VERSION_1_2, rec + 5, n, plain,
                                     sizeof plain, &got), SEE_ERR_TLS_RECORD_OVERFLOW);
}

static void test_length_limits(void)
{
    record_cipher c;
    size_t n;
    record_cipher_set(&c, I_KEY, C_KEY, 0);
    CU_ASSERT_EQUAL(record_protect(&c, NULL, 23, TLS_VERSION_1_2, content,
                                   TLS_MAX_PLAINTEXT + 1, rec, sizeof rec, &n),
                    SEE_ERR_TLS_RECORD_OVERFLOW);
    CU_ASSERT_EQUAL(record_protect(&c, NULL, 23, TLS_VERSION_1_2, content, 100,
                                   rec, 100, &n), SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(record_unprotect(&c, 23, TLS_VERSION_1_2, want, TLS_MAX_CIPHERTEXT + 1,
                                     rec, sizeof rec, &n), SEE_ERR_TLS_RECORD_OVERFLOW);
    CU_ASSERT_EQUAL(record_unprotect(&c, 23, TLS_VERSION_1_2, want, 100, rec, 99, &n),
                    SEE_ERR_BUFFER_SMALL);
    /* The smallest fragments: not even an IV and a block. */
    for (size_t len = 0; len < 64; len++)
        CU_ASSERT_EQUAL(record_unprotect(&c, 23, TLS_VERSION_1_2, rec, len, plain,
                                         sizeof plain, &n), SEE_ERR_TLS_BAD_RECORD_MAC);
    c.seq = UINT64_MAX;
    CU_ASSERT_EQUAL(record_protect(&c, NULL, 23, TLS_VERSION_1_2, content, 1,
                                   rec, sizeof rec, &n), SEE_ERR_TLS_SEQ_EXHAUSTED);
    record_cipher_init_null(&c);
    CU_ASSERT_EQUAL(record_unprotect(&c, 23, TLS_VERSION_1_2, rec, TLS_MAX_PLAINTEXT + 1,
                                     plain, sizeof plain, &n), SEE_ERR_TLS_RECORD_OVERFLOW);
}

/* ------------------------------------------------ the layer on a pipe --- */

typedef struct {
    memory_pipe pipe;
    pipe_end ea, eb;
    transport a, b;
    record_layer *wl, *rl;
    see_rng rng;
} pair;

static void pair_open(pair *p, int protect, int etm)
{
    CU_ASSERT_EQUAL_FATAL(memory_pipe_init(&p->pipe, 1000), SEE_OK);
    memory_pipe_ends(&p->pipe, &p->ea, &p->eb, &p->a, &p->b);
    p->wl = malloc(sizeof *p->wl);
    p->rl = malloc(sizeof *p->rl);
    CU_ASSERT_FATAL(p->wl != NULL && p->rl != NULL);
    rng_init_seeded(&p->rng, "pair", 4);
    record_layer_init(p->wl, &p->a, &p->rng, NULL, TRACE_CLIENT);
    record_layer_init(p->rl, &p->b, &p->rng, NULL, TRACE_SERVER);
    if (protect) {
        record_cipher_set(&p->wl->write, I_KEY, C_KEY, etm);
        record_cipher_set(&p->rl->read, I_KEY, C_KEY, etm);
    }
}

static void pair_close(pair *p)
{
    record_layer_wipe(p->wl);
    record_layer_wipe(p->rl);
    free(p->wl);
    free(p->rl);
    memory_pipe_destroy(&p->pipe);
}

static void raw(pair *p, const char *hex)
{
    size_t n;
    uint8_t *bytes = hex_alloc(hex, &n);
    CU_ASSERT_EQUAL(transport_write(&p->a, bytes, n), SEE_OK);
    free(bytes);
}

static void test_layer_fragments_and_partial_reads(void)
{
    for (int protect = 0; protect <= 1; protect++) {
        pair p;
        pair_open(&p, protect, 1);
        p.pipe.max_chunk = 3; /* every transport read is partial */
        size_t big = 2 * TLS_MAX_PLAINTEXT + 5;
        static uint8_t data[2 * TLS_MAX_PLAINTEXT + 5];
        fill(data, big, 77);
        CU_ASSERT_EQUAL(record_write(p.wl, 23, data, big), SEE_OK);
        size_t total = 0, records = 0;
        while (total < big) {
            uint8_t t;
            const uint8_t *c;
            size_t n;
            CU_ASSERT_EQUAL_FATAL(record_read(p.rl, &t, &c, &n), SEE_OK);
            CU_ASSERT_EQUAL(t, 23);
            CU_ASSERT(n <= TLS_MAX_PLAINTEXT);
            CU_ASSERT_EQUAL(memcmp(c, data + total, n), 0);
            total += n;
            records++;
        }
        CU_ASSERT_EQUAL(records, 3);
        if (protect)
            CU_ASSERT_EQUAL(p.rl->read.seq, 3);
        CU_ASSERT_EQUAL(record_write(p.wl, 22, data, 0), SEE_ERR_ARGUMENT);
        pair_close(&p);
    }
}

static void test_layer_handshake_assembly(void)
{
    pair p;
    pair_open(&p, 0, 0);
    /* Two messages in one record, then one split over three records. */
    raw(&p, "16030300" "0b" "0e000000" "14000003aabbcc");
    raw(&p, "1603030002" "0b00" "1603030003" "0005de" "1603030004" "adbeef01");
    uint8_t t;
    const uint8_t *m;
    size_t n;
    CU_ASSERT_EQUAL(record_next(p.rl, &t, &m, &n), SEE_OK);
    CU_ASSERT_EQUAL(t, 22);
    ASSERT_HEX_EQ(m, n, "0e000000");
    CU_ASSERT_EQUAL(record_next(p.rl, &t, &m, &n), SEE_OK);
    ASSERT_HEX_EQ(m, n, "14000003aabbcc");
    CU_ASSERT_EQUAL(record_next(p.rl, &t, &m, &n), SEE_OK);
    ASSERT_HEX_EQ(m, n, "0b000005deadbeef01");
    CU_ASSERT_FALSE(record_handshake_pending(p.rl));

    /* A ChangeCipherSpec after a whole message is fine... */
    raw(&p, "140303000101");
    CU_ASSERT_EQUAL(record_next(p.rl, &t, &m, &n), SEE_OK);
    CU_ASSERT_EQUAL(t, 20);
    ASSERT_HEX_EQ(m, n, "01");
    /* ...but not in the middle of one. */
    raw(&p, "16030300020b00" "140303000101");
    CU_ASSERT_EQUAL(record_next(p.rl, &t, &m, &n), SEE_ERR_TLS_UNEXPECTED_MESSAGE);
    pair_close(&p);

    /* A body one byte longer than the longest legal ClientHello (131,397
     * bytes) is refused from its header alone. */
    pair_open(&p, 0, 0);
    raw(&p, "16030300040b020145");
    CU_ASSERT_EQUAL(record_next(p.rl, &t, &m, &n), SEE_ERR_TLS_MESSAGE_TOO_LONG);
    pair_close(&p);
}

static void expect_read_error(const char *hex, int locked, see_status expected)
{
    pair p;
    pair_open(&p, 0, 0);
    p.rl->version_locked = locked;
    raw(&p, hex);
    uint8_t t;
    const uint8_t *c;
    size_t n;
    CU_ASSERT_EQUAL(record_read(p.rl, &t, &c, &n), expected);
    pair_close(&p);
}

static void test_layer_header_checks(void)
{
    expect_read_error("18030300010a", 0, SEE_ERR_TLS_RECORD_TYPE);
    expect_read_error("13030300010a", 0, SEE_ERR_TLS_RECORD_TYPE);
    expect_read_error("17020300010a", 0, SEE_ERR_TLS_RECORD_VERSION);
    expect_read_error("17030200010a", 1, SEE_ERR_TLS_RECORD_VERSION);
    expect_read_error("1603030000", 0, SEE_ERR_TLS_RECORD_EMPTY);
    expect_read_error("1503030000", 0, SEE_ERR_TLS_RECORD_EMPTY);
    expect_read_error("1703034001", 0, SEE_ERR_TLS_RECORD_OVERFLOW);
    expect_read_error("170303", 0, SEE_ERR_TIMEOUT);
    /* Before the hellos any 03 xx record version is read (RFC 5246 E.1). */
    expect_read_error("16030100010a", 0, SEE_OK);
    expect_read_error("1703030000", 0, SEE_OK); /* empty application data */

    /* Protected: up to 2^14 + 2048 is read (and fails the MAC here). */
    pair p;
    pair_open(&p, 1, 0);
    uint8_t hdr[5] = { 23, 3, 3, 0x48, 0x01 }; /* 18433 */
    CU_ASSERT_EQUAL(transport_write(&p.a, hdr, 5), SEE_OK);
    uint8_t t;
    const uint8_t *c;
    size_t n;
    CU_ASSERT_EQUAL(record_read(p.rl, &t, &c, &n), SEE_ERR_TLS_RECORD_OVERFLOW);
    pair_close(&p);
}

typedef struct {
    int count;
    uint8_t seqs[4][8];
    trace_party who[4];
    char explain[4][200];
} seq_log;

/* The writer's SEQ, the reader's MAC CHECK (issue 15: it was a second SEQ,
 * in the sender's name): each with its sequence number. */
static void log_seq(void *ctx, const trace_event *e)
{
    seq_log *log = ctx;
    if ((strcmp(e->name, "SEQ") == 0 || strcmp(e->name, "MAC CHECK") == 0) &&
        log->count < 4 && e->len == 8) {
        memcpy(log->seqs[log->count], e->bytes, 8);
        snprintf(log->explain[log->count], sizeof log->explain[0], "%s", e->explain);
        log->who[log->count++] = e->sender;
    }
}

static void test_layer_traces_sequence_numbers(void)
{
    pair p;
    pair_open(&p, 1, 0);
    seq_log wlog = { 0 }, rlog = { 0 };
    tracer wt, rt;
    trace_init(&wt, log_seq, &wlog);
    trace_init(&rt, log_seq, &rlog);
    p.wl->trace = &wt;
    p.rl->trace = &rt;
    CU_ASSERT_EQUAL(record_write(p.wl, 23, (const uint8_t *)"a", 1), SEE_OK);
    CU_ASSERT_EQUAL(record_write(p.wl, 23, (const uint8_t *)"b", 1), SEE_OK);
    uint8_t t;
    const uint8_t *c;
    size_t n;
    CU_ASSERT_EQUAL(record_read(p.rl, &t, &c, &n), SEE_OK);
    CU_ASSERT_EQUAL(record_read(p.rl, &t, &c, &n), SEE_OK);
    CU_ASSERT_EQUAL(wlog.count, 2);
    CU_ASSERT_EQUAL(rlog.count, 2);
    ASSERT_HEX_EQ(wlog.seqs[1], 8, "0000000000000001");
    ASSERT_HEX_EQ(rlog.seqs[0], 8, "0000000000000000");
    CU_ASSERT_EQUAL(wlog.who[0], TRACE_CLIENT);
    CU_ASSERT_EQUAL(rlog.who[0], TRACE_SERVER); /* the reader checks the MAC */
    CU_ASSERT_STRING_EQUAL(rlog.explain[1],
                           "seq 1: HMAC-SHA256(I_B, seq + header + plaintext) = its "
                           "MAC: good");
    pair_close(&p);
}

/* A record whose MAC fails is traced as such, with its sequence number,
 * before the error returns (demo-handshake --tamper shows it). */
static void test_layer_traces_a_failed_mac_check(void)
{
    for (int etm = 0; etm <= 1; etm++) {
        pair p;
        pair_open(&p, 1, etm);
        seq_log rlog = { 0 };
        tracer rt;
        trace_init(&rt, log_seq, &rlog);
        p.rl->trace = &rt;
        CU_ASSERT_EQUAL(record_write(p.wl, 23, (const uint8_t *)"a", 1), SEE_OK);
        CU_ASSERT_EQUAL(record_write(p.wl, 23, (const uint8_t *)"b", 1), SEE_OK);
        uint8_t t;
        const uint8_t *c;
        size_t n;
        CU_ASSERT_EQUAL(record_read(p.rl, &t, &c, &n), SEE_OK);
        /* the second record, its last byte (MAC or padding) flipped */
        uint8_t wire[200];
        size_t len = memory_pipe_pending(&p.pipe.a_to_b);
        CU_ASSERT_FATAL(len <= sizeof wire);
        CU_ASSERT_EQUAL_FATAL(transport_read_exact(&p.b, wire, len), SEE_OK);
        wire[len - 1] ^= 0x01;
        CU_ASSERT_EQUAL_FATAL(transport_write(&p.a, wire, len), SEE_OK);
        CU_ASSERT_EQUAL(record_read(p.rl, &t, &c, &n), SEE_ERR_TLS_BAD_RECORD_MAC);
        CU_ASSERT_EQUAL(rlog.count, 2);
        ASSERT_HEX_EQ(rlog.seqs[1], 8, "0000000000000001");
        CU_ASSERT_PTR_NOT_NULL(strstr(rlog.explain[1], "seq 1: HMAC-SHA256(I_B, "));
        CU_ASSERT_PTR_NOT_NULL(strstr(rlog.explain[1],
                                      "!= its MAC: FAILED (bad_record_mac)"));
        pair_close(&p);
    }
}

/* A read that times out in the middle of a record loses nothing. */
static void test_layer_timeout_resumes(void)
{
    for (int protect = 0; protect <= 1; protect++) {
        pair p;
        pair_open(&p, protect, 0);
        p.pipe.timeout_ms = 20;
        CU_ASSERT_EQUAL(record_write(p.wl, 23, (const uint8_t *)"resume me", 9), SEE_OK);
        /* Take the whole record off the pipe, then feed it in three parts. */
        uint8_t whole[200];
        size_t n = memory_pipe_pending(&p.pipe.a_to_b), got;
        CU_ASSERT_EQUAL_FATAL(transport_read_exact(&p.b, whole, n), SEE_OK);
        pair q;
        pair_open(&q, protect, 0);
        q.pipe.timeout_ms = 20;
        uint8_t t;
        const uint8_t *c;
        size_t cuts[] = { 0, 3, 11, n };
        for (int i = 0; i < 3; i++) {
            CU_ASSERT_EQUAL(transport_write(&q.a, whole + cuts[i], cuts[i + 1] - cuts[i]), SEE_OK);
            see_status st = record_read(q.rl, &t, &c, &got);
            CU_ASSERT_EQUAL(st, i < 2 ? SEE_ERR_TIMEOUT : SEE_OK);
        }
        CU_ASSERT_EQUAL(got, 9);
        CU_ASSERT_EQUAL(memcmp(c, "resume me", 9), 0);
        pair_close(&p);
        pair_close(&q);
    }
}

/* RFC 5246 6.2.1: "Data of different TLS record layer content types MAY
 * be interleaved": an alert (or application data) between two fragments of
 * a handshake message is returned, and the message still assembles. */
static void test_layer_alert_between_fragments(void)
{
    pair p;
    pair_open(&p, 0, 0);
    raw(&p, "16030300020b00" "1503030002015a" "170303000178"
            "16030300040002abcd");
    uint8_t t;
    const uint8_t *m;
    size_t n;
    CU_ASSERT_EQUAL(record_next(p.rl, &t, &m, &n), SEE_OK);
    CU_ASSERT_EQUAL(t, TLS_CONTENT_ALERT);
    ASSERT_HEX_EQ(m, n, "015a"); /* warning user_canceled */
    CU_ASSERT_TRUE(record_handshake_pending(p.rl));
    CU_ASSERT_EQUAL(record_next(p.rl, &t, &m, &n), SEE_OK);
    CU_ASSERT_EQUAL(t, TLS_CONTENT_APPLICATION_DATA);
    ASSERT_HEX_EQ(m, n, "78");
    CU_ASSERT_EQUAL(record_next(p.rl, &t, &m, &n), SEE_OK);
    CU_ASSERT_EQUAL(t, TLS_CONTENT_HANDSHAKE);
    ASSERT_HEX_EQ(m, n, "0b000002abcd");
    CU_ASSERT_FALSE(record_handshake_pending(p.rl));
    /* a fatal alert between fragments reaches the caller as well */
    raw(&p, "16030300010b" "1503030002022a");
    CU_ASSERT_EQUAL(record_next(p.rl, &t, &m, &n), SEE_OK);
    CU_ASSERT_EQUAL(t, TLS_CONTENT_ALERT);
    ASSERT_HEX_EQ(m, n, "022a"); /* fatal bad_certificate */
    CU_ASSERT_TRUE(record_handshake_pending(p.rl));
    pair_close(&p);
}

/* Warning alerts and empty application data records: TLS_MAX_IDLE_RECORDS
 * (32) in a row are read, the next one is refused; any other record, or a
 * non-empty one, starts the count again. */
static void read_idle(pair *p, int count, see_status last)
{
    for (int i = 0; i < count; i++) {
        raw(p, i % 2 ? "1503030002015a" : "1703030000");
        uint8_t t;
        const uint8_t *m;
        size_t n;
        see_status st = record_next(p->rl, &t, &m, &n);
        CU_ASSERT_EQUAL(st, i == count - 1 ? last : SEE_OK);
    }
}

static void test_layer_idle_record_limit(void)
{
    CU_ASSERT_EQUAL(TLS_MAX_IDLE_RECORDS, 32);
    uint8_t t;
    const uint8_t *m;
    size_t n;
    pair p;
    pair_open(&p, 0, 0);
    read_idle(&p, 32, SEE_OK);
    raw(&p, "170303000178"); /* one byte of data */
    CU_ASSERT_EQUAL(record_next(p.rl, &t, &m, &n), SEE_OK);
    read_idle(&p, 32, SEE_OK);
    raw(&p, "16030300040e000000"); /* a ServerHelloDone */
    CU_ASSERT_EQUAL(record_next(p.rl, &t, &m, &n), SEE_OK);
    read_idle(&p, 33, SEE_ERR_TLS_TOO_MANY_IDLE_RECORDS);
    pair_close(&p);

    /* Protected records count by their content: an encrypted empty record
     * is empty. */
    pair_open(&p, 1, 1);
    for (int i = 0; i <= TLS_MAX_IDLE_RECORDS; i++) {
        CU_ASSERT_EQUAL(record_write(p.wl, TLS_CONTENT_APPLICATION_DATA, NULL, 0), SEE_OK);
        CU_ASSERT_EQUAL(record_next(p.rl, &t, &m, &n),
                        i < TLS_MAX_IDLE_RECORDS ? SEE_OK : SEE_ERR_TLS_TOO_MANY_IDLE_RECORDS);
    }
    pair_close(&p);
}

/* The two tests below use a script (tests/script_transport.h): one buffer
 * of any size, unlike the pipe, read in pieces of at most chunk bytes. */

/* Handshake messages of up to 131,396 bytes of body are assembled, however
 * they are cut into records. */
static void test_layer_large_message(void)
{
    size_t body = 131396, total = 4 + body; /* the longest ClientHello */
    CU_ASSERT_EQUAL(TLS_MAX_HANDSHAKE_MESSAGE, body);
    size_t records = (total + TLS_MAX_PLAINTEXT - 1) / TLS_MAX_PLAINTEXT;
    uint8_t *msg = malloc(total);
    CU_ASSERT_FATAL(msg != NULL);
    see_store32_be(msg, (uint32_t)body); /* the length in bytes 1..3 */
    msg[0] = 1;                          /* ClientHello */
    fill(msg + 4, body, 7);
    script s;
    transport t;
    script_init(&s, &t);
    s.chunk = 1000;
    script_say_message(&s, msg, total, TLS_MAX_PLAINTEXT);
    CU_ASSERT_EQUAL(s.in_len, total + 5 * records);
    record_layer *rl = malloc(sizeof *rl);
    CU_ASSERT_FATAL(rl != NULL);
    record_layer_init(rl, &t, NULL, NULL, TRACE_SERVER);
    uint8_t type;
    const uint8_t *m;
    size_t n;
    CU_ASSERT_EQUAL(record_next(rl, &type, &m, &n), SEE_OK);
    CU_ASSERT_EQUAL(type, TLS_CONTENT_HANDSHAKE);
    CU_ASSERT_EQUAL(n, total);
    CU_ASSERT_EQUAL(memcmp(m, msg, total), 0);
    free(rl);
    free(msg);
    script_free(&s);
}

/* Once a write has failed (here a timeout), part of a record may be on the
 * wire: every later write returns that failure, and the transport is not
 * touched again. */
static void test_layer_failed_write_sticks(void)
{
    script s;
    transport t;
    script_play(&s, &t, NULL, 0, 1);
    s.fail_with = SEE_ERR_TIMEOUT;
    record_layer *rl = malloc(sizeof *rl);
    CU_ASSERT_FATAL(rl != NULL);
    see_rng rng;
    rng_init_seeded(&rng, "w", 1);
    record_layer_init(rl, &t, &rng, NULL, TRACE_CLIENT);
    CU_ASSERT_EQUAL(record_write(rl, 23, (const uint8_t *)"a", 1), SEE_ERR_TIMEOUT);
    CU_ASSERT_EQUAL(rl->write_failed, SEE_ERR_TIMEOUT);
    s.fail_with = SEE_OK;
    CU_ASSERT_EQUAL(record_write(rl, 23, (const uint8_t *)"b", 1), SEE_ERR_TIMEOUT);
    CU_ASSERT_EQUAL(record_write(rl, 21, (const uint8_t *)"\x01\x00", 2), SEE_ERR_TIMEOUT);
    CU_ASSERT_EQUAL(s.writes, 1);
    free(rl);
}

static CU_TestInfo tests[] = {
    { "layer: a timeout mid-record resumes", test_layer_timeout_resumes },
    { "protected records match an independent computation", test_known_answers_both_modes },
    { "the null cipher sends the content as it is", test_null_cipher_is_plain },
    { "every bit flip is bad_record_mac", test_every_bit_flip },
    { "replayed and reordered records fail the MAC", test_replay_and_reorder },
    { "padding under a good MAC: long accepted, bad refused", test_padding_under_good_mac },
    { "length limits and sequence exhaustion", test_length_limits },
    { "layer: fragments of 2^14, partial reads", test_layer_fragments_and_partial_reads },
    { "layer: handshake messages across and within records", test_layer_handshake_assembly },
    { "layer: header checks", test_layer_header_checks },
    { "layer: sequence numbers are traced", test_layer_traces_sequence_numbers },
    { "layer: a failed MAC check is traced", test_layer_traces_a_failed_mac_check },
    { "layer: alerts and data between fragments of a message", test_layer_alert_between_fragments },
    { "layer: at most 32 warning alerts or empty records in a row", test_layer_idle_record_limit },
    { "layer: handshake messages of 131,396 bytes", test_layer_large_message },
    { "layer: after a failed write nothing more is written", test_layer_failed_write_sticks },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    return run_suite("record", tests);
}
