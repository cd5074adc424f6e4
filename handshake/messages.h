/*
 * messages.h: the TLS 1.2 handshake messages, RFC 5246 section 7.4, each
 * with an encoder and a decoder in its own file (client_hello.c,
 * server_hello.c, certificate.c, ...), and the hello extensions
 * (extensions.c).
 *
 * Every handshake message is
 *
 *   msg_type (1)  length (3)  body (length bytes)          (7.4)
 *
 * Encoders append the whole message, header included, to a writer.
 * Decoders take the body (after hs_message_split) and fill a struct;
 * variable-length fields are pointers into the caller's buffer (no copies,
 * valid as long as it is). Decoders go through the bounded reader only and
 * fail with SEE_ERR_TLS_DECODE for any malformed, truncated or overlong
 * body (the decode_error alert) and SEE_ERR_TLS_ILLEGAL_PARAMETER for a
 * well-formed field with a value the RFC forbids (illegal_parameter).
 * Whether a message is acceptable at this point of the handshake is the
 * state machine's business, not the decoder's.
 */
#ifndef SEETLS_MESSAGES_H
#define SEETLS_MESSAGES_H

#include <stddef.h>
#include <stdint.h>

#include "core/bytes.h"
#include "core/error.h"

/* HandshakeType (7.4). */
typedef enum {
    HS_HELLO_REQUEST = 0,
    HS_CLIENT_HELLO = 1,
    HS_SERVER_HELLO = 2,
    HS_CERTIFICATE = 11,
    HS_SERVER_KEY_EXCHANGE = 12,
    HS_CERTIFICATE_REQUEST = 13,
    HS_SERVER_HELLO_DONE = 14,
    HS_CERTIFICATE_VERIFY = 15,
    HS_CLIENT_KEY_EXCHANGE = 16,
    HS_FINISHED = 20
} hs_type;

/* The cipher suites we speak (RFC 5246 A.5, RFC 8422 6), and the
 * signalling value of RFC 5746 3.3. */
#define TLS_RSA_WITH_AES_128_CBC_SHA256     0x003c
#define TLS_DHE_RSA_WITH_AES_128_CBC_SHA256 0x0067
#define TLS_RSA_WITH_AES_128_GCM_SHA256     0x009c /* RFC 5288 3 */
#define TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 0x009e /* RFC 5288 3 */
#define TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 0xc02f /* RFC 5289 3.2 */
#define TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 0xcca8 /* RFC 7905 2 */
#define TLS_EMPTY_RENEGOTIATION_INFO_SCSV   0x00ff

/* SignatureAndHashAlgorithm (7.4.1.4.1): we sign and verify sha256/rsa. */
#define TLS_HASH_SHA256 4
#define TLS_SIGNATURE_RSA 1

/* ExtensionType values we understand. */
#define TLS_EXT_SERVER_NAME            0x0000 /* RFC 6066 3 */
#define TLS_EXT_SUPPORTED_GROUPS       0x000a /* RFC 7919 2, RFC 8422 5.1.1 */
#define TLS_EXT_EC_POINT_FORMATS       0x000b /* RFC 8422 5.1.2 */
#define TLS_EXT_SIGNATURE_ALGORITHMS   0x000d /* RFC 5246 7.4.1.4.1 */
#define TLS_EXT_ENCRYPT_THEN_MAC       0x0016 /* RFC 7366 2 */
#define TLS_EXT_EXTENDED_MASTER_SECRET 0x0017 /* RFC 7627 5.1 */
#define TLS_EXT_RENEGOTIATION_INFO     0xff01 /* RFC 5746 3.2 */

/* NamedGroup x25519 (RFC 8422 5.1.1), ECCurveType named_curve (5.4) and
 * ECPointFormat uncompressed (5.1.2), the one format of RFC 8422. */
#define TLS_GROUP_X25519 0x001d
#define TLS_EC_NAMED_CURVE 3
#define TLS_EC_POINT_UNCOMPRESSED 0

#define TLS_MAX_SESSION_ID 32
#define TLS_MAX_SERVER_NAME 255

/* For the decoders: any reader failure (truncated, trailing bytes) of
 * expr is a malformed message, SEE_ERR_TLS_DECODE. */
#define TRY_DECODE(expr)                                                     \
    do {                                                                     \
        if ((expr) != SEE_OK)                                                \
            return SEE_ERR_TLS_DECODE;                                       \
    } while (0)

/* A name for a handshake type ("ClientHello"), for traces and errors. */
const char *hs_type_name(uint8_t type);

/* Split a whole handshake message (as record_next returns it) into its type
 * and a reader over the body; SEE_ERR_TLS_DECODE unless the length field
 * matches exactly. */
see_status hs_message_split(const uint8_t *msg, size_t len, uint8_t *type,
                            reader *body);

/* Open a handshake message of the type in w; hs_end fills in its length. */
see_status hs_begin(writer *w, uint8_t type, size_t *mark);
see_status hs_end(writer *w, size_t mark);

/* --------------------------------------------------- hello extensions --- */

/* The extensions of a ClientHello or ServerHello that we act on. Those we
 * do not know are parsed past and counted (7.4.1.4). */
typedef struct {
    int present;                    /* an extensions block was there */
    unsigned seen;                  /* the known ones there (extension_bit) */
    size_t unknown;                 /* how many of types we do not know */
    int extended_master_secret;     /* RFC 7627 */
    int encrypt_then_mac;           /* RFC 7366 */
    int renegotiation_info;         /* RFC 5746 */
    const uint8_t *renegotiated_connection; /* its contents */
    size_t renegotiated_connection_len;
    int signature_algorithms;       /* present (client only) */
    const uint8_t *sig_algs;        /* pairs (hash, signature) */
    size_t sig_algs_len;
    int server_name;                /* SNI with a host_name (ClientHello) */
    char host_name[TLS_MAX_SERVER_NAME + 1]; /* NUL-terminated */
    int supported_groups;           /* present (client only) */
    const uint8_t *groups;          /* NamedGroup values, 2 bytes each */
    size_t groups_len;
    int ec_point_formats;           /* present (RFC 8422 5.1.2, 5.2) */
    const uint8_t *point_formats;   /* ECPointFormat values, 1 byte each */
    size_t point_formats_len;
} hello_extensions;

/* Append the extensions block (a 2-byte length and the extensions) for
 * the flags set in ext; nothing at all if none is set. */
see_status extensions_encode(writer *w, const hello_extensions *ext);
/* Parse what remains of a hello body (hello: HS_CLIENT_HELLO or
 * HS_SERVER_HELLO): nothing (no extensions), or an extensions block that
 * ends the body exactly. SEE_ERR_TLS_DECODE: duplicates of a known
 * extension, EMS or encrypt_then_mac with contents, a server_name that is
 * empty in a ClientHello (RFC 6066 3: the list has at least one name) or
 * not empty in a ServerHello, and malformed known extensions.
 * SEE_ERR_TLS_ILLEGAL_PARAMETER: two server names of one type, a host
 * name with bytes outside printable ASCII. */
see_status extensions_decode(reader *r, uint8_t hello, hello_extensions *ext);
/* The bit of a known extension type (0 for others), as in ext->seen. */
unsigned extension_bit(uint16_t type);
/* 1 if the ec_point_formats list has uncompressed(0): RFC 8422 5.1.2
 * and 5.2 require it in every list sent. */
int extensions_point_formats_uncompressed(const hello_extensions *ext);
/* 1 if supported_groups lists an elliptic curve of RFC 8422 5.1.1
 * (secp256r1, secp384r1, secp521r1, x25519, x448). */
int extensions_list_a_curve(const hello_extensions *ext);
/* The bits of the extensions extensions_encode writes for ext. */
unsigned extensions_mask(const hello_extensions *ext);
/* 1 if name is an IPv4 or IPv6 address, which RFC 6066 3 keeps out of
 * server_name. */
int host_is_ip_literal(const char *name);

/* ------------------------------------------------------- ClientHello --- */

typedef struct {
    uint16_t client_version;          /* 03 03 */
    uint8_t random[32];               /* RB */
    uint8_t session_id[TLS_MAX_SESSION_ID];
    size_t session_id_len;
    const uint8_t *cipher_suites;     /* 2 bytes each */
    size_t cipher_suites_len;
    const uint8_t *compression_methods;
    size_t compression_methods_len;
    hello_extensions ext;
} client_hello;

see_status client_hello_encode(writer *w, const client_hello *m);
see_status client_hello_decode(reader *body, client_hello *m);
/* 1 if the hello lists the suite. */
int client_hello_offers_suite(const client_hello *m, uint16_t suite);
/* 1 if it lists compression method 0 (null), which 7.4.1.2 requires. */
int client_hello_offers_null_compression(const client_hello *m);

/* ------------------------------------------------------- ServerHello --- */

typedef struct {
    uint16_t server_version;          /* 03 03 */
    uint8_t random[32];               /* RS */
    uint8_t session_id[TLS_MAX_SESSION_ID];
    size_t session_id_len;
    uint16_t cipher_suite;
    uint8_t compression_method;       /* 0 */
    hello_extensions ext;
} server_hello;

see_status server_hello_encode(writer *w, const server_hello *m);
/* SEE_ERR_TLS_ILLEGAL_PARAMETER for a compression method other than 0. */
see_status server_hello_decode(reader *body, server_hello *m);

/* ------------------------------------------------------- Certificate --- */

#define TLS_MAX_CHAIN 8

typedef struct {
    size_t count;
    const uint8_t *cert[TLS_MAX_CHAIN]; /* DER, the sender's own first */
    size_t cert_len[TLS_MAX_CHAIN];
} certificate_msg;

see_status certificate_encode(writer *w, const certificate_msg *m);
/* Empty certificates (<1..2^24-1>) are SEE_ERR_TLS_DECODE; more than
 * TLS_MAX_CHAIN is SEE_ERR_TLS_BAD_CERTIFICATE. */
see_status certificate_decode(reader *body, certificate_msg *m);

/* ------------------------------------- ServerKeyExchange (DHE_RSA) --- */

/* A digitally-signed element (4.7, 7.4.1.4.1): the algorithm pair, then
 * the signature. Also the body of CertificateVerify. */
typedef struct {
    uint8_t hash;       /* 4: sha256 */
    uint8_t signature;  /* 1: rsa */
    const uint8_t *sig;
    size_t sig_len;
} signed_part;

typedef struct {
    const uint8_t *p, *g, *ys;  /* dh_p, dh_g, dh_Ys: big-endian */
    size_t p_len, g_len, ys_len;
    const uint8_t *params;      /* the whole ServerDHParams, as signed */
    size_t params_len;
    signed_part signed_params;
} server_key_exchange;

see_status server_key_exchange_encode(writer *w, const server_key_exchange *m);
/* Each of p, g, Ys must be 1 or more bytes (7.4.3). */
see_status server_key_exchange_decode(reader *body, server_key_exchange *m);

/* ------------------------------- ServerKeyExchange (ECDHE_RSA) --- */

/* RFC 8422 5.4:
 *   struct { ECCurveType curve_type; NamedCurve namedcurve; } ECParameters;
 *   struct { ECParameters curve_params; ECPoint public; } ServerECDHParams;
 *   ECPoint: opaque point<1..2^8-1>
 * then signed_params, as for DHE: signed over RB + RS + ServerECDHParams. */
typedef struct {
    uint8_t curve_type;         /* 3: named_curve */
    uint16_t named_curve;       /* 29: x25519 */
    const uint8_t *point;       /* the server's public value (Ys = a*G) */
    size_t point_len;
    const uint8_t *params;      /* the whole ServerECDHParams, as signed */
    size_t params_len;
    signed_part signed_params;
} server_ecdh_key_exchange;

see_status server_ecdh_key_exchange_encode(writer *w,
                                           const server_ecdh_key_exchange *m);
/* SEE_ERR_TLS_ILLEGAL_PARAMETER for a curve_type other than named_curve
 * (5.4: explicit_prime and explicit_char2 "MUST NOT" be used, and we
 * cannot read past them); an empty point is SEE_ERR_TLS_DECODE. Which
 * curve, and the point's length for it, are the key exchange's to judge. */
see_status server_ecdh_key_exchange_decode(reader *body,
                                           server_ecdh_key_exchange *m);
/* ServerECDHParams alone (what is signed): curve_type, namedcurve, point. */
see_status server_ecdh_params_encode(writer *w, const server_ecdh_key_exchange *m);

/* ------------------------------------------------ CertificateRequest --- */

typedef struct {
    const uint8_t *certificate_types;   /* 1: rsa_sign */
    size_t certificate_types_len;
    const uint8_t *sig_algs;            /* pairs */
    size_t sig_algs_len;
    const uint8_t *authorities;         /* DistinguishedName list, raw */
    size_t authorities_len;
} certificate_request;

see_status certificate_request_encode(writer *w, const certificate_request *m);
see_status certificate_request_decode(reader *body, certificate_request *m);

/* --------------------------------------------------- ServerHelloDone --- */

see_status server_hello_done_encode(writer *w);
see_status server_hello_done_decode(reader *body);

/* ------------------------------------------------- ClientKeyExchange --- */

/* RSA: the encrypted PS (EncryptedPreMasterSecret, with its 2-byte length
 * as every TLS 1.x sends it, 7.4.7.1); DHE: dh_Yc (7.4.7.2). Both are one
 * opaque vector<..2^16-1>; dh_Yc may not be empty. ECDHE (RFC 8422 5.7):
 * ClientECDiffieHellmanPublic, the ECPoint ecdh_Yc, opaque
 * point<1..2^8-1>: a 1-byte length. */
typedef enum {
    CKE_RSA = 0,    /* the values of the former "int dhe": 0 and 1 */
    CKE_DHE = 1,
    CKE_ECDHE = 2
} cke_kind;

typedef struct {
    const uint8_t *exchange;
    size_t exchange_len;
    cke_kind kind;  /* how the encoder writes it: CKE_RSA and CKE_DHE with
                       a 2-byte length, CKE_ECDHE with a 1-byte one */
} client_key_exchange;

see_status client_key_exchange_encode(writer *w, const client_key_exchange *m);
see_status client_key_exchange_decode(reader *body, cke_kind kind,
                                      client_key_exchange *m);

/* ------------------------------------------------- CertificateVerify --- */

see_status certificate_verify_encode(writer *w, const signed_part *m);
see_status certificate_verify_decode(reader *body, signed_part *m);

/* helpers shared with ServerKeyExchange */
see_status signed_part_encode(writer *w, const signed_part *m);
see_status signed_part_decode(reader *r, signed_part *m);

/* ---------------------------------------------------------- Finished --- */

typedef struct {
    uint8_t verify_data[12];
} finished_msg;

see_status finished_encode(writer *w, const finished_msg *m);
see_status finished_decode(reader *body, finished_msg *m);

#endif
