/*
 * subst.h: the keyword substitution cipher of the slides ("An example
 * symmetric cipher").
 *
 *   key "THIS IS THE COOLEST COURSE!"
 *   -> shortened key "THISECOLUR" (letters only, each letter once, in order
 *      of first appearance)
 *   -> substitution table: the shortened key, then the letters of the
 *      alphabet it does not use, in order:
 *        plain  ABCDEFGHIJKLMNOPQRSTUVWXYZ
 *        cipher THISECOLURABDFGJKMNPQVWXYZ
 *   "I LOVE TLS" -> "U BGVE PBN"
 *
 * Case rule: case is preserved. A lower-case letter goes through the same
 * table and stays lower case ("i love tls" -> "u bgve pbn"); the key is read
 * without regard to case. Every byte that is not an ASCII letter (spaces,
 * digits, punctuation, UTF-8 sequences) passes through unchanged, so the
 * output always has the length of the input.
 *
 * This cipher is for the classroom: frequency analysis breaks it (see
 * cryptanalysis/subst_break.h and docs/subst.md). It protects nothing.
 */
#ifndef SEETLS_SUBST_H
#define SEETLS_SUBST_H

#include <stddef.h>

#include "core/error.h"

#define SUBST_LETTERS 26

typedef struct {
    /* The shortened key, upper case, NUL-terminated ("THISECOLUR"). Empty
     * when the key was given as a whole table. */
    char shortened[SUBST_LETTERS + 1];
    /* table[i]: the cipher letter (upper case) for plain letter 'A' + i; the
     * bottom row of the slides' table. NUL-terminated. */
    char table[SUBST_LETTERS + 1];
    /* inverse[i]: the plain letter for cipher letter 'A' + i. */
    char inverse[SUBST_LETTERS + 1];
} subst_key;

/* Build the key from a keyword, as the slides do. SEE_ERR_NO_LETTERS if the
 * keyword has no ASCII letter (it would give the identity table);
 * SEE_ERR_ARGUMENT if a pointer is NULL. */
see_status subst_key_from_keyword(subst_key *key, const char *keyword);

/* Build the key from a whole table: 26 letters (either case), each letter
 * of the alphabet once, table[i] being the cipher letter of 'A' + i.
 * SEE_ERR_ARGUMENT if it is not such a permutation. */
see_status subst_key_from_table(subst_key *key, const char *table);

/* Encrypt or decrypt len bytes from in into out (len bytes; in == out is
 * allowed). Letters go through the table, keeping their case; every other
 * byte is copied. */
void subst_encrypt(const subst_key *key, const char *in, char *out, size_t len);
void subst_decrypt(const subst_key *key, const char *in, char *out, size_t len);

#endif
