/* fuzz_keyfile_x25519.c: any bytes as an X25519 key file (RFC 8410), PEM
 * or DER. A failed read leaves its output as it was; whatever loads must
 * write back and load to the same key, and a private key's public half
 * must be a*G. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pki/keyfile_x25519.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t untouched[X25519_KEY_SIZE] = {
    0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5,
    0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5,
    0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5};

/* A private key read from data is written, read back the same, and its
 * public key is a*G whichever reader computes it. */
static void private_key(const uint8_t *data, size_t size)
{
    uint8_t a[X25519_KEY_SIZE], back[X25519_KEY_SIZE], A[X25519_KEY_SIZE],
        G_a[X25519_KEY_SIZE], out[KEYFILE_X25519_MAX_SIZE];
    size_t len;
    memcpy(a, untouched, sizeof a);
    if (keyfile_read_x25519_private(data, size, a, NULL) != SEE_OK) {
        if (memcmp(a, untouched, sizeof a) != 0)
            __builtin_trap();
        return;
    }
    for (int pem = 0; pem <= 1; pem++)
        if (keyfile_write_x25519_private(a, pem, out, sizeof out, &len) != SEE_OK ||
            keyfile_read_x25519_private(out, len, back, NULL) != SEE_OK ||
            memcmp(a, back, sizeof a) != 0)
            __builtin_trap();
    x25519_public_key(G_a, a);
    if (keyfile_read_x25519_public(data, size, A, NULL) != SEE_OK ||
        memcmp(A, G_a, sizeof A) != 0)
        __builtin_trap();
}

/* A public key (or a private key's public half) written and read back. */
static void public_key(const uint8_t *data, size_t size)
{
    uint8_t A[X25519_KEY_SIZE], back[X25519_KEY_SIZE],
        out[KEYFILE_X25519_MAX_SIZE];
    size_t len;
    memcpy(A, untouched, sizeof A);
    if (keyfile_read_x25519_public(data, size, A, NULL) != SEE_OK) {
        if (memcmp(A, untouched, sizeof A) != 0)
            __builtin_trap();
        return;
    }
    for (int pem = 0; pem <= 1; pem++)
        if (keyfile_write_x25519_public(A, pem, out, sizeof out, &len) != SEE_OK ||
            keyfile_read_x25519_public(out, len, back, NULL) != SEE_OK ||
            memcmp(A, back, sizeof A) != 0)
            __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    private_key(data, size);
    public_key(data, size);
    return 0;
}
