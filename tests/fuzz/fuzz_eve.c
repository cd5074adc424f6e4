/*
 * fuzz_eve.c: Eve's parser of a recorded session (demos/common_eve.h) on
 * arbitrary recordings.
 *
 * The first two bytes say where the B -> S bytes end and the S -> B bytes
 * begin; the third sets encrypt_then_mac (bit 0) and the record protection
 * (bits 1-2: CBC, AES-128-GCM, ChaCha20-Poly1305, whatever the recording's
 * ServerHello said). eve_parse splits both directions
 * into records and handshake messages (through handshake/'s header
 * decoders); then every protected record of B is run through eve_decrypt
 * (the record layer's record_unprotect) with a fixed key. No crash, no
 * read outside the input, and a decrypted length never beyond the record.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "demos/common_eve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    size_t split = ((size_t)data[0] << 8 | data[1]) % (size - 2);
    int etm = data[2] & 1;
    static const record_protection *const protections[] = {
        &record_aes128_cbc_sha256, &record_aes128_gcm, &record_chacha20_poly1305,
    };
    const record_protection *protection = protections[(data[2] >> 1) % 3];
    data += 3;
    size -= 3;
    static wire w;
    static eve_view v;
    if (w.dir[0] == NULL && wire_init(&w) != 0)
        abort();
    if (size > WIRE_CAP)
        return 0;
    memcpy(w.dir[0], data, split);
    w.len[0] = split;
    memcpy(w.dir[1], data + split, size - split);
    w.len[1] = size - split;
    (void)eve_parse(&w, &v);
    v.etm = etm;
    v.protection = protection;
    static tls_session_keys keys = { .c_b = { 1, 2, 3 }, .i_b = { 1, 2, 3 } };
    for (size_t i = 0; i < v.b.prot_count; i++) {
        static uint8_t out[TLS_MAX_CIPHERTEXT];
        size_t out_len = 0;
        if (eve_decrypt(&v, &keys, 1, i, &v.b.prot[i], out, sizeof out,
                        &out_len) == SEE_OK &&
            out_len > v.b.prot[i].len)
            abort();
    }
    return 0;
}
