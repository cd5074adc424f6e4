/*
 * subst_break.h: breaking the slides' substitution cipher without the key,
 * by frequency analysis (docs/subst.md tells the story).
 *
 *   1. Count the letters of the ciphertext and pair them, most frequent
 *      first, with the letters of English, most frequent first: a first key.
 *   2. Hill climbing: swap two letters of the key at random; keep the swap
 *      if the text now reads more like English, undo it otherwise. "Reads
 *      like English" is the sum of the log-probabilities of its letter
 *      trigrams, word boundaries included (cryptanalysis/english_trigrams.h).
 *   3. When no swap helps any more, shake the best key found (a few random
 *      swaps) and climb again; keep the best of all the climbs.
 *
 * The attack is deterministic: its random choices come from a fixed-seed,
 * non-cryptographic generator (splitmix64), so the same ciphertext always
 * gives the same answer. Nothing here is secret.
 */
#ifndef SEETLS_SUBST_BREAK_H
#define SEETLS_SUBST_BREAK_H

#include <stddef.h>

#include "core/error.h"
#include "cryptanalysis/subst.h"

/* Below this many letters the statistics say too little to try. Around 300
 * letters of ordinary English usually come back exactly; a few dozen do not. */
#define SUBST_BREAK_MIN_LETTERS 40

typedef struct {
    /* The recovered key as a table (plain 'A' + i -> cipher key.table[i]);
     * key.shortened is empty. A letter that never occurs in the ciphertext
     * cannot be recovered: its place in the table is a guess. */
    subst_key key;
    size_t letters; /* letters in the ciphertext */
    long score;     /* English score of the recovered plaintext (higher is
                       more English; 100 * sum of log10 probabilities) */
} subst_break_result;

/* Recover the key of len bytes of ciphertext. If plaintext is not NULL it
 * receives the len-byte decryption under the recovered key. Returns
 * SEE_ERR_TOO_SHORT below SUBST_BREAK_MIN_LETTERS letters, SEE_ERR_NO_MEMORY,
 * or SEE_ERR_ARGUMENT for NULL pointers. */
see_status subst_break(const char *ciphertext, size_t len,
                       subst_break_result *result, char *plaintext);

/* Of the len bytes of a and b, how many are letters and how many of those
 * are equal in both (ignoring case): the letter accuracy of a recovery. */
void subst_letter_accuracy(const char *a, const char *b, size_t len,
                           size_t *letters, size_t *equal);

#endif
