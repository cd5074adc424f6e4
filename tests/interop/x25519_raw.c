/*
 * x25519_raw.c: crypto/x25519.c from the command line, for
 * test_x25519.sh (built there against the library; not part of seetls,
 * whose genpkey/pkey/pkeyutl commands come later):
 *
 *   x25519_raw public PRIVATE_HEX           A = a*G
 *   x25519_raw derive PRIVATE_HEX PEER_HEX  S = a*B (exit 1 when refused)
 *   x25519_raw generate                     a new pair: "PRIVATE PUBLIC"
 *
 * Keys are the raw 32 bytes of RFC 7748, in hex.
 */
#include <stdio.h>
#include <string.h>

#include "codec/hex.h"
#include "core/util.h"
#include "crypto/x25519.h"

static int key_from_hex(const char *hex, uint8_t out[X25519_KEY_SIZE])
{
    size_t len;
    if (see_hex_decode(hex, out, X25519_KEY_SIZE, &len) != SEE_OK || len != X25519_KEY_SIZE) {
        fprintf(stderr, "x25519_raw: not 32 bytes of hex: %s\n", hex);
        return 0;
    }
    return 1;
}

static void print_key(const uint8_t key[X25519_KEY_SIZE], const char *end)
{
    char hex[2 * X25519_KEY_SIZE + 1];
    see_hex_encode(key, X25519_KEY_SIZE, hex);
    printf("%s%s", hex, end);
}

int main(int argc, char **argv)
{
    uint8_t a[X25519_KEY_SIZE], peer[X25519_KEY_SIZE], out[X25519_KEY_SIZE];
    int status = 2;
    if (argc == 3 && strcmp(argv[1], "public") == 0) {
        if (key_from_hex(argv[2], a)) {
            x25519_public_key(out, a);
            print_key(out, "\n");
            status = 0;
        }
    } else if (argc == 4 && strcmp(argv[1], "derive") == 0) {
        if (key_from_hex(argv[2], a) && key_from_hex(argv[3], peer)) {
            see_status st = x25519_shared_secret(out, a, peer);
            if (st == SEE_OK) {
                print_key(out, "\n");
                status = 0;
            } else {
                fprintf(stderr, "x25519_raw: %s\n", see_strerror(st));
                status = 1;
            }
        }
    } else if (argc == 2 && strcmp(argv[1], "generate") == 0) {
        see_rng rng;
        rng_init_system(&rng);
        if (x25519_generate_key(&rng, a, out) == SEE_OK) {
            print_key(a, " ");
            print_key(out, "\n");
            status = 0;
        }
        rng_wipe(&rng);
    } else {
        fprintf(stderr, "usage: x25519_raw public PRIV | derive PRIV PEER | generate\n");
    }
    see_wipe(a, sizeof a);
    see_wipe(out, sizeof out);
    return status;
}
