/*
 * subst.c: the slides' keyword substitution cipher. See subst.h.
 */
#include "cryptanalysis/subst.h"

#include <string.h>

/* The index 0..25 of an ASCII letter of either case, or -1. Written with
 * explicit ranges rather than isalpha() so the locale cannot change it. */
static int letter_index(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a';
    return -1;
}

/* Fill inverse[] from table[] (table already checked to be a permutation). */
static void fill_inverse(subst_key *key)
{
    for (int i = 0; i < SUBST_LETTERS; i++)
        key->inverse[key->table[i] - 'A'] = (char)('A' + i);
    key->inverse[SUBST_LETTERS] = '\0';
}

/* Step 2 of the slides: keep each letter of the keyword the first time it
 * appears, drop every repeat and every non-letter. */
static size_t shorten_keyword(const char *keyword, char shortened[SUBST_LETTERS + 1])
{
    int used[SUBST_LETTERS] = { 0 };
    size_t n = 0;
    for (const char *p = keyword; *p != '\0'; p++) {
        int i = letter_index((unsigned char)*p);
        if (i < 0 || used[i])
            continue;
        used[i] = 1;
        shortened[n++] = (char)('A' + i);
    }
    shortened[n] = '\0';
    return n;
}

see_status subst_key_from_keyword(subst_key *key, const char *keyword)
{
    ENSURE(key != NULL && keyword != NULL, SEE_ERR_ARGUMENT);
    memset(key, 0, sizeof *key);
    size_t n = shorten_keyword(keyword, key->shortened);
    ENSURE(n > 0, SEE_ERR_NO_LETTERS);

    /* Step 4: the bottom row is the shortened key, then the unused letters
     * of the alphabet in alphabetical order. */
    int used[SUBST_LETTERS] = { 0 };
    memcpy(key->table, key->shortened, n);
    for (size_t i = 0; i < n; i++)
        used[key->shortened[i] - 'A'] = 1;
    for (int i = 0; i < SUBST_LETTERS; i++)
        if (!used[i])
            key->table[n++] = (char)('A' + i);
    key->table[SUBST_LETTERS] = '\0';
    fill_inverse(key);
    return SEE_OK;
}

see_status subst_key_from_table(subst_key *key, const char *table)
{
    ENSURE(key != NULL && table != NULL, SEE_ERR_ARGUMENT);
    ENSURE(strlen(table) == SUBST_LETTERS, SEE_ERR_ARGUMENT);
    memset(key, 0, sizeof *key);
    int used[SUBST_LETTERS] = { 0 };
    for (int i = 0; i < SUBST_LETTERS; i++) {
        int c = letter_index((unsigned char)table[i]);
        ENSURE(c >= 0 && !used[c], SEE_ERR_ARGUMENT);
        used[c] = 1;
        key->table[i] = (char)('A' + c);
    }
    key->table[SUBST_LETTERS] = '\0';
    fill_inverse(key);
    return SEE_OK;
}

/* Map every letter of in through row (26 upper-case letters), keeping its
 * case; copy every other byte. */
static void substitute(const char *row, const char *in, char *out, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)in[i];
        int idx = letter_index(c);
        if (idx < 0)
            out[i] = (char)c;
        else if (c >= 'a')
            out[i] = (char)(row[idx] - 'A' + 'a');
        else
            out[i] = row[idx];
    }
}

void subst_encrypt(const subst_key *key, const char *in, char *out, size_t len)
{
    substitute(key->table, in, out, len);
}

void subst_decrypt(const subst_key *key, const char *in, char *out, size_t len)
{
    substitute(key->inverse, in, out, len);
}
