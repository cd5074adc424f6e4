/*
 * test_subst.c: the slides' substitution cipher (their example, the case
 * rule, every byte value, malformed keys and tables) and its break on
 * public-domain English that the n-gram table was not derived from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cryptanalysis/subst.h"
#include "cryptanalysis/subst_break.h"
#include "tests/unit/harness.h"

#define SLIDES_KEY "THIS IS THE COOLEST COURSE!"

/* The slides, "Example": shortened key, table, and "I LOVE TLS". */
static void test_slides_example(void)
{
    subst_key key;
    CU_ASSERT_EQUAL_FATAL(subst_key_from_keyword(&key, SLIDES_KEY), SEE_OK);
    CU_ASSERT_STRING_EQUAL(key.shortened, "THISECOLUR");
    CU_ASSERT_STRING_EQUAL(key.table, "THISECOLURABDFGJKMNPQVWXYZ");

    char out[11];
    subst_encrypt(&key, "I LOVE TLS", out, 10);
    out[10] = '\0';
    CU_ASSERT_STRING_EQUAL(out, "U BGVE PBN");
    subst_decrypt(&key, "U BGVE PBN", out, 10);
    CU_ASSERT_STRING_EQUAL(out, "I LOVE TLS");
}

/* The same example from vectors/subst_slides.txt. */
static void test_slides_vector(void)
{
    vec_file *v = vec_open("subst_slides.txt");
    if (v == NULL)
        return;
    CU_ASSERT_FATAL(vec_next(v));
    subst_key key;
    const char *plain = vec_get(v, "plain");
    size_t n = strlen(plain);
    char out[64], back[64];
    CU_ASSERT_FATAL(n < sizeof out);
    CU_ASSERT_EQUAL_FATAL(subst_key_from_keyword(&key, vec_get(v, "keyword")), SEE_OK);
    CU_ASSERT_STRING_EQUAL(key.shortened, vec_get(v, "short_key"));
    CU_ASSERT_STRING_EQUAL(key.table, vec_get(v, "table"));
    subst_encrypt(&key, plain, out, n);
    out[n] = '\0';
    CU_ASSERT_STRING_EQUAL(out, vec_get(v, "cipher"));
    subst_decrypt(&key, out, back, n);
    back[n] = '\0';
    CU_ASSERT_STRING_EQUAL(back, plain);
    vec_close(v);
}

/* Case is kept, the key's case does not matter, non-letters pass. */
static void test_case_rule(void)
{
    subst_key upper, lower;
    CU_ASSERT_EQUAL_FATAL(subst_key_from_keyword(&upper, SLIDES_KEY), SEE_OK);
    CU_ASSERT_EQUAL_FATAL(subst_key_from_keyword(&lower, "this is the coolest course!"), SEE_OK);
    CU_ASSERT_STRING_EQUAL(lower.table, upper.table);
    CU_ASSERT_STRING_EQUAL(lower.shortened, "THISECOLUR");

    const char *in = "i love tls, Bob! 1-2-3 \xc3\xa9t\xc3\xa9";
    const char *want = "u bgve pbn, Hgh! 1-2-3 \xc3\xa9p\xc3\xa9";
    size_t n = strlen(in);
    char out[64];
    subst_encrypt(&upper, in, out, n);
    out[n] = '\0';
    CU_ASSERT_STRING_EQUAL(out, want);
    subst_decrypt(&upper, out, out, n); /* in place */
    CU_ASSERT_STRING_EQUAL(out, in);
}

/* A pangram uses every letter: the shortened key is the whole table. */
static void test_pangram_key(void)
{
    subst_key key;
    CU_ASSERT_EQUAL_FATAL(subst_key_from_keyword(
        &key, "The quick brown fox jumps over the lazy dog."), SEE_OK);
    CU_ASSERT_STRING_EQUAL(key.shortened, "THEQUICKBROWNFXJMPSVLAZYDG");
    CU_ASSERT_STRING_EQUAL(key.table, "THEQUICKBROWNFXJMPSVLAZYDG");
    CU_ASSERT_EQUAL_FATAL(subst_key_from_keyword(&key, "zz9z"), SEE_OK);
    CU_ASSERT_STRING_EQUAL(key.shortened, "Z");
    CU_ASSERT_STRING_EQUAL(key.table, "ZABCDEFGHIJKLMNOPQRSTUVWXY");
    CU_ASSERT_EQUAL_FATAL(subst_key_from_keyword(&key, "ZEBRAS"), SEE_OK);
    CU_ASSERT_STRING_EQUAL(key.table, "ZEBRASCDFGHIJKLMNOPQTUVWXY");
}

static void test_keys_without_letters(void)
{
    subst_key key;
    CU_ASSERT_EQUAL(subst_key_from_keyword(&key, ""), SEE_ERR_NO_LETTERS);
    CU_ASSERT_EQUAL(subst_key_from_keyword(&key, "123 !? \xc3\xa9"), SEE_ERR_NO_LETTERS);
    CU_ASSERT_EQUAL(subst_key_from_keyword(&key, NULL), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(subst_key_from_keyword(NULL, "A"), SEE_ERR_ARGUMENT);
}

static void test_key_from_table(void)
{
    subst_key key;
    CU_ASSERT_EQUAL_FATAL(subst_key_from_table(&key, "thisecolurabdfgjkmnpqvwxyz"), SEE_OK);
    CU_ASSERT_STRING_EQUAL(key.table, "THISECOLURABDFGJKMNPQVWXYZ");
    CU_ASSERT_STRING_EQUAL(key.shortened, "");
    CU_ASSERT_STRING_EQUAL(key.inverse, "KLFMENOBCPQHRSGTUJDAIVWXYZ");
    CU_ASSERT_EQUAL(subst_key_from_table(&key, "THISECOLURABDFGJKMNPQVWXYT"), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(subst_key_from_table(&key, "THISECOLURABDFGJKMNPQVWXY"), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(subst_key_from_table(&key, "THISECOLURABDFGJKMNPQVWXYZA"), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(subst_key_from_table(&key, "THISECOLURABDFGJKMNPQVWXY1"), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(subst_key_from_table(&key, NULL), SEE_ERR_ARGUMENT);
}

/* The inverse undoes the table, letter by letter, computed by search. */
static void test_inverse_by_search(void)
{
    subst_key key;
    CU_ASSERT_EQUAL_FATAL(subst_key_from_keyword(&key, SLIDES_KEY), SEE_OK);
    for (int c = 0; c < SUBST_LETTERS; c++) {
        const char *at = strchr(key.table, 'A' + c);
        CU_ASSERT_PTR_NOT_NULL_FATAL(at);
        CU_ASSERT_EQUAL(key.inverse[c], 'A' + (at - key.table));
    }
}

/* All 256 byte values: letters move within their case, others stay, and
 * decryption restores the input. */
static void test_every_byte(void)
{
    subst_key key;
    CU_ASSERT_EQUAL_FATAL(subst_key_from_keyword(&key, "Network Security"), SEE_OK);
    char in[256], enc[256], dec[256];
    for (int i = 0; i < 256; i++)
        in[i] = (char)i;
    subst_encrypt(&key, in, enc, sizeof in);
    subst_decrypt(&key, enc, dec, sizeof enc);
    CU_ASSERT_EQUAL(memcmp(dec, in, sizeof in), 0);
    for (int i = 0; i < 256; i++) {
        int want = i;
        if (i >= 'A' && i <= 'Z')
            want = key.table[i - 'A'];
        else if (i >= 'a' && i <= 'z')
            want = key.table[i - 'a'] - 'A' + 'a';
        CU_ASSERT_EQUAL((unsigned char)enc[i], want);
    }
}

/* Break each passage of vectors/subst_english.txt: the plaintext must come
 * back exactly, and the table must be right at every letter that occurs. */
static void test_break_english(void)
{
    vec_file *v = vec_open("subst_english.txt");
    if (v == NULL)
        return;
    while (vec_next(v)) {
        const char *plain = vec_get(v, "plaintext");
        size_t n = strlen(plain);
        subst_key key;
        CU_ASSERT_EQUAL_FATAL(subst_key_from_keyword(&key, vec_get(v, "key")), SEE_OK);
        char *cipher = malloc(n), *recovered = malloc(n), *again = malloc(n);
        CU_ASSERT_FATAL(cipher != NULL && recovered != NULL && again != NULL);
        subst_encrypt(&key, plain, cipher, n);

        subst_break_result r, r2;
        CU_ASSERT_EQUAL_FATAL(subst_break(cipher, n, &r, recovered), SEE_OK);
        CU_ASSERT(r.letters >= 600);
        size_t letters, equal;
        subst_letter_accuracy(plain, recovered, n, &letters, &equal);
        CU_ASSERT_EQUAL(letters, r.letters);
        CU_ASSERT_EQUAL(equal, letters);
        CU_ASSERT_EQUAL(memcmp(recovered, plain, n), 0);
        for (size_t i = 0; i < n; i++) {
            char c = plain[i];
            if (c >= 'a' && c <= 'z')
                c = (char)(c - 'a' + 'A');
            if (c >= 'A' && c <= 'Z') {
                CU_ASSERT_EQUAL(r.key.table[c - 'A'], key.table[c - 'A']);
            }
        }

        /* Deterministic: the same ciphertext, the same answer. */
        CU_ASSERT_EQUAL(subst_break(cipher, n, &r2, again), SEE_OK);
        CU_ASSERT_STRING_EQUAL(r2.key.table, r.key.table);
        CU_ASSERT_EQUAL(r2.score, r.score);
        CU_ASSERT_EQUAL(memcmp(again, recovered, n), 0);
        free(cipher);
        free(recovered);
        free(again);
    }
    CU_ASSERT_EQUAL(v->count, 2);
    vec_close(v);
}

/* vectors/subst_break_plain.txt (805 letters of modern prose) under three
 * keywords: every letter comes back. */
static void test_break_modern_prose(void)
{
    FILE *f = fopen("vectors/subst_break_plain.txt", "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    static char plain[8192];
    size_t n = fread(plain, 1, sizeof plain, f);
    fclose(f);
    CU_ASSERT_FATAL(n > 0 && n < sizeof plain);
    static const char *const keywords[] = {"THIS IS THE COOLEST COURSE!",
                                           "ZEBRAS AND QUOKKAS", "NETWORK SECURITY"};
    static char cipher[8192], recovered[8192];
    for (size_t k = 0; k < 3; k++) {
        subst_key key;
        subst_break_result r;
        CU_ASSERT_EQUAL_FATAL(subst_key_from_keyword(&key, keywords[k]), SEE_OK);
        subst_encrypt(&key, plain, cipher, n);
        CU_ASSERT_EQUAL_FATAL(subst_break(cipher, n, &r, recovered), SEE_OK);
        size_t letters, equal;
        subst_letter_accuracy(plain, recovered, n, &letters, &equal);
        CU_ASSERT_EQUAL(letters, 805);
        CU_ASSERT_EQUAL(equal, letters);
        CU_ASSERT_EQUAL(memcmp(recovered, plain, n), 0);
    }
}

/* Word boundaries help but are not needed: the Gettysburg ciphertext with
 * every non-letter removed still comes back exactly. */
static void test_break_without_spaces(void)
{
    vec_file *v = vec_open("subst_english.txt");
    if (v == NULL)
        return;
    CU_ASSERT_FATAL(vec_next(v));
    const char *plain = vec_get(v, "plaintext");
    size_t n = strlen(plain), m = 0;
    char *letters_only = malloc(n), *cipher = malloc(n), *recovered = malloc(n);
    CU_ASSERT_FATAL(letters_only != NULL && cipher != NULL && recovered != NULL);
    for (size_t i = 0; i < n; i++)
        if ((plain[i] >= 'A' && plain[i] <= 'Z') || (plain[i] >= 'a' && plain[i] <= 'z'))
            letters_only[m++] = plain[i];
    subst_key key;
    CU_ASSERT_EQUAL_FATAL(subst_key_from_keyword(&key, "seetls"), SEE_OK);
    subst_encrypt(&key, letters_only, cipher, m);
    subst_break_result r;
    CU_ASSERT_EQUAL_FATAL(subst_break(cipher, m, &r, recovered), SEE_OK);
    CU_ASSERT_EQUAL(r.letters, m);
    CU_ASSERT_EQUAL(memcmp(recovered, letters_only, m), 0);
    free(letters_only);
    free(cipher);
    free(recovered);
    vec_close(v);
}

static void test_break_too_short(void)
{
    subst_break_result r;
    char out[16];
    CU_ASSERT_EQUAL(subst_break("U BGVE PBN", 10, &r, out), SEE_ERR_TOO_SHORT);
    CU_ASSERT_EQUAL(r.letters, 8);
    CU_ASSERT_EQUAL(subst_break("", 0, &r, NULL), SEE_ERR_TOO_SHORT);
    CU_ASSERT_EQUAL(r.letters, 0);
    CU_ASSERT_EQUAL(subst_break("1234 ... !!!", 12, &r, NULL), SEE_ERR_TOO_SHORT);
    CU_ASSERT_EQUAL(subst_break(NULL, 0, &r, NULL), SEE_ERR_ARGUMENT);
}

static void test_letter_accuracy(void)
{
    size_t letters, equal;
    subst_letter_accuracy("Hello, World!", "hellx, wORLD?", 13, &letters, &equal);
    CU_ASSERT_EQUAL(letters, 10);
    CU_ASSERT_EQUAL(equal, 9);
}

int main(void)
{
    CU_TestInfo tests[] = {
        {"slides example: THISECOLUR, U BGVE PBN", test_slides_example},
        {"slides example from subst_slides.txt", test_slides_vector},
        {"case is kept, non-letters pass", test_case_rule},
        {"pangram and one-letter keys", test_pangram_key},
        {"keys without letters", test_keys_without_letters},
        {"key from a whole table", test_key_from_table},
        {"inverse table by search", test_inverse_by_search},
        {"every byte value", test_every_byte},
        {"break: English passages recovered exactly", test_break_english},
        {"break: 805 letters of modern prose, three keys", test_break_modern_prose},
        {"break: without word boundaries", test_break_without_spaces},
        {"break: too little text", test_break_too_short},
        {"letter accuracy", test_letter_accuracy},
        CU_TEST_INFO_NULL,
    };
    return run_suite("subst", tests);
}
