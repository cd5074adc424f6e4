/*
 * keyfile_x25519.h: X25519 keys in the files OpenSSL reads and writes
 * (RFC 8410), PEM or bare DER:
 *
 *   PEM label     DER structure                                standard
 *   PRIVATE KEY   PrivateKeyInfo: id-X25519, no parameters,    RFC 8410 7
 *                 privateKey an OCTET STRING holding the
 *                 CurvePrivateKey OCTET STRING of 32 bytes
 *   PUBLIC KEY    SubjectPublicKeyInfo: id-X25519, no          RFC 8410 4
 *                 parameters, a BIT STRING of the 32-byte u
 *
 * id-X25519 is OID 1.3.101.110 (RFC 8410 3). In the slides' names the
 * private key is a (32 random bytes, kept as they were drawn; clamping is
 * x25519's business) and the public key is A = a*G.
 *
 * The readers are exact: trailing bytes, a wrong length, parameters
 * present, another algorithm (an RSA key is SEE_ERR_KEY_IS_RSA) are
 * refused. A version 1 OneAsymmetricKey (RFC 5958 2) with its publicKey
 * [1] is accepted when that public key is a*G of its private key, and
 * refused (SEE_ERR_KEY_X25519_MISMATCH) when it is not. Attributes [0]
 * are allowed and ignored, as RFC 5958 allows. Readers take a whole file,
 * PEM or DER as its first byte says (pem_file_is_der), leave their output
 * untouched on failure, and wipe what they decoded of a secret. The
 * writers produce exactly openssl's bytes for the same key.
 */
#ifndef SEETLS_KEYFILE_X25519_H
#define SEETLS_KEYFILE_X25519_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "crypto/x25519.h"
#include "pki/keyfile.h"

/* DER sizes openssl writes: 48 for the private key, 44 for the public. */
#define KEYFILE_X25519_PRIVATE_DER 48
#define KEYFILE_X25519_PUBLIC_DER 44
/* Room for either as PEM, with its NUL. */
#define KEYFILE_X25519_MAX_SIZE 160

/*
 * The private key a from a PKCS#8 file. Errors: the PEM and DER errors,
 * SEE_ERR_KEY_FORMAT (not a key), SEE_ERR_KEY_NOT_PRIVATE (a public key
 * file), SEE_ERR_KEY_ENCRYPTED, SEE_ERR_KEY_IS_RSA (an RSA key, in any of
 * keyfile.h's forms), SEE_ERR_KEY_NOT_X25519 (another algorithm),
 * SEE_ERR_KEY_VERSION, SEE_ERR_KEY_X25519_PARAMETERS,
 * SEE_ERR_KEY_X25519_LENGTH, SEE_ERR_KEY_X25519_MISMATCH. info as for
 * keyfile.h's readers (may be NULL).
 */
see_status keyfile_read_x25519_private(const uint8_t *file, size_t len,
                                       uint8_t private_key[X25519_KEY_SIZE],
                                       keyfile_info *info);

/* The public key A from a SubjectPublicKeyInfo file, or A = a*G computed
 * from a private key file. Errors as above (not SEE_ERR_KEY_NOT_PRIVATE). */
see_status keyfile_read_x25519_public(const uint8_t *file, size_t len,
                                      uint8_t public_key[X25519_KEY_SIZE],
                                      keyfile_info *info);

/* Either: a private key file gives a and A = a*G (info->is_private = 1),
 * a public key file A alone (a is left as it was). info may not be NULL.
 * Errors as above (not SEE_ERR_KEY_NOT_PRIVATE). */
see_status keyfile_read_x25519_any(const uint8_t *file, size_t len,
                                   uint8_t private_key[X25519_KEY_SIZE],
                                   uint8_t public_key[X25519_KEY_SIZE],
                                   keyfile_info *info);

/* Writers: the DER (pem = 0) or PEM (pem = 1) of a key into out (cap
 * bytes; KEYFILE_X25519_MAX_SIZE is always enough). PEM output ends in
 * "\n" and is NUL-terminated (the NUL not counted in *out_len).
 * SEE_ERR_BUFFER_SMALL when cap is too small. */
see_status keyfile_write_x25519_private(const uint8_t private_key[X25519_KEY_SIZE],
                                        int pem, uint8_t *out, size_t cap,
                                        size_t *out_len);
see_status keyfile_write_x25519_public(const uint8_t public_key[X25519_KEY_SIZE],
                                       int pem, uint8_t *out, size_t cap,
                                       size_t *out_len);

#endif
