/* page_fields.c: the fields of every record, one leaf row each (see
 * page_fields.h). Each message walker is straight-line reader calls in
 * the order of its struct in RFC 5246 7.4. */
#include "demos/page_fields.h"

#include <string.h>

#include "crypto/dh.h"
#include "demos/page_der.h"
#include "handshake/alert.h"
#include "handshake/messages.h"
#include "handshake/tls.h"

int page_anchor_claim(page_anchors *set, const char *name)
{
    for (int i = 0; i < set->count; i++)
        if (strcmp(set->names[i], name) == 0)
            return 0;
    if (set->count == PAGE_MAX_ANCHORS)
        return 0;
    snprintf(set->names[set->count++], sizeof set->names[0], "%s", name);
    return 1;
}

void page_html_text(FILE *f, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(c >= 0x20 && c < 0x7f ? c : '.', f);
        }
    }
}

void page_html_hex(FILE *f, const uint8_t *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        fprintf(f, i ? " %02x" : "%02x", p[i]);
}

void page_ann_begin(page_ann *a, FILE *f, const uint8_t *bytes, size_t len,
                    const char *kind, trace_party sender, int dhe,
                    page_anchors *anchors)
{
    a->f = f;
    reader_init(&a->r, bytes, len);
    a->written = 0;
    a->depth = 0;
    a->sender = sender;
    a->dhe = dhe;
    a->anchors = anchors;
    a->finished = NULL;
    fprintf(f, "<table class=\"bytes\" data-what=\"%s\" data-len=\"%zu\">\n"
               "<tr><th>at</th><th>bytes</th><th>field</th><th>what it is</th></tr>\n",
            kind, len);
}

void page_ann_end(page_ann *a)
{
    a->depth = 0;
    size_t left = reader_remaining(&a->r);
    if (left > 0)
        (void)page_ann_row(a, left, "not-understood", NULL,
                           "bytes this page does not explain");
    fprintf(a->f, "</table>\n");
}

static const char *last_part(const char *field)
{
    const char *dot = strrchr(field, '.');
    return dot != NULL ? dot + 1 : field;
}

/* The row's opening, up to the note's cell. */
static see_status row_open(page_ann *a, size_t n, const char *field, const char *anchor)
{
    size_t at = a->r.pos;
    const uint8_t *p;
    TRY(reader_bytes(&a->r, n, &p));
    FILE *f = a->f;
    fprintf(f, "<tr class=\"leaf d%d\" data-offset=\"%zu\" data-len=\"%zu\" data-field=\"",
            a->depth > 6 ? 6 : a->depth, at, n);
    page_html_text(f, field, strlen(field));
    fputc('"', f);
    if (anchor != NULL && page_anchor_claim(a->anchors, anchor))
        fprintf(f, " id=\"%s\"", anchor);
    fprintf(f, "><td class=\"off\">%zu</td><td class=\"hex\">", at);
    page_html_hex(f, p, n);
    fprintf(f, "</td><td class=\"name\">");
    const char *shown = last_part(field);
    page_html_text(f, shown, strlen(shown));
    fprintf(f, "</td><td class=\"note\">");
    a->written = at + n;
    return SEE_OK;
}

see_status page_ann_row_html(page_ann *a, size_t n, const char *field,
                             const char *anchor, const char *note_html)
{
    TRY(row_open(a, n, field, anchor));
    fprintf(a->f, "%s</td></tr>\n", note_html);
    return SEE_OK;
}

see_status page_ann_row(page_ann *a, size_t n, const char *field, const char *anchor,
                        const char *fmt, ...)
{
    char note[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(note, sizeof note, fmt, ap);
    va_end(ap);
    TRY(row_open(a, n, field, anchor));
    page_html_text(a->f, note, strlen(note));
    fprintf(a->f, "</td></tr>\n");
    return SEE_OK;
}

void page_ann_group(page_ann *a, const char *fmt, ...)
{
    char title[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(title, sizeof title, fmt, ap);
    va_end(ap);
    fprintf(a->f, "<tr class=\"grp d%d\"><td class=\"off\">%zu</td><td colspan=\"3\">",
            a->depth > 6 ? 6 : a->depth, a->r.pos);
    page_html_text(a->f, title, strlen(title));
    fprintf(a->f, "</td></tr>\n");
    a->depth++;
}

void page_ann_ungroup(page_ann *a)
{
    if (a->depth > 0)
        a->depth--;
}

/* Peek a big-endian number of width bytes at the reader's position. */
static see_status peek_uint(const page_ann *a, int width, uint32_t *v)
{
    ENSURE(reader_remaining(&a->r) >= (size_t)width, SEE_ERR_TRUNCATED);
    *v = 0;
    for (int i = 0; i < width; i++)
        *v = (*v << 8) | a->r.data[a->r.pos + (size_t)i];
    return SEE_OK;
}

see_status page_ann_vector(page_ann *a, int width, const char *field,
                           const char *what, size_t *end)
{
    uint32_t n;
    TRY(peek_uint(a, width, &n));
    ENSURE(a->r.pos + (size_t)width + n <= a->r.len, SEE_ERR_TRUNCATED);
    TRY(page_ann_row(a, (size_t)width, field, NULL, "%lu byte%s of %s follow%s",
                     (unsigned long)n, n == 1 ? "" : "s", what, n == 1 ? "s" : ""));
    *end = a->r.pos + n;
    return SEE_OK;
}

/* One number field of width bytes, its value into *v. */
static see_status number(page_ann *a, int width, const char *field, uint32_t *v,
                         const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static see_status number(page_ann *a, int width, const char *field, uint32_t *v,
                         const char *fmt, ...)
{
    TRY(peek_uint(a, width, v));
    char note[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(note, sizeof note, fmt, ap);
    va_end(ap);
    return page_ann_row(a, (size_t)width, field, NULL, "%s", note);
}

/* A peeked number's note needs the number: peek it first. */
static uint32_t next_uint(const page_ann *a, int width)
{
    uint32_t v = 0;
    (void)peek_uint(a, width, &v);
    return v;
}

/* ------------------------------------------------------ the hellos --- */

static const char *version_name(uint32_t v)
{
    return v == 0x0303 ? "TLS 1.2 (03 03)" : v == 0x0301 ? "TLS 1.0 (03 01)"
                                                        : "another version";
}

static const char *group_name(uint32_t id)
{
    const char *name = dh_tls_id_name((uint16_t)id);
    return name != NULL ? name : "a group we do not know";
}

static const char *hash_name(uint32_t h)
{
    static const char *const names[] = { "none", "md5", "sha1", "sha224",
                                         "sha256", "sha384", "sha512" };
    return h < 7 ? names[h] : "?";
}

static const char *signature_name(uint32_t s)
{
    return s == 1 ? "rsa" : s == 2 ? "dsa" : s == 3 ? "ecdsa" : "?";
}

/* Pairs (hash, signature) of RFC 5246 7.4.1.4.1, each one leaf. */
static see_status signature_pairs(page_ann *a, const char *field, size_t end)
{
    while (a->r.pos + 2 <= end) {
        uint32_t pair = next_uint(a, 2);
        TRY(page_ann_row(a, 2, field, NULL, "hash %s, signature %s",
                         hash_name(pair >> 8), signature_name(pair & 0xff)));
    }
    return SEE_OK;
}

static see_status extension_contents(page_ann *a, uint32_t type, size_t end, int client)
{
    size_t list_end;
    uint32_t v;
    switch (type) {
    case TLS_EXT_SERVER_NAME:
        if (!client || a->r.pos == end)
            return SEE_OK; /* the server's is empty: "I used your name" */
        TRY(page_ann_vector(a, 2, "server_name.server_name_list_length", "names", &list_end));
        while (a->r.pos < list_end) {
            TRY(number(a, 1, "server_name.name_type", &v, "host_name (0)"));
            size_t name_end;
            TRY(page_ann_vector(a, 2, "server_name.host_name_length", "host name",
                                &name_end));
            const char *name = (const char *)a->r.data + a->r.pos;
            char note[300];
            snprintf(note, sizeof note, "\"%.*s\": the name B expects on S's certificate (SNI)",
                     (int)(name_end - a->r.pos), name);
            TRY(page_ann_row(a, name_end - a->r.pos, "server_name.host_name", NULL,
                             "%s", note));
        }
        return SEE_OK;
    case TLS_EXT_SUPPORTED_GROUPS:
        TRY(page_ann_vector(a, 2, "supported_groups.list_length", "groups", &list_end));
        while (a->r.pos + 2 <= list_end)
            TRY(page_ann_row(a, 2, "supported_groups.group", NULL, "%s",
                             group_name(next_uint(a, 2))));
        return SEE_OK;
    case TLS_EXT_SIGNATURE_ALGORITHMS:
        TRY(page_ann_vector(a, 2, "signature_algorithms.list_length", "pairs", &list_end));
        return signature_pairs(a, "signature_algorithms.pair", list_end);
    case TLS_EXT_RENEGOTIATION_INFO:
        TRY(page_ann_vector(a, 1, "renegotiation_info.renegotiated_connection_length",
                            "renegotiated_connection (none: a first handshake)", &list_end));
        if (list_end > a->r.pos)
            TRY(page_ann_row(a, list_end - a->r.pos, "renegotiation_info.verify_data",
                             NULL, "the last handshake's Finished"));
        return SEE_OK;
    default:
        if (end > a->r.pos)
            TRY(page_ann_row(a, end - a->r.pos, "extension.data", NULL,
                             "contents of an extension this page does not know"));
        return SEE_OK;
    }
}

static const char *extension_name(uint32_t type, const char **explain)
{
    switch (type) {
    case TLS_EXT_SERVER_NAME:
        *explain = "SNI: the host name B wants, so one address can serve many names (RFC 6066 3)";
        return "server_name";
    case TLS_EXT_SUPPORTED_GROUPS:
        *explain = "the DH groups B accepts (RFC 7919)";
        return "supported_groups";
    case TLS_EXT_SIGNATURE_ALGORITHMS:
        *explain = "the signatures B can check (RFC 5246 7.4.1.4.1)";
        return "signature_algorithms";
    case TLS_EXT_ENCRYPT_THEN_MAC:
        *explain = "MAC the ciphertext, not the plaintext: no padding oracle (RFC 7366)";
        return "encrypt_then_mac";
    case TLS_EXT_EXTENDED_MASTER_SECRET:
        *explain = "the master secret bound to the whole handshake (RFC 7627)";
        return "extended_master_secret";
    case TLS_EXT_RENEGOTIATION_INFO:
        *explain = "binds a renegotiation to the handshake before it (RFC 5746)";
        return "renegotiation_info";
    default:
        *explain = "an extension this page does not know";
        return "unknown extension";
    }
}

static see_status extensions(page_ann *a, size_t end, int client)
{
    size_t block_end;
    TRY(page_ann_vector(a, 2, "extensions.length", "extensions", &block_end));
    ENSURE(block_end <= end, SEE_ERR_TLS_DECODE);
    while (a->r.pos < block_end) {
        uint32_t type = next_uint(a, 2), v;
        const char *explain, *name = extension_name(type, &explain);
        page_ann_group(a, "extension %s", name);
        char field[64];
        snprintf(field, sizeof field, "%s.type", name);
        TRY(number(a, 2, field, &v, "%s (%u): %s", name, (unsigned)type, explain));
        size_t ext_end;
        snprintf(field, sizeof field, "%s.length", name);
        TRY(page_ann_vector(a, 2, field, "its contents", &ext_end));
        TRY(extension_contents(a, type, ext_end, client));
        page_ann_ungroup(a);
    }
    return SEE_OK;
}

/* session_id (7.4.1.2), empty in our hellos: no resumption. */
static see_status session_id(page_ann *a, const char *field)
{
    size_t end;
    TRY(page_ann_vector(a, 1, field, "session_id (none: no resumption)", &end));
    if (end > a->r.pos)
        TRY(page_ann_row(a, end - a->r.pos, "session_id", NULL, "the session's name"));
    return SEE_OK;
}

static see_status client_hello_fields(page_ann *a, size_t end)
{
    uint32_t v;
    TRY(number(a, 2, "ClientHello.client_version", &v, "%s: the highest version B speaks",
               version_name(next_uint(a, 2))));
    TRY(page_ann_row(a, 32, "ClientHello.random", "RB",
                     "RB, the client's random (32 bytes); goes into the master secret"));
    TRY(session_id(a, "ClientHello.session_id_length"));
    size_t list_end;
    TRY(page_ann_vector(a, 2, "ClientHello.cipher_suites_length", "cipher suites", &list_end));
    while (a->r.pos + 2 <= list_end) {
        uint32_t id = next_uint(a, 2);
        TRY(page_ann_row(a, 2, "ClientHello.cipher_suite", NULL, "%s",
                         id == TLS_EMPTY_RENEGOTIATION_INFO_SCSV
                             ? "TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746: a signal, not a suite)"
                             : tls_suite_name((uint16_t)id)));
    }
    TRY(page_ann_vector(a, 1, "ClientHello.compression_methods_length",
                        "compression methods", &list_end));
    while (a->r.pos < list_end)
        TRY(number(a, 1, "ClientHello.compression_method", &v, "null (0): no compression"));
    if (a->r.pos < end)
        TRY(extensions(a, end, 1));
    return SEE_OK;
}

static see_status server_hello_fields(page_ann *a, size_t end)
{
    uint32_t v;
    TRY(number(a, 2, "ServerHello.server_version", &v, "%s: the version S chose",
               version_name(next_uint(a, 2))));
    TRY(page_ann_row(a, 32, "ServerHello.random", "RS",
                     "RS, the server's random (32 bytes); goes into the master secret"));
    TRY(session_id(a, "ServerHello.session_id_length"));
    TRY(number(a, 2, "ServerHello.cipher_suite", &v, "%s: the suite S chose",
               tls_suite_name((uint16_t)next_uint(a, 2))));
    TRY(number(a, 1, "ServerHello.compression_method", &v, "null (0)"));
    if (a->r.pos < end)
        TRY(extensions(a, end, 0));
    return SEE_OK;
}

/* ------------------------------------------- the other messages --- */

static see_status certificate_fields(page_ann *a, size_t end)
{
    size_t list_end;
    TRY(page_ann_vector(a, 3, "Certificate.certificate_list_length",
                        "certificates (the sender's own first)", &list_end));
    ENSURE(list_end <= end, SEE_ERR_TLS_DECODE);
    for (int i = 0; a->r.pos < list_end; i++) {
        size_t cert_end;
        page_ann_group(a, "certificate %d%s", i + 1,
                       i == 0 ? ": the sender's own" : ": the one that signed the one before");
        TRY(page_ann_vector(a, 3, "Certificate.certificate_length", "DER", &cert_end));
        TRY(page_der_certificate(a, cert_end - a->r.pos, i));
        page_ann_ungroup(a);
    }
    return SEE_OK;
}

/* An opaque<1..2^16-1> big number as two leaves: its length, its bytes. */
static see_status big_number(page_ann *a, const char *length_field, const char *field,
                             const char *anchor, const char *explain)
{
    size_t end;
    TRY(page_ann_vector(a, 2, length_field, "a big-endian number", &end));
    return page_ann_row(a, end - a->r.pos, field, anchor, "%s (%zu bits at most)", explain,
                        8 * (end - a->r.pos));
}

static see_status signature(page_ann *a, const char *prefix, const char *explain)
{
    char field[64];
    uint32_t v;
    snprintf(field, sizeof field, "%s.hash_algorithm", prefix);
    TRY(number(a, 1, field, &v, "%s", hash_name(next_uint(a, 1))));
    snprintf(field, sizeof field, "%s.signature_algorithm", prefix);
    TRY(number(a, 1, field, &v, "%s", signature_name(next_uint(a, 1))));
    size_t end;
    snprintf(field, sizeof field, "%s.signature_length", prefix);
    TRY(page_ann_vector(a, 2, field, "signature", &end));
    snprintf(field, sizeof field, "%s.signature", prefix);
    return page_ann_row(a, end - a->r.pos, field, NULL, "%s", explain);
}

/* RFC 8422 5.4: ServerECDHParams, then the signature as for DHE. */
static see_status server_ecdh_key_exchange_fields(page_ann *a)
{
    uint32_t v;
    TRY(number(a, 1, "ServerKeyExchange.curve_type", &v,
               "named_curve (3): the curve by its name, not its numbers"));
    TRY(number(a, 2, "ServerKeyExchange.namedcurve", &v,
               "x25519 (29): Curve25519 (RFC 7748) and its point G, fixed for everyone: "
               "the slides' p and g, agreed once for all"));
    size_t end;
    TRY(page_ann_vector(a, 1, "ServerKeyExchange.point_length", "a curve point", &end));
    TRY(page_ann_row(a, end - a->r.pos, "ServerKeyExchange.point", "Ys",
                     "Ys = a*G, S's public value (the slides' A = g^a mod p), the 32-byte "
                     "u-coordinate; a stays secret"));
    return signature(a, "ServerKeyExchange",
                     "S's RSA signature over RB + RS + curve, Ys: B checks it with n, e "
                     "from S's certificate, so Eve cannot swap Ys (RFC 8422 5.4)");
}

static see_status server_key_exchange_fields(page_ann *a)
{
    if (a->dhe == CKE_ECDHE)
        return server_ecdh_key_exchange_fields(a);
    TRY(big_number(a, "ServerKeyExchange.dh_p_length", "ServerKeyExchange.dh_p", "p",
                   "p, the DH prime"));
    TRY(big_number(a, "ServerKeyExchange.dh_g_length", "ServerKeyExchange.dh_g", "g",
                   "g, the generator"));
    TRY(big_number(a, "ServerKeyExchange.dh_Ys_length", "ServerKeyExchange.dh_Ys", "Ys",
                   "Ys = g^a mod p, S's public value (the slides' A); a stays secret"));
    return signature(a, "ServerKeyExchange",
                     "S's RSA signature over RB + RS + p, g, Ys: B checks it with n, e "
                     "from S's certificate, so Eve cannot swap Ys (RFC 5246 7.4.3)");
}

static see_status certificate_request_fields(page_ann *a)
{
    size_t end;
    uint32_t v;
    TRY(page_ann_vector(a, 1, "CertificateRequest.certificate_types_length",
                        "certificate types", &end));
    while (a->r.pos < end)
        TRY(number(a, 1, "CertificateRequest.certificate_type", &v, "%s",
                   next_uint(a, 1) == 1 ? "rsa_sign (1)" : "another type"));
    TRY(page_ann_vector(a, 2, "CertificateRequest.signature_algorithms_length", "pairs", &end));
    TRY(signature_pairs(a, "CertificateRequest.signature_algorithm", end));
    TRY(page_ann_vector(a, 2, "CertificateRequest.certificate_authorities_length",
                        "CA names (none: any CA S trusts)", &end));
    while (a->r.pos < end) {
        size_t name_end;
        TRY(page_ann_vector(a, 2, "CertificateRequest.authority_length", "DER Name",
                            &name_end));
        TRY(page_ann_row(a, name_end - a->r.pos, "CertificateRequest.authority", NULL,
                         "a CA's name (DER) S accepts"));
    }
    return SEE_OK;
}

static see_status client_key_exchange_fields(page_ann *a)
{
    size_t end;
    if (a->dhe == CKE_ECDHE) {
        TRY(page_ann_vector(a, 1, "ClientKeyExchange.point_length", "a curve point", &end));
        return page_ann_row(a, end - a->r.pos, "ClientKeyExchange.ecdh_Yc", "Yc",
                            "Yc = b*G, B's public value (the slides' B); "
                            "PS = a*Yc = b*Ys (RFC 8422 5.7, 5.10)");
    }
    if (a->dhe) {
        TRY(page_ann_vector(a, 2, "ClientKeyExchange.dh_Yc_length", "a big-endian number",
                            &end));
        return page_ann_row(a, end - a->r.pos, "ClientKeyExchange.dh_Yc", "Yc",
                            "Yc = g^b mod p, B's public value (the slides' B); "
                            "PS = Yc^a mod p = Ys^b mod p");
    }
    TRY(page_ann_vector(a, 2, "ClientKeyExchange.encrypted_pre_master_secret_length",
                        "RSA ciphertext", &end));
    return page_ann_row_html(a, end - a->r.pos,
                             "ClientKeyExchange.encrypted_pre_master_secret", "cPS",
                             "c = m<sup><a href=\"#e\">e</a></sup> mod <a href=\"#n\">n</a>, "
                             "m = 00 02, random non-zero bytes, 00, <a href=\"#PS\">PS</a> "
                             "(PKCS #1 v1.5, RFC 8017 7.2.1): PS encrypted under S's public "
                             "key; only S, with d, gets PS back");
}

static see_status finished_fields(page_ann *a, size_t end)
{
    const char *mine = a->sender == TRACE_CLIENT ? "fin-B" : "fin-S";
    const char *who = a->sender == TRACE_CLIENT ? "B" : "S";
    size_t n = end - a->r.pos;
    int changed = a->finished != NULL &&
                  (a->finished->len != n ||
                   memcmp(a->finished->bytes, a->r.data + a->r.pos, n) != 0);
    /* a link to the value only where this run knows it (over TCP, S never
     * learns the verify_data of a Finished whose record failed its MAC) */
    char value_ref[64];
    snprintf(value_ref, sizeof value_ref, a->finished != NULL
                 ? "<a href=\"#v-%s\">the FINISHED MAC</a>" : "the FINISHED MAC", mine);
    char note[1024];
    snprintf(note, sizeof note,
             "verify_data: %s of everything "
             "%s has seen; the other side computes it too and compares%s",
             value_ref, who, changed ? "<br><span class=\"bad\">NOT what " : "");
    if (changed) {
        size_t i = 0;
        while (i < n && i < a->finished->len && a->finished->bytes[i] == a->r.data[a->r.pos + i])
            i++;
        snprintf(note + strlen(note), sizeof note - strlen(note),
                 "%s sent: changed on the way</span>", who);
        if (i < n && i < a->finished->len)
            snprintf(note + strlen(note), sizeof note - strlen(note),
                     " (byte %zu: %02x sent, %02x here; CBC decrypts the first block as "
                     "AES<sup>-1</sup>(C<sub>1</sub>) xor IV, so a bit flipped in the IV "
                     "flips the same bit here)",
                     i, a->finished->bytes[i], a->r.data[a->r.pos + i]);
    }
    return page_ann_row_html(a, end - a->r.pos, "Finished.verify_data", mine, note);
}

static see_status message_body(page_ann *a, uint8_t type, size_t end)
{
    switch (type) {
    case HS_CLIENT_HELLO: return client_hello_fields(a, end);
    case HS_SERVER_HELLO: return server_hello_fields(a, end);
    case HS_CERTIFICATE: return certificate_fields(a, end);
    case HS_SERVER_KEY_EXCHANGE: return server_key_exchange_fields(a);
    case HS_CERTIFICATE_REQUEST: return certificate_request_fields(a);
    case HS_SERVER_HELLO_DONE: return SEE_OK; /* empty: "your turn" */
    case HS_CLIENT_KEY_EXCHANGE: return client_key_exchange_fields(a);
    case HS_CERTIFICATE_VERIFY:
        return signature(a, "CertificateVerify",
                         "B's RSA signature over the hash of every handshake message so "
                         "far: B holds its certificate's private key (RFC 5246 7.4.8)");
    case HS_FINISHED: return finished_fields(a, end);
    default: return SEE_OK;
    }
}

/* The library's own decoder of the message (handshake/messages.h) over
 * msg[0..len): the page lays out only what it accepts. */
static see_status library_decode(const uint8_t *msg, size_t len, int dhe)
{
    uint8_t type;
    reader body;
    TRY(hs_message_split(msg, len, &type, &body));
    switch (type) {
    case HS_CLIENT_HELLO: {
        client_hello m;
        return client_hello_decode(&body, &m);
    }
    case HS_SERVER_HELLO: {
        server_hello m;
        return server_hello_decode(&body, &m);
    }
    case HS_CERTIFICATE: {
        certificate_msg m;
        return certificate_decode(&body, &m);
    }
    case HS_SERVER_KEY_EXCHANGE: {
        if (dhe == CKE_ECDHE) {
            server_ecdh_key_exchange m;
            return server_ecdh_key_exchange_decode(&body, &m);
        }
        server_key_exchange m;
        return server_key_exchange_decode(&body, &m);
    }
    case HS_CERTIFICATE_REQUEST: {
        certificate_request m;
        return certificate_request_decode(&body, &m);
    }
    case HS_SERVER_HELLO_DONE:
        return server_hello_done_decode(&body);
    case HS_CLIENT_KEY_EXCHANGE: {
        client_key_exchange m;
        return client_key_exchange_decode(&body, (cke_kind)dhe, &m);
    }
    case HS_CERTIFICATE_VERIFY: {
        signed_part m;
        return certificate_verify_decode(&body, &m);
    }
    case HS_FINISHED: {
        finished_msg m;
        return finished_decode(&body, &m);
    }
    default:
        return SEE_OK;
    }
}

/* One message: the header (record_message_header_decode), then the body's
 * fields if the library's decoder accepts it; anything not explained (a
 * malformed body) in one leaf. */
static void handshake_message(page_ann *a, size_t limit)
{
    const uint8_t *msg = a->r.data + a->r.pos;
    record_message_header h;
    uint32_t v;
    if (record_message_header_decode(msg, limit - a->r.pos, &h) != SEE_OK)
        return;
    const char *name = hs_type_name(h.msg_type);
    page_ann_group(a, "%s (handshake message)", name);
    (void)number(a, 1, "handshake.msg_type", &v, "%s (%u)", name, h.msg_type);
    (void)number(a, 3, "handshake.length", &v, "%lu bytes of body follow",
                 (unsigned long)h.length);
    size_t end = a->r.pos + h.length;
    see_status st;
    if (end > limit) {
        (void)page_ann_row(a, limit - a->r.pos, "handshake.fragment", NULL,
                           "the start of the body; it goes on in the next record");
    } else if ((st = library_decode(msg, TLS_HANDSHAKE_HEADER_SIZE + h.length, a->dhe)) !=
               SEE_OK) {
        if (end > a->r.pos)
            (void)page_ann_row(a, end - a->r.pos, "refused", NULL,
                               "the body, which our decoder refuses: %s", see_strerror(st));
    } else if (message_body(a, h.msg_type, end) != SEE_OK || a->r.pos != end) {
        if (a->r.pos < end)
            (void)page_ann_row(a, end - a->r.pos, "not-understood", NULL,
                               "bytes of the body this page does not explain");
    }
    page_ann_ungroup(a);
}

void page_handshake_messages(page_ann *a, size_t n)
{
    size_t limit = a->r.pos + n;
    while (a->r.pos < limit && a->r.pos + TLS_HANDSHAKE_HEADER_SIZE <= limit) {
        size_t before = a->r.pos;
        handshake_message(a, limit);
        if (a->r.pos == before)
            break;
    }
}

void page_alert(page_ann *a, size_t n)
{
    if (n != 2)
        return;
    uint32_t level = next_uint(a, 1), v;
    (void)number(a, 1, "alert.level", &v, "%s (%u)",
                 level == ALERT_FATAL ? "fatal" : level == ALERT_WARNING ? "warning" : "?",
                 (unsigned)level);
    uint32_t d = next_uint(a, 1);
    (void)number(a, 1, "alert.description", &v, "%s (%u)%s", alert_name((uint8_t)d),
                 (unsigned)d, d == 0 ? ": the sender closes the connection cleanly" : "");
}

void page_change_cipher_spec(page_ann *a, size_t n)
{
    if (n == 1)
        (void)page_ann_row(a, 1, "change_cipher_spec", NULL,
                           "1: from the next record on, this side protects its "
                           "records under the new keys (RFC 5246 7.1)");
}

void page_application_data(page_ann *a, size_t n)
{
    const char *text = (const char *)a->r.data + a->r.pos;
    char note[300];
    snprintf(note, sizeof note, "\"%.*s\": %s", (int)(n > 200 ? 200 : n), text,
             a->sender == TRACE_CLIENT ? "the robot command B sends" : "S's answer");
    (void)page_ann_row(a, n, "application_data", NULL, "%s", note);
}
