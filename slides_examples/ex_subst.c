/*
 * ex_subst.c: the lecture's substitution cipher (cryptanalysis/subst.h): the key
 * "THIS IS THE COOLEST COURSE!", its shortened key, the whole table,
 * "I LOVE TLS" there and back; then the cipher broken without the key by
 * letter frequencies (cryptanalysis/subst_break.h).
 */
#include <string.h>

#include "cryptanalysis/subst.h"
#include "cryptanalysis/subst_break.h"
#include "slides_examples/slides.h"

/* What the slides claim ("Example", two slides). */
static const slide_claim CLAIMS[] = {
    { "shortened key", "THISECOLUR",
      "Step 2: Remove all duplicate letters to get the shortened key "
      "\"THISECOLUR\"" },
    { "table A..J", "THISECOLUR",
      "A B C D E F G H I J / T H I S E C O L U R" },
    { "table K..T", "ABDFGJKMNP",
      "K L M N O P Q R S T / A B D F G J K M N P" },
    { "table U..Z", "QVWXYZ", "U V W X Y Z / Q V W X Y Z" },
    { "I becomes", "U", "Substitute U for I, B for L, etc, to get U BGVE PBN." },
    { "L becomes", "B", "Substitute U for I, B for L, etc, to get U BGVE PBN." },
    { "encryption of I LOVE TLS", "U BGVE PBN",
      "Substitute U for I, B for L, etc, to get U BGVE PBN." },
    { "decryption of U BGVE PBN", "I LOVE TLS",
      "Send a message \"I LOVE TLS\" to your friend" },
};

static const char KEYWORD[] = "THIS IS THE COOLEST COURSE!";
static const char MESSAGE[] = "I LOVE TLS";

/* A longer English text for the break: the Gettysburg Address (Abraham
 * Lincoln, 1863, public domain), its first three paragraphs' opening. */
static const char LONG_TEXT[] =
    "Four score and seven years ago our fathers brought forth on this "
    "continent, a new nation, conceived in Liberty, and dedicated to the "
    "proposition that all men are created equal. Now we are engaged in a "
    "great civil war, testing whether that nation, or any nation so "
    "conceived and so dedicated, can long endure. We are met on a great "
    "battle-field of that war. We have come to dedicate a portion of that "
    "field, as a final resting place for those who here gave their lives "
    "that that nation might live. It is altogether fitting and proper that "
    "we should do this.";

static void table_row(slide_ctx *ctx, const subst_key *key, int from, int to,
                      char *row)
{
    char top[2 * SUBST_LETTERS + 1], bottom[2 * SUBST_LETTERS + 1];
    int n = 0;
    for (int i = from; i <= to; i++) {
        top[2 * n] = (char)('A' + i);
        bottom[2 * n] = key->table[i];
        top[2 * n + 1] = bottom[2 * n + 1] = ' ';
        row[n++] = key->table[i];
    }
    top[2 * n - 1] = bottom[2 * n - 1] = '\0';
    row[n] = '\0';
    slide_say(ctx, "plain  %s", top);
    slide_say(ctx, "cipher %s", bottom);
}

static int with_the_key(slide_ctx *ctx, subst_key *key)
{
    slide_step(ctx, "the key \"%s\" and the shortened key", KEYWORD);
    see_status status = subst_key_from_keyword(key, KEYWORD);
    if (status != SEE_OK)
        return status;
    slide_say(ctx, "subst_key_from_keyword: letters only, each once, in "
              "order of first appearance");
    CHECK(ctx, "shortened key", key->shortened);

    slide_step(ctx, "the table: the shortened key, then the unused letters "
               "in order");
    char row[SUBST_LETTERS + 1];
    table_row(ctx, key, 0, 9, row);
    CHECK(ctx, "table A..J", row);
    table_row(ctx, key, 10, 19, row);
    CHECK(ctx, "table K..T", row);
    table_row(ctx, key, 20, 25, row);
    CHECK(ctx, "table U..Z", row);

    slide_step(ctx, "encrypt \"%s\"", MESSAGE);
    char letter[2] = { key->table['I' - 'A'], '\0' };
    slide_say(ctx, "look up I in the top row: %s", letter);
    CHECK(ctx, "I becomes", letter);
    letter[0] = key->table['L' - 'A'];
    slide_say(ctx, "look up L in the top row: %s", letter);
    CHECK(ctx, "L becomes", letter);
    char cipher[sizeof MESSAGE], back[sizeof MESSAGE];
    subst_encrypt(key, MESSAGE, cipher, sizeof MESSAGE - 1);
    cipher[sizeof MESSAGE - 1] = '\0';
    slide_say(ctx, "subst_encrypt: \"%s\" -> \"%s\" (the space passes "
              "through)", MESSAGE, cipher);
    CHECK(ctx, "encryption of I LOVE TLS", cipher);

    slide_step(ctx, "your friend decrypts with the same table, bottom row "
               "to top");
    subst_decrypt(key, cipher, back, sizeof MESSAGE - 1);
    back[sizeof MESSAGE - 1] = '\0';
    slide_say(ctx, "subst_decrypt: \"%s\" -> \"%s\"", cipher, back);
    CHECK(ctx, "decryption of U BGVE PBN", back);
    return SEE_OK;
}

static int without_the_key(slide_ctx *ctx, const subst_key *key)
{
    size_t len = sizeof LONG_TEXT - 1;
    char cipher[sizeof LONG_TEXT], recovered[sizeof LONG_TEXT];
    slide_step(ctx, "Eve intercepts a longer message (%zu characters)", len);
    subst_encrypt(key, LONG_TEXT, cipher, len);
    cipher[len] = '\0';
    slide_say(ctx, "ciphertext: %.70s...", cipher);

    slide_step(ctx, "Eve breaks it without the key: letter frequencies, "
               "then hill climbing on English trigrams");
    subst_break_result result;
    double t0 = slide_now();
    see_status status = subst_break(cipher, len, &result, recovered);
    double elapsed = slide_now() - t0;
    if (status != SEE_OK)
        return status;
    recovered[len] = '\0';
    slide_say(ctx, "subst_break: %zu letters analysed in %.2f s",
              result.letters, elapsed);
    slide_say(ctx, "recovered: %.70s...", recovered);
    size_t letters = 0, equal = 0;
    subst_letter_accuracy(recovered, LONG_TEXT, len, &letters, &equal);
    slide_say(ctx, "%zu of %zu letters right (%.1f%%)", equal, letters,
              letters ? 100.0 * (double)equal / (double)letters : 0.0);
    int table_right = 0;
    for (int i = 0; i < SUBST_LETTERS; i++)
        table_right += result.key.table[i] == key->table[i];
    slide_say(ctx, "recovered table %s; the real one %s", result.key.table,
              key->table);
    char absent[SUBST_LETTERS + 1];
    size_t n_absent = 0;
    for (int c = 'A'; c <= 'Z'; c++) {
        int present = 0;
        for (size_t i = 0; i < len && !present; i++)
            present = LONG_TEXT[i] == c || LONG_TEXT[i] == c - 'A' + 'a';
        if (!present)
            absent[n_absent++] = (char)c;
    }
    absent[n_absent] = '\0';
    slide_say(ctx, "%d of 26 table entries right: the letters the text never "
              "uses (%s) can only be guessed", table_right, absent);
    return SEE_OK;
}

int example_subst(slide_ctx *ctx)
{
    SHOW_CLAIMS(ctx, "lecture, Example: substitution cipher");
    subst_key key;
    int status = with_the_key(ctx, &key);
    if (status == SEE_OK)
        status = without_the_key(ctx, &key);
    return status;
}
