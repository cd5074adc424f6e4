/*
 * page_capture.h: what demo-handshake's --html page is made of, captured
 * during the run and then opened.
 *
 *   page_capture_write  a tap's write: the bytes one side wrote, cut into
 *                       whole records (RFC 5246 6.2.1) in the order they
 *                       were written, both sides on one list
 *   page_capture_event  a trace event: the values the page derives from
 *                       (RB, PS, MASTER SECRET, I_B, C_B, ...) kept by
 *                       name, the first of each per side; names it does
 *                       not use are ignored
 *   page_capture_open   after the run: each record after its sender's
 *                       ChangeCipherSpec opened as the receiver does, so
 *                       the page can show the steps: for CBC decrypted
 *                       with C_B or C_S and its MAC recomputed with I_B or
 *                       I_S (record_mac); for an AEAD (GCM, ChaCha20) its
 *                       nonce built from IV_B or IV_S and the sequence
 *                       number, and the tag checked and the content
 *                       decrypted under C_B or C_S by aead_open
 *
 * The capture holds the run's secrets (it is a class demo): free it with
 * page_capture_free, which wipes them.
 */
#ifndef SEETLS_DEMOS_PAGE_CAPTURE_H
#define SEETLS_DEMOS_PAGE_CAPTURE_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "handshake/record.h"
#include "handshake/trace.h"

#define PAGE_MAX_RECORDS 96
#define PAGE_MAX_VALUES 64

/* One record as it crossed the wire, and what opening it gave. */
typedef struct {
    trace_party sender;
    uint8_t *wire;       /* header and fragment */
    size_t len;
    record_header header;

    int is_protected;    /* sent after its sender's ChangeCipherSpec */
    int opened;          /* the keys were known: decrypted and MAC checked
                            (an AEAD's tag checked, and decrypted if good) */
    int aead;            /* an AEAD record (RFC 5246 6.2.3.3): no MAC key,
                            no padding; mac_good is the tag check */
    size_t explicit_nonce_len;         /* AEAD: 8 for GCM, 0 for ChaCha20 */
    uint8_t nonce[AEAD_NONCE_SIZE];    /* AEAD: the nonce as built */
    uint8_t aad[TLS_RECORD_PSEUDO_HEADER_SIZE]; /* AEAD: additional_data */
    int encrypt_then_mac;
    uint64_t seq;        /* its sequence number (never sent) */
    uint8_t *decrypted;  /* the whole CBC plaintext */
    size_t decrypted_len;
    size_t content_len;  /* of it, the record's content (0 without good padding) */
    size_t padding_len;  /* padding bytes and the padding_length byte */
    int padding_good;    /* 0: the plaintext does not end in valid padding
                            (then, MAC-then-encrypt, no MAC to check) */
    uint8_t mac_received[TLS_RECORD_MAC_SIZE];
    uint8_t mac_computed[TLS_RECORD_MAC_SIZE];
    int mac_good;
} page_record;

/* One value of the run under its slides' name. */
typedef struct {
    trace_party sender;
    char name[32];
    uint8_t *bytes;
    size_t len;
} page_value;

typedef struct {
    pthread_mutex_t lock;
    page_record records[PAGE_MAX_RECORDS];
    int record_count;
    page_value values[PAGE_MAX_VALUES];
    int value_count;
    /* what each side has written and not yet cut into records */
    uint8_t *pending[2];
    size_t pending_len[2];
} page_capture;

void page_capture_init(page_capture *cap);

/* Keep what sender wrote (whole records or parts of them). */
void page_capture_write(page_capture *cap, trace_party sender,
                        const uint8_t *buf, size_t len);

/* Keep the value of a trace event the page uses (others are ignored). */
void page_capture_event(page_capture *cap, const trace_event *e);

/* Decrypt and check every protected record whose keys were traced; which
 * protection (the suite's: CBC MAC-then-encrypt or Encrypt-then-MAC,
 * RFC 7366, or an AEAD) is read from the ServerHello. */
void page_capture_open(page_capture *cap);

/* The value name of sender, or NULL. */
const page_value *page_value_of(const page_capture *cap, trace_party sender,
                                const char *name);
/* The value name of either side (the client's first), or NULL. */
const page_value *page_value_any(const page_capture *cap, const char *name);

/* 1 if the ServerHello of the run carried the extension type. */
int page_server_hello_has(const page_capture *cap, uint16_t type);

/* The record protection of the suite the ServerHello chose, or NULL (no
 * ServerHello, or a suite not ours). */
const record_protection *page_record_protection(const page_capture *cap);

/* Everything freed, the secrets wiped. */
void page_capture_free(page_capture *cap);

#endif
