/* alert.c: the alert protocol, RFC 5246 7.2, and which alert reports which
 * failure (7.2.2's definitions). */
#include "handshake/alert.h"

see_status alert_encode(writer *w, const alert_msg *m)
{
    TRY(writer_u8(w, m->level));
    return writer_u8(w, m->description);
}

see_status alert_decode(const uint8_t *data, size_t len, alert_msg *m)
{
    reader r;
    reader_init(&r, data, len);
    if (reader_u8(&r, &m->level) != SEE_OK ||
        reader_u8(&r, &m->description) != SEE_OK ||
        reader_expect_end(&r) != SEE_OK)
        return SEE_ERR_TLS_DECODE;
    ENSURE(m->level == ALERT_WARNING || m->level == ALERT_FATAL,
           SEE_ERR_TLS_ILLEGAL_PARAMETER);
    return SEE_OK;
}

int alert_for_status(see_status status)
{
    switch (status) {
    case SEE_OK:
        return ALERT_CLOSE_NOTIFY;
    /* Nothing to send: the connection is gone, or the peer spoke first. */
    case SEE_ERR_TLS_CLOSED:
    case SEE_ERR_TLS_IO:
    case SEE_ERR_TIMEOUT:
    case SEE_ERR_DEADLINE:  /* no alert says "too slow": the peer sees the
                               connection closed */
    case SEE_ERR_CANCELLED:
    case SEE_ERR_TLS_ALERT_RECEIVED:
    case SEE_ERR_TLS_CLOSE_NOTIFY:
    /* The peer's warning that it will not renegotiate: nothing to answer,
     * and no_renegotiation "is always a warning" (7.2.2), never fatal. */
    case SEE_ERR_TLS_NO_RENEGOTIATION:
        return -1;
    case SEE_ERR_TLS_RECORD_TYPE:
    case SEE_ERR_TLS_RECORD_EMPTY:
    case SEE_ERR_TLS_UNEXPECTED_MESSAGE:
    case SEE_ERR_TLS_BAD_CCS:
    /* OpenSSL's answer to an alert flood (CVE-2016-8610) */
    case SEE_ERR_TLS_TOO_MANY_IDLE_RECORDS:
        return ALERT_UNEXPECTED_MESSAGE;
    case SEE_ERR_TLS_BAD_RECORD_MAC:
    /* An AEAD record whose tag does not verify: RFC 5246 7.2.2 (the
     * bad_record_mac of "a TLSCiphertext decrypted in an invalid way"), as
     * RFC 5288 3 and RFC 7905 use it for GCM and ChaCha20-Poly1305. */
    case SEE_ERR_AEAD_TAG:
        return ALERT_BAD_RECORD_MAC;
    case SEE_ERR_TLS_RECORD_OVERFLOW:
        return ALERT_RECORD_OVERFLOW;
    case SEE_ERR_TLS_RECORD_VERSION:
    case SEE_ERR_TLS_PROTOCOL_VERSION:
        return ALERT_PROTOCOL_VERSION;
    case SEE_ERR_TLS_DECODE:
    case SEE_ERR_TLS_MESSAGE_TOO_LONG:
    case SEE_ERR_TRUNCATED:
    case SEE_ERR_TRAILING:
        return ALERT_DECODE_ERROR;
    case SEE_ERR_TLS_ILLEGAL_PARAMETER:
    /* 7.4.1.2: the list "MUST contain" null. RFC 5246 names no alert; a
     * well-formed list with a forbidden value is illegal_parameter (the
     * alert tlsfuzzer's test-invalid-compression-methods expects) */
    case SEE_ERR_TLS_NO_NULL_COMPRESSION:
    case SEE_ERR_DH_PUBLIC_RANGE:
    case SEE_ERR_DH_PUBLIC_SUBGROUP:
    case SEE_ERR_DH_GROUP_BAD:
    case SEE_ERR_X25519_ZERO_SECRET: /* the peer sent a bad key share, as DH above */
    case SEE_ERR_TLS_EC_POINT_FORMAT:   /* RFC 8422 5.1.2 names it */
    case SEE_ERR_TLS_ECDHE_CURVE:       /* a curve we did not offer */
    case SEE_ERR_TLS_ECDHE_POINT:
        return ALERT_ILLEGAL_PARAMETER;
    case SEE_ERR_TLS_HANDSHAKE_FAILURE:
    /* RFC 8422 4: no ECC suite unless the client's curves allow it;
     * without any other suite there is nothing in common */
    case SEE_ERR_TLS_NO_COMMON_CURVE:
    case SEE_ERR_TLS_RENEGOTIATION_INFO: /* RFC 5746 3.4, 3.6 */
    case SEE_ERR_TLS_NO_CLIENT_CERTIFICATE: /* TLS 1.2 has no certificate_required */
        return ALERT_HANDSHAKE_FAILURE;
    /* 7.2.2: decrypt_error: "a handshake cryptographic operation failed,
     * including being unable to correctly verify a signature or validate
     * a Finished message". */
    case SEE_ERR_TLS_BAD_FINISHED:
    case SEE_ERR_TLS_BAD_SIGNATURE:
    case SEE_ERR_TLS_BAD_CERTIFICATE_VERIFY:
    case SEE_ERR_RSA_SIG_INVALID:
    case SEE_ERR_RSA_SIG_LENGTH:
        return ALERT_DECRYPT_ERROR;
    case SEE_ERR_TLS_BAD_CERTIFICATE:
    case SEE_ERR_X509_MALFORMED:
    case SEE_ERR_X509_VERSION:
    case SEE_ERR_X509_ALGORITHM:
    case SEE_ERR_X509_CRITICAL_EXTENSION:
    case SEE_ERR_X509_LIMIT:
    case SEE_ERR_X509_BAD_SIGNATURE:
    case SEE_ERR_X509_ISSUER_KEY_SMALL: /* OpenSSL's client says the same */
    case SEE_ERR_X509_NOT_CA:
    case SEE_ERR_X509_NO_CERT_SIGN:
    case SEE_ERR_X509_PATH_LENGTH:
    case SEE_ERR_X509_HOSTNAME:
        return ALERT_BAD_CERTIFICATE;
    /* a certificate for another use (extendedKeyUsage, or a keyUsage that
     * does not fit the key exchange, 7.4.2, or CertificateVerify, 7.4.6):
     * unsupported_certificate, as OpenSSL answers a wrong purpose */
    case SEE_ERR_X509_PURPOSE:
    case SEE_ERR_TLS_KEY_USAGE:
        return ALERT_UNSUPPORTED_CERTIFICATE;
    /* 7.2.2: "A certificate has expired or is not currently valid." */
    case SEE_ERR_X509_EXPIRED:
    case SEE_ERR_X509_NOT_YET_VALID:
        return ALERT_CERTIFICATE_EXPIRED;
    case SEE_ERR_X509_UNKNOWN_ISSUER:
        return ALERT_UNKNOWN_CA;
    case SEE_ERR_TLS_INSUFFICIENT_SECURITY:
    case SEE_ERR_TLS_NO_COMMON_GROUP:   /* RFC 7919 4 */
    case SEE_ERR_DH_GROUP_SMALL:
    case SEE_ERR_DH_GROUP_LARGE:        /* RFC 7919 3: a group our policy refuses */
    case SEE_ERR_RSA_N_SMALL:
        return ALERT_INSUFFICIENT_SECURITY;
    case SEE_ERR_TLS_UNSUPPORTED_EXTENSION:
        return ALERT_UNSUPPORTED_EXTENSION;
    default:
        return ALERT_INTERNAL_ERROR;
    }
}

const char *alert_name(uint8_t description)
{
    switch (description) {
    case ALERT_CLOSE_NOTIFY: return "close_notify";
    case ALERT_UNEXPECTED_MESSAGE: return "unexpected_message";
    case ALERT_BAD_RECORD_MAC: return "bad_record_mac";
    case ALERT_RECORD_OVERFLOW: return "record_overflow";
    case ALERT_HANDSHAKE_FAILURE: return "handshake_failure";
    case ALERT_BAD_CERTIFICATE: return "bad_certificate";
    case ALERT_UNSUPPORTED_CERTIFICATE: return "unsupported_certificate";
    case ALERT_CERTIFICATE_EXPIRED: return "certificate_expired";
    case ALERT_CERTIFICATE_UNKNOWN: return "certificate_unknown";
    case ALERT_ILLEGAL_PARAMETER: return "illegal_parameter";
    case ALERT_UNKNOWN_CA: return "unknown_ca";
    case ALERT_DECODE_ERROR: return "decode_error";
    case ALERT_DECRYPT_ERROR: return "decrypt_error";
    case ALERT_PROTOCOL_VERSION: return "protocol_version";
    case ALERT_INSUFFICIENT_SECURITY: return "insufficient_security";
    case ALERT_INTERNAL_ERROR: return "internal_error";
    case ALERT_USER_CANCELED: return "user_canceled";
    case ALERT_NO_RENEGOTIATION: return "no_renegotiation";
    case ALERT_UNSUPPORTED_EXTENSION: return "unsupported_extension";
    default: return "unknown alert";
    }
}
