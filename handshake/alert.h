/*
 * alert.h: the alert protocol, RFC 5246 section 7.2, and the mapping from
 * every seetls failure to the one alert that reports it.
 *
 *   struct { AlertLevel level; AlertDescription description; } Alert;
 *
 * level 1 is warning, 2 fatal. TLS 1.2 sends every error alert as fatal;
 * close_notify and no_renegotiation are warnings.
 */
#ifndef SEETLS_ALERT_H
#define SEETLS_ALERT_H

#include <stddef.h>
#include <stdint.h>

#include "core/bytes.h"
#include "core/error.h"

typedef enum { ALERT_WARNING = 1, ALERT_FATAL = 2 } alert_level;

typedef enum {
    ALERT_CLOSE_NOTIFY = 0,
    ALERT_UNEXPECTED_MESSAGE = 10,
    ALERT_BAD_RECORD_MAC = 20,
    ALERT_RECORD_OVERFLOW = 22,
    ALERT_HANDSHAKE_FAILURE = 40,
    ALERT_BAD_CERTIFICATE = 42,
    ALERT_UNSUPPORTED_CERTIFICATE = 43,
    ALERT_CERTIFICATE_EXPIRED = 45,
    ALERT_CERTIFICATE_UNKNOWN = 46,
    ALERT_ILLEGAL_PARAMETER = 47,
    ALERT_UNKNOWN_CA = 48,
    ALERT_DECODE_ERROR = 50,
    ALERT_DECRYPT_ERROR = 51,
    ALERT_PROTOCOL_VERSION = 70,
    ALERT_INSUFFICIENT_SECURITY = 71,
    ALERT_INTERNAL_ERROR = 80,
    ALERT_USER_CANCELED = 90,
    ALERT_NO_RENEGOTIATION = 100,
    ALERT_UNSUPPORTED_EXTENSION = 110
} alert_description;

typedef struct {
    uint8_t level;
    uint8_t description;
} alert_msg;

/* The two bytes of an alert record's content. */
see_status alert_encode(writer *w, const alert_msg *m);
/* Exactly two bytes, level 1 or 2 (SEE_ERR_TLS_DECODE / ILLEGAL_PARAMETER
 * otherwise); unknown descriptions are kept (the level decides). */
see_status alert_decode(const uint8_t *data, size_t len, alert_msg *m);

/* The alert that reports a failure (RFC 5246 7.2.2): bad_record_mac for
 * SEE_ERR_TLS_BAD_RECORD_MAC, decode_error for SEE_ERR_TLS_DECODE and the
 * reader's truncation errors, ... internal_error for anything that is our
 * own fault. Returns -1 when no alert should be sent (the transport
 * failed, or the peer already closed or alerted). */
int alert_for_status(see_status status);

/* "bad_record_mac" etc., or "unknown alert". */
const char *alert_name(uint8_t description);

#endif
