/*
 * error.h: the one error vocabulary of seetls.
 *
 * Every fallible function returns a see_status: SEE_OK (0) on success, or
 * one precise reason. see_strerror() gives the reason as a short phrase that
 * programs print ("odd number of hex digits"). Every layer of the library
 * (core/ to handshake/) adds its codes here, so one table names every
 * failure of the library.
 *
 * A program built on the library may add failures of its own without
 * touching this table: its codes are see_status values from
 * SEE_STATUS_APP_FIRST to SEE_STATUS_APP_LAST, each program a range of its
 * own, named by its own function (robot/alex_status.h: alex_strerror, which
 * falls back to see_strerror). see_strerror does not know them ("unknown
 * error").
 */
#ifndef SEETLS_ERROR_H
#define SEETLS_ERROR_H

#define SEE_STATUS_LIST(X)                                                   \
    X(SEE_OK,                 "success")                                     \
    X(SEE_ERR_ARGUMENT,       "invalid argument")                           \
    X(SEE_ERR_NO_MEMORY,      "out of memory")                               \
    X(SEE_ERR_BUFFER_SMALL,   "output buffer too small")                     \
    X(SEE_ERR_TRUNCATED,      "input ends too early")                        \
    X(SEE_ERR_TRAILING,       "unexpected bytes after the end")              \
    X(SEE_ERR_HEX_ODD,        "odd number of hex digits")                    \
    X(SEE_ERR_HEX_DIGIT,      "not a hex digit")                             \
    X(SEE_ERR_BASE64,         "invalid base64")                              \
    X(SEE_ERR_KEY_LENGTH,     "wrong key length")                            \
    X(SEE_ERR_IV_LENGTH,      "wrong IV length")                             \
    X(SEE_ERR_BLOCK_LENGTH,   "length is not a multiple of the block size")  \
    X(SEE_ERR_PADDING,        "bad padding")                                 \
    X(SEE_ERR_AEAD_TAG,       "authentication tag does not match: the message, its associated data or the nonce was changed, or the key is wrong") \
    X(SEE_ERR_RANDOM,         "the system random source failed")             \
    X(SEE_ERR_DRBG,           "random generator misuse")                     \
    X(SEE_ERR_NO_LETTERS,     "the key has no letters")                      \
    X(SEE_ERR_TOO_SHORT,      "too little text to analyse")                  \
    X(SEE_ERR_UNSUPPORTED,    "unsupported")                                 \
    X(SEE_ERR_FILE,           "cannot read the file")                        \
    /* symmetric primitives (sha256, hmac, prf, aes, padding, subst) */     \
    X(SEE_ERR_AEAD_LENGTH,    "longer than the AEAD mode allows")           \
    /* random, drbg */                                                      \
    /* big numbers, primes, rsa */                                          \
    X(SEE_ERR_PRIME_SIZE,     "prime size out of range")                     \
    X(SEE_ERR_RSA_KEY_SIZE,   "RSA key size out of range")                   \
    X(SEE_ERR_RSA_N_EVEN,     "RSA modulus is even")                         \
    X(SEE_ERR_RSA_N_SMALL,    "RSA modulus too small")                       \
    X(SEE_ERR_RSA_E_BAD,      "RSA public exponent is 1, even or >= n")      \
    X(SEE_ERR_RSA_KEY_INCONSISTENT, "RSA private key is inconsistent")       \
    X(SEE_ERR_RSA_NOT_PRIME,  "RSA factor is not prime")                     \
    X(SEE_ERR_RSA_MSG_TOO_LONG, "message too long for the RSA key")          \
    X(SEE_ERR_RSA_INPUT_RANGE, "RSA input is not below the modulus")         \
    X(SEE_ERR_RSA_DECRYPT,    "RSA decryption error")                        \
    X(SEE_ERR_RSA_SIG_LENGTH, "RSA signature has the wrong length")          \
    X(SEE_ERR_RSA_SIG_INVALID, "RSA signature does not verify")              \
    X(SEE_ERR_RSA_FAULT,      "RSA private operation failed its self-check") \
    /* diffie-hellman */                                                    \
    X(SEE_ERR_DH_GROUP_SMALL, "Diffie-Hellman group too small")              \
    X(SEE_ERR_DH_GROUP_LARGE, "Diffie-Hellman group too large (above 8192 bits)") \
    X(SEE_ERR_DH_GROUP_BAD,   "Diffie-Hellman group is invalid")             \
    X(SEE_ERR_DH_UNKNOWN_GROUP, "unknown Diffie-Hellman group")              \
    X(SEE_ERR_DH_PUBLIC_RANGE, "Diffie-Hellman public value out of range")   \
    X(SEE_ERR_DH_PUBLIC_SUBGROUP, "Diffie-Hellman public value not in the subgroup") \
    X(SEE_ERR_DH_PRIVATE_RANGE, "Diffie-Hellman private exponent out of range") \
    /* x25519 */                                                            \
    X(SEE_ERR_X25519_ZERO_SECRET, "X25519 shared secret is all zeros (the peer's public value is a point of small order, RFC 7748 6.1)") \
    /* der, pem, key files */                                               \
    X(SEE_ERR_DER_TAG,        "unexpected DER tag")                          \
    X(SEE_ERR_DER_LENGTH,     "DER length runs past the end")                \
    X(SEE_ERR_DER_INDEFINITE, "indefinite DER length (not allowed in DER)")  \
    X(SEE_ERR_DER_NONMINIMAL, "non-minimal DER encoding")                    \
    X(SEE_ERR_DER_INTEGER,    "malformed DER INTEGER")                       \
    X(SEE_ERR_DER_BITSTRING,  "malformed DER BIT STRING")                    \
    X(SEE_ERR_DER_BOOLEAN,    "malformed DER BOOLEAN")                       \
    X(SEE_ERR_DER_OID,        "malformed DER OBJECT IDENTIFIER")             \
    X(SEE_ERR_DER_TIME,       "malformed DER time")                          \
    X(SEE_ERR_DER_STRING,     "malformed DER string")                        \
    X(SEE_ERR_DER_DEPTH,      "DER nested too deeply")                       \
    X(SEE_ERR_DER_HIGH_TAG,   "DER high tag numbers are not supported")      \
    X(SEE_ERR_PEM_NO_BEGIN,   "no PEM block (-----BEGIN ...-----) found")   \
    X(SEE_ERR_PEM_NO_END,     "PEM block has no matching -----END line")     \
    X(SEE_ERR_PEM_LABEL,      "PEM block has an unexpected label")           \
    X(SEE_ERR_PEM_ENCRYPTED,  "the key is encrypted (PEM Proc-Type: 4,ENCRYPTED, RFC 1421), which seetls does not decrypt") \
    X(SEE_ERR_KEY_FORMAT,     "not a key file in a format seetls reads")     \
    X(SEE_ERR_KEY_VERSION,    "unsupported key file version (multi-prime RSA?)") \
    X(SEE_ERR_KEY_NEGATIVE,   "key value is negative")                       \
    X(SEE_ERR_KEY_PARAMETERS, "rsaEncryption parameters are not NULL")       \
    X(SEE_ERR_KEY_IS_EC,      "the key is an EC key, not RSA")               \
    X(SEE_ERR_KEY_IS_EC_SEC1, "the key is an EC private key (SEC1 ECPrivateKey, RFC 5915), not RSA") \
    X(SEE_ERR_KEY_ENCRYPTED,  "the key is encrypted (PKCS#8 EncryptedPrivateKeyInfo, RFC 5958 3), which seetls does not decrypt") \
    X(SEE_ERR_KEY_IS_DSA,     "the key is a DSA key, not RSA")               \
    X(SEE_ERR_KEY_IS_DH,      "the key is a Diffie-Hellman key, not RSA")    \
    X(SEE_ERR_KEY_IS_ED25519, "the key is an Ed25519 key, not RSA")          \
    X(SEE_ERR_KEY_IS_X25519,  "the key is an X25519 key, not RSA (seetls pkey and pkeyutl --derive take X25519 keys)") \
    X(SEE_ERR_KEY_IS_RSA_PSS, "the key is an RSA-PSS key (restricted), not rsaEncryption") \
    X(SEE_ERR_KEY_ALGORITHM,  "the key is of an unknown algorithm, not RSA") \
    X(SEE_ERR_KEY_NOT_PRIVATE, "the file holds a public key; a private key is needed") \
    X(SEE_ERR_KEY_NOT_DH_PARAMS, "the file holds no DH PARAMETERS")          \
    X(SEE_ERR_KEY_IS_RSA,     "the key is an RSA key, not X25519")           \
    X(SEE_ERR_KEY_NOT_X25519, "the key is of another algorithm, not X25519 (OID 1.3.101.110)") \
    X(SEE_ERR_KEY_X25519_PARAMETERS, "X25519 AlgorithmIdentifier has parameters (RFC 8410 3: they must be absent)") \
    X(SEE_ERR_KEY_X25519_LENGTH, "X25519 key is not 32 bytes (RFC 8410 7)")  \
    X(SEE_ERR_KEY_X25519_MISMATCH, "the file's X25519 public key is not a*G of its private key a") \
    /* x509 */                                                              \
    X(SEE_ERR_X509_MALFORMED, "malformed certificate")                       \
    X(SEE_ERR_X509_VERSION,   "unsupported certificate version")             \
    X(SEE_ERR_X509_ALGORITHM, "unsupported algorithm")                       \
    X(SEE_ERR_X509_CRITICAL_EXTENSION, "unknown critical extension")         \
    X(SEE_ERR_X509_LIMIT,     "certificate exceeds a seetls limit")          \
    X(SEE_ERR_X509_DUPLICATE_EXTENSION, "extension appears more than once")  \
    X(SEE_ERR_X509_TIME_FORM, "GeneralizedTime for a date before 2050 (must be UTCTime)") \
    X(SEE_ERR_X509_EXPIRED,   "certificate has expired")                     \
    X(SEE_ERR_X509_NOT_YET_VALID, "certificate is not yet valid")            \
    X(SEE_ERR_X509_UNKNOWN_ISSUER, "unknown issuer (no trusted CA signed it)") \
    X(SEE_ERR_X509_BAD_SIGNATURE, "certificate signature does not verify")   \
    X(SEE_ERR_X509_NOT_CA,    "issuer is not a CA")                          \
    X(SEE_ERR_X509_NO_CERT_SIGN, "issuer's keyUsage lacks keyCertSign")      \
    X(SEE_ERR_X509_PATH_LENGTH, "path too long (issuer's pathLen exceeded)") \
    X(SEE_ERR_X509_PURPOSE,   "certificate is not for this purpose")         \
    X(SEE_ERR_X509_HOSTNAME,  "host name mismatch")                          \
    /* http and websocket (codec/http.h, codec/websocket.h); their HTTP   \
     * status: http_status_of, ws_http_status_of; a frame's close code:    \
     * ws_close_code_of */                                                 \
    X(SEE_ERR_NEED_MORE,      "incomplete: more bytes are needed (read more, then parse again)") \
    X(SEE_ERR_HTTP_REQUEST_LINE, "malformed HTTP request line (RFC 9112 3)") \
    X(SEE_ERR_HTTP_METHOD,    "HTTP method other than GET (this server takes GET only)") \
    X(SEE_ERR_HTTP_TARGET,    "HTTP request-target is not an origin-form path (RFC 9112 3.2.1)") \
    X(SEE_ERR_HTTP_TARGET_TOO_LONG, "HTTP request-target longer than this server accepts") \
    X(SEE_ERR_HTTP_VERSION,   "HTTP version other than HTTP/1.1 or HTTP/1.0") \
    X(SEE_ERR_HTTP_LINE_END,  "HTTP line not ended by CRLF (a bare CR or LF, RFC 9112 2.2)") \
    X(SEE_ERR_HTTP_FIELD,     "malformed HTTP header field (RFC 9112 5, RFC 9110 5.5)") \
    X(SEE_ERR_HTTP_OBS_FOLD,  "HTTP header field folded over lines (obs-fold, RFC 9112 5.2)") \
    X(SEE_ERR_HTTP_TOO_MANY_FIELDS, "more HTTP header fields than this server accepts") \
    X(SEE_ERR_HTTP_HEAD_TOO_LARGE, "HTTP request head larger than this server accepts") \
    X(SEE_ERR_HTTP_HOST,      "HTTP/1.1 request without exactly one Host field (RFC 9112 3.2)") \
    X(SEE_ERR_HTTP_CONTENT_LENGTH, "malformed or repeated HTTP Content-Length (RFC 9112 6.3)") \
    X(SEE_ERR_HTTP_BODY,      "HTTP request with a body (this server takes none)") \
    X(SEE_ERR_HTTP_TRANSFER_ENCODING, "HTTP request with a Transfer-Encoding (this server takes no body)") \
    X(SEE_ERR_HTTP_STATUS_LINE, "malformed HTTP status line (RFC 9112 4)") \
    X(SEE_ERR_WS_NOT_UPGRADE, "not a WebSocket handshake (RFC 6455 4.2.1: GET, HTTP/1.1, Upgrade: websocket, Connection: Upgrade)") \
    X(SEE_ERR_WS_VERSION,     "Sec-WebSocket-Version is not 13 (RFC 6455 4.4)") \
    X(SEE_ERR_WS_KEY,         "Sec-WebSocket-Key is not the base64 of 16 bytes (RFC 6455 4.2.1)") \
    X(SEE_ERR_WS_RSV,         "WebSocket frame with an RSV bit set, and no extension agreed (RFC 6455 5.2)") \
    X(SEE_ERR_WS_OPCODE,      "WebSocket frame with an unknown opcode (RFC 6455 5.2)") \
    X(SEE_ERR_WS_UNMASKED,    "WebSocket frame from the client not masked (RFC 6455 5.1)") \
    X(SEE_ERR_WS_CONTROL,     "WebSocket control frame fragmented or over 125 bytes (RFC 6455 5.5)") \
    X(SEE_ERR_WS_LENGTH,      "WebSocket payload length not in the fewest bytes, or its top bit set (RFC 6455 5.2)") \
    X(SEE_ERR_WS_TOO_BIG,     "WebSocket message larger than this endpoint accepts") \
    X(SEE_ERR_WS_FRAGMENT,    "WebSocket continuation frame outside a message, or a new message inside one (RFC 6455 5.4)") \
    X(SEE_ERR_WS_UTF8,        "WebSocket text is not valid UTF-8 (RFC 6455 8.1)") \
    X(SEE_ERR_WS_CLOSE,       "WebSocket close frame with a 1-byte body or an invalid status code (RFC 6455 5.5.1, 7.4)") \
    X(SEE_ERR_WS_MASKED,      "WebSocket frame from the server masked (RFC 6455 5.1)") \
    X(SEE_ERR_WS_NOT_SWITCHED, "the server did not switch to WebSocket (RFC 6455 4.1: not 101 with Upgrade: websocket and Connection: Upgrade)") \
    X(SEE_ERR_WS_ACCEPT,      "Sec-WebSocket-Accept is not the one our key calls for (RFC 6455 4.1)") \
    /* tls: transport, record layer, handshake (alerts: handshake/alert.c) */ \
    X(SEE_ERR_TLS_CLOSED,     "the peer closed the connection without close_notify") \
    X(SEE_ERR_TLS_IO,         "network read or write failed")                \
    X(SEE_ERR_TIMEOUT,        "timed out")                                   \
    X(SEE_ERR_DEADLINE,       "the handshake took longer than its deadline") \
    X(SEE_ERR_CANCELLED,      "given up: the server is stopping")            \
    X(SEE_ERR_NO_DESCRIPTORS, "out of file descriptors (too many open files)") \
    X(SEE_ERR_TLS_RECORD_TYPE, "unknown record content type")                \
    X(SEE_ERR_TLS_RECORD_VERSION, "record version is not TLS 1.2")           \
    X(SEE_ERR_TLS_RECORD_OVERFLOW, "record longer than TLS allows")          \
    X(SEE_ERR_TLS_RECORD_EMPTY, "empty handshake, alert or change_cipher_spec record") \
    X(SEE_ERR_TLS_BAD_RECORD_MAC, "bad record MAC")                          \
    X(SEE_ERR_TLS_SEQ_EXHAUSTED, "record sequence number exhausted")         \
    X(SEE_ERR_TLS_DECODE,     "malformed TLS message")                       \
    X(SEE_ERR_TLS_MESSAGE_TOO_LONG, "handshake message longer than allowed") \
    X(SEE_ERR_TLS_ILLEGAL_PARAMETER, "illegal value in a TLS message")       \
    X(SEE_ERR_TLS_UNEXPECTED_MESSAGE, "unexpected TLS message")              \
    X(SEE_ERR_TLS_HANDSHAKE_FAILURE, "no cipher suite in common")            \
    X(SEE_ERR_TLS_PROTOCOL_VERSION, "the peer does not speak TLS 1.2")       \
    X(SEE_ERR_TLS_BAD_FINISHED, "Finished verify_data does not match")       \
    X(SEE_ERR_TLS_BAD_SIGNATURE, "handshake signature does not verify")      \
    X(SEE_ERR_TLS_BAD_CERTIFICATE_VERIFY, "the client's CertificateVerify signature does not verify") \
    X(SEE_ERR_TLS_NO_CLIENT_CERTIFICATE, "the client sent no certificate, and one is required") \
    X(SEE_ERR_TLS_BAD_CERTIFICATE, "the peer's certificate was refused")     \
    X(SEE_ERR_TLS_INSUFFICIENT_SECURITY, "the peer's parameters are too weak") \
    X(SEE_ERR_TLS_NO_COMMON_GROUP, "no Diffie-Hellman group in common with the client's, and no other suite") \
    X(SEE_ERR_TLS_NO_COMMON_CURVE, "no elliptic curve in common with the client's (ECDHE here is x25519 only), and no other suite") \
    X(SEE_ERR_TLS_EC_POINT_FORMAT, "ec_point_formats does not list uncompressed (RFC 8422 5.1.2)") \
    X(SEE_ERR_TLS_ECDHE_CURVE, "the server's ECDHE parameters are not named_curve x25519, the one curve we offer (RFC 8422 5.4)") \
    X(SEE_ERR_TLS_ECDHE_POINT, "ECDHE public value is not 32 bytes, as x25519's must be (RFC 8422 5.4.1)") \
    X(SEE_ERR_TLS_NO_RENEGOTIATION, "renegotiation refused")                 \
    X(SEE_ERR_TLS_ALERT_RECEIVED, "the peer sent a fatal alert")             \
    X(SEE_ERR_TLS_CLOSE_NOTIFY, "the peer closed the TLS connection (close_notify)") \
    X(SEE_ERR_TLS_INTERNAL,   "internal TLS error")                          \
    X(SEE_ERR_TLS_UNSUPPORTED_EXTENSION, "the server answered an extension we did not offer") \
    /* the peer's certificate and our own (pki/x509_verify.h, handshake) */ \
    X(SEE_ERR_X509_ISSUER_KEY_SMALL, "issuer's RSA key is too small")       \
    X(SEE_ERR_X509_KEY_MISMATCH, "the certificate's public key is not the private key's") \
    X(SEE_ERR_TLS_KEY_USAGE,  "the certificate's keyUsage does not allow this use of its key") \
    X(SEE_ERR_TLS_NO_NULL_COMPRESSION, "the ClientHello does not offer the null compression method") \
    X(SEE_ERR_TLS_TOO_MANY_IDLE_RECORDS, "too many warning alerts or empty records in a row") \
    X(SEE_ERR_TLS_BAD_CCS,    "ChangeCipherSpec is not the one byte 01 between handshake messages") \
    X(SEE_ERR_TLS_RENEGOTIATION_INFO, "renegotiation_info is not empty in a first handshake (RFC 5746)") \
    /* password-based keys: pbkdf2, pkcs12 (PKCS#12 files for browsers) */ \
    X(SEE_ERR_PBKDF2_ITERATIONS, "PBKDF2 needs an iteration count of at least 1 (RFC 8018 5.2)") \
    X(SEE_ERR_PBKDF2_LENGTH,  "PBKDF2 derived key longer than (2^32 - 1) blocks (RFC 8018 5.2 step 1)") \
    X(SEE_ERR_PKCS12_PASSWORD, "the password is not valid UTF-8 (PKCS#12 makes a BMPString of it, RFC 7292 B.1)") \
    X(SEE_ERR_LAST_,          "(end of list)")

typedef enum {
#define SEE_STATUS_ENUM(name, text) name,
    SEE_STATUS_LIST(SEE_STATUS_ENUM)
#undef SEE_STATUS_ENUM
    SEE_STATUS_COUNT,
    /* The programs' range (above): named here so that the type can hold
     * every code in it (C11 6.7.2.2 lets an enum be as small as its
     * constants need). */
    SEE_STATUS_APP_FIRST = 1000,
    SEE_STATUS_APP_LAST = 1999
} see_status;

_Static_assert(SEE_STATUS_COUNT < SEE_STATUS_APP_FIRST,
               "the library's codes stay below the programs' range");

/* A short English phrase for a status; never NULL. */
const char *see_strerror(see_status status);

/* Return the status of expr from the calling function unless it is SEE_OK. */
#define TRY(expr)                                                            \
    do {                                                                     \
        see_status try_status_ = (expr);                                     \
        if (try_status_ != SEE_OK)                                           \
            return try_status_;                                              \
    } while (0)

/* Return status from the calling function unless cond holds. */
#define ENSURE(cond, status)                                                 \
    do {                                                                     \
        if (!(cond))                                                         \
            return (status);                                                 \
    } while (0)

#endif
