/*
 * fuzz_record.c: the record layer reading arbitrary bytes from the wire.
 *
 * The first byte picks the read protection (none, MAC-then-encrypt,
 * Encrypt-then-MAC, AES-128-GCM, ChaCha20-Poly1305) and how many bytes
 * each transport read delivers; the
 * rest is what the peer sent. record_next is called until it fails: no
 * crash, no read outside the input, every returned message lies inside the
 * layer's buffers with a consistent length. Then record_unprotect is run
 * on the same bytes as one fragment.
 */
#include <stdint.h>
#include <stdlib.h>

#include "handshake/record.h"

#include "tests/script_transport.h"
#include "tests/fuzz/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static record_layer layer;
static uint8_t out[TLS_MAX_CIPHERTEXT];

/* Mode 1 and 2: CBC without and with EtM; 3 and 4: the AEADs. */
static void start(record_cipher *c, int mode)
{
    static const uint8_t mac_key[32] = { 1, 2, 3 }, key[32] = { 4, 5, 6 },
                         iv[12] = { 7, 8, 9 };
    if (mode <= 2)
        record_cipher_set(c, mac_key, key, mode == 2);
    else if (record_cipher_start(c, mode == 3 ? &record_aes128_gcm
                                              : &record_chacha20_poly1305,
                                 NULL, key, iv, 0) != SEE_OK)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int mode = data[0] % 5;
    size_t chunk = 1 + (data[0] >> 3);
    uint8_t *copy = input_copy(data + 1, size - 1);
    if (copy == NULL)
        return 0;

    script f;
    transport t;
    script_play(&f, &t, copy, size - 1, chunk);
    record_layer_init(&layer, &t, NULL, NULL, TRACE_SERVER);
    if (mode != 0)
        start(&layer.read, mode);
    for (int i = 0; i < 64; i++) {
        uint8_t type;
        const uint8_t *msg;
        size_t len;
        if (record_next(&layer, &type, &msg, &len) != SEE_OK)
            break;
        if (type == TLS_CONTENT_HANDSHAKE) {
            if (msg != layer.message || len < 4 || len > sizeof layer.message)
                abort();
        } else if (msg != layer.content || len > TLS_MAX_PLAINTEXT) {
            abort();
        }
    }

    record_cipher c;
    start(&c, mode == 0 ? 1 : mode);
    size_t n;
    size_t frag = size - 1 < sizeof out ? size - 1 : sizeof out;
    if (record_unprotect(&c, 23, TLS_VERSION_1_2, copy, frag, out, sizeof out,
                         &n) == SEE_OK && n > frag)
        abort();
    free(copy);
    return 0;
}
