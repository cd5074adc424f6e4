/*
 * pkcs12.h: a PKCS#12 file (RFC 7292), the password-protected identity a
 * browser imports: one RSA private key and its certificate chain, as
 * `openssl pkcs12 -export` of OpenSSL 3 writes it by default.
 *
 *   PFX (RFC 7292 4)
 *     version 3
 *     authSafe: data ContentInfo holding the AuthenticatedSafe (4.1):
 *       1. encryptedData ContentInfo (RFC 5652 8), PBES2:
 *            SafeContents: certBag (leaf: friendlyName, localKeyId)
 *                          certBag (the CA, when given)
 *       2. data ContentInfo:
 *            SafeContents: pkcs8ShroudedKeyBag (friendlyName, localKeyId):
 *              EncryptedPrivateKeyInfo (RFC 5958 3), PBES2, of the key's
 *              PrivateKeyInfo as pki/keyfile.h writes it
 *     macData: HMAC-SHA256 over the AuthenticatedSafe (the integrity mode
 *       of 5.1), keyed by RFC 7292 Appendix B.2's KDF (ID 3, SHA-256)
 *
 *   PBES2 (RFC 8018 6.2, A.4) = PBKDF2 (5.2, A.2) with hmacWithSHA256
 *   (B.1.2) + AES-256-CBC (B.2.5), a random salt and IV each time.
 *
 * The certificates are encrypted too, as openssl does by default: nothing
 * in the file then says whose identity it is until the password is given,
 * and a reader (openssl, NSS) handles the two bags of the same PBES2 alike.
 *
 * The password is text from the user, in UTF-8. The two parts of the file
 * take it differently, and both as OpenSSL 3 and NSS do:
 *   - the MAC's KDF (RFC 7292 B.1, B.2) takes it as a BMPString: UTF-16,
 *     big-endian, with two zero bytes at the end (pkcs12_bmp_password);
 *   - PBES2's PBKDF2 takes it as the UTF-8 bytes themselves (RFC 8018 takes
 *     an octet string; OpenSSL 3 passes the bytes the user typed, and NSS
 *     reads openssl's files, so both agree on UTF-8).
 * For an ASCII password the two differ only in the MAC.
 */
#ifndef SEETLS_PKCS12_H
#define SEETLS_PKCS12_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "pki/keyfile.h"
#include "pki/x509.h"

/*
 * The iteration count of PBKDF2 and of the MAC's KDF. OpenSSL's default is
 * 2048, a figure from the 1990s: each guess of the password costs an
 * attacker who holds the file that many HMACs, and a GPU makes billions a
 * second. 600,000 is OWASP's figure (2023) for PBKDF2-HMAC-SHA256; the file
 * is written once and imported once, so the cost (about half a second to
 * write one on an x86-64 laptop; not measured on the Raspberry Pi) is paid
 * twice, not per connection. Readers take the count from the file.
 */
#define PKCS12_ITERATIONS 600000u
/* Salts of PBKDF2 and of the MAC: 16 random bytes (RFC 8018 4.1 asks for
 * at least 8; SP 800-132 5.1 for at least 16). */
#define PKCS12_SALT_SIZE 16
/* The longest password accepted, in bytes of UTF-8. */
#define PKCS12_MAX_PASSWORD 1024
/* Largest file pkcs12_write makes: the key, two certificates, and room for
 * the structure around them. */
#define PKCS12_MAX_SIZE (KEYFILE_MAX_SIZE + 2 * X509_MAX_CERT_SIZE + 4096)

typedef struct {
    const rsa_private_key *key;
    const uint8_t *cert;       /* the key's certificate (DER) */
    size_t cert_len;
    const uint8_t *ca_cert;    /* its CA's certificate (DER), or NULL */
    size_t ca_cert_len;
    const char *name;          /* friendlyName: the name a browser shows
                                  (UTF-8, NUL-terminated) */
    const char *password;      /* UTF-8, NUL-terminated, may be empty */
    uint32_t iterations;       /* 0: PKCS12_ITERATIONS */
} pkcs12_contents;

/*
 * The PFX of c, DER, into out (cap bytes; PKCS12_MAX_SIZE is enough).
 * rng gives the salts and IVs (NULL: the system). The localKeyId linking
 * the key to its certificate is SHA-256 of the certificate. Errors:
 * SEE_ERR_PKCS12_PASSWORD (not UTF-8, or longer than PKCS12_MAX_PASSWORD),
 * SEE_ERR_ARGUMENT (no key, certificate or name; a name that is not
 * UTF-8), SEE_ERR_BUFFER_SMALL, SEE_ERR_NO_MEMORY, the key writer's and
 * the rng's. Every buffer that held the key, a derived key or the password
 * is wiped.
 */
see_status pkcs12_write(const pkcs12_contents *c, see_rng *rng, uint8_t *out,
                        size_t cap, size_t *out_len);

/* ----------------------------------------- the pieces, for their tests --- */

/*
 * The password as RFC 7292 B.1 wants it for the MAC's KDF: a BMPString,
 * UTF-16 big-endian, and two zero bytes. A character above U+FFFF becomes
 * a surrogate pair, as OpenSSL's OPENSSL_utf82uni makes it. An empty
 * password is the two zero bytes. Errors: SEE_ERR_PKCS12_PASSWORD (not
 * UTF-8: a bad or overlong sequence, an encoded surrogate, above
 * U+10FFFF), SEE_ERR_BUFFER_SMALL (out needs at most 2 * len + 2 bytes).
 */
see_status pkcs12_bmp_password(const char *utf8, size_t len, uint8_t *out,
                               size_t cap, size_t *out_len);

/* RFC 7292 Appendix B.2's KDF with SHA-256 (u = 32, v = 64): n bytes of
 * key material of kind id (1: an encryption key, 2: an IV, 3: a MAC key)
 * from a BMPString password (as pkcs12_bmp_password makes it) and a salt.
 * Errors: SEE_ERR_PBKDF2_ITERATIONS (0 iterations), SEE_ERR_NO_MEMORY. */
see_status pkcs12_kdf_sha256(const uint8_t *bmp_password, size_t password_len,
                             const uint8_t *salt, size_t salt_len, uint8_t id,
                             uint32_t iterations, uint8_t *out, size_t n);

/* PBES2's encryption (RFC 8018 6.2.1): the key is PBKDF2-HMAC-SHA256 of
 * the password's bytes and salt, 32 bytes; the message is padded as RFC
 * 8018 6.2.1 step 4 says (PKCS#7, 1 to 16 bytes) and encrypted with
 * AES-256-CBC under iv. out receives len + 16 - len % 16 bytes (cap at
 * least that, else SEE_ERR_BUFFER_SMALL). */
see_status pkcs12_pbes2_encrypt(const char *password, size_t password_len,
                                const uint8_t *salt, size_t salt_len,
                                uint32_t iterations, const uint8_t iv[16],
                                const uint8_t *in, size_t len, uint8_t *out,
                                size_t cap, size_t *out_len);

/* PBES2's AlgorithmIdentifier (RFC 8018 A.4) with PBKDF2's parameters
 * (A.2: salt, iterationCount, prf hmacWithSHA256 with NULL parameters, no
 * keyLength, as openssl writes them) and aes256-CBC's IV (B.2.5). */
void pkcs12_write_pbes2_algorithm(der_writer *dw, const uint8_t *salt,
                                  size_t salt_len, uint32_t iterations,
                                  const uint8_t iv[16]);

#endif
