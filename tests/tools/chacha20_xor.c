/*
 * chacha20_xor.c: a test-only program (not part of seetls) that runs
 * crypto/chacha20.c's chacha20_xor on standard input, for
 * tests/interop/test_chacha20.sh to compare with `openssl enc -chacha20`:
 *
 *     chacha20_xor KEY_HEX COUNTER NONCE_HEX <in >out
 *
 * KEY_HEX is 32 bytes, NONCE_HEX 12, COUNTER the first block number
 * (decimal). Exit status 1, with a line on stderr, on any error.
 */
#include <stdio.h>
#include <stdlib.h>

#include "codec/hex.h"
#include "crypto/chacha20.h"

#define MAX_INPUT (1 << 20)

static int fail(const char *what, see_status st)
{
    fprintf(stderr, "chacha20_xor: %s: %s\n", what, see_strerror(st));
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: chacha20_xor KEY_HEX COUNTER NONCE_HEX <in >out\n");
        return 2;
    }
    uint8_t key[CHACHA20_KEY_SIZE], nonce[CHACHA20_NONCE_SIZE];
    size_t key_len, nonce_len;
    see_status st = see_hex_decode(argv[1], key, sizeof key, &key_len);
    if (st != SEE_OK || key_len != sizeof key)
        return fail("key", st != SEE_OK ? st : SEE_ERR_KEY_LENGTH);
    st = see_hex_decode(argv[3], nonce, sizeof nonce, &nonce_len);
    if (st != SEE_OK || nonce_len != sizeof nonce)
        return fail("nonce", st != SEE_OK ? st : SEE_ERR_IV_LENGTH);
    uint32_t counter = (uint32_t)strtoul(argv[2], NULL, 10);

    uint8_t *buf = malloc(MAX_INPUT);
    if (buf == NULL)
        return fail("input", SEE_ERR_NO_MEMORY);
    size_t len = fread(buf, 1, MAX_INPUT, stdin);
    st = chacha20_xor(key, counter, nonce, buf, buf, len);
    if (st != SEE_OK)
        return fail("chacha20_xor", st);
    fwrite(buf, 1, len, stdout);
    free(buf);
    return fflush(stdout) == 0 ? 0 : 1;
}
