/*
 * pbkdf2.h: PBKDF2 with HMAC-SHA256 as its PRF (RFC 8018 5.2, PKCS #5
 * v2.1): a key stretched from a password, as PBES2 uses it to encrypt the
 * private key of a PKCS#12 file (pki/pkcs12.h).
 *
 *   DK = T_1 || T_2 || ... (the first dk_len bytes), where
 *   T_i = U_1 ^ U_2 ^ ... ^ U_c,  U_1 = HMAC(P, S || INT(i)),
 *                                 U_j = HMAC(P, U_(j-1))
 *
 * c, the iteration count, is what makes each guess of the password cost
 * c HMACs to an attacker who has the file. Every intermediate value is
 * wiped.
 */
#ifndef SEETLS_PBKDF2_H
#define SEETLS_PBKDF2_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* Derive dk_len bytes into dk from password and salt (either may be empty)
 * with iterations rounds. Errors, with nothing written: iterations 0
 * (SEE_ERR_PBKDF2_ITERATIONS); dk_len above (2^32 - 1) * 32
 * (SEE_ERR_PBKDF2_LENGTH, RFC 8018 5.2 step 1, reachable only where
 * size_t has 64 bits). */
see_status pbkdf2_hmac_sha256(const void *password, size_t password_len,
                              const uint8_t *salt, size_t salt_len,
                              uint32_t iterations, uint8_t *dk, size_t dk_len);

#endif
