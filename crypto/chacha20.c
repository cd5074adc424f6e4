/*
 * chacha20.c: the ChaCha20 stream cipher as RFC 8439 2.1-2.4 defines it,
 * one block at a time: the reference. Where the CPU has SIMD registers
 * (cpu_has(CPU_SIMD), core/cpu.h), chacha20_xor hands a message to a
 * vector path that computes several blocks at once (crypto/chacha20_x86.c,
 * eight with AVX2; crypto/chacha20_arm.c, four with NEON;
 * crypto/hw_paths.h names them) and does here what it leaves: a last
 * part of two blocks or less.
 */
#include "crypto/chacha20.h"

#include <string.h>

#include "core/cpu.h"
#include "core/util.h"
#include "crypto/hw_paths.h"

/* "expand 32-byte k" read as four little-endian words (RFC 8439 2.3). */
#define CHACHA20_CONSTANT_0 0x61707865u
#define CHACHA20_CONSTANT_1 0x3320646eu
#define CHACHA20_CONSTANT_2 0x79622d32u
#define CHACHA20_CONSTANT_3 0x6b206574u

/* "<<< n": an n-bit left roll of a 32-bit word (0 < n < 32). */
static uint32_t rotl32(uint32_t v, int n)
{
    return (v << n) | (v >> (32 - n));
}

/* The quarter round of RFC 8439 2.1, line for line, on four words. */
static inline void quarter_round(uint32_t *a, uint32_t *b, uint32_t *c,
                                 uint32_t *d)
{
    *a += *b; *d ^= *a; *d = rotl32(*d, 16);
    *c += *d; *b ^= *c; *b = rotl32(*b, 12);
    *a += *b; *d ^= *a; *d = rotl32(*d, 8);
    *c += *d; *b ^= *c; *b = rotl32(*b, 7);
}

void chacha20_quarter_round(uint32_t state[16], size_t a, size_t b, size_t c,
                            size_t d)
{
    quarter_round(&state[a], &state[b], &state[c], &state[d]);
}

/* constants | key | counter | nonce, each as little-endian words (2.3). */
static void chacha20_init_state(uint32_t state[16],
                                const uint8_t key[CHACHA20_KEY_SIZE],
                                uint32_t counter,
                                const uint8_t nonce[CHACHA20_NONCE_SIZE])
{
    state[0] = CHACHA20_CONSTANT_0;
    state[1] = CHACHA20_CONSTANT_1;
    state[2] = CHACHA20_CONSTANT_2;
    state[3] = CHACHA20_CONSTANT_3;
    for (int i = 0; i < 8; i++)
        state[4 + i] = see_load32_le(key + 4 * i);
    state[12] = counter;
    for (int i = 0; i < 3; i++)
        state[13 + i] = see_load32_le(nonce + 4 * i);
}

/* inner_block of RFC 8439 2.3.1: a column round, then a diagonal round. */
static void chacha20_double_round(uint32_t x[16])
{
    /* column round: QUARTERROUND(0, 4, 8, 12) ... */
    quarter_round(&x[0], &x[4], &x[8], &x[12]);
    quarter_round(&x[1], &x[5], &x[9], &x[13]);
    quarter_round(&x[2], &x[6], &x[10], &x[14]);
    quarter_round(&x[3], &x[7], &x[11], &x[15]);
    /* diagonal round: QUARTERROUND(0, 5, 10, 15) ... */
    quarter_round(&x[0], &x[5], &x[10], &x[15]);
    quarter_round(&x[1], &x[6], &x[11], &x[12]);
    quarter_round(&x[2], &x[7], &x[8], &x[13]);
    quarter_round(&x[3], &x[4], &x[9], &x[14]);
}

/* The block function on a state already set up: 20 rounds on a copy, the
 * input added back, serialized little-endian (RFC 8439 2.3). */
static void chacha20_block_from_state(const uint32_t initial[16],
                                      uint8_t out[CHACHA20_BLOCK_SIZE])
{
    uint32_t working[16];
    memcpy(working, initial, sizeof working);

    /* 20 rounds = 10 double rounds. */
    for (int i = 0; i < 10; i++)
        chacha20_double_round(working);

    /* Adding the input back makes the function one-way: without it the
     * rounds could be run backwards from the output to the key. */
    for (int i = 0; i < 16; i++)
        see_store32_le(out + 4 * i, working[i] + initial[i]);

    see_wipe(working, sizeof working);
}

void chacha20_block(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
                    const uint8_t nonce[CHACHA20_NONCE_SIZE],
                    uint8_t out[CHACHA20_BLOCK_SIZE])
{
    uint32_t state[16];
    chacha20_init_state(state, key, counter, nonce);
    chacha20_block_from_state(state, out);
    see_wipe(state, sizeof state);
}

/* 1 if a message of len bytes starting at block counter stays within the
 * 32-bit block counter: blocks counter .. counter + ceil(len/64) - 1 must
 * all be at most 2^32 - 1. Computed in 64 bits, as len may be 64 bits. */
static int chacha20_fits_counter(uint32_t counter, uint64_t len)
{
    uint64_t blocks = len / CHACHA20_BLOCK_SIZE +
                      (len % CHACHA20_BLOCK_SIZE != 0);
    return blocks <= (uint64_t)UINT32_MAX - counter + 1;
}

#if HW_PATHS
/* The vector path (crypto/hw_paths.h) over the whole groups of
 * CHACHA20_HW_BLOCKS blocks, then over the rest as one more group through
 * a buffer (never reading or writing past in or out; the blocks past the
 * message's end are computed and wiped, never used) when the rest is more
 * than two blocks (a group costs about what two blocks one at a time do)
 * and every block of that group, the unused ones included, stays at most
 * 2^32 - 1, so that no lane wraps. Returns the bytes done, with state[12]
 * moved past them; the caller does the rest one block at a time. */
static size_t xor_on_vector_path(uint32_t state[16], const uint8_t *in,
                                 uint8_t *out, size_t len)
{
    enum { GROUP = CHACHA20_HW_BLOCKS * CHACHA20_BLOCK_SIZE };
    size_t done = chacha20_hw_xor(state, in, out, len - len % GROUP);
    state[12] += (uint32_t)(done / CHACHA20_BLOCK_SIZE);
    size_t rest = len - done;
    if (rest > 2 * CHACHA20_BLOCK_SIZE &&
        (uint64_t)state[12] + CHACHA20_HW_BLOCKS - 1 <= UINT32_MAX) {
        uint8_t part[GROUP] = {0};
        memcpy(part, in + done, rest);
        chacha20_hw_xor(state, part, part, GROUP);
        memcpy(out + done, part, rest);
        see_wipe(part, sizeof part);
        done = len;
    }
    return done;
}
#endif

see_status chacha20_xor(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
                        const uint8_t nonce[CHACHA20_NONCE_SIZE],
                        const uint8_t *in, uint8_t *out, size_t len)
{
    ENSURE(chacha20_fits_counter(counter, len), SEE_ERR_ARGUMENT);

    /* The state is set up once; from block to block only the counter,
     * word 12, changes (RFC 8439 3 suggests this). */
    uint32_t state[16];
    uint8_t keystream[CHACHA20_BLOCK_SIZE];
    chacha20_init_state(state, key, counter, nonce);
    size_t done = 0;
#if HW_PATHS
    if (cpu_has(CPU_SIMD))
        done = xor_on_vector_path(state, in, out, len);
#endif
    while (done < len) {
        size_t n = len - done;
        if (n > CHACHA20_BLOCK_SIZE)
            n = CHACHA20_BLOCK_SIZE;
        chacha20_block_from_state(state, keystream);
        /* A last partial block uses the start of the keystream block; the
         * rest is discarded (RFC 8439 2.4). */
        for (size_t i = 0; i < n; i++)
            out[done + i] = in[done + i] ^ keystream[i];
        done += n;
        state[12]++;
    }
    see_wipe(state, sizeof state);
    see_wipe(keystream, sizeof keystream);
    return SEE_OK;
}
