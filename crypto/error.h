/*
 * error.h: the one error vocabulary of seetls.
 *
 * Every fallible function returns a see_status: SEE_OK (0) on success, or
 * one precise reason. see_strerror() gives the reason as a short phrase that
 * programs print ("odd number of hex digits"). Layers above crypto/ add
 * their own codes here, so one table names every failure.
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
    X(SEE_ERR_RANDOM,         "the system random source failed")             \
    X(SEE_ERR_DRBG,           "random generator misuse")                     \
    X(SEE_ERR_NO_LETTERS,     "the key has no letters")                      \
    X(SEE_ERR_TOO_SHORT,      "too little text to analyse")                  \
    X(SEE_ERR_UNSUPPORTED,    "unsupported")                                 \
    /* symmetric primitives (sha256, hmac, prf, aes, padding, subst) */     \
    /* random, drbg */                                                      \
    /* big numbers, primes, rsa */                                          \
    /* diffie-hellman */                                                    \
    /* der, pem, key files */                                               \
    /* robot link */                                                         \
    X(SEE_ERR_SERIAL_OPEN,    "cannot open the serial port")                 \
    X(SEE_ERR_SERIAL_IO,      "serial line read or write failed")            \
    X(SEE_ERR_TIMEOUT,        "timed out")                                   \
    X(SEE_ERR_ROBOT_REPLY,    "the robot gave an unexpected reply")          \
    X(SEE_ERR_LAST_,          "(end of list)")

typedef enum {
#define SEE_STATUS_ENUM(name, text) name,
    SEE_STATUS_LIST(SEE_STATUS_ENUM)
#undef SEE_STATUS_ENUM
    SEE_STATUS_COUNT
} see_status;

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
