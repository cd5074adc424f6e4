/*
 * fuzz_subst.c: the substitution cipher's key parsers and its break on
 * arbitrary bytes. The first byte chooses how the rest is split into a key
 * and a text. Keys must be accepted exactly when they have a letter (or, as
 * a table, are a permutation); encryption must keep the length, keep every
 * non-letter and round-trip; the break must never read out of bounds and
 * must return a permutation that decrypts to its own plaintext.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cryptanalysis/subst.h"
#include "cryptanalysis/subst_break.h"

static int is_letter(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static void check_table(const subst_key *key)
{
    int seen[SUBST_LETTERS] = { 0 };
    for (int i = 0; i < SUBST_LETTERS; i++) {
        int c = key->table[i] - 'A';
        if (c < 0 || c >= SUBST_LETTERS || seen[c] || key->inverse[c] != 'A' + i)
            abort();
        seen[c] = 1;
    }
}

static void check_round_trip(const subst_key *key, const char *text, size_t len)
{
    char *enc = malloc(len ? len : 1), *dec = malloc(len ? len : 1);
    if (enc == NULL || dec == NULL)
        abort();
    subst_encrypt(key, text, enc, len);
    subst_decrypt(key, enc, dec, len);
    for (size_t i = 0; i < len; i++)
        if (is_letter((unsigned char)text[i]) != is_letter((unsigned char)enc[i]) ||
            (!is_letter((unsigned char)text[i]) && enc[i] != text[i]))
            abort();
    if (len && memcmp(dec, text, len) != 0)
        abort();
    free(enc);
    free(dec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t split = data[0] % 64;
    if (split > size - 1)
        split = size - 1;
    char *keytext = malloc(split + 1);
    if (keytext == NULL)
        abort();
    memcpy(keytext, data + 1, split);
    keytext[split] = '\0';
    const char *text = (const char *)data + 1 + split;
    size_t len = size - 1 - split;

    subst_key key;
    int has_letter = 0;
    for (size_t i = 0; keytext[i] != '\0'; i++)
        has_letter |= is_letter((unsigned char)keytext[i]);
    see_status st = subst_key_from_keyword(&key, keytext);
    if ((st == SEE_OK) != has_letter)
        abort();
    if (st == SEE_OK) {
        check_table(&key);
        check_round_trip(&key, text, len);
    }
    if (subst_key_from_table(&key, keytext) == SEE_OK)
        check_table(&key);

    /* The break is slow on long inputs; a few hundred bytes exercise it. */
    if (len <= 400) {
        subst_break_result r;
        char *plain = malloc(len ? len : 1);
        if (plain == NULL)
            abort();
        st = subst_break(text, len, &r, plain);
        if (st == SEE_OK) {
            check_table(&r.key);
            char *again = malloc(len ? len : 1);
            if (again == NULL)
                abort();
            subst_decrypt(&r.key, text, again, len);
            if (len && memcmp(again, plain, len) != 0)
                abort();
            free(again);
        } else if (st != SEE_ERR_TOO_SHORT || r.letters >= SUBST_BREAK_MIN_LETTERS) {
            abort();
        }
        free(plain);
    }
    free(keytext);
    return 0;
}
