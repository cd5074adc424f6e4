/*
 * cmd_ca.c: seetls ca init|issue|show|verify: become a CA, issue
 * certificates, look inside one in the slides' terms, and verify a chain.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/keys.h"
#include "pki/keyfile.h"
#include "pki/pkcs12.h"
#include "codec/pem.h"
#include "codec/utf8.h"
#include "crypto/rsa.h"
#include "crypto/sha256.h"
#include "core/util.h"
#include "pki/x509.h"
#include "pki/x509_verify.h"

static const char help[] =
    "usage: seetls ca init --dir DIR --name NAME [--days N] [--bits N]\n"
    "       seetls ca issue (--dir DIR | --ca-cert CERT --ca-key KEY)\n"
    "                 --name NAME (--server | --client |\n"
    "                 --intermediate) [--dns HOST]... [--ip ADDR]...\n"
    "                 [--days N] [--bits N] [--pathlen N]\n"
    "                 --out-key KEY --out-cert CERT\n"
    "                 [--out-p12 FILE --password-file PWFILE]\n"
    "       seetls ca show [--issuer CA_CERT] CERT\n"
    "       seetls ca verify --ca CAFILE [--untrusted CHAIN] [--host NAME]\n"
    "                 [--purpose server|client] [--at TIME] [--verbose] CERT\n"
    "\n"
    "Become a certificate authority (the slides' Charlie) and use it.\n"
    "  init     make DIR/ca-key.pem (a new RSA key, PKCS#8, mode 0600) and\n"
    "           DIR/ca.pem, a self-signed CA certificate (CA:TRUE,\n"
    "           keyCertSign, cRLSign) for NAME, valid N days (default 3650)\n"
    "  issue    a new key and a certificate for it, signed by DIR's CA:\n"
    "           --server (serverAuth), --client (clientAuth), or\n"
    "           --intermediate (a CA under DIR's, pathLen --pathlen, default\n"
    "           0); names for host checks with --dns and --ip; valid N days\n"
    "           (default 365; 1825 for --intermediate). Writing the\n"
    "           intermediate's files as NEWDIR/ca-key.pem and NEWDIR/ca.pem\n"
    "           makes NEWDIR a CA for --dir in turn. --ca-cert and --ca-key\n"
    "           name the CA's files instead of DIR (a CA made by openssl)\n"
    "           --client --out-p12 FILE also writes the key, the certificate\n"
    "           and the CA's as a PKCS#12 file a browser imports (mode 0600;\n"
    "           PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, MAC\n"
    "           HMAC-SHA256), with NAME as its friendlyName and the first\n"
    "           line of PWFILE as its password (never on the command line,\n"
    "           where ps shows it); with --out-p12, --out-key and --out-cert\n"
    "           may be left out\n"
    "  show     a certificate's fields, as the slides tell it: PUB, the\n"
    "           hash h(tbsCertificate) computed now, the signature c, and\n"
    "           who signed it; then c^e mod n with the signer's PUB (its\n"
    "           own, or that of --issuer) and whether it gives back h\n"
    "  verify   check CERT (and any chain after it in the file, or in\n"
    "           --untrusted) up to a CA of CAFILE: signatures, validity at\n"
    "           TIME (UTC, RFC 3339: 2030-01-01T00:00:00Z; default now), CA\n"
    "           flags and path lengths, --purpose, --host; prints OK (exit 0)\n"
    "           or the precise failure (exit 1); --verbose first shows the\n"
    "           path found, from the leaf to the trusted CA\n"
    "Files are read as PEM or DER; certificates are written as PEM.\n";

#define CMD "ca"
#define DAY 86400

/* ------------------------------------------------------------ helpers --- */

static int usage_error(void)
{
    fputs(help, stderr);
    return 2;
}

/* Read a file of certificates (PEM or DER). */
static int load_bundle(const char *path, x509_bundle *b)
{
    uint8_t *data;
    size_t len;
    if (cli_read_file(CMD, path, &data, &len) != 0)
        return -1;
    see_status st = x509_bundle_read(b, data, len);
    free(data);
    if (st == SEE_ERR_PEM_NO_BEGIN)
        return cli_error(CMD, "%s: no certificate in the file", path), -1;
    if (st != SEE_OK)
        return cli_error(CMD, "%s: %s", path, see_strerror(st)), -1;
    return 0;
}

/* Parse the first certificate of a bundle, with a precise message. A CA
 * of our own (as_anchor) may have signed itself with any algorithm. */
static int parse_first(const char *path, const x509_bundle *b, x509_cert *c,
                       int as_anchor)
{
    x509_error err;
    char text[200];
    see_status st = as_anchor
        ? x509_parse_anchor(c, b->certs[0].data, b->certs[0].len, &err)
        : x509_parse(c, b->certs[0].data, b->certs[0].len, &err);
    if (st != SEE_OK) {
        x509_error_text(&err, text, sizeof text);
        return cli_error(CMD, "%s: %s", path, text), -1;
    }
    return 0;
}

static int write_cert_pem(const char *path, const uint8_t *der, size_t len)
{
    size_t cap = pem_encoded_len("CERTIFICATE", len) + 1, out_len;
    char *pem = malloc(cap);
    if (pem == NULL)
        return cli_error(CMD, "out of memory"), -1;
    see_status st = pem_encode("CERTIFICATE", der, len, pem, cap, &out_len);
    int r = st == SEE_OK ? cli_write_file(CMD, path, pem, out_len)
                         : (cli_error(CMD, "%s", see_strerror(st)), -1);
    free(pem);
    return r;
}

static int write_key_pem(const char *path, const rsa_private_key *key)
{
    uint8_t *out = malloc(KEYFILE_MAX_SIZE);
    size_t len;
    if (out == NULL)
        return cli_error(CMD, "out of memory"), -1;
    see_status st = keyfile_write_rsa_private(key, KEYFILE_PKCS8, 1, out,
                                              KEYFILE_MAX_SIZE, &len);
    int r = st == SEE_OK ? cli_write_private_file(CMD, path, out, len)
                         : (cli_error(CMD, "%s", see_strerror(st)), -1);
    see_wipe(out, KEYFILE_MAX_SIZE);
    free(out);
    return r;
}

static int new_key(unsigned bits, rsa_private_key *key, rsa_public_key *pub)
{
    fprintf(stderr, "generating a %u-bit RSA key...\n", bits);
    see_status st = rsa_generate(NULL, bits, 0, key);
    if (st != SEE_OK)
        return cli_error(CMD, "key generation: %s", see_strerror(st)), -1;
    rsa_public_from_private(pub, key);
    return 0;
}

static int exists(const char *path)
{
    struct stat s;
    return stat(path, &s) == 0;
}

/* "2030-01-01T00:00:00Z" (RFC 3339, UTC) to seconds since 1970. */
static int parse_time(const char *text, int64_t *t)
{
    int y, mo, d, h, mi, s, n = 0;
    if (sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &s,
               &n) != 6 || n != 20 || text[n] != '\0')
        return -1;
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
        s > 59 || h < 0 || mi < 0 || s < 0)
        return -1;
    *t = der_epoch_from_civil(y, mo, d, h, mi, s);
    int y2, mo2, d2, h2, mi2, s2; /* reject 2030-02-31 */
    der_civil_from_epoch(*t, &y2, &mo2, &d2, &h2, &mi2, &s2);
    return y2 == y && mo2 == mo && d2 == d ? 0 : -1;
}

static void format_time(int64_t t, char *out, size_t cap)
{
    int y, mo, d, h, mi, s;
    der_civil_from_epoch(t, &y, &mo, &d, &h, &mi, &s);
    snprintf(out, cap, "%04d-%02d-%02d %02d:%02d:%02d UTC", y, mo, d, h, mi, s);
}

/* --days N into an int64_t. */
static int parse_days(void *days, const char *text)
{
    size_t v;
    if (cli_parse_size(CMD, "days", text, 36500, &v) != 0)
        return -1;
    if (v == 0)
        return cli_error(CMD, "--days: must be at least 1"), -1;
    *(int64_t *)days = (int64_t)v;
    return 0;
}

/* --bits N into an unsigned. */
static int parse_bits(void *bits, const char *text)
{
    size_t v;
    if (cli_parse_size(CMD, "bits", text, RSA_MAX_BITS, &v) != 0)
        return -1;
    if (v < RSA_MIN_BITS || v % 2 != 0)
        return cli_error(CMD, "--bits: an even number from %d to %d",
                         RSA_MIN_BITS, RSA_MAX_BITS), -1;
    *(unsigned *)bits = (unsigned)v;
    return 0;
}

/* --------------------------------------------------------------- init --- */

static int ca_init(int argc, char **argv)
{
    const char *dir = NULL, *name = NULL;
    int64_t days = 3650; /* days * DAY passes 2^31 at 24,856 days */
    unsigned bits = 2048;
    const cli_option options[] = {
        CLI_TEXT("dir", 'd', &dir),
        CLI_TEXT("name", 'n', &name),
        CLI_CALL("days", 'D', parse_days, &days),
        CLI_CALL("bits", 'b', parse_bits, &bits),
    };
    int status = CLI_PARSE_OPTIONS(CMD, help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (dir == NULL || name == NULL || optind != argc)
        return cli_error(CMD, "init needs --dir DIR and --name NAME");
    if (name[0] == '\0')
        return cli_error(CMD, "--name: must not be empty");

    char key_path[4096], cert_path[4096];
    snprintf(key_path, sizeof key_path, "%s/ca-key.pem", dir);
    snprintf(cert_path, sizeof cert_path, "%s/ca.pem", dir);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return cli_error(CMD, "%s: %s", dir, strerror(errno));
    if (exists(key_path) || exists(cert_path))
        return cli_error(CMD, "%s already holds a CA; not overwriting it", dir);

    rsa_private_key key;
    rsa_public_key pub;
    rsa_private_init(&key);
    rsa_public_init(&pub);
    status = 1;
    uint8_t *der = malloc(X509_MAX_CERT_SIZE);
    size_t der_len;
    if (der == NULL || new_key(bits, &key, &pub) != 0)
        goto done;
    int64_t now = (int64_t)time(NULL);
    x509_issue_params p = {
        .common_name = name, .subject_key = &pub, .issuer_key = &key,
        .not_before = now, .not_after = now + days * DAY,
        .is_ca = 1, .path_len = -1,
        .key_usage = X509_KU_KEY_CERT_SIGN | X509_KU_CRL_SIGN,
    };
    see_status st = x509_issue(&p, NULL, der, X509_MAX_CERT_SIZE, &der_len);
    if (st != SEE_OK) {
        cli_error(CMD, "issuing: %s", see_strerror(st));
        goto done;
    }
    if (write_key_pem(key_path, &key) != 0 ||
        write_cert_pem(cert_path, der, der_len) != 0)
        goto done;
    printf("CA \"%s\": key %s, certificate %s\n", name, key_path, cert_path);
    status = 0;
done:
    free(der);
    rsa_private_clear(&key);
    rsa_public_clear(&pub);
    return status;
}

/* -------------------------------------------------------------- issue --- */

typedef struct {
    const char *dir, *ca_cert, *ca_key, *name, *out_key, *out_cert;
    const char *out_p12, *password_file;
    int kind;                    /* 's'erver, 'c'lient, 'i'ntermediate */
    int64_t days;
    long path_len;
    unsigned bits;
    const char *dns[X509_MAX_SAN];
    size_t dns_count;
    x509_ip ips[X509_MAX_SAN];
    size_t ip_count;
} issue_options;

/* --dns HOST, once per name. */
static int add_dns(void *options, const char *host)
{
    issue_options *o = options;
    if (o->dns_count == X509_MAX_SAN)
        return cli_error(CMD, "--dns: at most %d names", X509_MAX_SAN), -1;
    o->dns[o->dns_count++] = host;
    return 0;
}

/* --ip ADDR, once per address. */
static int add_ip(void *options, const char *text)
{
    issue_options *o = options;
    if (o->ip_count == X509_MAX_SAN)
        return cli_error(CMD, "--ip: at most %d addresses", X509_MAX_SAN), -1;
    if (!x509_ip_from_text(text, &o->ips[o->ip_count]))
        return cli_error(CMD, "--ip: '%s' is not an IPv4 or IPv6 address",
                         text), -1;
    o->ip_count++;
    return 0;
}

/* --pathlen N into a long (-1: not given). */
static int parse_path_len(void *path_len, const char *text)
{
    size_t v;
    if (cli_parse_size(CMD, "pathlen", text, 100, &v) != 0)
        return -1;
    *(long *)path_len = (long)v;
    return 0;
}

/* The options into o, then what they require of each other: CLI_GO_ON, or
 * the exit status. */
static int parse_issue_options(int argc, char **argv, issue_options *o)
{
    static const char one_kind[] = "choose one of --server, --client, --intermediate";
    const cli_option options[] = {
        CLI_TEXT("dir", 'd', &o->dir),
        CLI_TEXT("ca-cert", 'C', &o->ca_cert),
        CLI_TEXT("ca-key", 'K', &o->ca_key),
        CLI_TEXT("name", 'n', &o->name),
        CLI_CALL("dns", 'N', add_dns, o),
        CLI_CALL("ip", 'I', add_ip, o),
        CLI_ONE_OF("server", 's', &o->kind, 's', one_kind),
        CLI_ONE_OF("client", 'c', &o->kind, 'c', one_kind),
        CLI_ONE_OF("intermediate", 'i', &o->kind, 'i', one_kind),
        CLI_CALL("days", 'D', parse_days, &o->days),
        CLI_CALL("bits", 'b', parse_bits, &o->bits),
        CLI_CALL("pathlen", 'p', parse_path_len, &o->path_len),
        CLI_TEXT("out-key", 'k', &o->out_key),
        CLI_TEXT("out-cert", 'o', &o->out_cert),
        CLI_TEXT("out-p12", 'P', &o->out_p12),
        CLI_TEXT("password-file", 'W', &o->password_file),
    };
    int status = CLI_PARSE_OPTIONS(CMD, help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (optind != argc)
        return cli_error(CMD, "issue: unexpected argument '%s'", argv[optind]);
    if ((o->ca_cert == NULL) != (o->ca_key == NULL))
        return cli_error(CMD, "--ca-cert and --ca-key go together");
    if ((o->dir == NULL) == (o->ca_cert == NULL))
        return cli_error(CMD, "issue needs either --dir or --ca-cert and --ca-key");
    if (o->name == NULL ||
        (o->out_p12 == NULL && (o->out_key == NULL || o->out_cert == NULL)))
        return cli_error(CMD, "issue needs --name, --out-key and --out-cert "
                         "(or --out-p12)");
    if (o->kind == 0)
        return cli_error(CMD, "issue needs --server, --client or --intermediate");
    if (o->out_p12 != NULL && o->kind != 'c')
        return cli_error(CMD, "--out-p12: only for --client (a browser's "
                         "identity)");
    if ((o->out_p12 == NULL) != (o->password_file == NULL))
        return cli_error(CMD, "--out-p12 and --password-file go together");
    if (o->name[0] == '\0')
        return cli_error(CMD, "--name: must not be empty");
    if (o->days == 0)
        o->days = o->kind == 'i' ? 1825 : 365;
    if (o->path_len < 0 && o->kind == 'i')
        o->path_len = 0;
    if (o->path_len >= 0 && o->kind != 'i')
        return cli_error(CMD, "--pathlen: only for --intermediate");
    return CLI_GO_ON;
}

/* The password must be UTF-8 (the file's MAC takes it as a BMPString):
 * told now, before a key is made. */
static int check_password_text(const char *path, const char *pw, size_t len)
{
    if (!utf8_valid((const uint8_t *)pw, len))
        return cli_error(CMD, "--password-file %s: %s", path,
                         see_strerror(SEE_ERR_PKCS12_PASSWORD)), -1;
    return 0;
}

/* The password of --password-file: its first line, without the line end,
 * into pw (cap bytes, NUL-terminated). Refused when the file cannot be
 * read, or the line is empty, too long or holds a NUL byte. */
static int read_password_file(const char *path, char *pw, size_t cap)
{
    uint8_t *data;
    size_t len, n = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return cli_error(CMD, "--password-file %s: %s", path, strerror(errno)), -1;
    fclose(f);
    if (cli_read_file(CMD, path, &data, &len) != 0)
        return -1;
    while (n < len && data[n] != '\n' && data[n] != '\r')
        n++;
    int r = -1;
    if (n == 0)
        cli_error(CMD, "--password-file %s: the first line is empty; the "
                  "PKCS#12 file needs a password", path);
    else if (n >= cap)
        cli_error(CMD, "--password-file %s: the password is longer than %zu "
                  "bytes", path, cap - 1);
    else if (memchr(data, '\0', n) != NULL)
        cli_error(CMD, "--password-file %s: the password holds a NUL byte",
                  path);
    else {
        memcpy(pw, data, n);
        pw[n] = '\0';
        r = check_password_text(path, pw, n);
    }
    see_wipe(data, len);
    free(data);
    return r;
}

/* The PKCS#12 file of the new key, its certificate and the CA's. */
static int write_p12(const issue_options *o, const rsa_private_key *key,
                     const uint8_t *cert, size_t cert_len, const x509_cert *ca,
                     const char *password)
{
    pkcs12_contents c = {
        .key = key, .cert = cert, .cert_len = cert_len,
        .ca_cert = ca->der, .ca_cert_len = ca->der_len,
        .name = o->name, .password = password,
    };
    uint8_t *out = malloc(PKCS12_MAX_SIZE);
    size_t len;
    if (out == NULL)
        return cli_error(CMD, "out of memory"), -1;
    see_status st = pkcs12_write(&c, NULL, out, PKCS12_MAX_SIZE, &len);
    int r = st == SEE_OK ? cli_write_private_file(CMD, o->out_p12, out, len)
                         : (cli_error(CMD, "%s: %s", o->out_p12, see_strerror(st)), -1);
    free(out);
    return r;
}

static void set_usage(const issue_options *o, x509_issue_params *p)
{
    switch (o->kind) {
    case 's':
        p->key_usage = X509_KU_DIGITAL_SIGNATURE | X509_KU_KEY_ENCIPHERMENT;
        p->ext_key_usage = X509_EKU_SERVER_AUTH;
        break;
    case 'c':
        p->key_usage = X509_KU_DIGITAL_SIGNATURE;
        p->ext_key_usage = X509_EKU_CLIENT_AUTH;
        break;
    default:
        p->is_ca = 1;
        p->path_len = o->path_len;
        p->key_usage = X509_KU_KEY_CERT_SIGN | X509_KU_CRL_SIGN;
        break;
    }
}

static int ca_issue(int argc, char **argv)
{
    issue_options o;
    memset(&o, 0, sizeof o);
    o.bits = 2048;
    o.path_len = -1;
    int status = parse_issue_options(argc, argv, &o);
    if (status != CLI_GO_ON)
        return status;
    for (size_t i = 0; i < o.dns_count; i++) {
        const char *d = o.dns[i];
        if (d[0] == '\0' || strlen(d) > 253 || strpbrk(d, " \t\r\n") != NULL)
            return cli_error(CMD, "--dns: '%s' is not a host name", d);
    }

    char ca_key_path[4096], ca_cert_path[4096];
    if (o.dir != NULL) {
        snprintf(ca_key_path, sizeof ca_key_path, "%s/ca-key.pem", o.dir);
        snprintf(ca_cert_path, sizeof ca_cert_path, "%s/ca.pem", o.dir);
    } else {
        snprintf(ca_key_path, sizeof ca_key_path, "%s", o.ca_key);
        snprintf(ca_cert_path, sizeof ca_cert_path, "%s", o.ca_cert);
    }

    /* The password first: a missing or empty file costs no key. */
    char password[PKCS12_MAX_PASSWORD + 1] = "";
    if (o.password_file != NULL &&
        read_password_file(o.password_file, password, sizeof password) != 0)
        return 1;

    status = 1;
    x509_bundle ca_bundle = {NULL, 0};
    x509_cert ca;
    rsa_private_key ca_key, key;
    rsa_public_key pub;
    x509_cert_init(&ca);
    rsa_private_init(&ca_key);
    rsa_private_init(&key);
    rsa_public_init(&pub);
    uint8_t *der = malloc(X509_MAX_CERT_SIZE);
    size_t der_len;
    if (der == NULL || load_bundle(ca_cert_path, &ca_bundle) != 0 ||
        parse_first(ca_cert_path, &ca_bundle, &ca, 1) != 0 ||
        cli_load_rsa_private(CMD, ca_key_path, &ca_key, NULL) != 0)
        goto done;
    if (mpz_cmp(ca.key.n, ca_key.n) != 0) {
        cli_error(CMD, "%s is not the key of %s", ca_key_path, ca_cert_path);
        goto done;
    }
    if (!ca.is_ca || (ca.has_key_usage && !(ca.key_usage & X509_KU_KEY_CERT_SIGN))) {
        cli_error(CMD, "%s is not a CA certificate (basicConstraints CA:TRUE "
                  "and keyCertSign)", ca_cert_path);
        goto done;
    }
    if (new_key(o.bits, &key, &pub) != 0)
        goto done;

    int64_t now = (int64_t)time(NULL);
    x509_issue_params p = {
        .common_name = o.name, .subject_key = &pub, .issuer = &ca,
        .issuer_key = &ca_key, .not_before = now,
        .not_after = now + o.days * DAY, .path_len = -1,
        .dns = o.dns, .dns_count = o.dns_count,
        .ips = o.ips, .ip_count = o.ip_count,
    };
    set_usage(&o, &p);
    see_status st = x509_issue(&p, NULL, der, X509_MAX_CERT_SIZE, &der_len);
    if (st != SEE_OK) {
        cli_error(CMD, "issuing: %s", see_strerror(st));
        goto done;
    }
    if ((o.out_key != NULL && write_key_pem(o.out_key, &key) != 0) ||
        (o.out_cert != NULL && write_cert_pem(o.out_cert, der, der_len) != 0) ||
        (o.out_p12 != NULL && write_p12(&o, &key, der, der_len, &ca, password) != 0))
        goto done;
    if (p.not_after > ca.not_after)
        fprintf(stderr, "note: the certificate outlives its CA's (%s)\n",
                ca_cert_path);
    status = 0;
done:
    see_wipe(password, sizeof password);
    free(der);
    x509_bundle_free(&ca_bundle);
    x509_cert_clear(&ca);
    rsa_private_clear(&ca_key);
    rsa_private_clear(&key);
    rsa_public_clear(&pub);
    return status;
}

/* --------------------------------------------------------------- show --- */

static void print_hex_lines(const uint8_t *data, size_t len, const char *indent)
{
    for (size_t i = 0; i < len; i++) {
        if (i % 16 == 0)
            fputs(indent, stdout);
        printf("%02x%s", data[i], i + 1 == len ? "\n" : i % 16 == 15 ? ":\n" : ":");
    }
}

static void print_bytes_hex(const x509_bytes *b)
{
    for (size_t i = 0; i < b->len; i++)
        printf("%02x%s", b->data[i], i + 1 < b->len ? ":" : "");
}

static void print_key_usage(unsigned ku)
{
    static const char *const names[] = {
        "digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign",
        "encipherOnly", "decipherOnly",
    };
    const char *sep = "";
    for (int i = 0; i < 9; i++)
        if (ku & (1u << i)) {
            printf("%s%s", sep, names[i]);
            sep = ", ";
        }
    printf("\n");
}

static void print_extensions(const x509_cert *c)
{
    if (c->version == 1) {
        printf("  Extensions:   none (a version 1 certificate)\n");
        return;
    }
    printf("  Extensions:\n");
    if (c->has_basic_constraints) {
        printf("    basicConstraints:       CA:%s", c->is_ca ? "TRUE" : "FALSE");
        if (c->path_len >= 0)
            printf(", pathlen:%ld", c->path_len);
        printf("\n");
    }
    if (c->has_key_usage) {
        printf("    keyUsage:               ");
        print_key_usage(c->key_usage);
    }
    if (c->has_ext_key_usage) {
        const char *sep = "";
        printf("    extendedKeyUsage:       ");
        if (c->ext_key_usage & X509_EKU_SERVER_AUTH) { printf("serverAuth"); sep = ", "; }
        if (c->ext_key_usage & X509_EKU_CLIENT_AUTH) { printf("%sclientAuth", sep); sep = ", "; }
        if (c->ext_key_usage & X509_EKU_ANY) { printf("%sanyExtendedKeyUsage", sep); sep = ", "; }
        if (c->ext_key_usage & X509_EKU_OTHER) printf("%s(others)", sep);
        printf("\n");
    }
    if (c->has_san) {
        const char *sep = "";
        printf("    subjectAltName:         ");
        for (size_t i = 0; i < c->dns_count; i++, sep = ", ")
            printf("%sDNS:%.*s", sep, (int)c->dns[i].len, (const char *)c->dns[i].data);
        for (size_t i = 0; i < c->ip_count; i++, sep = ", ") {
            char ip[64];
            x509_ip_to_text(c->ips[i].data, c->ips[i].len, ip, sizeof ip);
            printf("%sIP:%s", sep, ip);
        }
        printf("\n");
    }
    if (c->subject_key_id.len > 0) {
        printf("    subjectKeyIdentifier:   ");
        print_bytes_hex(&c->subject_key_id);
        printf("\n");
    }
    if (c->authority_key_id.len > 0) {
        printf("    authorityKeyIdentifier: ");
        print_bytes_hex(&c->authority_key_id);
        printf("\n");
    }
}

/* The slides' check of c, done in the open: m = c^e mod n with
 * Charlie's PUB gives the padded block 00 01 FF..FF 00 DigestInfo h
 * (RFC 8017 9.2), and its last 32 bytes must be the h(tbsCertificate)
 * computed above. The verdict is the library's x509_check_signature. */
static void show_check(const x509_cert *c, const x509_cert *charlie,
                       const uint8_t h[32])
{
    char name[1024];
    x509_name_text(&charlie->subject, name, sizeof name);
    size_t k = rsa_public_size(&charlie->key);
    mpz_t sig, m;
    mpz_inits(sig, m, NULL);
    mpz_import(sig, c->signature_len, 1, 1, 1, 0, c->signature);
    printf("  Check with Charlie's PUB (%s):\n", name);
    if (c->signature_len != k || rsa_public_op(&charlie->key, m, sig) != SEE_OK) {
        printf("    c does not fit this key (%zu bytes, n has %zu)\n",
               c->signature_len, k);
    } else {
        uint8_t *em = calloc(1, k);
        size_t len = mpz_sizeinbase(m, 256);
        if (em != NULL && len <= k) {
            mpz_export(em + (k - len), NULL, 1, 1, 1, 0, m);
            size_t ff = 0;
            while (2 + ff < k && em[2 + ff] == 0xff)
                ff++;
            printf("    m = c^e mod n = %02x %02x, then %zu bytes ff, then the rest:\n",
                   em[0], em[1], ff);
            if (2 + ff < k)
                print_hex_lines(em + 2 + ff, k - 2 - ff, "    ");
            printf("    (00, DigestInfo of SHA-256, then h: its last 32 bytes %s\n"
                   "    the h(tbsCertificate) computed above)\n",
                   k >= 32 && memcmp(em + k - 32, h, 32) == 0 ? "are" : "are NOT");
        }
        free(em);
    }
    see_status st = x509_check_signature(c, &charlie->key);
    printf("  Verdict:       %s\n", st == SEE_OK
           ? "the signature is Charlie's: valid"
           : "the signature does NOT verify with this key");
    mpz_clears(sig, m, NULL);
}

static void show_cert(const x509_cert *c, const x509_cert *charlie)
{
    char subject[1024], issuer[1024], t1[40], t2[40];
    x509_name_text(&c->subject, subject, sizeof subject);
    x509_name_text(&c->issuer, issuer, sizeof issuer);
    format_time(c->not_before, t1, sizeof t1);
    format_time(c->not_after, t2, sizeof t2);
    int self = x509_name_equal(&c->subject, &c->issuer);

    printf("Certificate: X.509 version %d, %zu bytes of DER\n", c->version, c->der_len);
    printf("  The slides' certificate is (PUB, h(PUB), c), signed by Charlie, the CA\n"
           "  both sides trust. Here PUB comes with its owner's name, dates and\n"
           "  extensions, and all of that (the tbsCertificate) is what is hashed.\n\n");
    printf("  Serial number: ");
    print_bytes_hex(&(x509_bytes){c->serial, c->serial_len});
    printf("\n  Subject:       %s   (whose key PUB is)\n", subject);
    printf("  Issuer:        %s   (Charlie, who signed)\n", issuer);
    printf("  Valid from:    %s\n  Valid until:   %s\n", t1, t2);
    printf("  Public key PUB: RSA, %zu bits\n", mpz_sizeinbase(c->key.n, 2));
    cli_print_number("    n", "modulus", c->key.n);
    char *e = cli_number_text(c->key.e);
    printf("    e (public exponent): %s\n", e);
    free(e);
    print_extensions(c);

    uint8_t h[32];
    x509_tbs_hash(c, h);
    printf("\n  h(tbsCertificate): SHA-256 of the %zu signed bytes, computed now:\n",
           c->tbs_len);
    print_hex_lines(h, sizeof h, "    ");
    printf("  Signature c (sha256WithRSAEncryption, %zu bytes): c = (h with PKCS#1 v1.5\n"
           "  padding)^d mod n, d being Charlie's private key:\n", c->signature_len);
    print_hex_lines(c->signature, c->signature_len, "    ");
    printf("\n  Signed by:     %s%s\n", issuer,
           self ? " (itself: a self-signed certificate)" : "");
    if (self)
        show_check(c, c, h);
    else if (charlie != NULL)
        show_check(c, charlie, h);
    else
        printf("  Check:         give Charlie's certificate: seetls ca show --issuer "
               "CA.pem CERT\n");
}

static int ca_show(int argc, char **argv)
{
    const char *issuer_path = NULL;
    const cli_option options[] = {
        CLI_TEXT("issuer", 'i', &issuer_path),
    };
    int status = CLI_PARSE_OPTIONS(CMD, help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (optind + 1 != argc)
        return cli_error(CMD, "show needs one CERT file");
    x509_bundle b = {NULL, 0}, ib = {NULL, 0};
    x509_cert c, charlie;
    x509_cert_init(&c);
    x509_cert_init(&charlie);
    status = 1;
    if (load_bundle(argv[optind], &b) != 0 ||
        parse_first(argv[optind], &b, &c, 0) != 0)
        goto done;
    if (issuer_path != NULL && (load_bundle(issuer_path, &ib) != 0 ||
                                parse_first(issuer_path, &ib, &charlie, 1) != 0))
        goto done;
    show_cert(&c, issuer_path != NULL ? &charlie : NULL);
    status = 0;
done:
    x509_cert_clear(&c);
    x509_cert_clear(&charlie);
    x509_bundle_free(&b);
    x509_bundle_free(&ib);
    return status;
}

/* ------------------------------------------------------------- verify --- */

/* The path, as the slides would draw it: each certificate signed by the
 * one below it, down to Charlie, whom we trust. */
static void print_path(const x509_verify_result *r, const char *ca_path)
{
    for (size_t i = 0; i < r->path_length; i++) {
        int anchor = r->anchored && i + 1 == r->path_length;
        printf("depth %zu: %s%s\n", i, r->path[i],
               anchor ? "   (trusted: from the CA file)" : "");
        if (i + 1 < r->path_length)
            printf("   signed by\n");
    }
    if (!r->anchored && r->path_length > 0)
        printf("   signed by %s: not found in %s or the chain\n",
               r->issuer[0] ? r->issuer : "?", ca_path);
}

/* chain = CERT's certificates, then those of --untrusted. */
static int append_bundle(x509_bundle *to, x509_bundle *from)
{
    x509_bytes *grown = realloc(to->certs, (to->count + from->count) * sizeof *grown);
    if (grown == NULL)
        return cli_error(CMD, "out of memory"), -1;
    to->certs = grown;
    memcpy(to->certs + to->count, from->certs, from->count * sizeof *grown);
    to->count += from->count;
    free(from->certs); /* the DER buffers now belong to `to` */
    from->certs = NULL;
    from->count = 0;
    return 0;
}

/* --purpose server|client into an x509_purpose. */
static int parse_purpose(void *purpose, const char *text)
{
    if (strcmp(text, "server") == 0)
        *(x509_purpose *)purpose = X509_FOR_SERVER;
    else if (strcmp(text, "client") == 0)
        *(x509_purpose *)purpose = X509_FOR_CLIENT;
    else
        return cli_error(CMD, "--purpose: server or client, not '%s'", text);
    return 0;
}

/* --at TIME into an int64_t of seconds since 1970. */
static int parse_at(void *now, const char *text)
{
    if (parse_time(text, now) != 0)
        return cli_error(CMD, "--at: '%s' is not a UTC time like "
                         "2030-01-01T00:00:00Z", text);
    return 0;
}

static int ca_verify(int argc, char **argv)
{
    const char *ca_path = NULL, *untrusted = NULL, *host = NULL;
    int verbose = 0;
    x509_purpose purpose = X509_FOR_ANY;
    int64_t now = (int64_t)time(NULL);
    const cli_option options[] = {
        CLI_TEXT("ca", 'c', &ca_path),
        CLI_TEXT("untrusted", 'u', &untrusted),
        CLI_TEXT("host", 'H', &host),
        CLI_CALL("purpose", 'p', parse_purpose, &purpose),
        CLI_CALL("at", 'a', parse_at, &now),
        CLI_FLAG("verbose", 'v', &verbose),
    };
    int status = CLI_PARSE_OPTIONS(CMD, help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (ca_path == NULL || optind + 1 != argc)
        return cli_error(CMD, "verify needs --ca CAFILE and one CERT file");
    const char *cert_path = argv[optind];

    x509_bundle anchors = {NULL, 0}, chain = {NULL, 0}, extra = {NULL, 0};
    status = 1;
    if (load_bundle(ca_path, &anchors) != 0 || load_bundle(cert_path, &chain) != 0)
        goto done;
    if (untrusted != NULL &&
        (load_bundle(untrusted, &extra) != 0 || append_bundle(&chain, &extra) != 0))
        goto done;
    if (chain.count > X509_MAX_PEER) {
        cli_error(CMD, "%s: more than %d certificates", cert_path, X509_MAX_PEER);
        goto done;
    }
    x509_verify_result r;
    char text[600];
    see_status st = x509_verify(chain.certs, chain.count, anchors.certs,
                                anchors.count, host, purpose, now, NULL, &r);
    x509_verify_result_text(&r, text, sizeof text);
    if (verbose)
        print_path(&r, ca_path);
    if (st == SEE_OK) {
        printf("OK\n");
        status = 0;
    } else {
        cli_error(CMD, "%s: %s", cert_path, text);
    }
done:
    x509_bundle_free(&anchors);
    x509_bundle_free(&chain);
    x509_bundle_free(&extra);
    return status;
}

/* ------------------------------------------------------------- dispatch --- */

int cmd_ca(int argc, char **argv)
{
    if (argc < 2)
        return usage_error();
    const char *sub = argv[1];
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0) {
        fputs(help, stdout);
        return 0;
    }
    if (strcmp(sub, "init") == 0)
        return ca_init(argc - 1, argv + 1);
    if (strcmp(sub, "issue") == 0)
        return ca_issue(argc - 1, argv + 1);
    if (strcmp(sub, "show") == 0)
        return ca_show(argc - 1, argv + 1);
    if (strcmp(sub, "verify") == 0)
        return ca_verify(argc - 1, argv + 1);
    cli_error(CMD, "unknown action '%s' (init, issue, show or verify)", sub);
    return 2;
}
