/*
 * sha1.h: SHA-1, FIPS 180-4 section 6.1, for one use only: the
 * Sec-WebSocket-Accept value of the WebSocket opening handshake (RFC 6455
 * 4.2.2, codec/websocket.h).
 *
 * Why SHA-1 is fine there. The server hashes the client's
 * Sec-WebSocket-Key with a fixed GUID and sends the hash back. Nothing in
 * it is secret and nothing is signed: the value only proves to the browser
 * that the server read this handshake and speaks WebSocket (it is not a
 * cached HTTP reply, nor a server fooled into an upgrade). An attacker who
 * found two keys with the same hash would gain nothing, since anyone can
 * compute the accept value of any key; the TLS under it is what protects
 * the connection.
 *
 * Why SHA-1 is broken for signatures and certificates. A signature signs a
 * hash, so two messages with one hash share every signature. SHAttered
 * (Stevens et al., 2017) gave two different PDF files with the same SHA-1;
 * Leurent and Peyrin's chosen-prefix collision (2020, "SHA-1 is a
 * Shambles") lets an attacker choose both starts, enough to forge a
 * certificate or a PGP key signature. The CA/Browser Forum ended SHA-1 in
 * certificates (no new ones after 2016). seetls never uses SHA-1 for a
 * signature, a certificate, a MAC or a key: those use SHA-256
 * (crypto/sha256.h).
 *
 * Streaming: sha1_init, then sha1_update any number of times with any
 * split of the message, then sha1_final, which writes the 20-byte digest
 * and wipes the context. sha1() does all three at once. Messages of any
 * length, including 0, are accepted. These functions cannot fail.
 */
#ifndef SEETLS_SHA1_H
#define SEETLS_SHA1_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/md_blocks.h"

#define SHA1_BLOCK_SIZE  64
#define SHA1_DIGEST_SIZE 20

typedef struct {
    uint32_t state[5];  /* H0..H4, the running hash value */
    md_blocks blocks;   /* the message's blocks and its padding
                           (crypto/md_blocks.h) */
} sha1_ctx;

void sha1_init(sha1_ctx *ctx);
void sha1_update(sha1_ctx *ctx, const void *data, size_t len);
void sha1_final(sha1_ctx *ctx, uint8_t digest[SHA1_DIGEST_SIZE]);

void sha1(const void *data, size_t len, uint8_t digest[SHA1_DIGEST_SIZE]);

#endif
