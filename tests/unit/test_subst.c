/* test_subst.c: the slides' substitution cipher, and breaking it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/subst.h"
#include "tests/unit/harness.h"

static void test_slides_example(void)
{
    vec_file *v = vec_open("subst_slides.txt");
    if (v == NULL)
        return;
    CU_ASSERT_FATAL(vec_next(v));
    subst_key key;
    char out[64], back[64];
    CU_ASSERT_EQUAL(subst_make_key(&key, vec_get(v, "keyword")), SEE_OK);
    CU_ASSERT_STRING_EQUAL(key.short_key, vec_get(v, "short_key"));
    CU_ASSERT_EQUAL(memcmp(key.table, vec_get(v, "table"), 26), 0);
    subst_encrypt(&key, vec_get(v, "plain"), out);
    CU_ASSERT_STRING_EQUAL(out, vec_get(v, "cipher"));
    subst_decrypt(&key, out, back);
    CU_ASSERT_STRING_EQUAL(back, vec_get(v, "plain"));
    vec_close(v);
}

static void test_case_and_punctuation(void)
{
    subst_key key;
    char out[64], back[64];
    CU_ASSERT_EQUAL(subst_make_key(&key, "THIS IS THE COOLEST COURSE!"), SEE_OK);
    subst_encrypt(&key, "i love TLS, 1.2!", out);
    CU_ASSERT_STRING_EQUAL(out, "u bgve PBN, 1.2!");
    subst_decrypt(&key, out, back);
    CU_ASSERT_STRING_EQUAL(back, "i love TLS, 1.2!");
    subst_encrypt(&key, "", out);
    CU_ASSERT_STRING_EQUAL(out, "");

    /* keyword case does not matter; no letters is an error */
    subst_key lower;
    CU_ASSERT_EQUAL(subst_make_key(&lower, "this is the coolest course"), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(lower.table, key.table, 26), 0);
    CU_ASSERT_EQUAL(subst_make_key(&key, "1234 !?"), SEE_ERR_NO_LETTERS);
    CU_ASSERT_EQUAL(subst_make_key(&key, ""), SEE_ERR_NO_LETTERS);

    /* every table is a permutation: decrypt(encrypt(x)) = x for all letters */
    CU_ASSERT_EQUAL(subst_make_key(&key, "ZEBRAS"), SEE_OK);
    const char *all = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    subst_encrypt(&key, all, out);
    subst_decrypt(&key, out, back);
    CU_ASSERT_STRING_EQUAL(back, all);
    CU_ASSERT_EQUAL(memcmp(out, "ZEBRASCDFGHIJKLMNOPQTUVWXY", 26), 0);

    char bad[26];
    memcpy(bad, "ABCDEFGHIJKLMNOPQRSTUVWXYA", 26);
    CU_ASSERT_EQUAL(subst_key_from_table(&key, bad), SEE_ERR_ARGUMENT);
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return NULL;
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void test_break_recovers_text(void)
{
    char *plain = read_text("vectors/subst_break_plain.txt");
    CU_ASSERT_PTR_NOT_NULL_FATAL(plain);
    size_t len = strlen(plain);
    char *cipher = malloc(len + 1), *recovered = malloc(len + 1);
    const char *keywords[] = {"THIS IS THE COOLEST COURSE!", "ZEBRAS AND QUOKKAS",
                              "NETWORK SECURITY"};
    for (size_t k = 0; k < 3; k++) {
        subst_key key, found;
        subst_make_key(&key, keywords[k]);
        subst_encrypt(&key, plain, cipher);
        CU_ASSERT_EQUAL(subst_break(cipher, &found, recovered), SEE_OK);
        size_t letters = 0, right = 0;
        for (size_t i = 0; i < len; i++)
            if ((plain[i] | 32) >= 'a' && (plain[i] | 32) <= 'z') {
                letters++;
                right += plain[i] == recovered[i];
            }
        if (right != letters)
            fprintf(stderr, "\nkeyword %s: %zu of %zu letters right\n", keywords[k], right, letters);
        CU_ASSERT_EQUAL(right, letters);
    }
    free(cipher);
    free(recovered);
}

static void test_break_needs_enough_text(void)
{
    subst_key key;
    char out[64];
    CU_ASSERT_EQUAL(subst_break("U BGVE PBN", &key, out), SEE_ERR_TOO_SHORT);
}

static CU_TestInfo tests[] = {
    {"the slides' example: THISECOLUR, U BGVE PBN", test_slides_example},
    {"case rule, punctuation, bad keys", test_case_and_punctuation},
    {"break: 805 letters recovered exactly, three keys", test_break_recovers_text},
    {"break: too little text is refused", test_break_needs_enough_text},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("subst", tests);
}
