/* page_html.c: the --html page and the --svg diagram of one run (see
 * page_html.h). */
#include "demos/page_html.h"

#include <stdlib.h>
#include <string.h>

#include "codec/base64.h"
#include "demos/page_fields.h"
#include "handshake/alert.h"
#include "handshake/messages.h"
#include "handshake/tls.h"

/* ------------------------------------------------ what a record holds --- */

/* The content of r as its receiver reads it: the fragment of a plaintext
 * record, the decrypted content of an opened one; 0 if unknown. */
static int record_content(const page_record *r, const uint8_t **p, size_t *n)
{
    if (!r->is_protected) {
        *p = r->wire + TLS_RECORD_HEADER_SIZE;
        *n = r->len - TLS_RECORD_HEADER_SIZE;
        return 1;
    }
    if (!r->opened)
        return 0;
    *p = r->decrypted;
    *n = r->content_len;
    return 1;
}

#define MAX_LABELS 8

/* The names of what r carries, one per handshake message (the arrows of
 * the diagram); how many. */
static int record_labels(const page_record *r, char labels[MAX_LABELS][64])
{
    const uint8_t *p;
    size_t n;
    if (!record_content(r, &p, &n)) {
        snprintf(labels[0], 64, "encrypted %s", record_type_name(r->header.type));
        return 1;
    }
    switch (r->header.type) {
    case TLS_CONTENT_CHANGE_CIPHER_SPEC:
        snprintf(labels[0], 64, "CHANGE_CIPHER_SPEC");
        return 1;
    case TLS_CONTENT_ALERT:
        snprintf(labels[0], 64, "Alert: %s", n == 2 ? alert_name(p[1]) : "?");
        return 1;
    case TLS_CONTENT_APPLICATION_DATA:
        snprintf(labels[0], 64, "data: \"%.*s\"", (int)(n > 24 ? 24 : n), (const char *)p);
        return 1;
    default:
        break;
    }
    int count = 0;
    size_t at = 0;
    record_message_header h;
    while (count < MAX_LABELS && record_message_header_decode(p + at, n - at, &h) == SEE_OK) {
        snprintf(labels[count++], 64, "%s", hs_type_name(h.msg_type));
        size_t whole = TLS_HANDSHAKE_HEADER_SIZE + (size_t)h.length;
        if (whole >= n - at)
            break;
        at += whole;
    }
    return count;
}

/* The run's key exchange, as page_ann's dhe: 0 RSA, 1 DHE, 2 ECDHE (a
 * curve traced). */
static int run_is_dhe(const page_capture *cap)
{
    if (page_value_any(cap, "curve") != NULL)
        return 2;
    return page_value_any(cap, "Ys") != NULL;
}

/* ---------------------------------------------------------- the SVG --- */

static void svg_text(FILE *f, const char *s)
{
    page_html_text(f, s, strlen(s));
}

void page_write_svg(FILE *f, const page_capture *cap)
{
    char labels[MAX_LABELS][64];
    int arrows = 0;
    for (int i = 0; i < cap->record_count; i++)
        arrows += record_labels(&cap->records[i], labels);
    const int left = 140, right = 620, top = 90, gap = 46;
    int height = top + gap * arrows + 40;
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"%d\" "
               "viewBox=\"0 0 760 %d\" font-family=\"sans-serif\">\n", height, height);
    fprintf(f, "<defs><marker id=\"head\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" "
               "refY=\"4\" orient=\"auto\"><path d=\"M0,0 L10,4 L0,8 z\" fill=\"#222\"/>"
               "</marker></defs>\n");
    fprintf(f, "<rect width=\"760\" height=\"%d\" fill=\"white\"/>\n", height);
    fprintf(f, "<text x=\"%d\" y=\"40\" font-size=\"22\" text-anchor=\"middle\" "
               "font-weight=\"bold\">Browser (B, client)</text>\n", left);
    fprintf(f, "<text x=\"%d\" y=\"40\" font-size=\"22\" text-anchor=\"middle\" "
               "font-weight=\"bold\">Server (S)</text>\n", right);
    for (int x = left; x <= right; x += right - left)
        fprintf(f, "<line x1=\"%d\" y1=\"55\" x2=\"%d\" y2=\"%d\" stroke=\"#888\" "
                   "stroke-width=\"3\"/>\n", x, x, height - 20);
    int row = 0;
    for (int i = 0; i < cap->record_count; i++) {
        const page_record *r = &cap->records[i];
        int count = record_labels(r, labels);
        int from = r->sender == TRACE_CLIENT ? left : right;
        int to = r->sender == TRACE_CLIENT ? right : left;
        for (int k = 0; k < count; k++) {
            int y = top + gap * row++;
            fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#222\" "
                       "stroke-width=\"2\" marker-end=\"url(#head)\"/>\n",
                    from, y + 10, to + (to > from ? -4 : 4), y + 10);
            fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"18\" text-anchor=\"middle\">",
                    (left + right) / 2, y);
            svg_text(f, labels[k]);
            fprintf(f, "</text>\n");
        }
    }
    fprintf(f, "</svg>\n");
}

/* ------------------------------------------------- the derived values --- */

static const char style[] =
    "body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:22px;line-height:1.35;"
    "color:#000;background:#fff;margin:1em auto;max-width:74em;padding:0 1em}"
    "h1{font-size:34px}h2{font-size:28px;border-bottom:3px solid #000}"
    "h3{font-size:24px;margin:0 0 .3em 0}"
    "code,.hex{font-family:'DejaVu Sans Mono',monospace;font-size:20px}"
    "a{color:#0645ad}"
    ".legend span,.tag{padding:0 .4em;border-radius:4px}"
    ".b{border-left:10px solid #1f5fbf}.s{border-left:10px solid #1a7f37}"
    ".legend .b,.legend .s{border-left-width:14px}"
    "div.rec{margin:1.2em 0;padding:.4em .8em;background:#fafafa}"
    "table.bytes{border-collapse:collapse;width:100%;margin:.3em 0;table-layout:fixed}"
    "table.bytes th:nth-child(1){width:3.2em}table.bytes th:nth-child(2){width:36%}"
    "table.bytes th:nth-child(3){width:24%}"
    "table.bytes th{text-align:left;background:#222;color:#fff;padding:2px 8px}"
    "table.bytes td{border-bottom:1px solid #bbb;padding:3px 8px;vertical-align:top}"
    "td.off{color:#444;text-align:right;font-size:18px}"
    "td.hex{word-spacing:.1em}"
    "td.name{font-weight:bold;overflow-wrap:anywhere}"
    "tr.grp td{background:#e8e8e8;font-weight:bold}"
    "tr.d1 td.name,tr.d1 td[colspan]{padding-left:0.7em}"
    "tr.d2 td.name,tr.d2 td[colspan]{padding-left:1.4em}"
    "tr.d3 td.name,tr.d3 td[colspan]{padding-left:2.1em}"
    "tr.d4 td.name,tr.d4 td[colspan]{padding-left:2.8em}"
    "tr.d5 td.name,tr.d5 td[colspan]{padding-left:3.5em}"
    "tr.d6 td.name,tr.d6 td[colspan]{padding-left:4.2em}"
    "tr:target td,div.value:target{background:#fff3a0}"
    "div.open{margin:.5em 0 .5em 1.5em;padding:.3em .8em;border:3px dashed #555}"
    "div.value{margin:.6em 0;padding:.3em .6em;background:#f2f2f2}"
    ".good{color:#0a6b22;font-weight:bold}.bad{color:#b00000;font-weight:bold}"
    ".bad code{color:#b00000}"
    "div.check{margin:.4em 0;padding:.3em .6em;border:2px solid #0a6b22}"
    "div.check.failed{border:4px solid #b00000;background:#ffecec}";

static void hex_value(FILE *f, const page_value *v)
{
    fprintf(f, "<code class=\"hex\">");
    if (v != NULL)
        page_html_hex(f, v->bytes, v->len);
    else
        fprintf(f, "(not traced in this run)");
    fprintf(f, "</code>");
}

/* One derived value: its id, its name, its formula (HTML), its bytes. */
static void value(FILE *f, const char *id, const char *name, const char *formula_html,
                  const page_value *v)
{
    fprintf(f, "<div class=\"value\" id=\"%s\"><b>%s</b>", id, name);
    if (v != NULL)
        fprintf(f, " (%zu bytes)", v->len);
    fprintf(f, " = %s<br>", formula_html);
    hex_value(f, v);
    fprintf(f, "</div>\n");
}

/* The first record carrying a handshake message of this type, or -1. */
static int record_with(const page_capture *cap, const char *label)
{
    char labels[MAX_LABELS][64];
    for (int i = 0; i < cap->record_count; i++) {
        int count = record_labels(&cap->records[i], labels);
        for (int k = 0; k < count; k++)
            if (strcmp(labels[k], label) == 0)
                return i;
    }
    return -1;
}

/* 1 if sender wrote a record with a handshake message named label. */
static int sender_sent(const page_capture *cap, trace_party sender, const char *label)
{
    char labels[MAX_LABELS][64];
    for (int i = 0; i < cap->record_count; i++) {
        if (cap->records[i].sender != sender)
            continue;
        int count = record_labels(&cap->records[i], labels);
        for (int k = 0; k < count; k++)
            if (strcmp(labels[k], label) == 0)
                return 1;
    }
    return 0;
}

/* A side's FINISHED MAC (RFC 5246 7.4.9), if it computed one. */
static void finished_value(FILE *f, const page_capture *cap, trace_party side)
{
    int b = side == TRACE_CLIENT;
    const page_value *v = page_value_of(cap, side, "FINISHED MAC");
    if (v == NULL) {
        fprintf(f, "<p>%s's FINISHED MAC is not known to this run (%s sent no Finished, "
                   "or, over TCP, it did not reach this side intact).</p>\n",
                b ? "B" : "S", b ? "B" : "S");
        return;
    }
    char formula[1024];
    snprintf(formula, sizeof formula,
             "PRF(<a href=\"#master\">master secret</a>, \"%s finished\", SHA-256(every "
             "handshake message before %s's Finished%s))[0..11] (RFC 5246 7.4.9); %s%s%s",
             b ? "client" : "server", b ? "B" : "S", b ? "" : ", B's Finished included",
             sender_sent(cap, side, "Finished") ? (b ? "sent <a href=\"#fin-B\">encrypted</a>"
                                                     : "sent <a href=\"#fin-S\">encrypted</a>")
                                                : "sent encrypted",
             b ? ": the slides' FINISHED, which S decrypts and compares with its own" : "",
             b ? "" : ": B decrypts and compares");
    value(f, b ? "v-fin-B" : "v-fin-S", b ? "B's FINISHED MAC (verify_data)"
                                          : "S's FINISHED MAC (verify_data)", formula, v);
}

/* The session keys cut from the key block, in its order (RFC 5246 6.3):
 * I_B, I_S, C_B, C_S, IV_B, IV_S, each as long as the suite's record
 * protection takes (an AEAD takes no MAC key; CBC no IV). */
static void key_block_values(FILE *f, const page_capture *cap)
{
    const record_protection *p = page_record_protection(cap);
    tls_key_sizes sizes = p != NULL ? p->keys : record_aes128_cbc_sha256.keys;
    const char *cipher = p != NULL && p->aead != NULL ? p->aead->name : "AES-128-CBC";
    const struct {
        const char *id, *what, *rfc_name;
        size_t len;
    } keys[] = {
        { "I_B", "B's MAC key", "client_write_MAC_key", sizes.mac_key_len },
        { "I_S", "S's MAC key", "server_write_MAC_key", sizes.mac_key_len },
        { "C_B", "B's key", "client_write_key", sizes.key_len },
        { "C_S", "S's key", "server_write_key", sizes.key_len },
        { "IV_B", "B's implicit nonce part", "client_write_IV", sizes.iv_len },
        { "IV_S", "S's implicit nonce part", "server_write_IV", sizes.iv_len },
    };
    size_t at = 0;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (keys[i].len == 0)
            continue;
        char name[128], formula[512];
        snprintf(name, sizeof name, "%s, %s%s%s (%s)", keys[i].id, keys[i].what,
                 i == 2 || i == 3 ? " for " : "", i == 2 || i == 3 ? cipher : "",
                 keys[i].rfc_name);
        snprintf(formula, sizeof formula,
                 "bytes %zu..%zu of PRF(<a href=\"#master\">master secret</a>, \"key "
                 "expansion\", <a href=\"#RS\">RS</a> + <a href=\"#RB\">RB</a>) "
                 "(RFC 5246 6.3)", at, at + keys[i].len - 1);
        value(f, keys[i].id, name, formula, page_value_any(cap, keys[i].id));
        at += keys[i].len;
    }
}

static void derived_values(FILE *f, const page_capture *cap)
{
    int ems = page_value_any(cap, "SESSION HASH") != NULL;
    int cke = record_with(cap, "ClientKeyExchange");
    fprintf(f, "<h2 id=\"values\">The values this run derived</h2>\n"
               "<p>Each value once, with the formula that made it; the underlined names "
               "lead to its inputs (in the records below or here).</p>\n");
    char formula[1024];
    if (run_is_dhe(cap) == 2)
        snprintf(formula, sizeof formula,
                 "a*<a href=\"#Yc\">Yc</a> (what S computes) = b*<a href=\"#Ys\">Ys</a> "
                 "(what B computes) = (ab)*G on Curve25519: the 32-byte X25519 shared "
                 "secret, the slides' g<sup>ab</sup> mod p on a curve (RFC 8422 5.10)");
    else if (run_is_dhe(cap))
        snprintf(formula, sizeof formula,
                 "<a href=\"#Yc\">Yc</a><sup>a</sup> mod <a href=\"#p\">p</a> (what S "
                 "computes) = <a href=\"#Ys\">Ys</a><sup>b</sup> mod p (what B computes): "
                 "the Diffie-Hellman secret g<sup>ab</sup> mod p, leading zeros removed "
                 "(RFC 5246 8.1.2)");
    else
        snprintf(formula, sizeof formula,
                 "03 03 (client_version) + 46 random bytes, made by B; sent as "
                 "<a href=\"#cPS\">c = m<sup>e</sup> mod n</a>, m being PS padded "
                 "(PKCS #1 v1.5) to the size of S's <a href=\"#n\">n</a>, "
                 "<a href=\"#e\">e</a>; S decrypts c with d (RFC 5246 7.4.7.1)");
    value(f, "PS", "PS, the premaster secret", formula, page_value_any(cap, "PS"));
    if (ems) {
        snprintf(formula, sizeof formula,
                 "SHA-256 of every handshake message from <a href=\"#rec-0\">ClientHello</a> "
                 "to <a href=\"#rec-%d\">ClientKeyExchange</a> (RFC 7627 3)", cke);
        value(f, "session-hash", "session hash", formula, page_value_any(cap, "SESSION HASH"));
        snprintf(formula, sizeof formula,
                 "PRF(<a href=\"#PS\">PS</a>, \"extended master secret\", "
                 "<a href=\"#session-hash\">session hash</a>)[0..47] (RFC 7627 4)");
    } else {
        snprintf(formula, sizeof formula,
                 "PRF(<a href=\"#PS\">PS</a>, \"master secret\", <a href=\"#RB\">RB</a> + "
                 "<a href=\"#RS\">RS</a>)[0..47] (RFC 5246 8.1)");
    }
    value(f, "master", "master secret", formula, page_value_any(cap, "MASTER SECRET"));
    key_block_values(f, cap);
    finished_value(f, cap, TRACE_CLIENT);
    finished_value(f, cap, TRACE_SERVER);
}

/* --------------------------------------------------------- a record --- */

static void record_header_fields(page_ann *a, const page_record *r)
{
    (void)page_ann_row(a, 1, "record.content_type", NULL, "%s (%u)",
                       record_type_name(r->header.type), r->header.type);
    (void)page_ann_row(a, 2, "record.version", NULL, "TLS 1.2 (03 03)");
    (void)page_ann_row(a, 2, "record.length", NULL, "%u byte%s follow%s", r->header.length,
                       r->header.length == 1 ? "" : "s", r->header.length == 1 ? "s" : "");
}

/* The fields of content (the fragment of a plaintext record, or what a
 * protected one decrypts to) by content type. */
static void content_fields(page_ann *a, uint8_t type, size_t n)
{
    switch (type) {
    case TLS_CONTENT_HANDSHAKE: page_handshake_messages(a, n); break;
    case TLS_CONTENT_ALERT: page_alert(a, n); break;
    case TLS_CONTENT_CHANGE_CIPHER_SPEC: page_change_cipher_spec(a, n); break;
    default: page_application_data(a, n); break;
    }
}

static const char *mac_key(const page_record *r)
{
    return r->sender == TRACE_CLIENT ? "I_B" : "I_S";
}

static const char *cipher_key(const page_record *r)
{
    return r->sender == TRACE_CLIENT ? "C_B" : "C_S";
}

/* The wire of a protected record: header, IV, ciphertext (and the MAC
 * after it, with Encrypt-then-MAC). */
/* The wire of an AEAD record (RFC 5246 6.2.3.3): GCM's nonce_explicit
 * (RFC 5288 3), the ciphertext, the tag. */
static void aead_wire(page_ann *a, const page_record *r)
{
    size_t fragment = r->len - TLS_RECORD_HEADER_SIZE;
    if (r->explicit_nonce_len)
        (void)page_ann_row(a, r->explicit_nonce_len, "protected.nonce_explicit", NULL,
                           "nonce_explicit: the record's own nonce part, here seq_num "
                           "(RFC 5288 3), sent in the clear");
    char note[256];
    snprintf(note, sizeof note, "ciphertext: %s under <a href=\"#%s\">%s</a> of the "
             "content, as long as it (no padding)",
             r->explicit_nonce_len ? "AES-128-GCM" : "ChaCha20", cipher_key(r),
             cipher_key(r));
    (void)page_ann_row_html(a, fragment - r->explicit_nonce_len - AEAD_TAG_SIZE,
                            "protected.ciphertext", NULL, note);
    (void)page_ann_row(a, AEAD_TAG_SIZE, "protected.tag", NULL,
                       "the tag: authenticates the ciphertext and the additional data "
                       "(%s)", r->explicit_nonce_len ? "GHASH, RFC 5288" : "Poly1305, RFC 7905");
}

static void protected_wire(page_ann *a, const page_record *r)
{
    size_t fragment = r->len - TLS_RECORD_HEADER_SIZE;
    if (r->aead) {
        aead_wire(a, r);
        return;
    }
    size_t mac = r->opened && r->encrypt_then_mac ? TLS_RECORD_MAC_SIZE : 0;
    if (fragment < TLS_RECORD_IV_SIZE + mac)
        return;
    (void)page_ann_row(a, TLS_RECORD_IV_SIZE, "protected.IV", NULL,
                       "IV: fresh random bytes for CBC, sent in the clear (RFC 5246 6.2.3.2)");
    char note[256];
    snprintf(note, sizeof note, "ciphertext: AES-128-CBC under <a href=\"#%s\">%s</a> of %s",
             cipher_key(r), cipher_key(r),
             mac ? "content + padding" : "content + MAC + padding");
    (void)page_ann_row_html(a, fragment - TLS_RECORD_IV_SIZE - mac, "protected.ciphertext",
                            NULL, note);
    if (mac)
        (void)page_ann_row(a, mac, "protected.MAC",
                           NULL, "the MAC of IV + ciphertext (Encrypt-then-MAC, RFC 7366)");
}

/* The MAC check: what the receiver computes, against what came. */
static void mac_check(FILE *f, const page_record *r)
{
    if (!r->encrypt_then_mac && !r->padding_good) {
        fprintf(f, "<div class=\"check failed\" data-check=\"mac\" data-good=\"0\">"
                   "<span class=\"bad\">DIFFERENT from what was sent: the plaintext does "
                   "not end in valid padding, so the MAC cannot even be found; %s answers "
                   "bad_record_mac as for a bad MAC (RFC 5246 6.2.3.2)</span></div>\n",
                r->sender == TRACE_CLIENT ? "S" : "B");
        return;
    }
    const char *receiver = r->sender == TRACE_CLIENT ? "S" : "B";
    const char *what = r->encrypt_then_mac ? "IV + ciphertext" : "content";
    size_t maced = r->encrypt_then_mac
                       ? r->len - TLS_RECORD_HEADER_SIZE - TLS_RECORD_MAC_SIZE
                       : r->content_len;
    fprintf(f, "<div class=\"check%s\" data-check=\"mac\" data-good=\"%d\">"
               "<b>MAC check</b> by %s, record sequence number seq = %llu (counted, never "
               "sent):<br>HMAC-SHA256(<a href=\"#%s\">%s</a>, seq (8 bytes) + type + "
               "version + length (2 bytes: %zu, of the %s) + the %s)<br>",
            r->mac_good ? "" : " failed", r->mac_good, receiver,
            (unsigned long long)r->seq, mac_key(r), mac_key(r), maced, what, what);
    fprintf(f, "computed <code class=\"hex\">");
    page_html_hex(f, r->mac_computed, sizeof r->mac_computed);
    fprintf(f, "</code><br>received <code class=\"hex\">");
    page_html_hex(f, r->mac_received, sizeof r->mac_received);
    fprintf(f, "</code><br>");
    if (r->mac_good)
        fprintf(f, "<span class=\"good\">equal: good MAC, the record is %s's and "
                   "unchanged</span>", r->sender == TRACE_CLIENT ? "B" : "S");
    else
        fprintf(f, "<span class=\"bad\">DIFFERENT: bad MAC. The record was changed on the "
                   "way; %s stops and answers with the alert bad_record_mac</span>", receiver);
    fprintf(f, "</div>\n");
}

static const char *iv_key(const page_record *r)
{
    return r->sender == TRACE_CLIENT ? "IV_B" : "IV_S";
}

/* The tag check of an AEAD record: the nonce and additional data as the
 * receiver builds them, and what aead_open said. */
static void tag_check(FILE *f, const page_record *r)
{
    const char *receiver = r->sender == TRACE_CLIENT ? "S" : "B";
    size_t content = r->len - TLS_RECORD_HEADER_SIZE - r->explicit_nonce_len - AEAD_TAG_SIZE;
    fprintf(f, "<div class=\"check%s\" data-check=\"tag\" data-good=\"%d\">"
               "<b>Tag check</b> by %s, record sequence number seq = %llu:<br>",
            r->mac_good ? "" : " failed", r->mac_good, receiver, (unsigned long long)r->seq);
    if (r->explicit_nonce_len)
        fprintf(f, "nonce = <a href=\"#%s\">%s</a> (4 bytes) + nonce_explicit (8 bytes, "
                   "from the record) (RFC 5288 3): <code class=\"hex\">", iv_key(r), iv_key(r));
    else
        fprintf(f, "nonce = <a href=\"#%s\">%s</a> (12 bytes) XOR seq (8 bytes, "
                   "right-aligned; never sent) (RFC 7905 2): <code class=\"hex\">",
                iv_key(r), iv_key(r));
    page_html_hex(f, r->nonce, sizeof r->nonce);
    fprintf(f, "</code><br>additional data = seq (8 bytes) + type + version + length "
               "(2 bytes: %zu, of the content) (RFC 5246 6.2.3.3): <code class=\"hex\">",
            content);
    page_html_hex(f, r->aad, sizeof r->aad);
    fprintf(f, "</code><br>");
    if (r->mac_good)
        fprintf(f, "<span class=\"good\">equal: the tag %s computes over the additional "
                   "data and the ciphertext is the one received; the record is %s's and "
                   "unchanged</span>", receiver, r->sender == TRACE_CLIENT ? "B" : "S");
    else
        fprintf(f, "<span class=\"bad\">DIFFERENT: bad tag. The record was changed on the "
                   "way; %s decrypts nothing of it and answers with the alert "
                   "bad_record_mac</span>", receiver);
    fprintf(f, "</div>\n");
}

/* The plaintext the receiver gets: the content's fields, then (MAC-then-
 * encrypt) the MAC, then the padding. */
static void plaintext(FILE *f, const page_record *r, int dhe, page_anchors *anchors,
                      const page_value *finished)
{
    page_ann a;
    page_ann_begin(&a, f, r->decrypted, r->decrypted_len, "plaintext", r->sender, dhe,
                   anchors);
    a.finished = finished;
    if (!r->padding_good) {
        (void)page_ann_row(&a, r->decrypted_len, "protected.garbled", NULL,
                           "what AES-CBC gives: it does not end in valid padding, so it is "
                           "not what the sender encrypted");
        page_ann_end(&a);
        return;
    }
    content_fields(&a, r->header.type, r->content_len);
    if (r->aead) {  /* the content alone: no MAC, no padding */
        page_ann_end(&a);
        return;
    }
    if (!r->encrypt_then_mac)
        (void)page_ann_row(&a, TLS_RECORD_MAC_SIZE, "protected.MAC", NULL,
                           "the MAC B or S appended to the content (MAC-then-encrypt)");
    if (r->padding_len > 1)
        (void)page_ann_row(&a, r->padding_len - 1, "protected.padding", NULL,
                           "padding: each byte the padding length, up to a whole block");
    (void)page_ann_row(&a, 1, "protected.padding_length", NULL, "%zu padding bytes before this",
                       r->padding_len - 1);
    page_ann_end(&a);
}

static void opened(FILE *f, const page_capture *cap, const page_record *r,
                   page_anchors *anchors)
{
    int dhe = run_is_dhe(cap);
    /* what the sender's Finished should hold, to show what Eve changed */
    const page_value *finished = page_value_of(cap, r->sender, "FINISHED MAC");
    fprintf(f, "<div class=\"open\"><h3>Opened, as %s does it</h3>\n",
            r->sender == TRACE_CLIENT ? "S" : "B");
    if (!r->opened) {
        fprintf(f, "<p>The keys of this run were not traced: it stays closed.</p></div>\n");
        return;
    }
    if (r->aead) {
        fprintf(f, "<p>1. %s: the tag is checked before anything is decrypted "
                   "(aead_open), with <a href=\"#%s\">%s</a>; there is no MAC key and "
                   "no padding.</p>\n",
                r->explicit_nonce_len ? "AES-128-GCM" : "ChaCha20-Poly1305",
                cipher_key(r), cipher_key(r));
        tag_check(f, r);
        if (r->mac_good) {
            fprintf(f, "<p>2. The plaintext is the content:</p>\n");
            plaintext(f, r, dhe, anchors, finished);
        } else {
            fprintf(f, "<p>2. Nothing is decrypted: a receiver never sees a byte of "
                       "a record that does not authenticate.</p>\n");
        }
    } else if (r->encrypt_then_mac) {
        fprintf(f, "<p>1. Encrypt-then-MAC: first the MAC over IV + ciphertext.</p>\n");
        mac_check(f, r);
        fprintf(f, "<p>2. Then AES-128-CBC decryption with <a href=\"#%s\">%s</a> and the IV"
                   "%s:</p>\n", cipher_key(r), cipher_key(r),
                r->mac_good ? "" : " (a real receiver stops at the bad MAC; decrypted "
                                   "here to show what Eve changed)");
        plaintext(f, r, dhe, anchors, finished);
    } else {
        fprintf(f, "<p>1. AES-128-CBC decryption with <a href=\"#%s\">%s</a> and the IV; "
                   "the plaintext is content + MAC + padding:</p>\n",
                cipher_key(r), cipher_key(r));
        plaintext(f, r, dhe, anchors, finished);
        fprintf(f, "<p>2. The MAC over the content (MAC-then-encrypt):</p>\n");
        mac_check(f, r);
    }
    fprintf(f, "</div>\n");
}

static void record_section(FILE *f, const page_capture *cap, int i, page_anchors *anchors)
{
    const page_record *r = &cap->records[i];
    char labels[MAX_LABELS][64];
    int count = record_labels(r, labels);
    int b = r->sender == TRACE_CLIENT;
    fprintf(f, "<div class=\"rec %s\" id=\"rec-%d\" data-record=\"%d\" "
               "data-sender=\"%s\" data-protected=\"%d\">\n<h3>Record %d, %s: %s",
            b ? "b" : "s", i, i, b ? "client" : "server", r->is_protected, i + 1,
            b ? "B &rarr; S" : "S &rarr; B",
            r->header.type == TLS_CONTENT_HANDSHAKE ? "handshake " : "");
    for (int k = 0; k < count; k++) {
        if (k)
            fputs(", ", f);
        page_html_text(f, labels[k], strlen(labels[k]));
    }
    fprintf(f, "%s</h3>\n", r->is_protected ? " (protected)" : "");
    page_ann a;
    page_ann_begin(&a, f, r->wire, r->len, "wire", r->sender, run_is_dhe(cap), anchors);
    record_header_fields(&a, r);
    if (r->is_protected)
        protected_wire(&a, r);
    else
        content_fields(&a, r->header.type, r->len - TLS_RECORD_HEADER_SIZE);
    page_ann_end(&a);
    if (r->is_protected)
        opened(f, cap, r, anchors);
    fprintf(f, "</div>\n");
}

/* ----------------------------------------------------------- the page --- */

static void legend(FILE *f, const page_capture *cap)
{
    int etm = page_server_hello_has(cap, TLS_EXT_ENCRYPT_THEN_MAC);
    const record_protection *p = page_record_protection(cap);
    fprintf(f, "<p class=\"legend\"><span class=\"b\">B</span> the browser (client) and "
               "<span class=\"s\">S</span> the server, the slides' names. Each record is a "
               "table: <b>at</b> the offset of the field in the record, <b>bytes</b> in "
               "hex, <b>field</b> its name in RFC 5246 (or RFC 5280 for a certificate, where "
               "<i>tag+len</i> is a DER element's tag and length), <b>what it is</b>. Every byte "
               "that crossed is in exactly one row. Links lead to a value's inputs; "
               "<span class=\"good\">green</span> a check that passed, "
               "<span class=\"bad\">red</span> one that failed.</p>\n");
    if (p != NULL && p->aead != NULL) {
        fprintf(f, "<p>This run's records are protected with %s, an AEAD (RFC 5246 "
                   "6.2.3.3): one key encrypts and authenticates; the tag over the "
                   "ciphertext and the additional data (seq + type + version + length) "
                   "is checked before anything is decrypted; no MAC key, no padding.</p>\n",
                p->aead->name);
        return;
    }
    fprintf(f, "<p>This run's records are protected %s.</p>\n",
            etm ? "with Encrypt-then-MAC (RFC 7366): AES-CBC first, then the MAC over "
                  "IV + ciphertext, checked before anything is decrypted"
                : "MAC-then-encrypt (RFC 5246 6.2.3.2): the MAC of the content, then "
                  "AES-CBC over content + MAC + padding");
}

/* The diagram as an image inside the page (a data: URI, so the page stays
 * one file and plain HTML). */
static void diagram(FILE *f, const page_capture *cap)
{
    char *svg = NULL;
    size_t svg_len = 0;
    FILE *mem = open_memstream(&svg, &svg_len);
    if (mem == NULL)
        return;
    page_write_svg(mem, cap);
    if (fclose(mem) != 0) {
        free(svg);
        return;
    }
    char *text = malloc(see_base64_encoded_len(svg_len) + 1);
    if (text != NULL) {
        see_base64_encode((const uint8_t *)svg, svg_len, text);
        fprintf(f, "<p><img alt=\"the sequence diagram: one arrow per message\" "
                   "src=\"data:image/svg+xml;base64,%s\"></p>\n", text);
    }
    free(text);
    free(svg);
}

void page_command_line(char *out, size_t cap, int argc, char **argv)
{
    const char *slash = argc > 0 ? strrchr(argv[0], '/') : NULL;
    size_t used = (size_t)snprintf(out, cap, "%s", slash != NULL ? slash + 1
                                                   : argc > 0 ? argv[0] : "");
    for (int i = 1; i < argc && used < cap; i++)
        used += (size_t)snprintf(out + used, cap - used, " %s", argv[i]);
}

void page_write_html(FILE *f, const page_capture *cap, const page_run *run)
{
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
               "<title>One TLS 1.2 connection, every byte</title>\n<style>%s</style>"
               "</head><body>\n<h1>One TLS 1.2 connection, every byte</h1>\n", style);
    fprintf(f, "<p>Made by <code>");
    page_html_text(f, run->program_line, strlen(run->program_line));
    fprintf(f, "</code> (seeded, so the same command gives the same bytes): ");
    page_html_text(f, run->outcome, strlen(run->outcome));
    fprintf(f, ".</p>\n");
    legend(f, cap);
    fprintf(f, "<h2>The conversation</h2>\n");
    diagram(f, cap);
    derived_values(f, cap);
    fprintf(f, "<h2>Every record</h2>\n");
    page_anchors anchors = { .count = 0 };
    for (int i = 0; i < cap->record_count; i++)
        record_section(f, cap, i, &anchors);
    fprintf(f, "</body></html>\n");
}
