/*
 * subst.h: the slides' keyword substitution cipher, and how to break it.
 *
 * The key (slides, "Private Key Cryptosystems: Example"):
 *   1. choose a keyword:               THIS IS THE COOLEST COURSE!
 *   2. drop everything but letters, and every letter already seen:
 *                                      THISECOLUR   (the shortened key)
 *   3. the table: the shortened key, then the unused letters in order:
 *        plain   ABCDEFGHIJKLMNOPQRSTUVWXYZ
 *        cipher  THISECOLURABDFGJKMNPQVWXYZ
 *   "I LOVE TLS" encrypts to "U BGVE PBN".
 *
 * Case rule: letters are looked up without regard to case, and each output
 * letter keeps the case of its input letter ("i love tls" gives "u bgve
 * pbn"). Everything that is not a letter (spaces, digits, punctuation)
 * passes through unchanged, which is exactly what lets a reader see where
 * the words are — one of the cipher's many weaknesses.
 */
#ifndef SEETLS_SUBST_H
#define SEETLS_SUBST_H

#include <stddef.h>

#include "crypto/error.h"

#define SUBST_LETTERS 26

typedef struct {
    char short_key[SUBST_LETTERS + 1]; /* e.g. "THISECOLUR" */
    char table[SUBST_LETTERS];         /* table['X' - 'A']: X's cipher letter */
    char inverse[SUBST_LETTERS];       /* the table read backwards */
} subst_key;

/* Build the key from a keyword (steps 2 and 3 above). SEE_ERR_NO_LETTERS
 * if the keyword has no letters. */
see_status subst_make_key(subst_key *key, const char *keyword);

/* Build a key straight from a 26-letter table (each letter once). */
see_status subst_key_from_table(subst_key *key, const char table[SUBST_LETTERS]);

/* Encrypt or decrypt a NUL-terminated text into out, which must hold
 * strlen(in) + 1 bytes. */
void subst_encrypt(const subst_key *key, const char *in, char *out);
void subst_decrypt(const subst_key *key, const char *in, char *out);

/*
 * Break the cipher without the key, by frequency analysis: count the
 * ciphertext's letters, guess that the most common stands for E, the next
 * for T, and so on; then improve the guess by swapping pairs of letters
 * whenever the decryption looks more like English, as measured by how often
 * each three-symbol sequence (letters and spaces) occurs in ordinary
 * English prose (subst_english_corpus). Restarts from shaken guesses avoid
 * getting stuck. Deterministic: the same ciphertext always gives the same
 * answer.
 *
 * *key receives the recovered key and plain (strlen(cipher) + 1 bytes) the
 * decryption. SEE_ERR_TOO_SHORT under SUBST_BREAK_MIN_LETTERS letters: too
 * little text for the statistics to speak. Letters that never occur in the
 * ciphertext cannot be recovered; they are filled in arbitrarily.
 */
#define SUBST_BREAK_MIN_LETTERS 100
see_status subst_break(const char *cipher, subst_key *key, char *plain);

/* The English text the statistics come from: paragraphs, NULL-terminated. */
extern const char *const subst_english_corpus[];

#endif
