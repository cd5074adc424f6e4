/*
 * keyfile.h: RSA keys and Diffie-Hellman parameters in the files OpenSSL
 * reads and writes, PEM (pem.h) or bare DER (der.h).
 *
 *   PEM label          DER structure                         standard
 *   RSA PRIVATE KEY    RSAPrivateKey                          RFC 8017 A.1.2
 *   PRIVATE KEY        PrivateKeyInfo (rsaEncryption, NULL)   RFC 5208 5
 *   PUBLIC KEY         SubjectPublicKeyInfo (rsaEncryption)   RFC 5280 4.1
 *   RSA PUBLIC KEY     RSAPublicKey                           RFC 8017 A.1.1
 *   DH PARAMETERS      DHParameter                            PKCS #3 9
 *
 * Readers take a whole file, PEM or DER as its first byte says
 * (pem_file_is_der: DER begins with 0x30, anything else is PEM text); a
 * DER file is never searched for PEM. A PEM file's form is known from its
 * label; bare DER is tried as each form in turn. On failure a reader
 * leaves its output as it was. A key of another algorithm is
 * refused with an error that names it (SEE_ERR_KEY_IS_EC, ...; X25519
 * keys have their own reader, keyfile_x25519.h), and so
 * is an encrypted key (SEE_ERR_PEM_ENCRYPTED for the legacy Proc-Type
 * PEM, SEE_ERR_KEY_ENCRYPTED for PKCS#8's), in PEM or DER. Every key
 * is checked on load: RSA public values with rsa_public_check, private
 * keys with rsa_private_check (what `openssl rsa -check` does: p and q
 * prime, n = pq, d, dP, dQ, qInv consistent), so a bad key never reaches
 * the arithmetic. Decoded buffers holding secrets are wiped.
 */
#ifndef SEETLS_KEYFILE_H
#define SEETLS_KEYFILE_H

#include <stddef.h>
#include <stdint.h>

#include "codec/der.h"
#include "crypto/dh.h"
#include "core/error.h"
#include "crypto/random.h"
#include "crypto/rsa.h"

/* Largest output of a writer below: an RSA_HUGE_BITS private key as PEM. */
#define KEYFILE_MAX_SIZE 40000
/* Largest input the readers accept (a bigger file is no key of ours). */
#define KEYFILE_MAX_INPUT (1u << 20)

typedef enum {
    KEYFILE_RSA_PKCS1,   /* RSA PRIVATE KEY / RSA PUBLIC KEY */
    KEYFILE_PKCS8,       /* PRIVATE KEY */
    KEYFILE_SPKI,        /* PUBLIC KEY */
    KEYFILE_DH_PKCS3,    /* DH PARAMETERS */
} keyfile_form;

/* What a reader found, for messages; may be passed as NULL. */
typedef struct {
    keyfile_form form;
    int is_private;      /* the file held a private key */
    int was_pem;
    der_context der;     /* on a DER error: which, and at what byte offset
                            of the decoded DER */
} keyfile_info;

/* "PKCS#1", "PKCS#8", "SubjectPublicKeyInfo", "PKCS#3". */
const char *keyfile_form_name(keyfile_form form);

/*
 * An RSA private key from a PKCS#1 or PKCS#8 file, PEM or DER. key must be
 * initialised. rng drives rsa_private_check's Miller-Rabin bases (NULL:
 * the system). Errors: the PEM and DER errors, SEE_ERR_KEY_FORMAT (not a
 * key), SEE_ERR_KEY_NOT_PRIVATE (a public key file), SEE_ERR_KEY_IS_EC and
 * its kin (SEE_ERR_KEY_IS_EC_SEC1 for SEC1's ECPrivateKey),
 * SEE_ERR_PEM_ENCRYPTED and SEE_ERR_KEY_ENCRYPTED, SEE_ERR_KEY_VERSION
 * (multi-prime), SEE_ERR_KEY_PARAMETERS,
 * SEE_ERR_KEY_NEGATIVE, SEE_ERR_RSA_KEY_SIZE (more than RSA_HUGE_BITS),
 * the rsa_private_check errors.
 */
see_status keyfile_read_rsa_private(const uint8_t *file, size_t len,
                                    see_rng *rng, rsa_private_key *key,
                                    keyfile_info *info);

/* An RSA public key from a SubjectPublicKeyInfo or PKCS#1 public file, or
 * the public half of a private key file. Errors as above (public checks
 * only). */
see_status keyfile_read_rsa_public(const uint8_t *file, size_t len,
                                   rsa_public_key *key, keyfile_info *info);

/* One SubjectPublicKeyInfo (RFC 5280 4.1) holding an RSA key, read from d
 * as DER only: the reader for a key inside a DER structure (a
 * certificate's), where nothing is PEM whatever bytes the key holds. The
 * key is checked as keyfile_read_rsa_public checks it; key is set only on
 * success. DER errors, and the refusals of the key's algorithm or
 * parameters, are recorded in d's context with their offset. */
see_status keyfile_parse_spki(der_reader *d, rsa_public_key *key);

/* Diffie-Hellman parameters (PKCS#3, `openssl dhparam`'s output). A group
 * that is one of dh.h's named groups gets its name and q; otherwise q is
 * set to (p - 1) / 2 when that is prime and g lies in its subgroup, else
 * left unknown. allow_insecure as for dh_group_set. Errors: the PEM and
 * DER errors, SEE_ERR_KEY_NOT_DH_PARAMS, SEE_ERR_KEY_NEGATIVE, those of
 * dh_group_set (and SEE_ERR_DH_GROUP_BAD beyond DH_MAX_BITS). */
see_status keyfile_read_dh_params(const uint8_t *file, size_t len,
                                  int allow_insecure, see_rng *rng,
                                  dh_group *group, keyfile_info *info);

/* Writers: the DER (pem = 0) or PEM (pem = 1) of a key, into out (cap
 * bytes; KEYFILE_MAX_SIZE is always enough). PEM output ends in "\n" and is
 * NUL-terminated (the NUL not counted in *out_len). form is KEYFILE_PKCS8
 * or KEYFILE_RSA_PKCS1 for private keys, KEYFILE_SPKI or KEYFILE_RSA_PKCS1
 * for public ones; another form is SEE_ERR_ARGUMENT. Intermediate buffers
 * are wiped. */
see_status keyfile_write_rsa_private(const rsa_private_key *key,
                                     keyfile_form form, int pem, uint8_t *out,
                                     size_t cap, size_t *out_len);
see_status keyfile_write_rsa_public(const rsa_public_key *key,
                                    keyfile_form form, int pem, uint8_t *out,
                                    size_t cap, size_t *out_len);
see_status keyfile_write_dh_params(const dh_group *group, int pem,
                                   uint8_t *out, size_t cap, size_t *out_len);

#endif
