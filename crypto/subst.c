/* subst.c: the keyword substitution cipher and its break (see subst.h). */
#include "crypto/subst.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int letter_index(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a';
    return -1;
}

static void fill_inverse(subst_key *key)
{
    for (int i = 0; i < SUBST_LETTERS; i++)
        key->inverse[key->table[i] - 'A'] = (char)('A' + i);
}

see_status subst_make_key(subst_key *key, const char *keyword)
{
    int used[SUBST_LETTERS] = {0};
    size_t n = 0;

    /* Step 2: the keyword's letters, each the first time it appears. */
    for (const char *p = keyword; *p; p++) {
        int i = letter_index(*p);
        if (i < 0 || used[i])
            continue;
        used[i] = 1;
        key->short_key[n] = (char)('A' + i);
        key->table[n++] = (char)('A' + i);
    }
    key->short_key[n] = '\0';
    ENSURE(n > 0, SEE_ERR_NO_LETTERS);

    /* Step 3: then the letters the keyword did not use, in order. */
    for (int i = 0; i < SUBST_LETTERS; i++)
        if (!used[i])
            key->table[n++] = (char)('A' + i);
    fill_inverse(key);
    return SEE_OK;
}

see_status subst_key_from_table(subst_key *key, const char table[SUBST_LETTERS])
{
    int seen[SUBST_LETTERS] = {0};
    for (int i = 0; i < SUBST_LETTERS; i++) {
        int c = letter_index(table[i]);
        ENSURE(c >= 0 && !seen[c], SEE_ERR_ARGUMENT);
        seen[c] = 1;
        key->table[i] = (char)('A' + c);
    }
    key->short_key[0] = '\0';
    fill_inverse(key);
    return SEE_OK;
}

/* Substitute every letter through map, keeping its case. */
static void substitute(const char map[SUBST_LETTERS], const char *in, char *out)
{
    for (; *in; in++, out++) {
        int i = letter_index(*in);
        if (i < 0)
            *out = *in;
        else if (*in >= 'a')
            *out = (char)(map[i] - 'A' + 'a');
        else
            *out = map[i];
    }
    *out = '\0';
}

void subst_encrypt(const subst_key *key, const char *in, char *out)
{
    substitute(key->table, in, out);
}

void subst_decrypt(const subst_key *key, const char *in, char *out)
{
    substitute(key->inverse, in, out);
}

/* ------------------------------------------------------------ breaking -- */

/* Symbols for the statistics: 0-25 the letters, 26 a word gap (any run of
 * non-letters). */
#define SYMBOLS 27
#define GAP 26

/* log P(c | a b) for every three symbols, from the English corpus, mixed
 * with the two- and one-symbol frequencies so that sequences the corpus
 * never shows still get a (low) probability. */
static float trigram_score[SYMBOLS][SYMBOLS][SYMBOLS];
static int scores_ready;

/* Turn text into symbols, collapsing every run of non-letters into one
 * GAP. Returns the count; out must hold strlen(text) + 1 symbols. */
static size_t to_symbols(const char *text, uint8_t *out)
{
    size_t n = 0;
    for (; *text; text++) {
        int i = letter_index(*text);
        if (i >= 0)
            out[n++] = (uint8_t)i;
        else if (n > 0 && out[n - 1] != GAP)
            out[n++] = GAP;
    }
    return n;
}

static void build_scores(void)
{
    static double tri[SYMBOLS][SYMBOLS][SYMBOLS], bi[SYMBOLS][SYMBOLS], uni[SYMBOLS];
    double total = 0;
    for (const char *const *para = subst_english_corpus; *para; para++) {
        size_t len = strlen(*para);
        uint8_t *s = malloc(len + 1);
        if (s == NULL)
            return;
        size_t n = to_symbols(*para, s);
        for (size_t i = 0; i < n; i++) {
            uni[s[i]]++;
            total++;
            if (i >= 1)
                bi[s[i - 1]][s[i]]++;
            if (i >= 2)
                tri[s[i - 2]][s[i - 1]][s[i]]++;
        }
        free(s);
    }
    /* Interpolate: 0.6 trigram + 0.3 bigram + 0.1 unigram (with one extra
     * count each so nothing is zero). */
    for (int a = 0; a < SYMBOLS; a++)
        for (int b = 0; b < SYMBOLS; b++) {
            double ab = 0, bsum = 0;
            for (int c = 0; c < SYMBOLS; c++) {
                ab += tri[a][b][c];
                bsum += bi[b][c];
            }
            for (int c = 0; c < SYMBOLS; c++) {
                double p3 = ab > 0 ? tri[a][b][c] / ab : 0;
                double p2 = bsum > 0 ? bi[b][c] / bsum : 0;
                double p1 = (uni[c] + 1) / (total + SYMBOLS);
                trigram_score[a][b][c] = (float)log(0.6 * p3 + 0.3 * p2 + 0.1 * p1);
            }
        }
    scores_ready = 1;
}

/* How English the text looks when cipher symbols map through key. */
static double english_score(const uint8_t *sym, size_t n, const uint8_t key[SYMBOLS])
{
    double score = 0;
    for (size_t i = 2; i < n; i++)
        score += trigram_score[key[sym[i - 2]]][key[sym[i - 1]]][key[sym[i]]];
    return score;
}

/* A small, fixed pseudo-random sequence (xorshift32) for the restarts: the
 * break must give the same answer every time, and nothing here is secret. */
static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

/* The first guess: the i-th most common cipher letter is the i-th most
 * common English letter. */
static void frequency_guess(const uint8_t *sym, size_t n, uint8_t key[SYMBOLS])
{
    static const char english_order[] = "ETAOINSHRDLCUMWFGYPBVKJXQZ";
    int count[SUBST_LETTERS] = {0}, order[SUBST_LETTERS];
    for (size_t i = 0; i < n; i++)
        if (sym[i] != GAP)
            count[sym[i]]++;
    for (int i = 0; i < SUBST_LETTERS; i++)
        order[i] = i;
    for (int i = 1; i < SUBST_LETTERS; i++) /* insertion sort, most common first */
        for (int j = i; j > 0 && count[order[j]] > count[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (int i = 0; i < SUBST_LETTERS; i++)
        key[order[i]] = (uint8_t)(english_order[i] - 'A');
    key[GAP] = GAP;
}

/* Swap pairs of plaintext letters while any swap makes the text look more
 * like English; returns the final score. */
static double climb(const uint8_t *sym, size_t n, uint8_t key[SYMBOLS])
{
    double best = english_score(sym, n, key);
    int improved = 1;
    while (improved) {
        improved = 0;
        for (int i = 0; i < SUBST_LETTERS; i++)
            for (int j = i + 1; j < SUBST_LETTERS; j++) {
                uint8_t t = key[i];
                key[i] = key[j];
                key[j] = t;
                double s = english_score(sym, n, key);
                if (s > best) {
                    best = s;
                    improved = 1;
                } else {
                    key[j] = key[i];
                    key[i] = t;
                }
            }
    }
    return best;
}

#define RESTARTS 12

see_status subst_break(const char *cipher, subst_key *key, char *plain)
{
    if (!scores_ready)
        build_scores();
    ENSURE(scores_ready, SEE_ERR_NO_MEMORY);

    size_t len = strlen(cipher);
    uint8_t *sym = malloc(len + 1);
    ENSURE(sym != NULL, SEE_ERR_NO_MEMORY);
    size_t n = to_symbols(cipher, sym), letters = 0;
    for (size_t i = 0; i < n; i++)
        letters += sym[i] != GAP;
    if (letters < SUBST_BREAK_MIN_LETTERS) {
        free(sym);
        return SEE_ERR_TOO_SHORT;
    }

    /* key_guess[c] = the plaintext letter we think cipher letter c is. */
    uint8_t best_key[SYMBOLS], guess[SYMBOLS];
    frequency_guess(sym, n, best_key);
    double best = climb(sym, n, best_key);
    uint32_t state = 0x5eed5eed;
    for (int r = 0; r < RESTARTS; r++) {
        memcpy(guess, best_key, sizeof guess);
        for (int k = 0; k < 6; k++) { /* shake: a few random swaps */
            int i = (int)(next_random(&state) % SUBST_LETTERS);
            int j = (int)(next_random(&state) % SUBST_LETTERS);
            uint8_t t = guess[i];
            guess[i] = guess[j];
            guess[j] = t;
        }
        double s = climb(sym, n, guess);
        if (s > best) {
            best = s;
            memcpy(best_key, guess, sizeof guess);
        }
    }
    free(sym);

    /* best_key maps cipher -> plain: that is the inverse table. */
    char table[SUBST_LETTERS];
    for (int c = 0; c < SUBST_LETTERS; c++)
        table[best_key[c]] = (char)('A' + c);
    TRY(subst_key_from_table(key, table));
    subst_decrypt(key, cipher, plain);
    return SEE_OK;
}
