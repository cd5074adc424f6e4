/*
 * keys.h: what the public-key subcommands (genrsa, rsa, pkeyutl, dgst,
 * dhparam, dh, genpkey, pkey) share: loading key files with one-line errors, writing
 * private keys with owner-only permissions, and printing big numbers.
 */
#ifndef SEETLS_CLI_KEYS_H
#define SEETLS_CLI_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include <gmp.h>

#include "crypto/dh.h"
#include "pki/keyfile.h"
#include "crypto/rsa.h"
#include "crypto/x25519.h"

/* Load a key file; on failure print "seetls COMMAND: PATH: reason" (with
 * the byte offset of a DER error) and return -1. The file's bytes are wiped
 * after parsing. info may be NULL. */
int cli_load_rsa_private(const char *command, const char *path,
                         rsa_private_key *key, keyfile_info *info);
int cli_load_rsa_public(const char *command, const char *path,
                        rsa_public_key *key, keyfile_info *info);
int cli_load_dh_params(const char *command, const char *path,
                       int allow_insecure, dh_group *group);
/* X25519 keys (keyfile_x25519.h): the private key a, or the public key A
 * (of a public key file, or a*G of a private one). */
int cli_load_x25519_private(const char *command, const char *path,
                            uint8_t private_key[X25519_KEY_SIZE],
                            keyfile_info *info);
/* Either: pair[0] = a and pair[1] = A from a private key file
 * (info->is_private), or pair[1] = A from a public one. info is needed. */
int cli_load_x25519_any(const char *command, const char *path,
                        uint8_t pair[2][X25519_KEY_SIZE], keyfile_info *info);
int cli_load_x25519_public(const char *command, const char *path,
                           uint8_t public_key[X25519_KEY_SIZE],
                           keyfile_info *info);

/* Write a file readable by its owner only (mode 0600), for private keys;
 * standard output for NULL or "-". Prints the error and returns -1. */
int cli_write_private_file(const char *command, const char *path,
                           const void *data, size_t len);

/* Print "NAME (SLIDE, BITS bits):" and x in openssl's -text layout (colon
 * separated hex, 15 bytes a line, a 00 byte first when the top bit is set). */
void cli_print_number(const char *name, const char *slide, const mpz_t x);

/* x as decimal when it has at most 64 bits, else as 0x-prefixed hex: the
 * slides' small numbers stay readable. Returns a malloc'd string. */
char *cli_number_text(const mpz_t x);

#endif
