/*
 * record.h: the TLS 1.2 record layer, RFC 5246 section 6, with the two
 * protections of our suites: AES-128-CBC with HMAC-SHA256 (and its
 * Encrypt-then-MAC variant, RFC 7366), and an AEAD (RFC 5246 6.2.3.3):
 * AES-128-GCM (RFC 5288) or ChaCha20-Poly1305 (RFC 7905).
 *
 * A record on the wire (6.2.1):
 *
 *   type (1)  version (2)  length (2)  fragment (length bytes)
 *
 * type is change_cipher_spec (20), alert (21), handshake (22) or
 * application_data (23); version is 03 03; a plaintext fragment is at most
 * 2^14 bytes, a protected one at most 2^14 + 2048.
 *
 * Protection, MAC-then-encrypt (6.2.3.2, GenericBlockCipher):
 *
 *   MAC      = HMAC-SHA256(I, seq_num(8) + type + version + length + content)
 *   fragment = IV(16) + AES-CBC(C, IV, content + MAC + padding + padding_length)
 *
 * Encrypt-then-MAC (RFC 7366 section 3):
 *
 *   enc      = AES-CBC(C, IV, content + padding + padding_length)
 *   fragment = IV(16) + enc + HMAC-SHA256(I, seq_num + type + version +
 *                                         length(IV + enc) + IV + enc)
 *
 * AEAD (6.2.3.3, GenericAEADCipher): no MAC key; the cipher's tag
 * authenticates the content and the same 13 bytes the MAC covered:
 *
 *   additional_data = seq_num(8) + type + version + length(content)
 *   fragment        = nonce_explicit + AEAD-Seal(C, nonce, content,
 *                                                additional_data)
 *
 *   AES-128-GCM (RFC 5288 3):  nonce = IV(4, from the key block) +
 *                              nonce_explicit(8, sent: we send seq_num)
 *   ChaCha20-Poly1305 (RFC 7905 2): nonce = IV(12, from the key block)
 *                              XOR seq_num (right-aligned); nothing sent
 *
 * I is I_B for what the client writes and I_S for what the server writes,
 * C is C_B or C_S (IV: IV_B or IV_S); seq_num is a 64-bit count of the
 * records sent in that direction since the ChangeCipherSpec, never sent
 * itself (GCM's nonce_explicit aside): a replayed, dropped or reordered
 * record is checked under the wrong number and fails with bad_record_mac.
 */
#ifndef SEETLS_RECORD_H
#define SEETLS_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/aead.h"
#include "crypto/aes_ct.h"
#include "core/error.h"
#include "crypto/hmac.h"
#include "crypto/prf.h"
#include "crypto/random.h"
#include "handshake/trace.h"
#include "handshake/transport.h"

#define TLS_VERSION_1_2        0x0303
#define TLS_RECORD_HEADER_SIZE 5
#define TLS_MAX_PLAINTEXT      16384           /* 2^14 */
#define TLS_MAX_CIPHERTEXT     (16384 + 2048)  /* 2^14 + 2048 */
#define TLS_RECORD_IV_SIZE     AES_BLOCK_SIZE  /* the explicit IV */
#define TLS_RECORD_MAC_SIZE    HMAC_SHA256_SIZE
/* The 13 bytes the MAC and the AEAD's additional data begin with:
 * seq_num(8) + type(1) + version(2) + length(2) (6.2.3.1, 6.2.3.3). */
#define TLS_RECORD_PSEUDO_HEADER_SIZE 13
/* The most a protected record can grow beyond its content: IV, MAC and up
 * to a whole block of padding. */
#define TLS_RECORD_OVERHEAD    (TLS_RECORD_IV_SIZE + TLS_RECORD_MAC_SIZE + AES_BLOCK_SIZE)
/* The longest handshake message body we accept: the longest ClientHello
 * RFC 5246 7.4.1.2's grammar allows, 131,396 bytes: version 2, random 32,
 * session_id 1 + 32, cipher_suites 2 + (2^16 - 2), compression_methods
 * 1 + (2^8 - 1), extensions 2 + (2^16 - 1) (the same bound as OpenSSL's
 * CLIENT_HELLO_MAX_LENGTH). Every other message we read is shorter (a
 * peer's certificate chain fits comfortably). Longer messages are refused
 * before any byte of them is buffered. */
#define TLS_MAX_HANDSHAKE_MESSAGE 131396
/* The longest handshake message we send ourselves (tls_conn.msg): our
 * largest is the Certificate, a chain of at most TLS_MAX_CHAIN
 * certificates. */
#define TLS_MAX_OUTGOING_MESSAGE 65536
/* How many records in a row may carry nothing: warning alerts and empty
 * application data. One more ends the connection (unexpected_message).
 * RFC 5246 sets no limit; without one, a peer can keep us busy for ever
 * without moving the protocol on (CVE-2016-8610, "SSL Death Alert"). 32 is
 * OpenSSL's limit on empty records (it stops at 5 warning alerts). */
#define TLS_MAX_IDLE_RECORDS 32

typedef enum {
    TLS_CONTENT_CHANGE_CIPHER_SPEC = 20,
    TLS_CONTENT_ALERT = 21,
    TLS_CONTENT_HANDSHAKE = 22,
    TLS_CONTENT_APPLICATION_DATA = 23
} tls_content_type;

/* The ContentType's name in RFC 5246 6.2.1 ("change_cipher_spec",
 * "alert", "handshake", "application_data"), or "unknown". */
const char *record_type_name(uint8_t type);

/* ------------------------------------------------------ the headers --- */

/* The header of a record (6.2.1): ContentType, ProtocolVersion, and the
 * length of the fragment that follows it. */
typedef struct {
    uint8_t type;       /* tls_content_type */
    uint16_t version;   /* 03 03 (any 03 xx before the hellos: E.1) */
    uint16_t length;    /* of the fragment */
} record_header;

/* Decode the header at the start of p[0..len): SEE_ERR_TRUNCATED for fewer
 * than TLS_RECORD_HEADER_SIZE bytes, SEE_ERR_TLS_RECORD_TYPE for a content
 * type other than the four above, SEE_ERR_TLS_RECORD_VERSION for a major
 * version other than 3. The length is not checked against the limits,
 * which depend on the protection (record_read does). After those two
 * refusals *h is filled in all the same, so a program that only watches
 * the wire (Eve) can step over a record it does not understand. The one
 * decoder of a record header: the layer, Eve and the demos all read
 * headers with it. */
see_status record_header_decode(const uint8_t *p, size_t len, record_header *h);

/* 1 if the n bytes at p can begin a record (a content type above and major
 * version 3), judged from the first two: for a program that sees a stream
 * which may be TLS or another protocol (Eve on the robot link). 0 for
 * n < 2. */
int record_looks_like_tls(const uint8_t *p, size_t n);

/* The header of a handshake message (RFC 5246 7.4), which record_next
 * assembles across records: HandshakeType, and the body's length. */
#define TLS_HANDSHAKE_HEADER_SIZE 4
typedef struct {
    uint8_t msg_type;   /* hs_type (messages.h) */
    uint32_t length;    /* of the body, 24 bits */
} record_message_header;

/* Decode the handshake message header at the start of p[0..len):
 * SEE_ERR_TRUNCATED for fewer than TLS_HANDSHAKE_HEADER_SIZE bytes. The
 * whole message is TLS_HANDSHAKE_HEADER_SIZE + h->length bytes, which may
 * go on in the next records (6.2.1). */
see_status record_message_header_decode(const uint8_t *p, size_t len,
                                        record_message_header *h);

/* ------------------------------------------------------ protection --- */

/* What protects a suite's records, and what it takes from the key block
 * (RFC 5246 6.3). A row of the suite table (handshake/suites.c) names
 * one. */
typedef struct {
    const char *name;             /* as in the suites' names:
                                     "AES_128_CBC_SHA256", "AES_128_GCM" */
    const aead_algorithm *aead;   /* NULL: AES-128-CBC with HMAC-SHA256 */
    tls_key_sizes keys;           /* I, C and IV lengths */
    size_t explicit_nonce_len;    /* AEAD: nonce bytes each record carries
                                     (8 for GCM, 0 for ChaCha20) */
} record_protection;

extern const record_protection record_aes128_cbc_sha256;
extern const record_protection record_aes128_gcm;
extern const record_protection record_chacha20_poly1305;

/* The protection of one direction. */
typedef struct {
    int active;                          /* 0: records go in the clear */
    const record_protection *protection; /* when active */
    int encrypt_then_mac;                /* CBC: RFC 7366 negotiated */
    aes128_ct_key cipher;                /* CBC: C_B or C_S, expanded for the
                                            constant-time AES (aes_ct.h) */
    aead_key aead;                       /* AEAD: C_B or C_S */
    uint8_t mac_key[TLS_RECORD_MAC_SIZE]; /* CBC: I_B or I_S */
    uint8_t iv[TLS_MAX_IV_SIZE];         /* AEAD: IV_B or IV_S, the nonce's
                                            implicit part */
    uint64_t seq;                        /* the next record's seq_num */
} record_cipher;

/* No protection (TLS_NULL_WITH_NULL_NULL, the state before the first
 * ChangeCipherSpec). */
void record_cipher_init_null(record_cipher *c);
/* Protection p from this direction's keys: the MAC key (I_B or I_S,
 * p->keys.mac_key_len bytes), the cipher key (C_B or C_S) and the IV
 * (IV_B or IV_S, p->keys.iv_len bytes); encrypt_then_mac only for CBC.
 * seq_num starts at 0 (6.1: it is reset at every ChangeCipherSpec). */
see_status record_cipher_start(record_cipher *c, const record_protection *p,
                               const uint8_t *mac_key, const uint8_t *key,
                               const uint8_t *iv, int encrypt_then_mac);
/* The CBC protection under mac_key (I_B or I_S) and key (C_B or C_S), as
 * record_cipher_start with record_aes128_cbc_sha256. */
void record_cipher_set(record_cipher *c, const uint8_t mac_key[32],
                       const uint8_t key[16], int encrypt_then_mac);
/* Wipe the keys; back to no protection. */
void record_cipher_wipe(record_cipher *c);

/* The record MAC of 6.2.3.1 under c's MAC key (I_B or I_S) and its
 * current sequence number: HMAC-SHA256(I, seq_num + type + version +
 * length + data), length being len. The content's MAC for
 * MAC-then-encrypt, the MAC of IV + ciphertext for Encrypt-then-MAC
 * (RFC 7366 3): record_protect computes both with it, and a demo can show
 * it. c must be active. */
void record_mac(const record_cipher *c, uint8_t type, uint16_t version,
                const uint8_t *data, size_t len,
                uint8_t mac[TLS_RECORD_MAC_SIZE]);

/* What an AEAD record is opened with under c and its current sequence
 * number, as the layer builds it (6.2.3.3): the nonce (RFC 5288 3: IV +
 * nonce_explicit, the fragment's first 8 bytes; RFC 7905 2: IV XOR
 * seq_num) and the additional data, seq_num + type + version + the
 * content's length. fragment[0..len) is the record's fragment;
 * SEE_ERR_TLS_BAD_RECORD_MAC when it is too short for the explicit nonce
 * and the tag. c must be active with an AEAD. record_unprotect opens with
 * these; a demo can show them. */
see_status record_aead_inputs(const record_cipher *c, uint8_t type,
                              uint16_t version, const uint8_t *fragment,
                              size_t len, uint8_t nonce[AEAD_NONCE_SIZE],
                              uint8_t aad[TLS_RECORD_PSEUDO_HEADER_SIZE]);

/* Build one whole record (header included) of content[0..len) (len <=
 * 2^14) into out[0..cap) under c; *out_len receives its size. A fresh IV
 * comes from rng. Errors: SEE_ERR_TLS_RECORD_OVERFLOW (len too long),
 * SEE_ERR_BUFFER_SMALL, SEE_ERR_TLS_SEQ_EXHAUSTED (the 2^64th record:
 * 6.1 requires renegotiation, which we refuse), SEE_ERR_RANDOM. */
see_status record_protect(record_cipher *c, see_rng *rng, uint8_t type,
                          uint16_t version, const uint8_t *content,
                          size_t len, uint8_t *out, size_t cap,
                          size_t *out_len);

/* Check and remove the protection of one record's fragment (the bytes after
 * the header, whose type and version are given) into out (cap >= len);
 * *out_len receives the content length. Every failure of the MAC or the
 * padding is SEE_ERR_TLS_BAD_RECORD_MAC, decided in constant time (see
 * record.c); SEE_ERR_TLS_RECORD_OVERFLOW for content over 2^14 bytes. On
 * failure out is wiped. */
see_status record_unprotect(record_cipher *c, uint8_t type, uint16_t version,
                            const uint8_t *fragment, size_t len,
                            uint8_t *out, size_t cap, size_t *out_len);

/* ------------------------------------------------------- the layer --- */

/* One connection's record layer: both directions' protection, the buffer
 * of the record being read, and the handshake messages being assembled. */
typedef struct {
    const transport *io;
    see_rng *rng;
    tracer *trace;          /* may be NULL */
    trace_party self;       /* who we are, for the trace */
    record_cipher read, write;
    uint16_t version;       /* written in every header */
    int version_locked;     /* reads must carry exactly version (after the
                               hellos); before, any 03 xx is accepted (E.1) */
    unsigned idle_records;  /* warning alerts and empty records in a row */
    see_status write_failed; /* the transport's failure on a write: part of
                                a record may have gone out, so nothing more
                                can (record_write returns it again) */

    /* The record being read: in[0..in_have) has arrived so far, so a read
     * that times out in the middle of a record resumes where it stopped. */
    uint8_t in[TLS_RECORD_HEADER_SIZE + TLS_MAX_CIPHERTEXT];
    size_t in_have;
    /* The record last read: its type and (decrypted) content. */
    uint8_t content[TLS_MAX_CIPHERTEXT];
    uint8_t content_type;
    size_t content_len, content_pos;

    /* The handshake message being assembled across records. */
    uint8_t message[TLS_MAX_HANDSHAKE_MESSAGE + 4];
    size_t message_len;

    uint8_t out[TLS_RECORD_HEADER_SIZE + TLS_MAX_CIPHERTEXT];
} record_layer;

void record_layer_init(record_layer *rl, const transport *io, see_rng *rng,
                       tracer *trace, trace_party self);
/* Wipe the keys and buffers. */
void record_layer_wipe(record_layer *rl);

/* Write data as records of the type, cut into fragments of at most 2^14
 * bytes. Zero-length fragments are sent only for application data (6.2.1
 * forbids them for the other types: SEE_ERR_ARGUMENT); data may then be
 * NULL. Once the transport
 * has failed a write (a timeout included: part of a record may be out),
 * every later call returns that failure (rl->write_failed). */
see_status record_write(record_layer *rl, uint8_t type, const uint8_t *data,
                        size_t len);

/* Read the next record from the transport (however the bytes arrive) and
 * remove its protection. *type and the content (valid until the next read)
 * are returned. A transport timeout (SEE_ERR_TIMEOUT) loses nothing: the
 * bytes read so far are kept and the next call goes on from there.
 * Errors: the transport's, SEE_ERR_TLS_RECORD_TYPE,
 * SEE_ERR_TLS_RECORD_VERSION, SEE_ERR_TLS_RECORD_OVERFLOW,
 * SEE_ERR_TLS_RECORD_EMPTY (an empty handshake, alert or ChangeCipherSpec
 * record), SEE_ERR_TLS_BAD_RECORD_MAC, SEE_ERR_TLS_TOO_MANY_IDLE_RECORDS
 * (more than TLS_MAX_IDLE_RECORDS alerts and empty application data
 * records in a row; any other record resets the count). */
see_status record_read(record_layer *rl, uint8_t *type,
                       const uint8_t **content, size_t *len);

/* The next thing the peer says: a whole handshake message (type
 * TLS_CONTENT_HANDSHAKE, *data = msg_type(1) + length(3) + body, however it
 * was split across records or packed with others in one), or the content
 * of one record of another type. An alert or application data record may
 * arrive between the fragments of a handshake message (RFC 5246 6.2.1:
 * "Data of different TLS record layer content types MAY be interleaved"):
 * it is returned, and the message goes on assembling at the next call. A
 * ChangeCipherSpec there is SEE_ERR_TLS_UNEXPECTED_MESSAGE: it changes the
 * keys, so it must come between messages (7.1). A handshake message
 * declaring more than TLS_MAX_HANDSHAKE_MESSAGE bytes is
 * SEE_ERR_TLS_MESSAGE_TOO_LONG. *data is valid until the next call. */
see_status record_next(record_layer *rl, uint8_t *type, const uint8_t **data,
                       size_t *len);

/* 1 if bytes of a handshake message are waiting (read but not returned). */
int record_handshake_pending(const record_layer *rl);

#endif
