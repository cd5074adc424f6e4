/* page_capture.c: the records and values of one run, and the protected
 * records opened (see page_capture.h). */
#include "demos/page_capture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "crypto/aes.h"
#include "handshake/messages.h"
#include "handshake/tls.h"

/* The values the page derives from or shows; other events are ignored. */
static const char *const kept_names[] = {
    "RB", "RS", "PS", "SESSION HASH", "MASTER SECRET", "I_B", "I_S",
    "C_B", "C_S", "IV_B", "IV_S", "FINISHED MAC", "p", "g", "Ys", "Yc", "curve",
};

void page_capture_init(page_capture *cap)
{
    memset(cap, 0, sizeof *cap);
    pthread_mutex_init(&cap->lock, NULL);
}

/* Cut every whole record off the front of sender's pending bytes. */
static void cut_records(page_capture *cap, int side)
{
    for (;;) {
        record_header h;
        uint8_t *p = cap->pending[side];
        size_t have = cap->pending_len[side];
        if (have < TLS_RECORD_HEADER_SIZE)
            return;
        (void)record_header_decode(p, have, &h); /* fills h even if odd */
        size_t whole = TLS_RECORD_HEADER_SIZE + (size_t)h.length;
        if (have < whole || cap->record_count == PAGE_MAX_RECORDS)
            return;
        page_record *r = &cap->records[cap->record_count];
        r->wire = malloc(whole);
        if (r->wire == NULL)
            return;
        memcpy(r->wire, p, whole);
        r->len = whole;
        r->header = h;
        r->sender = (trace_party)side;
        cap->record_count++;
        memmove(p, p + whole, have - whole);
        cap->pending_len[side] = have - whole;
    }
}

void page_capture_write(page_capture *cap, trace_party sender,
                        const uint8_t *buf, size_t len)
{
    int side = sender == TRACE_SERVER;
    pthread_mutex_lock(&cap->lock);
    uint8_t *grown = realloc(cap->pending[side], cap->pending_len[side] + len);
    if (grown != NULL) {
        memcpy(grown + cap->pending_len[side], buf, len);
        cap->pending[side] = grown;
        cap->pending_len[side] += len;
        cut_records(cap, side);
    }
    pthread_mutex_unlock(&cap->lock);
}

static int is_kept(const char *name)
{
    for (size_t i = 0; i < sizeof kept_names / sizeof kept_names[0]; i++)
        if (strcmp(kept_names[i], name) == 0)
            return 1;
    return 0;
}

void page_capture_event(page_capture *cap, const trace_event *e)
{
    if (e->name == NULL || !is_kept(e->name) || e->len == 0)
        return;
    pthread_mutex_lock(&cap->lock);
    if (page_value_of(cap, e->sender, e->name) == NULL &&
        cap->value_count < PAGE_MAX_VALUES) {
        page_value *v = &cap->values[cap->value_count];
        v->bytes = malloc(e->len);
        if (v->bytes != NULL) {
            memcpy(v->bytes, e->bytes, e->len);
            v->len = e->len;
            v->sender = e->sender;
            snprintf(v->name, sizeof v->name, "%s", e->name);
            cap->value_count++;
        }
    }
    pthread_mutex_unlock(&cap->lock);
}

const page_value *page_value_of(const page_capture *cap, trace_party sender,
                                const char *name)
{
    for (int i = 0; i < cap->value_count; i++)
        if (cap->values[i].sender == sender && strcmp(cap->values[i].name, name) == 0)
            return &cap->values[i];
    return NULL;
}

const page_value *page_value_any(const page_capture *cap, const char *name)
{
    const page_value *v = page_value_of(cap, TRACE_CLIENT, name);
    return v != NULL ? v : page_value_of(cap, TRACE_SERVER, name);
}

/* The run's ServerHello decoded into *m; 0 if there is none. */
static int server_hello_of(const page_capture *cap, server_hello *m)
{
    for (int i = 0; i < cap->record_count; i++) {
        const page_record *r = &cap->records[i];
        if (r->sender != TRACE_SERVER || r->header.type != TLS_CONTENT_HANDSHAKE ||
            r->is_protected)
            continue;
        uint8_t msg_type;
        reader body;
        const uint8_t *msg = r->wire + TLS_RECORD_HEADER_SIZE;
        if (r->len <= TLS_RECORD_HEADER_SIZE || msg[0] != HS_SERVER_HELLO ||
            hs_message_split(msg, r->len - TLS_RECORD_HEADER_SIZE, &msg_type,
                             &body) != SEE_OK)
            continue;
        return server_hello_decode(&body, m) == SEE_OK;
    }
    return 0;
}

int page_server_hello_has(const page_capture *cap, uint16_t type)
{
    server_hello m;
    return server_hello_of(cap, &m) && (m.ext.seen & extension_bit(type)) != 0;
}

const record_protection *page_record_protection(const page_capture *cap)
{
    server_hello m;
    if (!server_hello_of(cap, &m))
        return NULL;
    const tls_suite *suite = tls_suite_find(m.cipher_suite);
    return suite != NULL ? suite->record : NULL;
}

/* The padding of a CBC plaintext (RFC 5246 6.2.3.2): padding_length bytes
 * each equal to padding_length, then padding_length itself. */
static int padding_ok(const uint8_t *p, size_t n, size_t *pad)
{
    if (n == 0)
        return 0;
    size_t count = (size_t)p[n - 1] + 1;
    if (count > n)
        return 0;
    for (size_t i = n - count; i < n; i++)
        if (p[i] != p[n - 1])
            return 0;
    *pad = count;
    return 1;
}

/* Decrypt fragment IV + enc (enc_len a multiple of 16) into r->decrypted,
 * and find the padding. */
static int decrypt(page_record *r, const aes128_ct_key *key, const uint8_t *iv,
                   const uint8_t *enc, size_t enc_len)
{
    r->decrypted = malloc(enc_len ? enc_len : 1);
    if (r->decrypted == NULL ||
        aes128_ct_cbc_decrypt(key, iv, enc, r->decrypted, enc_len) != SEE_OK)
        return 0;
    r->decrypted_len = enc_len;
    r->padding_good = padding_ok(r->decrypted, enc_len, &r->padding_len);
    return 1;
}

/* Open one protected record as its receiver does: MAC-then-encrypt
 * (RFC 5246 6.2.3.2) or Encrypt-then-MAC (RFC 7366 3). */
static void open_record(page_record *r, record_cipher *c)
{
    const uint8_t *fragment = r->wire + TLS_RECORD_HEADER_SIZE;
    size_t len = r->len - TLS_RECORD_HEADER_SIZE;
    const uint8_t *iv = fragment;
    size_t mac_room = c->encrypt_then_mac ? TLS_RECORD_MAC_SIZE : 0;
    if (len < TLS_RECORD_IV_SIZE + mac_room + AES_BLOCK_SIZE ||
        (len - TLS_RECORD_IV_SIZE - mac_room) % AES_BLOCK_SIZE != 0)
        return;
    size_t enc_len = len - TLS_RECORD_IV_SIZE - mac_room;
    r->encrypt_then_mac = c->encrypt_then_mac;
    r->seq = c->seq;
    if (!decrypt(r, &c->cipher, iv, fragment + TLS_RECORD_IV_SIZE, enc_len))
        return;
    r->opened = 1;
    if (c->encrypt_then_mac) {
        /* the MAC covers IV + ciphertext, and ends the fragment */
        memcpy(r->mac_received, fragment + len - TLS_RECORD_MAC_SIZE, TLS_RECORD_MAC_SIZE);
        record_mac(c, r->header.type, r->header.version, fragment,
                   len - TLS_RECORD_MAC_SIZE, r->mac_computed);
        r->mac_good = see_ct_equal(r->mac_received, r->mac_computed, TLS_RECORD_MAC_SIZE);
        r->content_len = r->padding_good ? enc_len - r->padding_len : 0;
        return;
    }
    /* the MAC covers the content, and follows it inside the encryption;
     * without good padding it cannot be found: the receiver answers
     * bad_record_mac all the same (RFC 5246 6.2.3.2) */
    size_t tail = r->padding_len + TLS_RECORD_MAC_SIZE;
    if (!r->padding_good || tail > enc_len) {
        r->padding_good = 0;
        r->mac_good = 0;
        return;
    }
    r->content_len = enc_len - tail;
    memcpy(r->mac_received, r->decrypted + r->content_len, TLS_RECORD_MAC_SIZE);
    record_mac(c, r->header.type, r->header.version, r->decrypted, r->content_len,
               r->mac_computed);
    r->mac_good = see_ct_equal(r->mac_received, r->mac_computed, TLS_RECORD_MAC_SIZE);
}

/* Open one AEAD record (RFC 5246 6.2.3.3) as its receiver does, through
 * aead_open with the nonce and additional data the record layer builds
 * (record_aead_inputs): the tag is checked before anything is decrypted;
 * there is no MAC key and no padding. A bad tag leaves nothing decrypted. */
static void open_aead_record(page_record *r, const record_cipher *c)
{
    const uint8_t *fragment = r->wire + TLS_RECORD_HEADER_SIZE;
    size_t len = r->len - TLS_RECORD_HEADER_SIZE;
    size_t explicit_len = c->protection->explicit_nonce_len;
    if (len < explicit_len + AEAD_TAG_SIZE)
        return;
    r->aead = 1;
    r->explicit_nonce_len = explicit_len;
    r->seq = c->seq;
    /* the nonce (IV_B or IV_S with GCM's nonce_explicit or ChaCha20's
     * seq_num) and the additional data, as the record layer builds them */
    if (record_aead_inputs(c, r->header.type, r->header.version, fragment, len,
                           r->nonce, r->aad) != SEE_OK)
        return;
    size_t sealed_len = len - explicit_len;
    r->decrypted = malloc(sealed_len);
    if (r->decrypted == NULL)
        return;
    r->opened = 1;
    size_t out_len = 0;
    see_status st = aead_open(&c->aead, r->nonce, r->aad, sizeof r->aad,
                              fragment + explicit_len, sealed_len,
                              r->decrypted, sealed_len, &out_len);
    r->mac_good = st == SEE_OK;
    r->padding_good = r->mac_good;  /* nothing to strip but the tag */
    r->decrypted_len = r->mac_good ? out_len : 0;
    r->content_len = r->decrypted_len;
}

/* The protection of sender's records after its ChangeCipherSpec, from the
 * traced keys (I_B, C_B for CBC; C_B, IV_B for an AEAD; the server's
 * likewise); 0 if they were not traced. */
static int cipher_of(const page_capture *cap, const record_protection *p,
                     trace_party sender, int etm, record_cipher *c)
{
    int b = sender == TRACE_CLIENT;
    const page_value *mac = page_value_any(cap, b ? "I_B" : "I_S");
    const page_value *key = page_value_any(cap, b ? "C_B" : "C_S");
    const page_value *iv = page_value_any(cap, b ? "IV_B" : "IV_S");
    if (p == NULL || key == NULL || key->len != p->keys.key_len)
        return 0;
    if (p->aead != NULL) {
        if (iv == NULL || iv->len != p->keys.iv_len)
            return 0;
        return record_cipher_start(c, p, NULL, key->bytes, iv->bytes, 0) == SEE_OK;
    }
    if (mac == NULL || mac->len != p->keys.mac_key_len)
        return 0;
    return record_cipher_start(c, p, mac->bytes, key->bytes, NULL, etm) == SEE_OK;
}

void page_capture_open(page_capture *cap)
{
    int etm = page_server_hello_has(cap, TLS_EXT_ENCRYPT_THEN_MAC);
    const record_protection *p = page_record_protection(cap);
    record_cipher ciphers[2];
    int active[2] = { 0, 0 };
    for (int i = 0; i < cap->record_count; i++) {
        page_record *r = &cap->records[i];
        int side = r->sender == TRACE_SERVER;
        if (active[side]) {
            r->is_protected = 1;
            if (active[side] > 0) {
                if (p->aead != NULL)
                    open_aead_record(r, &ciphers[side]);
                else
                    open_record(r, &ciphers[side]);
                ciphers[side].seq++;
            }
        }
        if (r->header.type == TLS_CONTENT_CHANGE_CIPHER_SPEC && !active[side])
            active[side] = cipher_of(cap, p, r->sender, etm, &ciphers[side]) ? 1 : -1;
    }
    for (int side = 0; side < 2; side++)
        if (active[side] > 0)
            record_cipher_wipe(&ciphers[side]);
}

void page_capture_free(page_capture *cap)
{
    for (int i = 0; i < cap->record_count; i++) {
        page_record *r = &cap->records[i];
        if (r->decrypted != NULL)
            see_wipe(r->decrypted, r->decrypted_len);
        free(r->decrypted);
        free(r->wire);
    }
    for (int i = 0; i < cap->value_count; i++) {
        see_wipe(cap->values[i].bytes, cap->values[i].len);
        free(cap->values[i].bytes);
    }
    for (int side = 0; side < 2; side++)
        free(cap->pending[side]);
    pthread_mutex_destroy(&cap->lock);
    memset(cap, 0, sizeof *cap);
}
