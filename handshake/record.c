/*
 * record.c: the TLS 1.2 record layer (RFC 5246 section 6; RFC 7366).
 *
 * Checking a MAC-then-encrypt record without a padding oracle
 * ------------------------------------------------------------
 * After CBC decryption the receiver must find the padding, strip it and
 * check the MAC over what is left. Telling a bad padding from a bad MAC,
 * by the alert or by the time taken, lets an attacker decrypt records
 * (Vaudenay 2002; Lucky Thirteen, AlFardan and Paterson 2013). So:
 *
 *  1. The public checks come first: the fragment must hold an IV and at
 *     least one whole block, a multiple of 16, big enough for MAC and
 *     padding byte. These depend only on the length, which the attacker
 *     already sees.
 *  2. tls_cbc_padding_check reads every possible padding byte and returns
 *     a mask; it never exits early. On bad padding it gives the content
 *     length "as if there were zero-length padding" (6.2.3.2).
 *  3. The MAC is copied from its secret position with tls_cbc_copy_mac,
 *     whose memory reads do not depend on that position.
 *  4. The HMAC is always computed, good padding or bad, and compared with
 *     see_ct_equal; the two verdicts are combined with a mask, and one
 *     status, bad_record_mac, reports either failure (7.2.2).
 *  5. Lucky Thirteen: the HMAC over n bytes costs a number of SHA-256
 *     compressions that grows with n, and n depends on the padding. We
 *     count the compressions the inner hash needs for the true n and for
 *     the largest n this record length allows, and run the difference as
 *     dummy compressions on a throwaway context, so every record of a given
 *     length costs the same number of compressions. What remains: the loop
 *     count of those dummies is computed from n (a branch-free total, not
 *     a branch-free path). The AES is the constant-time one (aes_ct.h),
 *     with no table to leak through the cache. This is the countermeasure
 *     of the 2013 paper's section 7 and of the s2n and GnuTLS fixes, not
 *     the fully constant-flow MAC of OpenSSL's ssl3_cbc_digest_record.
 *
 * With Encrypt-then-MAC (RFC 7366) none of this is needed: the MAC covers
 * the ciphertext and is checked before anything is decrypted.
 */
#include "handshake/record.h"

#include <stdio.h>
#include <string.h>

#include "core/bytes.h"
#include "crypto/padding.h"
#include "crypto/sha256.h"
#include "core/util.h"

/* ------------------------------------------------------- the headers --- */

static int known_content_type(uint8_t type)
{
    return type >= TLS_CONTENT_CHANGE_CIPHER_SPEC &&
           type <= TLS_CONTENT_APPLICATION_DATA;
}

const char *record_type_name(uint8_t type)
{
    switch (type) {
    case TLS_CONTENT_CHANGE_CIPHER_SPEC: return "change_cipher_spec";
    case TLS_CONTENT_ALERT: return "alert";
    case TLS_CONTENT_HANDSHAKE: return "handshake";
    case TLS_CONTENT_APPLICATION_DATA: return "application_data";
    default: return "unknown";
    }
}

see_status record_header_decode(const uint8_t *p, size_t len, record_header *h)
{
    reader r;
    reader_init(&r, p, len);
    TRY(reader_u8(&r, &h->type));
    TRY(reader_u16(&r, &h->version));
    TRY(reader_u16(&r, &h->length));
    ENSURE(known_content_type(h->type), SEE_ERR_TLS_RECORD_TYPE);
    /* E.1: a record of any TLS version (03 xx) is read as a record; which
     * minor versions are acceptable is the caller's business. */
    ENSURE((h->version >> 8) == 3, SEE_ERR_TLS_RECORD_VERSION);
    return SEE_OK;
}

int record_looks_like_tls(const uint8_t *p, size_t n)
{
    return n >= 2 && known_content_type(p[0]) && p[1] == 3;
}

see_status record_message_header_decode(const uint8_t *p, size_t len,
                                        record_message_header *h)
{
    reader r;
    reader_init(&r, p, len);
    TRY(reader_u8(&r, &h->msg_type));
    TRY(reader_u24(&r, &h->length));
    return SEE_OK;
}

/* ----------------------------------------------------- record_cipher --- */

void record_cipher_init_null(record_cipher *c)
{
    see_wipe(c, sizeof *c);
}

const record_protection record_aes128_cbc_sha256 = {
    "AES_128_CBC_SHA256", NULL, { TLS_RECORD_MAC_SIZE, AES128_KEY_SIZE, 0 }, 0,
};
const record_protection record_aes128_gcm = {
    "AES_128_GCM", &aead_aes128_gcm, { 0, AES128_KEY_SIZE, 4 }, 8,
};
const record_protection record_chacha20_poly1305 = {
    "CHACHA20_POLY1305", &aead_chacha20_poly1305,
    { 0, CHACHA20_POLY1305_KEY_SIZE, 12 }, 0,
};

see_status record_cipher_start(record_cipher *c, const record_protection *p,
                               const uint8_t *mac_key, const uint8_t *key,
                               const uint8_t *iv, int encrypt_then_mac)
{
    record_cipher_wipe(c);
    if (p->aead != NULL) {
        ENSURE(p->keys.iv_len <= sizeof c->iv, SEE_ERR_ARGUMENT);
        TRY(aead_set_key(&c->aead, p->aead, key, p->keys.key_len));
        memcpy(c->iv, iv, p->keys.iv_len);
    } else {
        aes128_ct_set_key(&c->cipher, key);
        memcpy(c->mac_key, mac_key, TLS_RECORD_MAC_SIZE);
        c->encrypt_then_mac = encrypt_then_mac != 0;
    }
    c->protection = p;
    c->active = 1;
    return SEE_OK;
}

void record_cipher_set(record_cipher *c, const uint8_t mac_key[32],
                       const uint8_t key[16], int encrypt_then_mac)
{
    /* CBC keys cannot be refused: the status is always SEE_OK. */
    (void)record_cipher_start(c, &record_aes128_cbc_sha256, mac_key, key,
                              NULL, encrypt_then_mac);
}

void record_cipher_wipe(record_cipher *c)
{
    see_wipe(c, sizeof *c);
}

/* The 13 bytes that begin the record MAC (6.2.3.1) and are the AEAD's
 * additional data (6.2.3.3): seq_num + type + version + length. */
static void pseudo_header(uint8_t out[TLS_RECORD_PSEUDO_HEADER_SIZE],
                          uint64_t seq, uint8_t type, uint16_t version,
                          size_t length)
{
    see_store64_be(out, seq);
    out[8] = type;
    out[9] = (uint8_t)(version >> 8);
    out[10] = (uint8_t)version;
    out[11] = (uint8_t)(length >> 8);
    out[12] = (uint8_t)length;
}

/* Start the record MAC: HMAC(I, seq_num + type + version + length + ...). */
static void mac_begin(hmac_sha256_ctx *h, const record_cipher *c,
                      uint8_t type, uint16_t version, size_t length)
{
    uint8_t pseudo[TLS_RECORD_PSEUDO_HEADER_SIZE];
    pseudo_header(pseudo, c->seq, type, version, length);
    hmac_sha256_init(h, c->mac_key, sizeof c->mac_key);
    hmac_sha256_update(h, pseudo, sizeof pseudo);
}

/* A record's nonce from its 8-byte counter: the key block's IV, then
 * XOR the counter right-aligned. GCM's IV is 4 bytes, so that is
 * IV(4) + counter, the counter being the nonce_explicit the record carries
 * (RFC 5288 3; we send seq_num, which "MAY" be used and never repeats
 * under one key); ChaCha20's IV is 12 bytes and its counter is seq_num,
 * never sent (RFC 7905 2). */
static void aead_nonce(const record_cipher *c, const uint8_t counter[8],
                       uint8_t nonce[AEAD_NONCE_SIZE])
{
    size_t iv_len = c->protection->keys.iv_len;
    for (size_t i = 0; i < AEAD_NONCE_SIZE; i++) {
        uint8_t iv = i < iv_len ? c->iv[i] : 0;
        uint8_t ctr = i >= AEAD_NONCE_SIZE - 8 ? counter[i - (AEAD_NONCE_SIZE - 8)] : 0;
        nonce[i] = (uint8_t)(iv ^ ctr);
    }
}

void record_mac(const record_cipher *c, uint8_t type, uint16_t version,
                const uint8_t *data, size_t len,
                uint8_t mac[TLS_RECORD_MAC_SIZE])
{
    hmac_sha256_ctx h;
    mac_begin(&h, c, type, version, len);
    hmac_sha256_update(&h, data, len);
    hmac_sha256_final(&h, mac);
}

static size_t round_up_block(size_t n)
{
    return (n + AES_BLOCK_SIZE - 1) / AES_BLOCK_SIZE * AES_BLOCK_SIZE;
}

/* GenericBlockCipher (6.2.3.2), or RFC 7366's Encrypt-then-MAC: the
 * fragment's length, then IV + ciphertext (+ MAC), into w. */
static see_status protect_cbc(record_cipher *c, see_rng *rng, writer *w,
                              uint8_t type, uint16_t version,
                              const uint8_t *content, size_t len)
{
    int etm = c->encrypt_then_mac;
    size_t plain_len = len + (etm ? 0 : TLS_RECORD_MAC_SIZE);
    size_t enc_len = round_up_block(plain_len + 1); /* + padding_length */
    size_t fragment_len = TLS_RECORD_IV_SIZE + enc_len +
                          (etm ? TLS_RECORD_MAC_SIZE : 0);
    uint8_t *iv, *enc;
    TRY(writer_u16(w, (uint16_t)fragment_len));
    TRY(writer_reserve(w, TLS_RECORD_IV_SIZE, &iv));
    TRY(writer_reserve(w, enc_len, &enc));

    /* The explicit IV of 6.2.3.2: fresh and unpredictable per record. */
    TRY(rng_bytes(rng, iv, TLS_RECORD_IV_SIZE));
    memmove(enc, content, len);
    if (!etm)
        record_mac(c, type, version, enc, len, enc + len);
    size_t padded;
    TRY(tls_cbc_pad(enc, plain_len, enc_len, 0, &padded));
    TRY(aes128_ct_cbc_encrypt(&c->cipher, iv, enc, enc, padded));
    if (etm) {
        /* RFC 7366 3: the MAC covers IV + ciphertext, with their length. */
        uint8_t *mac;
        TRY(writer_reserve(w, TLS_RECORD_MAC_SIZE, &mac));
        record_mac(c, type, version, iv, TLS_RECORD_IV_SIZE + enc_len, mac);
    }
    return SEE_OK;
}

/* GenericAEADCipher (6.2.3.3): the fragment's length, then
 * nonce_explicit + ciphertext + tag, into w. The additional data is the
 * MAC's pseudo-header, its length the content's. */
static see_status protect_aead(record_cipher *c, writer *w, uint8_t type,
                               uint16_t version, const uint8_t *content,
                               size_t len)
{
    size_t explicit_len = c->protection->explicit_nonce_len;
    uint8_t counter[8], nonce[AEAD_NONCE_SIZE];
    uint8_t aad[TLS_RECORD_PSEUDO_HEADER_SIZE];
    see_store64_be(counter, c->seq);
    aead_nonce(c, counter, nonce);
    pseudo_header(aad, c->seq, type, version, len);

    uint8_t *sealed;
    size_t sealed_len;
    TRY(writer_u16(w, (uint16_t)(explicit_len + len + AEAD_TAG_SIZE)));
    TRY(writer_bytes(w, counter, explicit_len));
    TRY(writer_reserve(w, len + AEAD_TAG_SIZE, &sealed));
    memmove(sealed, content, len);
    return aead_seal(&c->aead, nonce, aad, sizeof aad, sealed, len, sealed,
                     len + AEAD_TAG_SIZE, &sealed_len);
}

see_status record_protect(record_cipher *c, see_rng *rng, uint8_t type,
                          uint16_t version, const uint8_t *content,
                          size_t len, uint8_t *out, size_t cap,
                          size_t *out_len)
{
    ENSURE(len <= TLS_MAX_PLAINTEXT, SEE_ERR_TLS_RECORD_OVERFLOW);
    writer w;
    writer_init(&w, out, cap);
    TRY(writer_u8(&w, type));
    TRY(writer_u16(&w, version));
    if (!c->active) {
        TRY(writer_u16(&w, (uint16_t)len));
        TRY(writer_bytes(&w, content, len));
        *out_len = w.len;
        return SEE_OK;
    }
    /* 6.1: "sequence numbers ... MUST NOT wrap"; we never renegotiate. */
    ENSURE(c->seq != UINT64_MAX, SEE_ERR_TLS_SEQ_EXHAUSTED);

    TRY(c->protection->aead != NULL
            ? protect_aead(c, &w, type, version, content, len)
            : protect_cbc(c, rng, &w, type, version, content, len));
    c->seq++;
    *out_len = w.len;
    return SEE_OK;
}

/* SHA-256 compressions of HMAC's inner hash over the 13-byte pseudo-header
 * and n bytes: the key block, then the message with at least 9 bytes of
 * SHA-256 padding (FIPS 180-4 5.1.1) rounded up to whole blocks. */
static size_t inner_compressions(size_t n)
{
    return 1 + (13 + n + 9 + SHA256_BLOCK_SIZE - 1) / SHA256_BLOCK_SIZE;
}

/* Lucky Thirteen: make the HMAC over n bytes cost as many compressions as
 * over max_n bytes (see the top of this file). */
static void dummy_compressions(size_t n, size_t max_n)
{
    size_t extra = inner_compressions(max_n) - inner_compressions(n);
    static const uint8_t zero_block[SHA256_BLOCK_SIZE];
    sha256_ctx dummy;
    sha256_init(&dummy);
    for (size_t i = 0; i < extra; i++)
        sha256_update(&dummy, zero_block, sizeof zero_block);
    see_wipe(&dummy, sizeof dummy);
}

static see_status unprotect_mac_then_encrypt(record_cipher *c, uint8_t type,
                                             uint16_t version,
                                             const uint8_t *fragment,
                                             size_t len, uint8_t *out,
                                             size_t *out_len)
{
    /* Public checks: IV, whole blocks, room for MAC + padding_length. */
    size_t enc_len = len - TLS_RECORD_IV_SIZE;
    ENSURE(len >= TLS_RECORD_IV_SIZE && enc_len % AES_BLOCK_SIZE == 0 &&
               enc_len >= round_up_block(TLS_RECORD_MAC_SIZE + 1),
           SEE_ERR_TLS_BAD_RECORD_MAC);
    TRY(aes128_ct_cbc_decrypt(&c->cipher, fragment,
                           fragment + TLS_RECORD_IV_SIZE, out, enc_len));

    size_t n;
    uint32_t good = tls_cbc_padding_check(out, enc_len, TLS_RECORD_MAC_SIZE, &n);
    uint8_t received[TLS_RECORD_MAC_SIZE], expected[TLS_RECORD_MAC_SIZE];
    tls_cbc_copy_mac(out, enc_len, n, TLS_RECORD_MAC_SIZE, received);

    hmac_sha256_ctx h;
    mac_begin(&h, c, type, version, n);
    hmac_sha256_update(&h, out, n);
    hmac_sha256_final(&h, expected);
    dummy_compressions(n, enc_len - 1 - TLS_RECORD_MAC_SIZE);

    good &= 0u - (uint32_t)see_ct_equal(expected, received, sizeof expected);
    see_wipe(expected, sizeof expected);
    if (good == 0) {
        see_wipe(out, enc_len);
        return SEE_ERR_TLS_BAD_RECORD_MAC;
    }
    *out_len = n;
    return SEE_OK;
}

static see_status unprotect_encrypt_then_mac(record_cipher *c, uint8_t type,
                                             uint16_t version,
                                             const uint8_t *fragment,
                                             size_t len, uint8_t *out,
                                             size_t *out_len)
{
    ENSURE(len >= TLS_RECORD_IV_SIZE + AES_BLOCK_SIZE + TLS_RECORD_MAC_SIZE &&
               (len - TLS_RECORD_IV_SIZE - TLS_RECORD_MAC_SIZE) %
                       AES_BLOCK_SIZE == 0,
           SEE_ERR_TLS_BAD_RECORD_MAC);
    size_t covered = len - TLS_RECORD_MAC_SIZE; /* IV + ciphertext */
    uint8_t expected[TLS_RECORD_MAC_SIZE];
    hmac_sha256_ctx h;
    mac_begin(&h, c, type, version, covered);
    hmac_sha256_update(&h, fragment, covered);
    hmac_sha256_final(&h, expected);
    int mac_ok = see_ct_equal(expected, fragment + covered, sizeof expected);
    ENSURE(mac_ok, SEE_ERR_TLS_BAD_RECORD_MAC);

    /* The MAC is good, so the ciphertext is the sender's: a padding error
     * now is the sender's bug, not an attack, but gets the same alert. */
    size_t enc_len = covered - TLS_RECORD_IV_SIZE;
    TRY(aes128_ct_cbc_decrypt(&c->cipher, fragment,
                           fragment + TLS_RECORD_IV_SIZE, out, enc_len));
    size_t n;
    if (tls_cbc_padding_check(out, enc_len, 0, &n) == 0) {
        see_wipe(out, enc_len);
        return SEE_ERR_TLS_BAD_RECORD_MAC;
    }
    *out_len = n;
    return SEE_OK;
}

see_status record_aead_inputs(const record_cipher *c, uint8_t type,
                              uint16_t version, const uint8_t *fragment,
                              size_t len, uint8_t nonce[AEAD_NONCE_SIZE],
                              uint8_t aad[TLS_RECORD_PSEUDO_HEADER_SIZE])
{
    size_t explicit_len = c->protection->explicit_nonce_len;
    ENSURE(len >= explicit_len + AEAD_TAG_SIZE, SEE_ERR_TLS_BAD_RECORD_MAC);
    uint8_t counter[8];
    if (explicit_len == sizeof counter)  /* GCM: the sender's nonce_explicit */
        memcpy(counter, fragment, sizeof counter);
    else
        see_store64_be(counter, c->seq);
    aead_nonce(c, counter, nonce);
    pseudo_header(aad, c->seq, type, version, len - explicit_len - AEAD_TAG_SIZE);
    return SEE_OK;
}

/* GenericAEADCipher (6.2.3.3): nonce_explicit, then what the AEAD
 * opens; the tag checked before anything is decrypted. */
static see_status unprotect_aead(record_cipher *c, uint8_t type,
                                 uint16_t version, const uint8_t *fragment,
                                 size_t len, uint8_t *out, size_t *out_len)
{
    size_t explicit_len = c->protection->explicit_nonce_len;
    uint8_t nonce[AEAD_NONCE_SIZE];
    uint8_t aad[TLS_RECORD_PSEUDO_HEADER_SIZE];
    TRY(record_aead_inputs(c, type, version, fragment, len, nonce, aad));
    size_t sealed_len = len - explicit_len;
    see_status st = aead_open(&c->aead, nonce, aad, sizeof aad,
                              fragment + explicit_len, sealed_len, out,
                              sealed_len, out_len);
    /* 7.2.2: a record that does not authenticate is bad_record_mac. */
    return st == SEE_ERR_AEAD_TAG ? SEE_ERR_TLS_BAD_RECORD_MAC : st;
}

see_status record_unprotect(record_cipher *c, uint8_t type, uint16_t version,
                            const uint8_t *fragment, size_t len,
                            uint8_t *out, size_t cap, size_t *out_len)
{
    ENSURE(cap >= len, SEE_ERR_BUFFER_SMALL);
    if (!c->active) {
        ENSURE(len <= TLS_MAX_PLAINTEXT, SEE_ERR_TLS_RECORD_OVERFLOW);
        memcpy(out, fragment, len);
        *out_len = len;
        return SEE_OK;
    }
    ENSURE(len <= TLS_MAX_CIPHERTEXT, SEE_ERR_TLS_RECORD_OVERFLOW);
    ENSURE(c->seq != UINT64_MAX, SEE_ERR_TLS_SEQ_EXHAUSTED);
    size_t n = 0;
    if (c->protection->aead != NULL)
        TRY(unprotect_aead(c, type, version, fragment, len, out, &n));
    else if (c->encrypt_then_mac)
        TRY(unprotect_encrypt_then_mac(c, type, version, fragment, len, out, &n));
    else
        TRY(unprotect_mac_then_encrypt(c, type, version, fragment, len, out, &n));
    if (n > TLS_MAX_PLAINTEXT) {
        see_wipe(out, len);
        return SEE_ERR_TLS_RECORD_OVERFLOW;
    }
    c->seq++;
    *out_len = n;
    return SEE_OK;
}

/* ------------------------------------------------------- the layer --- */

void record_layer_init(record_layer *rl, const transport *io, see_rng *rng,
                       tracer *trace, trace_party self)
{
    rl->io = io;
    rl->rng = rng;
    rl->trace = trace;
    rl->self = self;
    record_cipher_init_null(&rl->read);
    record_cipher_init_null(&rl->write);
    rl->version = TLS_VERSION_1_2;
    rl->version_locked = 0;
    rl->idle_records = 0;
    rl->write_failed = SEE_OK;
    rl->content_type = 0;
    rl->content_len = rl->content_pos = 0;
    rl->message_len = 0;
    rl->in_have = 0;
}

void record_layer_wipe(record_layer *rl)
{
    record_cipher_wipe(&rl->read);
    record_cipher_wipe(&rl->write);
    see_wipe(rl->in, sizeof rl->in);
    see_wipe(rl->content, sizeof rl->content);
    see_wipe(rl->message, sizeof rl->message);
    see_wipe(rl->out, sizeof rl->out);
    rl->content_len = rl->content_pos = rl->message_len = 0;
}

/* "MAC CHECK" by the reader: the slides' "messages numbered" and "if good
 * MAC" for one record: the sequence number it must be MACed with (never
 * sent: a record replayed, dropped or reordered fails here), the key, what
 * the MAC covers (RFC 5246 6.2.3.1; RFC 7366 3 with encrypt-then-MAC), and
 * the verdict. */
static void trace_mac_check(record_layer *rl, uint64_t seq, see_status st)
{
    if (!trace_wanted(rl->trace))
        return; /* the explanation is per record: not written for no one */
    if (st != SEE_OK && st != SEE_ERR_TLS_BAD_RECORD_MAC)
        return; /* not a MAC verdict (a record too long, ...) */
    int from_server = rl->self == TRACE_CLIENT;
    const record_protection *p = rl->read.protection;
    char text[200];
    if (p->aead != NULL) {
        /* 6.2.3.3: the AEAD's tag is the record's MAC. */
        snprintf(text, sizeof text, "seq %llu: %s tag under %s over seq + header + "
                 "ciphertext %s", (unsigned long long)seq, p->aead->name,
                 from_server ? "C_S" : "C_B",
                 st == SEE_OK ? "= its tag: good"
                              : "!= its tag: FAILED (bad_record_mac)");
    } else {
        const char *covers = rl->read.encrypt_then_mac
                                 ? "seq + header + IV + ciphertext" /* before decrypting */
                                 : "seq + header + plaintext";      /* after */
        snprintf(text, sizeof text, "seq %llu: HMAC-SHA256(%s, %s) %s",
                 (unsigned long long)seq, from_server ? "I_S" : "I_B", covers,
                 st == SEE_OK ? "= its MAC: good"
                              : "!= its MAC: FAILED (bad_record_mac)");
    }
    trace_emit_u64(rl->trace, rl->self, "MAC CHECK", seq, text);
}

/* What a record's sequence number does under its protection, for the
 * trace's SEQ: the slides' "messages numbered". */
static const char *seq_explanation(const record_cipher *c)
{
    if (c->protection->aead == NULL)
        return "sequence number MACed into this record (never sent)";
    if (c->protection->explicit_nonce_len > 0)
        return "sequence number in this record's nonce and additional data "
               "(sent as its nonce_explicit)";
    return "sequence number in this record's nonce and additional data "
           "(never sent)";
}

see_status record_write(record_layer *rl, uint8_t type, const uint8_t *data,
                        size_t len)
{
    ENSURE(known_content_type(type), SEE_ERR_ARGUMENT);
    ENSURE(len > 0 || type == TLS_CONTENT_APPLICATION_DATA, SEE_ERR_ARGUMENT);
    if (rl->write_failed != SEE_OK)
        return rl->write_failed;
    /* An empty record may be asked for with data NULL: point at something,
     * since even NULL + 0 is undefined in C. */
    static const uint8_t none[1];
    if (len == 0)
        data = none;
    size_t done = 0;
    do {
        size_t n = len - done;
        if (n > TLS_MAX_PLAINTEXT)
            n = TLS_MAX_PLAINTEXT;
        if (rl->write.active)
            trace_emit_u64(rl->trace, rl->self, "SEQ", rl->write.seq,
                           seq_explanation(&rl->write));
        size_t out_len;
        TRY(record_protect(&rl->write, rl->rng, type, rl->version, data + done,
                           n, rl->out, sizeof rl->out, &out_len));
        see_status st = transport_write(rl->io, rl->out, out_len);
        if (st != SEE_OK) {
            rl->write_failed = st;
            return st;
        }
        done += n;
    } while (done < len);
    return SEE_OK;
}

/* Read until in[0..want) is there, keeping what arrived if the transport
 * times out (in_have remembers it). */
static see_status fill_to(record_layer *rl, size_t want)
{
    while (rl->in_have < want) {
        size_t got;
        TRY(transport_read(rl->io, rl->in + rl->in_have, want - rl->in_have,
                           &got));
        rl->in_have += got;
    }
    return SEE_OK;
}

/* Alerts and empty application data move nothing on: allow
 * TLS_MAX_IDLE_RECORDS of them in a row, then stop (see record.h). A fatal
 * alert or close_notify ends the connection anyway, so counting every alert
 * counts the warnings. */
static see_status count_idle(record_layer *rl, uint8_t type, size_t len)
{
    if (type != TLS_CONTENT_ALERT && len > 0) {
        rl->idle_records = 0;
        return SEE_OK;
    }
    rl->idle_records++;
    ENSURE(rl->idle_records <= TLS_MAX_IDLE_RECORDS,
           SEE_ERR_TLS_TOO_MANY_IDLE_RECORDS);
    return SEE_OK;
}

see_status record_read(record_layer *rl, uint8_t *type,
                       const uint8_t **content, size_t *len)
{
    /* The header; partial reads and timeouts resume in fill_to. */
    TRY(fill_to(rl, TLS_RECORD_HEADER_SIZE));
    record_header h;
    TRY(record_header_decode(rl->in, TLS_RECORD_HEADER_SIZE, &h));
    uint8_t t = h.type;
    uint16_t version = h.version, length = h.length;
    ENSURE(!rl->version_locked || version == rl->version,
           SEE_ERR_TLS_RECORD_VERSION);
    size_t limit = rl->read.active ? TLS_MAX_CIPHERTEXT : TLS_MAX_PLAINTEXT;
    ENSURE(length <= limit, SEE_ERR_TLS_RECORD_OVERFLOW);

    TRY(fill_to(rl, TLS_RECORD_HEADER_SIZE + (size_t)length));
    rl->in_have = 0; /* the record is whole: the next read starts anew */
    uint8_t *fragment = rl->in + TLS_RECORD_HEADER_SIZE;
    uint64_t seq = rl->read.seq;
    size_t n;
    see_status st = record_unprotect(&rl->read, t, version, fragment, length,
                                     rl->content, sizeof rl->content, &n);
    if (rl->read.active)
        trace_mac_check(rl, seq, st);
    TRY(st);
    /* 6.2.1: "Implementations MUST NOT send zero-length fragments of
     * Handshake, Alert, or ChangeCipherSpec content types": such a record
     * is well formed but should not be here (unexpected_message). */
    ENSURE(n > 0 || t == TLS_CONTENT_APPLICATION_DATA, SEE_ERR_TLS_RECORD_EMPTY);
    TRY(count_idle(rl, t, n));
    rl->content_type = t;
    rl->content_len = n;
    rl->content_pos = 0;
    *type = t;
    *content = rl->content;
    *len = n;
    return SEE_OK;
}

int record_handshake_pending(const record_layer *rl)
{
    size_t left = rl->content_type == TLS_CONTENT_HANDSHAKE
                      ? rl->content_len - rl->content_pos
                      : 0;
    return rl->message_len > 0 || left > 0;
}

/* The whole length (header included) of the message being assembled, once
 * its 4-byte header is in: msg_type(1) + length(3) + body. */
static see_status message_total(const record_layer *rl, size_t *total)
{
    record_message_header h;
    TRY(record_message_header_decode(rl->message, rl->message_len, &h));
    ENSURE(h.length <= TLS_MAX_HANDSHAKE_MESSAGE, SEE_ERR_TLS_MESSAGE_TOO_LONG);
    *total = TLS_HANDSHAKE_HEADER_SIZE + (size_t)h.length;
    return SEE_OK;
}

/* Move handshake bytes from the current record into the message until the
 * message is whole (*done = 1) or the record is used up. */
static see_status assemble_message(record_layer *rl, int *done)
{
    *done = 0;
    while (rl->content_pos < rl->content_len) {
        size_t want = TLS_HANDSHAKE_HEADER_SIZE;
        if (rl->message_len >= TLS_HANDSHAKE_HEADER_SIZE)
            TRY(message_total(rl, &want));
        if (rl->message_len == want)
            break;
        size_t n = want - rl->message_len;
        size_t avail = rl->content_len - rl->content_pos;
        if (n > avail)
            n = avail;
        memcpy(rl->message + rl->message_len, rl->content + rl->content_pos, n);
        rl->message_len += n;
        rl->content_pos += n;
    }
    if (rl->message_len >= TLS_HANDSHAKE_HEADER_SIZE) {
        size_t total;
        TRY(message_total(rl, &total));
        *done = rl->message_len == total;
    }
    return SEE_OK;
}

see_status record_next(record_layer *rl, uint8_t *type, const uint8_t **data,
                       size_t *len)
{
    for (;;) {
        if (rl->content_type == TLS_CONTENT_HANDSHAKE) {
            int done;
            TRY(assemble_message(rl, &done));
            if (done) {
                *type = TLS_CONTENT_HANDSHAKE;
                *data = rl->message;
                *len = rl->message_len;
                rl->message_len = 0; /* the next call assembles a new one */
                return SEE_OK;
            }
        }
        uint8_t t;
        const uint8_t *content;
        size_t n;
        TRY(record_read(rl, &t, &content, &n));
        if (t == TLS_CONTENT_HANDSHAKE)
            continue;
        /* 6.2.1: other content types may come between the fragments of a
         * handshake message (what is assembled so far stays in message[]),
         * except ChangeCipherSpec, which must follow a whole message (7.1:
         * the keys change there). */
        ENSURE(rl->message_len == 0 || t != TLS_CONTENT_CHANGE_CIPHER_SPEC,
               SEE_ERR_TLS_UNEXPECTED_MESSAGE);
        rl->content_pos = n;
        *type = t;
        *data = content;
        *len = n;
        return SEE_OK;
    }
}
