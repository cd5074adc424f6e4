/*
 * subst_break.c: frequency analysis and hill climbing against the
 * substitution cipher. See subst_break.h.
 */
#include "cryptanalysis/subst_break.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cryptanalysis/english_trigrams.h"

#define SYMBOLS    ENGLISH_SYMBOLS
#define BOUNDARY   ENGLISH_BOUNDARY
#define TRIGRAMS   (SYMBOLS * SYMBOLS * SYMBOLS)

#define CLIMBS          40   /* climbs after the first, each from a shaken best key */
#define STALL_LIMIT   2000   /* random swaps in a row without gain end a climb */
#define SHAKE_MAX        8   /* a shake is 2..SHAKE_MAX random swaps */
#define PRNG_SEED 0x5EE715C0FFEEULL

/* One distinct trigram of the ciphertext and how often it occurs. */
typedef struct {
    uint8_t a, b, c;
    uint32_t count;
} trigram_count;

/* The ciphertext reduced to what the score needs. */
typedef struct {
    trigram_count *trigrams;
    size_t distinct;
    size_t letter_count[SUBST_LETTERS];
    size_t letters;
} cipher_stats;

/* splitmix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number
 * generators", 2014): a tiny, well-mixed, non-cryptographic generator. */
static uint64_t prng_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static int prng_below(uint64_t *state, int n)
{
    return (int)(prng_next(state) % (uint64_t)n);
}

static int symbol_of(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a';
    return BOUNDARY;
}

/* Count letters and trigrams, reading the text as words separated by
 * boundaries exactly as scripts/gen_english_trigrams.py reads the corpus:
 * a run of non-letters is one boundary, and the text starts and ends with
 * one. */
static see_status gather_stats(const char *text, size_t len, cipher_stats *st)
{
    uint32_t *counts = calloc(TRIGRAMS, sizeof *counts);
    ENSURE(counts != NULL, SEE_ERR_NO_MEMORY);
    memset(st, 0, sizeof *st);

    int prev2 = BOUNDARY, prev1 = BOUNDARY;
    int started = 0; /* a trigram needs two symbols before it */
    for (size_t i = 0; i <= len; i++) {
        int s = i < len ? symbol_of((unsigned char)text[i]) : BOUNDARY;
        if (s == BOUNDARY && prev1 == BOUNDARY)
            continue; /* runs of non-letters are one boundary */
        if (s != BOUNDARY) {
            st->letter_count[s]++;
            st->letters++;
        }
        if (started && counts[(prev2 * SYMBOLS + prev1) * SYMBOLS + s] < UINT32_MAX)
            counts[(prev2 * SYMBOLS + prev1) * SYMBOLS + s]++;
        started = 1; /* from now on prev2 and prev1 are both real symbols */
        prev2 = prev1;
        prev1 = s;
    }

    for (int t = 0; t < TRIGRAMS; t++)
        st->distinct += counts[t] != 0;
    st->trigrams = malloc((st->distinct ? st->distinct : 1) * sizeof *st->trigrams);
    if (st->trigrams == NULL) {
        free(counts);
        return SEE_ERR_NO_MEMORY;
    }
    size_t n = 0;
    for (int t = 0; t < TRIGRAMS; t++) {
        if (counts[t] == 0)
            continue;
        st->trigrams[n].a = (uint8_t)(t / (SYMBOLS * SYMBOLS));
        st->trigrams[n].b = (uint8_t)(t / SYMBOLS % SYMBOLS);
        st->trigrams[n].c = (uint8_t)(t % SYMBOLS);
        st->trigrams[n].count = counts[t];
        n++;
    }
    free(counts);
    return SEE_OK;
}

/* The English score of the ciphertext decrypted by dec (dec[cipher symbol]
 * = plain symbol; dec[BOUNDARY] = BOUNDARY). */
static long score_of(const cipher_stats *st, const uint8_t dec[SYMBOLS])
{
    long total = 0;
    for (size_t i = 0; i < st->distinct; i++) {
        const trigram_count *t = &st->trigrams[i];
        total += (long)t->count *
                 english_trigram_score[(dec[t->a] * SYMBOLS + dec[t->b]) * SYMBOLS + dec[t->c]];
    }
    return total;
}

/* Step 1: the most frequent cipher letter becomes the most frequent English
 * letter, and so on down (ties broken alphabetically, for determinism). */
static void frequency_key(const cipher_stats *st, uint8_t dec[SYMBOLS])
{
    int order[SUBST_LETTERS];
    for (int i = 0; i < SUBST_LETTERS; i++)
        order[i] = i;
    for (int i = 1; i < SUBST_LETTERS; i++) { /* insertion sort, stable */
        int v = order[i], j = i;
        while (j > 0 && st->letter_count[order[j - 1]] < st->letter_count[v]) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
    for (int i = 0; i < SUBST_LETTERS; i++)
        dec[order[i]] = (uint8_t)(english_letter_order[i] - 'A');
    dec[BOUNDARY] = BOUNDARY;
}

static void swap_letters(uint8_t dec[SYMBOLS], int i, int j)
{
    uint8_t t = dec[i];
    dec[i] = dec[j];
    dec[j] = t;
}

/* Step 2: random swaps, each kept only if the score rises, until
 * STALL_LIMIT swaps in a row bring nothing. Returns the final score. */
static long climb(const cipher_stats *st, uint8_t dec[SYMBOLS], uint64_t *prng)
{
    long score = score_of(st, dec);
    for (int stall = 0; stall < STALL_LIMIT; stall++) {
        int i = prng_below(prng, SUBST_LETTERS);
        int j = prng_below(prng, SUBST_LETTERS - 1);
        if (j >= i)
            j++;
        swap_letters(dec, i, j);
        long s = score_of(st, dec);
        if (s > score) {
            score = s;
            stall = -1;
        } else {
            swap_letters(dec, i, j);
        }
    }
    return score;
}

see_status subst_break(const char *ciphertext, size_t len,
                       subst_break_result *result, char *plaintext)
{
    ENSURE(ciphertext != NULL && result != NULL, SEE_ERR_ARGUMENT);
    memset(result, 0, sizeof *result);
    cipher_stats st;
    TRY(gather_stats(ciphertext, len, &st));
    result->letters = st.letters;
    if (st.letters < SUBST_BREAK_MIN_LETTERS) {
        free(st.trigrams);
        return SEE_ERR_TOO_SHORT;
    }

    uint64_t prng = PRNG_SEED;
    uint8_t best[SYMBOLS], dec[SYMBOLS];
    frequency_key(&st, best);
    long best_score = climb(&st, best, &prng);

    /* Step 3: shake the best key and climb again, to leave local optima. */
    for (int round = 0; round < CLIMBS; round++) {
        memcpy(dec, best, sizeof dec);
        int shakes = 2 + prng_below(&prng, SHAKE_MAX - 1);
        for (int k = 0; k < shakes; k++) {
            int i = prng_below(&prng, SUBST_LETTERS);
            int j = prng_below(&prng, SUBST_LETTERS);
            swap_letters(dec, i, j);
        }
        long s = climb(&st, dec, &prng);
        if (s > best_score) {
            best_score = s;
            memcpy(best, dec, sizeof best);
        }
    }
    free(st.trigrams);

    /* dec maps cipher -> plain; the slides' table maps plain -> cipher. */
    char table[SUBST_LETTERS + 1];
    for (int c = 0; c < SUBST_LETTERS; c++)
        table[best[c]] = (char)('A' + c);
    table[SUBST_LETTERS] = '\0';
    TRY(subst_key_from_table(&result->key, table));
    result->score = best_score;
    if (plaintext != NULL)
        subst_decrypt(&result->key, ciphertext, plaintext, len);
    return SEE_OK;
}

void subst_letter_accuracy(const char *a, const char *b, size_t len,
                           size_t *letters, size_t *equal)
{
    *letters = 0;
    *equal = 0;
    for (size_t i = 0; i < len; i++) {
        int sa = symbol_of((unsigned char)a[i]);
        if (sa == BOUNDARY)
            continue;
        (*letters)++;
        *equal += sa == symbol_of((unsigned char)b[i]);
    }
}
