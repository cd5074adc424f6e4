/*
 * test_page.c: what demo-handshake's --html page is made of
 * (demos/page_capture.h): the bytes each side wrote cut into whole records
 * however the writes split them, the traced values kept (and events the
 * page does not know ignored), and the protected records opened as their
 * receiver does, MAC-then-encrypt (RFC 5246 6.2.3.2) and Encrypt-then-MAC
 * (RFC 7366), read from the ServerHello: the content and the padding
 * found, the MAC recomputed and good, and bad after one bit flipped; and
 * AEAD records (AES-128-GCM, ChaCha20-Poly1305: RFC 5246 6.2.3.3) opened
 * through aead_open with the nonce built from IV_B and the sequence
 * number, their tag good, and bad (nothing decrypted) after a flip.
 * The records are made with the library's record_protect. Then the
 * annotation (demos/page_fields.h) of OpenSSL's own first flights
 * (vectors/tls12_openssl_hellos.txt: a ClientHello with extensions we do
 * not send, a certificate we did not make): its leaves tile each record's
 * content exactly, every byte explained; and after every truncation and
 * every bit flip they still tile it, what cannot be read in one leaf.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demos/page_capture.h"
#include "demos/page_fields.h"
#include "handshake/messages.h"
#include "handshake/record.h"
#include "tests/unit/harness.h"

static const uint8_t I_B[32] = { 0x49, 0x5f, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
static const uint8_t C_B[16] = { 0x43, 0x5f, 0x42, 0xaa, 0xbb, 0xcc };
static const char COMMAND[] = "forward 10 cm";

static void trace(page_capture *cap, trace_party sender, const char *name,
                  const uint8_t *bytes, size_t len)
{
    trace_event e = { 1, sender, name, bytes, len, "a test value" };
    page_capture_event(cap, &e);
}

/* One plaintext record of type with content[0..len) into out; its size. */
static size_t plain_record(uint8_t type, const uint8_t *content, size_t len, uint8_t *out,
                           size_t cap)
{
    record_cipher none;
    record_cipher_init_null(&none);
    size_t n = 0;
    CU_ASSERT_EQUAL(record_protect(&none, NULL, type, TLS_VERSION_1_2, content, len, out,
                                   cap, &n), SEE_OK);
    return n;
}

/* S's ServerHello choosing suite, with encrypt_then_mac or without, as S
 * writes it. */
static void write_server_hello_of(page_capture *cap, uint16_t suite, int etm)
{
    server_hello m;
    memset(&m, 0, sizeof m);
    m.server_version = TLS_VERSION_1_2;
    m.cipher_suite = suite;
    m.ext.encrypt_then_mac = etm;
    m.ext.extended_master_secret = 1;
    uint8_t msg[128], rec[160];
    writer w;
    writer_init(&w, msg, sizeof msg);
    CU_ASSERT_EQUAL_FATAL(server_hello_encode(&w, &m), SEE_OK);
    page_capture_write(cap, TRACE_SERVER, rec,
                       plain_record(TLS_CONTENT_HANDSHAKE, msg, w.len, rec, sizeof rec));
}

static void write_server_hello(page_capture *cap, int etm)
{
    write_server_hello_of(cap, TLS_RSA_WITH_AES_128_CBC_SHA256, etm);
}

/* B's ChangeCipherSpec, then n protected records of COMMAND; flip, if not
 * negative, is the byte whose lowest bit Eve flips in the second. */
static void client_records(page_capture *cap, int etm, int n, long flip)
{
    uint8_t rec[256];
    static const uint8_t ccs[1] = { 1 };
    page_capture_write(cap, TRACE_CLIENT, rec,
                       plain_record(TLS_CONTENT_CHANGE_CIPHER_SPEC, ccs, 1, rec, sizeof rec));
    record_cipher c;
    record_cipher_set(&c, I_B, C_B, etm);
    see_rng rng;
    rng_init_seeded(&rng, "page", 4);
    for (int i = 0; i < n; i++) {
        size_t len;
        CU_ASSERT_EQUAL_FATAL(record_protect(&c, &rng, TLS_CONTENT_APPLICATION_DATA,
                                             TLS_VERSION_1_2, (const uint8_t *)COMMAND,
                                             sizeof COMMAND - 1, rec, sizeof rec, &len),
                              SEE_OK);
        if (i == 1 && flip >= 0)
            rec[flip] ^= 1;
        page_capture_write(cap, TRACE_CLIENT, rec, len);
    }
    record_cipher_wipe(&c);
}

static void keys(page_capture *cap)
{
    trace(cap, TRACE_CLIENT, "I_B", I_B, sizeof I_B);
    trace(cap, TRACE_CLIENT, "C_B", C_B, sizeof C_B);
}

static void check_opened(const page_record *r, int etm, uint64_t seq, int good)
{
    CU_ASSERT(r->is_protected);
    CU_ASSERT(r->opened);
    CU_ASSERT_EQUAL(r->encrypt_then_mac, etm);
    CU_ASSERT_EQUAL(r->seq, seq);
    CU_ASSERT_EQUAL(r->mac_good, good);
    if (!good)
        return;
    CU_ASSERT(r->padding_good);
    CU_ASSERT_EQUAL(r->content_len, sizeof COMMAND - 1);
    CU_ASSERT_EQUAL(memcmp(r->decrypted, COMMAND, sizeof COMMAND - 1), 0);
    CU_ASSERT_EQUAL(r->content_len + r->padding_len + (etm ? 0 : TLS_RECORD_MAC_SIZE),
                    r->decrypted_len);
}

static void opened_both_ways(int etm)
{
    static page_capture cap;
    page_capture_init(&cap);
    write_server_hello(&cap, etm);
    keys(&cap);
    client_records(&cap, etm, 2, -1);
    page_capture_open(&cap);
    CU_ASSERT_EQUAL_FATAL(cap.record_count, 4);
    CU_ASSERT_EQUAL(page_server_hello_has(&cap, TLS_EXT_ENCRYPT_THEN_MAC), etm);
    CU_ASSERT(!cap.records[0].is_protected);
    CU_ASSERT(!cap.records[1].is_protected); /* the ChangeCipherSpec itself */
    check_opened(&cap.records[2], etm, 0, 1);
    check_opened(&cap.records[3], etm, 1, 1);
    page_capture_free(&cap);
}

static void test_mac_then_encrypt(void)
{
    opened_both_ways(0);
}

static void test_encrypt_then_mac(void)
{
    opened_both_ways(1);
}

/* Eve flips the last bit of the IV (demo-handshake --tamper): the MAC
 * check fails, whichever the protection. The first block's byte 15
 * changes in the same bit: with MAC-then-encrypt a byte of the MAC (13
 * bytes of content, then the MAC); with Encrypt-then-MAC the last padding
 * byte (13 + 3), so the padding is bad too, and the MAC, checked first,
 * says so. */
static void test_flipped_bit_fails_the_mac(void)
{
    for (int etm = 0; etm <= 1; etm++) {
        static page_capture cap;
        page_capture_init(&cap);
        write_server_hello(&cap, etm);
        keys(&cap);
        client_records(&cap, etm, 2, TLS_RECORD_HEADER_SIZE + TLS_RECORD_IV_SIZE - 1);
        page_capture_open(&cap);
        CU_ASSERT_EQUAL_FATAL(cap.record_count, 4);
        check_opened(&cap.records[2], etm, 0, 1);
        check_opened(&cap.records[3], etm, 1, 0);
        const page_record *r = &cap.records[3];
        CU_ASSERT_NOT_EQUAL(memcmp(r->mac_computed, r->mac_received, TLS_RECORD_MAC_SIZE), 0);
        CU_ASSERT_EQUAL(r->padding_good, !etm);
        CU_ASSERT_EQUAL(memcmp(r->decrypted, COMMAND, sizeof COMMAND - 1), 0);
        page_capture_free(&cap);
    }
}

/* Without the keys traced, a protected record stays closed. */
static void test_no_keys_no_opening(void)
{
    static page_capture cap;
    page_capture_init(&cap);
    write_server_hello(&cap, 1);
    client_records(&cap, 1, 1, -1);
    page_capture_open(&cap);
    CU_ASSERT_EQUAL_FATAL(cap.record_count, 3);
    CU_ASSERT(cap.records[2].is_protected);
    CU_ASSERT(!cap.records[2].opened);
    page_capture_free(&cap);
}

/* An AEAD suite: B's records sealed by the record layer (record_protect)
 * under C_B and IV_B, opened by the page with its own nonce and
 * additional data through aead_open; a flipped bit fails the tag, and
 * then nothing is decrypted. */
static void aead_records(uint16_t suite, const record_protection *p, long flip)
{
    static const uint8_t key[32] = { 0x43, 0x5f, 0x42, 0x11, 0x22 };
    static const uint8_t iv[12] = { 0x49, 0x56, 0x5f, 0x42, 9, 8, 7, 6, 5, 4, 3, 2 };
    static page_capture cap;
    page_capture_init(&cap);
    write_server_hello_of(&cap, suite, 0);
    trace(&cap, TRACE_CLIENT, "C_B", key, p->keys.key_len);
    trace(&cap, TRACE_CLIENT, "IV_B", iv, p->keys.iv_len);
    uint8_t rec[256];
    static const uint8_t ccs[1] = { 1 };
    page_capture_write(&cap, TRACE_CLIENT, rec,
                       plain_record(TLS_CONTENT_CHANGE_CIPHER_SPEC, ccs, 1, rec, sizeof rec));
    record_cipher c;
    CU_ASSERT_EQUAL_FATAL(record_cipher_start(&c, p, NULL, key, iv, 0), SEE_OK);
    for (int i = 0; i < 2; i++) {
        size_t len;
        CU_ASSERT_EQUAL_FATAL(record_protect(&c, NULL, TLS_CONTENT_APPLICATION_DATA,
                                             TLS_VERSION_1_2, (const uint8_t *)COMMAND,
                                             sizeof COMMAND - 1, rec, sizeof rec, &len),
                              SEE_OK);
        if (i == 1 && flip >= 0)
            rec[flip] ^= 1;
        page_capture_write(&cap, TRACE_CLIENT, rec, len);
    }
    record_cipher_wipe(&c);
    page_capture_open(&cap);
    CU_ASSERT_EQUAL_FATAL(cap.record_count, 4);
    CU_ASSERT_PTR_EQUAL(page_record_protection(&cap), p);
    for (int i = 0; i < 2; i++) {
        const page_record *r = &cap.records[2 + i];
        int good = !(i == 1 && flip >= 0);
        CU_ASSERT(r->is_protected && r->opened && r->aead);
        CU_ASSERT_EQUAL(r->explicit_nonce_len, p->explicit_nonce_len);
        CU_ASSERT_EQUAL(r->seq, (uint64_t)i);
        /* the nonce: IV_B, the last 8 bytes XOR seq (RFC 5288 3, RFC 7905 2) */
        uint8_t nonce[12];
        memcpy(nonce, iv, 12);
        if (p->keys.iv_len == 4)
            memset(nonce + 4, 0, 8);
        nonce[11] ^= (uint8_t)i;
        long at = flip - TLS_RECORD_HEADER_SIZE; /* Eve's bit in the fragment */
        if (!good && at < (long)p->explicit_nonce_len)
            nonce[4 + at] ^= 1; /* the receiver builds the nonce it was sent */
        CU_ASSERT_EQUAL(memcmp(r->nonce, nonce, 12), 0);
        /* the additional data: seq + type + version + length */
        const uint8_t aad[13] = { 0, 0, 0, 0, 0, 0, 0, (uint8_t)i, 23, 3, 3, 0,
                                  sizeof COMMAND - 1 };
        CU_ASSERT_EQUAL(memcmp(r->aad, aad, 13), 0);
        CU_ASSERT_EQUAL(r->mac_good, good);
        CU_ASSERT_EQUAL(r->content_len, good ? sizeof COMMAND - 1 : 0);
        CU_ASSERT_EQUAL(r->decrypted_len, r->content_len);
        if (good)
            CU_ASSERT_EQUAL(memcmp(r->decrypted, COMMAND, sizeof COMMAND - 1), 0);
    }
    page_capture_free(&cap);
}

static void test_aead_records_opened(void)
{
    aead_records(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, &record_aes128_gcm, -1);
    aead_records(TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, &record_chacha20_poly1305, -1);
}

/* The flipped bit: in GCM's nonce_explicit (the nonce changes), in
 * ChaCha20's ciphertext; either way the tag fails. */
static void test_flipped_bit_fails_the_tag(void)
{
    aead_records(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, &record_aes128_gcm,
                 TLS_RECORD_HEADER_SIZE + 7);
    aead_records(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, &record_aes128_gcm,
                 TLS_RECORD_HEADER_SIZE + 8 + 3);
    aead_records(TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, &record_chacha20_poly1305,
                 TLS_RECORD_HEADER_SIZE + 3);
}

/* Records are cut whole however they were written: one in three pieces,
 * then two in one write; and each side's bytes stay its own. */
static void test_records_cut_whatever_the_writes(void)
{
    static page_capture cap;
    page_capture_init(&cap);
    uint8_t a[64], b[64];
    static const uint8_t alert[2] = { 1, 0 };
    size_t alen = plain_record(TLS_CONTENT_ALERT, alert, 2, a, sizeof a);
    page_capture_write(&cap, TRACE_CLIENT, a, 2);
    page_capture_write(&cap, TRACE_SERVER, a, alen); /* S's, between B's pieces */
    page_capture_write(&cap, TRACE_CLIENT, a + 2, 4);
    CU_ASSERT_EQUAL(cap.record_count, 1);
    page_capture_write(&cap, TRACE_CLIENT, a + 6, alen - 6);
    CU_ASSERT_EQUAL_FATAL(cap.record_count, 2);
    CU_ASSERT_EQUAL(cap.records[0].sender, TRACE_SERVER);
    CU_ASSERT_EQUAL(cap.records[1].sender, TRACE_CLIENT);
    CU_ASSERT_EQUAL(cap.records[1].len, alen);
    CU_ASSERT_EQUAL(memcmp(cap.records[1].wire, a, alen), 0);
    memcpy(b, a, alen);
    memcpy(b + alen, a, alen);
    page_capture_write(&cap, TRACE_CLIENT, b, 2 * alen);
    CU_ASSERT_EQUAL(cap.record_count, 4);
    CU_ASSERT_EQUAL(cap.records[3].header.type, TLS_CONTENT_ALERT);
    page_capture_free(&cap);
}

/* The values kept: the first of each name per side; names the page does
 * not use (events another part of the program adds) are ignored. */
static void test_values_kept_and_unknown_ignored(void)
{
    static page_capture cap;
    page_capture_init(&cap);
    static const uint8_t one[1] = { 1 }, two[1] = { 2 };
    trace(&cap, TRACE_CLIENT, "PS", one, 1);
    trace(&cap, TRACE_CLIENT, "PS", two, 1);
    trace(&cap, TRACE_SERVER, "PS", two, 1);
    trace(&cap, TRACE_CLIENT, "CERTIFICATE CHECK", one, 1);
    trace(&cap, TRACE_SERVER, "SOMETHING NEW", one, 1);
    CU_ASSERT_EQUAL(cap.value_count, 2);
    const page_value *v = page_value_of(&cap, TRACE_CLIENT, "PS");
    CU_ASSERT_FATAL(v != NULL);
    CU_ASSERT_EQUAL(v->bytes[0], 1);
    CU_ASSERT_EQUAL(page_value_any(&cap, "PS"), v);
    CU_ASSERT(page_value_any(&cap, "CERTIFICATE CHECK") == NULL);
    page_capture_free(&cap);
}

/* The annotated table of the handshake messages in p[0..n), as HTML in a
 * malloc'd string. */
static char *annotate(const uint8_t *p, size_t n, int dhe)
{
    char *html = NULL;
    size_t html_len = 0;
    FILE *f = open_memstream(&html, &html_len);
    CU_ASSERT_FATAL(f != NULL);
    page_anchors anchors = { .count = 0 };
    page_ann a;
    page_ann_begin(&a, f, p, n, "wire", TRACE_SERVER, dhe, &anchors);
    page_handshake_messages(&a, n);
    page_ann_end(&a);
    CU_ASSERT_EQUAL(reader_remaining(&a.r), 0);
    CU_ASSERT_EQUAL_FATAL(fclose(f), 0);
    return html;
}

/* 1 if the leaf rows of html tile 0..n in order; *unexplained counts the
 * bytes in "not-understood" and "refused" leaves. */
static int tiles(const char *html, size_t n, size_t *unexplained)
{
    size_t at = 0;
    *unexplained = 0;
    for (const char *row = strstr(html, "class=\"leaf"); row != NULL;
         row = strstr(row + 1, "class=\"leaf")) {
        size_t offset, len;
        const char *o = strstr(row, "data-offset=\"");
        if (o == NULL || sscanf(o, "data-offset=\"%zu\" data-len=\"%zu\"", &offset, &len) != 2 ||
            offset != at)
            return 0;
        const char *field = strstr(o, "data-field=\"") + 12;
        if (strncmp(field, "not-understood\"", 15) == 0 || strncmp(field, "refused\"", 8) == 0)
            *unexplained += len;
        at += len;
    }
    return at == n;
}

static uint8_t *openssl_records(const char *field, size_t *len)
{
    vec_file *v = vec_open("tls12_openssl_hellos.txt");
    CU_ASSERT_FATAL(v != NULL);
    CU_ASSERT_FATAL(vec_next(v));
    uint8_t *records = vec_hex(v, field, len);
    vec_close(v);
    CU_ASSERT_FATAL(records != NULL);
    return records;
}

/* Each record of OpenSSL's flight, whole: every byte explained. */
static void check_flight(const char *field, int dhe, const char *const *names)
{
    size_t len;
    uint8_t *records = openssl_records(field, &len);
    size_t records_seen = 0;
    char *all = calloc(1, 1);
    for (size_t at = 0; at + TLS_RECORD_HEADER_SIZE <= len;) {
        record_header h;
        CU_ASSERT_EQUAL_FATAL(record_header_decode(records + at, len - at, &h), SEE_OK);
        CU_ASSERT_FATAL(at + TLS_RECORD_HEADER_SIZE + h.length <= len);
        char *html = annotate(records + at + TLS_RECORD_HEADER_SIZE, h.length, dhe);
        size_t unexplained;
        CU_ASSERT(tiles(html, h.length, &unexplained));
        CU_ASSERT_EQUAL(unexplained, 0);
        char *grown = realloc(all, strlen(all) + strlen(html) + 1);
        CU_ASSERT_FATAL(grown != NULL);
        all = strcat(grown, html);
        free(html);
        at += TLS_RECORD_HEADER_SIZE + h.length;
        records_seen++;
    }
    CU_ASSERT(records_seen > 0);
    for (int i = 0; names[i] != NULL; i++) {
        char attribute[96];
        snprintf(attribute, sizeof attribute, "data-field=\"%s\"", names[i]);
        if (strstr(all, attribute) == NULL)
            fprintf(stderr, "\n  no leaf %s\n", names[i]);
        CU_ASSERT(strstr(all, attribute) != NULL);
    }
    free(all);
    free(records);
}

static void test_openssl_client_hello_explained(void)
{
    static const char *const names[] = {
        "ClientHello.random", "ClientHello.cipher_suite", "server_name.host_name",
        "extension.data", "signature_algorithms.pair", "encrypt_then_mac.type", NULL,
    };
    check_flight("client_records", 0, names);
}

static void test_openssl_server_flight_explained(void)
{
    static const char *const names[] = {
        "ServerHello.random", "Certificate.certificate_length", "tbsCertificate.serialNumber",
        "tbsCertificate.issuer.OID", "subjectPublicKeyInfo.n", "subjectPublicKeyInfo.e",
        "Certificate.signatureValue", "ServerKeyExchange.dh_p", "ServerKeyExchange.dh_Ys",
        "ServerKeyExchange.signature", NULL,
    };
    check_flight("server_records", 1, names);
}

/* Every truncation and every bit flip of each record of a flight: the
 * leaves still tile what is there. */
static void check_damage(const char *field, int dhe)
{
    size_t len, unexplained;
    uint8_t *records = openssl_records(field, &len);
    for (size_t at = 0; at + TLS_RECORD_HEADER_SIZE <= len;) {
        record_header h;
        CU_ASSERT_EQUAL_FATAL(record_header_decode(records + at, len - at, &h), SEE_OK);
        uint8_t *fragment = records + at + TLS_RECORD_HEADER_SIZE;
        size_t n = h.length;
        CU_ASSERT_FATAL(at + TLS_RECORD_HEADER_SIZE + n <= len);
        for (size_t cut = 0; cut < n; cut++) {
            uint8_t *copy = malloc(cut ? cut : 1); /* exactly cut bytes: ASan sees over-reads */
            CU_ASSERT_FATAL(copy != NULL);
            memcpy(copy, fragment, cut);
            char *html = annotate(copy, cut, dhe);
            CU_ASSERT(tiles(html, cut, &unexplained));
            free(html);
            free(copy);
        }
        for (size_t bit = 0; bit < 8 * n; bit++) {
            fragment[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            char *html = annotate(fragment, n, dhe);
            CU_ASSERT(tiles(html, n, &unexplained));
            free(html);
            fragment[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
        at += TLS_RECORD_HEADER_SIZE + n;
    }
    free(records);
}

static void test_damaged_hellos_still_tile(void)
{
    check_damage("client_records", 0);
    check_damage("server_records", 1);
}

static CU_TestInfo tests[] = {
    { "MAC-then-encrypt records opened, MACs good", test_mac_then_encrypt },
    { "Encrypt-then-MAC records opened, MACs good", test_encrypt_then_mac },
    { "a flipped bit fails the MAC", test_flipped_bit_fails_the_mac },
    { "without the keys a record stays closed", test_no_keys_no_opening },
    { "AEAD records opened, tags good", test_aead_records_opened },
    { "a flipped bit fails the tag", test_flipped_bit_fails_the_tag },
    { "records cut whole whatever the writes", test_records_cut_whatever_the_writes },
    { "values kept, unknown events ignored", test_values_kept_and_unknown_ignored },
    { "OpenSSL's ClientHello: every byte explained", test_openssl_client_hello_explained },
    { "OpenSSL's server flight: every byte explained", test_openssl_server_flight_explained },
    { "truncated and bit-flipped hellos still tile", test_damaged_hellos_still_tile },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("page", tests);
}
