/* padding.c: PKCS#7 and TLS 1.2 CBC padding (see padding.h). */
#include "crypto/padding.h"

#include <string.h>

#include "core/util.h"

/* ------------------------------------------------------------ PKCS#7 --- */

see_status pkcs7_pad(uint8_t *buf, size_t len, size_t cap, size_t *padded_len)
{
    /* RFC 5652 6.3: always at least one byte, so unpadding is unambiguous;
     * a message that fills its last block gets a whole block of 0x10. */
    size_t n = PADDING_BLOCK_SIZE - len % PADDING_BLOCK_SIZE;
    ENSURE(len <= cap && cap - len >= n, SEE_ERR_BUFFER_SMALL);
    memset(buf + len, (int)n, n);
    *padded_len = len + n;
    return SEE_OK;
}

see_status pkcs7_unpad(const uint8_t *buf, size_t len, size_t *data_len)
{
    ENSURE(len > 0 && len % PADDING_BLOCK_SIZE == 0, SEE_ERR_BLOCK_LENGTH);
    const uint8_t *last_block = buf + len - PADDING_BLOCK_SIZE;
    uint32_t n = last_block[PADDING_BLOCK_SIZE - 1];

    /* n must be 1..16 ... */
    uint32_t good = ~see_ct_mask_eq(n, 0) & see_ct_mask_lt(n, PADDING_BLOCK_SIZE + 1);
    /* ... and each of the last n bytes must equal n. All 16 bytes of the
     * last block are looked at; a byte counts only when it is inside the
     * padding (i < n), so no branch depends on where a bad byte is. */
    for (uint32_t i = 0; i < PADDING_BLOCK_SIZE; i++) {
        uint32_t in_padding = see_ct_mask_lt(i, n);
        uint32_t byte = last_block[PADDING_BLOCK_SIZE - 1 - i];
        good &= ~in_padding | see_ct_mask_eq(byte, n);
    }
    if (good == 0)
        return SEE_ERR_PADDING;
    *data_len = len - n;
    return SEE_OK;
}

/* ----------------------------------------------------- TLS 1.2 (CBC) --- */

see_status tls_cbc_pad(uint8_t *buf, size_t len, size_t cap,
                       size_t extra_blocks, size_t *padded_len)
{
    /* RFC 5246 6.2.3.2: len + padding_length + 1 must be a multiple of the
     * block length; any such padding_length up to 255 is allowed. */
    size_t minimal = PADDING_BLOCK_SIZE - 1 - len % PADDING_BLOCK_SIZE;
    ENSURE(extra_blocks <= TLS_MAX_PADDING_LENGTH / PADDING_BLOCK_SIZE,
           SEE_ERR_ARGUMENT);
    size_t padding_length = minimal + PADDING_BLOCK_SIZE * extra_blocks;
    ENSURE(padding_length <= TLS_MAX_PADDING_LENGTH, SEE_ERR_ARGUMENT);
    ENSURE(len <= cap && cap - len >= padding_length + 1, SEE_ERR_BUFFER_SMALL);
    /* padding_length bytes of padding, then the padding_length field: all
     * padding_length + 1 bytes hold the same value. */
    memset(buf + len, (int)padding_length, padding_length + 1);
    *padded_len = len + padding_length + 1;
    return SEE_OK;
}

uint32_t tls_cbc_padding_check(const uint8_t *rec, size_t len, size_t mac_len,
                               size_t *content_len)
{
    if (len < mac_len + 1 || mac_len + 1 < mac_len) {
        *content_len = 0;
        return 0;
    }
    uint32_t padding_length = rec[len - 1];

    /* The padding and its length byte must leave room for the MAC:
     * padding_length + 1 + mac_len <= len. A record shorter than 2^31 is
     * compared exactly; a longer one can hold any padding. */
    size_t room = len - 1 - mac_len;               /* public */
    uint32_t room32 = room > 0x7fffffff ? 0x7fffffff : (uint32_t)room;
    uint32_t good = ~see_ct_mask_lt(room32, padding_length);

    /* Every byte of the padding must equal padding_length. Look at the last
     * min(256, len) bytes, all of them every time; byte i from the end
     * counts only when i <= padding_length. Byte 0 is the length field,
     * which matches itself. */
    size_t window = len < TLS_MAX_PADDING_LENGTH + 1 ? len : TLS_MAX_PADDING_LENGTH + 1;
    for (size_t i = 0; i < window; i++) {
        uint32_t in_padding = see_ct_mask_lt((uint32_t)i, padding_length + 1);
        uint32_t byte = rec[len - 1 - i];
        good &= ~in_padding | see_ct_mask_eq(byte, padding_length);
    }

    /* Good padding: strip it. Bad: pretend it was empty (RFC 5246
     * 6.2.3.2), so the caller still computes a MAC over a sensible
     * length. Chosen with the mask, not with a branch. */
    *content_len = room - (padding_length & good);
    return good;
}

void tls_cbc_copy_mac(const uint8_t *rec, size_t len, size_t content_len,
                      size_t mac_len, uint8_t *mac_out)
{
    memset(mac_out, 0, mac_len);
    if (len < mac_len + 1)
        return;
    /* The MAC ends before the padding_length byte and at most 255 bytes of
     * padding, so it starts in the last mac_len + 256 bytes. Read all of
     * them, keeping byte i for position j only when i = content_len + j. */
    size_t span = mac_len + TLS_MAX_PADDING_LENGTH + 1;
    size_t start = len > span ? len - span : 0;
    uint32_t mac_at = (uint32_t)(content_len - start);
    for (size_t i = start; i < len - 1; i++) {
        uint32_t rel = (uint32_t)(i - start);
        for (size_t j = 0; j < mac_len; j++) {
            uint32_t here = see_ct_mask_eq(rel, mac_at + (uint32_t)j);
            mac_out[j] |= (uint8_t)(rec[i] & here);
        }
    }
}

see_status tls_cbc_unpad(const uint8_t *buf, size_t len, size_t *data_len)
{
    ENSURE(len > 0 && len % PADDING_BLOCK_SIZE == 0, SEE_ERR_BLOCK_LENGTH);
    size_t n;
    uint32_t good = tls_cbc_padding_check(buf, len, 0, &n);
    if (good == 0)
        return SEE_ERR_PADDING;
    *data_len = n;
    return SEE_OK;
}
