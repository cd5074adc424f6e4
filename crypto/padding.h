/*
 * padding.h: the two CBC paddings, PKCS#7 and TLS 1.2's.
 *
 * CBC encrypts whole 16-byte blocks, so a message is padded before and
 * unpadded after. The two forms differ by one in the value of the pad
 * bytes:
 *
 *   PKCS#7 (RFC 5652 6.3, what `openssl enc` uses): append n bytes, each
 *   of value n, 1 <= n <= 16. 13 bytes of data get 03 03 03.
 *
 *   TLS 1.2 (RFC 5246 6.2.3.2, GenericBlockCipher): append padding_length
 *   bytes of value padding_length, then the padding_length byte itself:
 *   padding_length + 1 bytes, each of value padding_length, 0 <= it <= 255.
 *   13 bytes of data get 02 02 02.
 *
 * Padding is added in place: buf holds len bytes of data and has room for
 * cap. Checks run in constant time with respect to the padding contents:
 * every candidate pad byte is examined, whatever the first bad one is, and
 * the verdict is built with the masks of util.h. Only the final status
 * depends on it.
 */
#ifndef SEETLS_PADDING_H
#define SEETLS_PADDING_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

#define PADDING_BLOCK_SIZE     16   /* AES */
#define TLS_MAX_PADDING_LENGTH 255  /* padding_length is one byte */

/* ------------------------------------------------------------ PKCS#7 --- */

/* Append 16 - len % 16 bytes (1..16) of that value after buf[0..len).
 * *padded_len receives the new length, a multiple of 16. Errors:
 * SEE_ERR_BUFFER_SMALL when cap cannot hold the padded message (nothing is
 * written then). */
see_status pkcs7_pad(uint8_t *buf, size_t len, size_t cap, size_t *padded_len);

/* Check the PKCS#7 padding of buf[0..len) and give the data length in
 * *data_len. Errors: SEE_ERR_BLOCK_LENGTH if len is 0 or not a multiple of
 * 16 (a public fact, checked first), SEE_ERR_PADDING if the last byte n is
 * not 1..16 or the last n bytes are not all n (checked in constant time;
 * *data_len is left alone). */
see_status pkcs7_unpad(const uint8_t *buf, size_t len, size_t *data_len);

/* ----------------------------------------------------- TLS 1.2 (CBC) --- */

/* Append TLS padding after buf[0..len) (in a record: content then MAC):
 * the smallest padding_length that makes the total a multiple of 16, plus
 * extra_blocks whole blocks more (RFC 5246 6.2.3.2 allows up to 255 bytes
 * of padding to hide the length of the content; extra_blocks 0..15).
 * Errors: SEE_ERR_ARGUMENT if padding_length would exceed 255,
 * SEE_ERR_BUFFER_SMALL if cap is too small (nothing is written then). */
see_status tls_cbc_pad(uint8_t *buf, size_t len, size_t cap,
                       size_t extra_blocks, size_t *padded_len);

/* Check the TLS padding of a decrypted record rec[0..len) =
 * content || MAC (mac_len bytes) || padding || padding_length, for the
 * record layer, without revealing where or whether it failed.
 *
 * Returns a mask: 0xffffffff if the padding is good (all padding_length + 1
 * bytes equal padding_length and content, MAC and padding fit in len),
 * 0 if not. *content_len always receives a usable length: the true content
 * length if good, else the length as if there were no padding
 * (len - 1 - mac_len). Time and memory accesses depend only on len and
 * mac_len. Precondition: len >= mac_len + 1 (a public check the caller
 * makes first; otherwise 0 is returned and *content_len is 0).
 *
 * How the record layer uses it (RFC 5246 6.2.3.2, and the Lucky Thirteen
 * note below):
 *
 *     uint32_t good = tls_cbc_padding_check(rec, len, mac_len, &n);
 *     tls_cbc_copy_mac(rec, len, n, mac_len, received_mac);
 *     compute the HMAC over seq_num || header || rec[0..n) anyway;
 *     good &= 0u - (uint32_t)see_ct_equal(expected, received_mac, mac_len);
 *     if (good == 0) fail with bad_record_mac  (the same alert for both)
 *
 * The MAC is computed even when the padding is bad, "as if there were
 * zero-length padding", so both failures take about the same time and send
 * the same alert: a padding oracle (Vaudenay 2002) cannot tell them apart.
 *
 * Lucky Thirteen (AlFardan and Paterson 2013): "about the same" is not
 * enough. The HMAC time still depends on n, which depends on the padding,
 * through the number of SHA-256 compression calls; over many records that
 * small difference recovers plaintext. Fully closing it needs an HMAC that
 * always does the work of the longest possible n (dummy compressions, as in
 * OpenSSL's and s2n's constant-time CBC MAC checks). Where the record layer
 * does not do that, prefer a cipher suite without CBC. */
uint32_t tls_cbc_padding_check(const uint8_t *rec, size_t len, size_t mac_len,
                               size_t *content_len);

/* Copy the mac_len bytes at rec[content_len ..) into mac_out, where
 * content_len came from tls_cbc_padding_check: the read pattern covers the
 * last mac_len + 256 bytes of the record whatever content_len is, so the
 * secret position of the MAC does not show in which memory is read.
 * Requires content_len + mac_len <= len - 1 (always true of the value that
 * tls_cbc_padding_check returns) and len < 2^31. */
void tls_cbc_copy_mac(const uint8_t *rec, size_t len, size_t content_len,
                      size_t mac_len, uint8_t *mac_out);

/* Check and remove TLS padding from buf[0..len) when nothing follows the
 * data (mac_len 0): *data_len receives the data length. Errors:
 * SEE_ERR_BLOCK_LENGTH if len is 0 or not a multiple of 16,
 * SEE_ERR_PADDING if the padding is bad (checked in constant time). */
see_status tls_cbc_unpad(const uint8_t *buf, size_t len, size_t *data_len);

#endif
