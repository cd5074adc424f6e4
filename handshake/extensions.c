/*
 * extensions.c: the hello extensions we speak (RFC 5246 7.4.1.4):
 *
 *   struct { ExtensionType extension_type; opaque extension_data<0..2^16-1>; }
 *   Extension;  Extension extensions<0..2^16-1>;
 *
 *   server_name (RFC 6066 3)        ServerNameList: name_type 0, host_name
 *   supported_groups (RFC 7919 2, RFC 8422 5.1.1)
 *                                   NamedGroup named_group_list<2..2^16-1>
 *   ec_point_formats (RFC 8422 5.1.2) ECPointFormat ec_point_format_list<1..2^8-1>
 *   signature_algorithms (7.4.1.4.1) SignatureAndHashAlgorithm list<2..2^16-2>
 *   encrypt_then_mac (RFC 7366 2)   empty
 *   extended_master_secret (RFC 7627 5.1)  empty
 *   renegotiation_info (RFC 5746 3.2) renegotiated_connection<0..255>
 *
 * Others are skipped and counted (hello_extensions.unknown): a server
 * ignores them, and a client refuses any it did not ask for (7.4.1.4: "If
 * a client receives an extension type in ServerHello that it did not
 * request in the associated ClientHello, it MUST abort the handshake with
 * an unsupported_extension fatal alert").
 */
#include "handshake/messages.h"

#include <arpa/inet.h>
#include <string.h>

static see_status encode_empty(writer *w, uint16_t type)
{
    TRY(writer_u16(w, type));
    return writer_u16(w, 0);
}

static see_status encode_server_name(writer *w, const char *host)
{
    size_t ext, list;
    size_t len = strlen(host);
    ENSURE(len >= 1 && len <= TLS_MAX_SERVER_NAME, SEE_ERR_ARGUMENT);
    TRY(writer_u16(w, TLS_EXT_SERVER_NAME));
    TRY(writer_open_length(w, 2, &ext));
    TRY(writer_open_length(w, 2, &list));
    TRY(writer_u8(w, 0)); /* host_name */
    TRY(writer_vector(w, 2, host, len));
    TRY(writer_close_length(w, 2, list));
    return writer_close_length(w, 2, ext);
}

static see_status encode_vector_ext(writer *w, uint16_t type, int width,
                                    const uint8_t *data, size_t len)
{
    size_t ext, vec;
    TRY(writer_u16(w, type));
    TRY(writer_open_length(w, 2, &ext));
    TRY(writer_open_length(w, width, &vec));
    TRY(writer_bytes(w, data, len));
    TRY(writer_close_length(w, width, vec));
    return writer_close_length(w, 2, ext);
}

static int any_extension(const hello_extensions *e)
{
    return e->present || e->server_name || e->signature_algorithms ||
           e->encrypt_then_mac || e->extended_master_secret ||
           e->renegotiation_info || e->supported_groups || e->ec_point_formats;
}

see_status extensions_encode(writer *w, const hello_extensions *e)
{
    if (!any_extension(e))
        return SEE_OK;
    size_t block;
    TRY(writer_open_length(w, 2, &block));
    if (e->server_name)
        TRY(encode_server_name(w, e->host_name));
    if (e->supported_groups)
        TRY(encode_vector_ext(w, TLS_EXT_SUPPORTED_GROUPS, 2, e->groups,
                              e->groups_len));
    if (e->ec_point_formats)
        TRY(encode_vector_ext(w, TLS_EXT_EC_POINT_FORMATS, 1, e->point_formats,
                              e->point_formats_len));
    if (e->signature_algorithms)
        TRY(encode_vector_ext(w, TLS_EXT_SIGNATURE_ALGORITHMS, 2, e->sig_algs,
                              e->sig_algs_len));
    if (e->encrypt_then_mac)
        TRY(encode_empty(w, TLS_EXT_ENCRYPT_THEN_MAC));
    if (e->extended_master_secret)
        TRY(encode_empty(w, TLS_EXT_EXTENDED_MASTER_SECRET));
    if (e->renegotiation_info)
        TRY(encode_vector_ext(w, TLS_EXT_RENEGOTIATION_INFO, 1,
                              e->renegotiated_connection,
                              e->renegotiated_connection_len));
    return writer_close_length(w, 2, block);
}

/* RFC 6066 3: a ServerNameList<1..2^16-1> of (name_type, name); we keep
 * the host_name (type 0), which must be 1..255 bytes of printable ASCII
 * without NUL. "The ServerNameList MUST NOT contain more than one name of
 * the same name_type": a second one of any type is illegal_parameter. */
static see_status decode_server_name(reader *data, hello_extensions *e)
{
    reader list;
    TRY_DECODE(reader_vector(data, 2, &list));
    TRY_DECODE(reader_expect_end(data));
    ENSURE(!reader_at_end(&list), SEE_ERR_TLS_DECODE);
    uint8_t types_seen[256 / 8] = { 0 };
    while (!reader_at_end(&list)) {
        uint8_t name_type;
        reader name;
        TRY_DECODE(reader_u8(&list, &name_type));
        TRY_DECODE(reader_vector(&list, 2, &name));
        uint8_t bit = (uint8_t)(1u << (name_type % 8));
        ENSURE((types_seen[name_type / 8] & bit) == 0,
               SEE_ERR_TLS_ILLEGAL_PARAMETER);
        types_seen[name_type / 8] |= bit;
        if (name_type != 0)
            continue;
        size_t n = reader_remaining(&name);
        ENSURE(n >= 1 && n <= TLS_MAX_SERVER_NAME, SEE_ERR_TLS_DECODE);
        const uint8_t *host;
        TRY_DECODE(reader_bytes(&name, n, &host));
        for (size_t i = 0; i < n; i++)
            ENSURE(host[i] > 0x20 && host[i] < 0x7f, SEE_ERR_TLS_ILLEGAL_PARAMETER);
        memcpy(e->host_name, host, n);
        e->host_name[n] = '\0';
        e->server_name = 1;
    }
    return SEE_OK;
}

/* 7.4.1.4.1: supported_signature_algorithms<2..2^16-2>, pairs. */
static see_status decode_sig_algs(reader *data, hello_extensions *e)
{
    reader list;
    TRY_DECODE(reader_vector(data, 2, &list));
    TRY_DECODE(reader_expect_end(data));
    size_t n = reader_remaining(&list);
    ENSURE(n >= 2 && n % 2 == 0, SEE_ERR_TLS_DECODE);
    TRY_DECODE(reader_bytes(&list, n, &e->sig_algs));
    e->sig_algs_len = n;
    e->signature_algorithms = 1;
    return SEE_OK;
}

/* RFC 8422 5.1.1 (RFC 7919 2): named_group_list<2..2^16-1>, two bytes
 * per group. The server picks from it (server.c). */
static see_status decode_supported_groups(reader *data, hello_extensions *e)
{
    reader list;
    TRY_DECODE(reader_vector(data, 2, &list));
    TRY_DECODE(reader_expect_end(data));
    size_t n = reader_remaining(&list);
    ENSURE(n >= 2 && n % 2 == 0, SEE_ERR_TLS_DECODE);
    TRY_DECODE(reader_bytes(&list, n, &e->groups));
    e->groups_len = n;
    e->supported_groups = 1;
    return SEE_OK;
}

/* RFC 8422 5.1.2: ec_point_format_list<1..2^8-1>, one byte per format.
 * Whether uncompressed(0) is among them is the handshake's to judge
 * (extensions_point_formats_uncompressed). */
static see_status decode_point_formats(reader *data, hello_extensions *e)
{
    reader list;
    TRY_DECODE(reader_vector(data, 1, &list));
    TRY_DECODE(reader_expect_end(data));
    size_t n = reader_remaining(&list);
    ENSURE(n >= 1, SEE_ERR_TLS_DECODE);
    TRY_DECODE(reader_bytes(&list, n, &e->point_formats));
    e->point_formats_len = n;
    e->ec_point_formats = 1;
    return SEE_OK;
}

int extensions_point_formats_uncompressed(const hello_extensions *e)
{
    for (size_t i = 0; i < e->point_formats_len; i++)
        if (e->point_formats[i] == TLS_EC_POINT_UNCOMPRESSED)
            return 1;
    return 0;
}

/* RFC 8422 5.1.1's curves: secp256r1 (23), secp384r1 (24), secp521r1
 * (25), x25519 (29), x448 (30). */
int extensions_list_a_curve(const hello_extensions *e)
{
    for (size_t i = 0; i + 1 < e->groups_len; i += 2) {
        uint16_t id = (uint16_t)(e->groups[i] << 8 | e->groups[i + 1]);
        if ((id >= 23 && id <= 25) || id == 29 || id == 30)
            return 1;
    }
    return 0;
}

/* RFC 5746 3.2: renegotiated_connection<0..255>. */
static see_status decode_renegotiation_info(reader *data, hello_extensions *e)
{
    reader inner;
    TRY_DECODE(reader_vector(data, 1, &inner));
    TRY_DECODE(reader_expect_end(data));
    e->renegotiated_connection_len = reader_remaining(&inner);
    TRY_DECODE(reader_bytes(&inner, e->renegotiated_connection_len,
                            &e->renegotiated_connection));
    e->renegotiation_info = 1;
    return SEE_OK;
}

/* Known extensions, each one bit: to refuse duplicates (7.4.1.4: "There
 * MUST NOT be more than one extension of the same type"), and for a client
 * to compare what a server answered with what it offered. */
unsigned extension_bit(uint16_t type)
{
    switch (type) {
    case TLS_EXT_SERVER_NAME: return 1u << 0;
    case TLS_EXT_SIGNATURE_ALGORITHMS: return 1u << 1;
    case TLS_EXT_ENCRYPT_THEN_MAC: return 1u << 2;
    case TLS_EXT_EXTENDED_MASTER_SECRET: return 1u << 3;
    case TLS_EXT_RENEGOTIATION_INFO: return 1u << 4;
    case TLS_EXT_SUPPORTED_GROUPS: return 1u << 5;
    case TLS_EXT_EC_POINT_FORMATS: return 1u << 6;
    default: return 0;
    }
}

unsigned extensions_mask(const hello_extensions *e)
{
    unsigned mask = 0;
    if (e->server_name)
        mask |= extension_bit(TLS_EXT_SERVER_NAME);
    if (e->signature_algorithms)
        mask |= extension_bit(TLS_EXT_SIGNATURE_ALGORITHMS);
    if (e->encrypt_then_mac)
        mask |= extension_bit(TLS_EXT_ENCRYPT_THEN_MAC);
    if (e->extended_master_secret)
        mask |= extension_bit(TLS_EXT_EXTENDED_MASTER_SECRET);
    if (e->renegotiation_info)
        mask |= extension_bit(TLS_EXT_RENEGOTIATION_INFO);
    if (e->supported_groups)
        mask |= extension_bit(TLS_EXT_SUPPORTED_GROUPS);
    if (e->ec_point_formats)
        mask |= extension_bit(TLS_EXT_EC_POINT_FORMATS);
    return mask;
}

static see_status decode_one(uint16_t type, reader *data, uint8_t hello,
                             hello_extensions *e)
{
    switch (type) {
    case TLS_EXT_SERVER_NAME:
        /* RFC 6066 3: a server's acknowledgement "SHALL be empty"; a
         * client's holds a ServerNameList, which may not be empty. */
        if (hello == HS_SERVER_HELLO) {
            TRY_DECODE(reader_expect_end(data));
            return SEE_OK;
        }
        return decode_server_name(data, e);
    case TLS_EXT_SIGNATURE_ALGORITHMS:
        return decode_sig_algs(data, e);
    case TLS_EXT_SUPPORTED_GROUPS:
        return decode_supported_groups(data, e);
    case TLS_EXT_EC_POINT_FORMATS:
        return decode_point_formats(data, e);
    case TLS_EXT_ENCRYPT_THEN_MAC:
        TRY_DECODE(reader_expect_end(data));
        e->encrypt_then_mac = 1;
        return SEE_OK;
    case TLS_EXT_EXTENDED_MASTER_SECRET:
        TRY_DECODE(reader_expect_end(data));
        e->extended_master_secret = 1;
        return SEE_OK;
    case TLS_EXT_RENEGOTIATION_INFO:
        return decode_renegotiation_info(data, e);
    default:
        e->unknown++; /* skipped; the caller decides (see the top) */
        return SEE_OK;
    }
}

see_status extensions_decode(reader *r, uint8_t hello, hello_extensions *e)
{
    memset(e, 0, sizeof *e);
    if (reader_at_end(r))
        return SEE_OK; /* 7.4.1.2: the block may be absent */
    reader block;
    TRY_DECODE(reader_vector(r, 2, &block));
    TRY_DECODE(reader_expect_end(r));
    e->present = 1;
    unsigned seen = 0;
    while (!reader_at_end(&block)) {
        uint16_t type;
        reader data;
        TRY_DECODE(reader_u16(&block, &type));
        TRY_DECODE(reader_vector(&block, 2, &data));
        unsigned bit = extension_bit(type);
        ENSURE((seen & bit) == 0, SEE_ERR_TLS_DECODE);
        seen |= bit;
        TRY(decode_one(type, &data, hello, e));
    }
    e->seen = seen;
    return SEE_OK;
}

/* RFC 6066 3: "Literal IPv4 and IPv6 addresses are not permitted in
 * HostName". No DNS name holds a ':', so any name with one is taken for an
 * IPv6 address (also with a zone, "fe80::1%eth0", which inet_pton refuses). */
int host_is_ip_literal(const char *name)
{
    struct in_addr v4;
    return inet_pton(AF_INET, name, &v4) == 1 || strchr(name, ':') != NULL;
}
