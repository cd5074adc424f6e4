/*
 * cmd_enc.c: seetls enc, AES-128 in CBC or CTR mode, byte-compatible with
 * `openssl enc -aes-128-cbc|-aes-128-ctr -K HEX -iv HEX [-d] [-nopad]`, and
 * the two AEADs: AES-128-GCM (NIST SP 800-38D) and ChaCha20-Poly1305
 * (RFC 8439 2.8), whose output is ciphertext || 16-byte tag.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "crypto/aead.h"
#include "crypto/aes_ct.h"
#include "crypto/padding.h"
#include "core/util.h"

/* The whole input is held in memory (an AEAD must check the tag before it
 * writes a byte), so it is bounded: 64 MiB, for the input and for
 * --aad-file alike. */
#define ENC_MAX_INPUT ((size_t)64 << 20)

static const char help[] =
    "usage: seetls enc --cipher NAME --key HEX --iv HEX [--decrypt]\n"
    "                  [--no-pad] [--aad HEX | --aad-file FILE]\n"
    "                  [--in FILE] [--out FILE]\n"
    "Encrypt (or with --decrypt, decrypt) with AES-128 (FIPS 197) in CBC or\n"
    "CTR mode (NIST SP 800-38A), or with an AEAD: AES-128-GCM (NIST SP\n"
    "800-38D) or ChaCha20-Poly1305 (RFC 8439). CBC and CTR give byte for byte\n"
    "  openssl enc -aes-128-cbc -K HEX -iv HEX [-d] [-nopad]\n"
    "(and -aes-128-ctr). An AEAD writes the ciphertext followed by its 16-byte\n"
    "tag; decryption checks the tag first and writes nothing when it fails.\n"
    "\n"
    "  -c, --cipher NAME   aes-128-cbc, aes-128-ctr, aes-128-gcm or\n"
    "                      chacha20-poly1305\n"
    "  -k, --key HEX       the key: 16 bytes, 32 hex digits (chacha20-poly1305:\n"
    "                      32 bytes, 64 hex digits)\n"
    "  -i, --iv HEX        the IV (CBC) or first counter block (CTR): 16 bytes;\n"
    "                      the nonce of the AEADs: 12 bytes, 24 hex digits,\n"
    "                      never twice under one key\n"
    "  -d, --decrypt       decrypt instead of encrypt\n"
    "  -e, --encrypt       encrypt (the default)\n"
    "  -n, --no-pad        CBC: no PKCS#7 padding; the input must then be a\n"
    "                      whole number of 16-byte blocks (CTR never pads)\n"
    "  -a, --aad HEX       AEADs: additional data, authenticated but not\n"
    "                      encrypted (default: none); the same on decryption\n"
    "      --aad-file FILE AEADs: the additional data from FILE\n"
    "      --in FILE       read FILE (default: standard input, also '-')\n"
    "      --out FILE      write FILE (default: standard output, also '-')\n"
    "  -h, --help          this text\n"
    "\n"
    "The input is read whole, at most 64 MiB. A CBC decryption with the wrong\n"
    "key or IV, or of damaged data, almost always ends in 'bad decrypt' (the\n"
    "PKCS#7 padding does not check); nothing is written then. Neither CBC nor\n"
    "CTR detects tampering. An AEAD does: a wrong key, nonce or AAD, or any\n"
    "changed bit, ends in 'authentication failed', with nothing written.\n";

typedef enum { ENC_CBC, ENC_CTR, ENC_AEAD } enc_mode;

/* The ciphers, with the key and IV lengths each takes. */
static const struct {
    const char *name;
    enc_mode mode;
    const aead_algorithm *aead;   /* ENC_AEAD: which (crypto/aead.h) */
    size_t key_len;
    size_t iv_len;
} ciphers[] = {
    { "aes-128-cbc", ENC_CBC, NULL, 16, 16 },
    { "aes-128-ctr", ENC_CTR, NULL, 16, 16 },
    { "aes-128-gcm", ENC_AEAD, &aead_aes128_gcm, 16, AEAD_NONCE_SIZE },
    { "chacha20-poly1305", ENC_AEAD, &aead_chacha20_poly1305,
      CHACHA20_POLY1305_KEY_SIZE, AEAD_NONCE_SIZE },
};
#define CIPHER_NAMES "aes-128-cbc, aes-128-ctr, aes-128-gcm or chacha20-poly1305"

typedef struct {
    enc_mode mode;
    const aead_algorithm *aead;
    const char *cipher;   /* its name, for messages */
    size_t key_len, iv_len;
    int decrypt;
    int no_pad;
    const char *key_hex;
    const char *iv_hex;
    const char *aad_hex;
    const char *aad_file;
    const char *in;
    const char *out;
} enc_options;

static int is_aead(enc_mode mode)
{
    return mode == ENC_AEAD;
}

/* Find --cipher's NAME in the table. Returns 0, or 1 after the error. */
static int choose_cipher(const char *name, enc_options *opts)
{
    if (name == NULL)
        return cli_error("enc", "missing --cipher (" CIPHER_NAMES ")");
    for (size_t i = 0; i < sizeof ciphers / sizeof ciphers[0]; i++) {
        if (strcmp(name, ciphers[i].name) == 0) {
            opts->mode = ciphers[i].mode;
            opts->aead = ciphers[i].aead;
            opts->cipher = ciphers[i].name;
            opts->key_len = ciphers[i].key_len;
            opts->iv_len = ciphers[i].iv_len;
            return 0;
        }
    }
    return cli_error("enc", "unknown cipher '%s' (" CIPHER_NAMES ")", name);
}

/* The options that belong to one kind of cipher only. Returns 0, or 1
 * after the error. */
static int check_mode_options(const enc_options *opts)
{
    if (is_aead(opts->mode) && opts->no_pad)
        return cli_error("enc", "--no-pad: %s never pads (it is CBC's option)",
                         opts->cipher);
    if (!is_aead(opts->mode) && (opts->aad_hex != NULL || opts->aad_file != NULL))
        return cli_error("enc", "--aad: %s has no additional data (only "
                         "aes-128-gcm and chacha20-poly1305 do)", opts->cipher);
    if (opts->aad_hex != NULL && opts->aad_file != NULL)
        return cli_error("enc", "--aad and --aad-file: give one of them");
    if (opts->aad_file != NULL && strcmp(opts->aad_file, "-") == 0 &&
        (opts->in == NULL || strcmp(opts->in, "-") == 0))
        return cli_error("enc", "--aad-file -: the input is standard input already "
                         "(give --in FILE)");
    return 0;
}

/* Parse argv into opts. Returns CLI_GO_ON, or the exit status (0 after
 * --help). A usage error is one line naming the option, not the help. */
static int parse_options(int argc, char **argv, enc_options *opts)
{
    const char *cipher = NULL;
    const cli_option options[] = {
        CLI_TEXT("cipher", 'c', &cipher),
        CLI_TEXT("key", 'k', &opts->key_hex),
        CLI_TEXT("iv", 'i', &opts->iv_hex),
        CLI_SET("decrypt", 'd', &opts->decrypt, 1),
        CLI_SET("encrypt", 'e', &opts->decrypt, 0),
        CLI_FLAG("no-pad", 'n', &opts->no_pad),
        CLI_TEXT("aad", 'a', &opts->aad_hex),
        CLI_TEXT("aad-file", 0, &opts->aad_file),
        CLI_TEXT("in", 0, &opts->in),
        CLI_TEXT("out", 0, &opts->out),
    };
    int status = cli_parse_options("enc", help, CLI_USAGE_LINE, options,
                                   sizeof options / sizeof options[0], argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (optind < argc)
        return 2 * cli_error("enc", "unexpected argument '%s' (use --in FILE)",
                             argv[optind]);
    if (choose_cipher(cipher, opts) != 0 || check_mode_options(opts) != 0)
        return 1;
    if (opts->key_hex == NULL)
        return cli_error("enc", "missing --key (%zu bytes as %zu hex digits)",
                         opts->key_len, 2 * opts->key_len);
    if (opts->iv_hex == NULL)
        return cli_error("enc", "missing --iv (%zu bytes as %zu hex digits)",
                         opts->iv_len, 2 * opts->iv_len);
    return CLI_GO_ON;
}

/* Decode --NAME's hex into exactly want bytes (at most 32). The AEADs'
 * nonce is named as such when its length is wrong, since a 16-byte IV is
 * what CBC and CTR take. */
static int parse_exact_bytes(const enc_options *opts, const char *option,
                             const char *hex, uint8_t *out, size_t want)
{
    uint8_t *bytes;
    size_t n;
    if (cli_parse_hex("enc", option, hex, &bytes, &n) != 0)
        return -1;
    int ok = n == want;
    if (ok)
        memcpy(out, bytes, want);
    else if (is_aead(opts->mode) && strcmp(option, "iv") == 0)
        cli_error("enc", "--iv: %s takes a %zu-byte (%zu-bit) nonce, %zu hex "
                  "digits; got %zu bytes", opts->cipher, want, 8 * want, 2 * want, n);
    else
        cli_error("enc", "--%s: must be %zu bytes (%zu hex digits), got %zu",
                  option, want, 2 * want, n);
    see_wipe(bytes, n);
    free(bytes);
    return ok ? 0 : -1;
}

/* Read all of path ("-": standard input) into a new buffer, refusing more
 * than ENC_MAX_INPUT bytes without reading past them. Returns 0, or -1
 * after the error. */
static int read_bounded(const char *path, uint8_t **data, size_t *len)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (f == NULL) {
        cli_error("enc", "%s: %s", path, strerror(errno));
        return -1;
    }
    /* The buffer doubles up to ENC_MAX_INPUT + 1 bytes: filling that one
     * means the input is too long, and nothing past it is read. */
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap || cap == ENC_MAX_INPUT + 1)
            break;   /* the end of the input, or over the limit */
        size_t bigger = cap * 2 > ENC_MAX_INPUT + 1 ? ENC_MAX_INPUT + 1 : cap * 2;
        uint8_t *grown = malloc(bigger);
        if (grown != NULL)
            memcpy(grown, buf, n);
        see_wipe(buf, n);   /* it may be a secret plaintext */
        free(buf);
        buf = grown;
        cap = bigger;
    }
    int failed = buf == NULL || ferror(f);
    if (!is_stdin)
        fclose(f);
    if (!failed && n > ENC_MAX_INPUT)
        cli_error("enc", "%s: more than %zu MiB (enc reads its input whole)",
                  is_stdin ? "standard input" : path, ENC_MAX_INPUT >> 20);
    else if (failed)
        cli_error("enc", "%s: %s", path, buf == NULL ? "out of memory" : "read error");
    if (failed || n > ENC_MAX_INPUT) {
        if (buf != NULL)
            see_wipe(buf, n);
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}

/* The additional data of --aad or --aad-file (none: *aad NULL, length 0).
 * Returns 0, or -1 after the error. */
static int read_aad(const enc_options *opts, uint8_t **aad, size_t *aad_len)
{
    *aad = NULL;
    *aad_len = 0;
    if (opts->aad_hex != NULL)
        return cli_parse_hex("enc", "aad", opts->aad_hex, aad, aad_len);
    if (opts->aad_file != NULL)
        return read_bounded(opts->aad_file, aad, aad_len);
    return 0;
}

/* CBC encryption of buf[0..*len), padded with PKCS#7 unless --no-pad; buf
 * has room for one more block. Returns 0, or 1 after printing the error. */
static int cbc_encrypt(const enc_options *opts, const aes128_ct_key *key,
                       const uint8_t iv[16], uint8_t *buf, size_t *len)
{
    see_status st;
    if (opts->no_pad && *len % AES_BLOCK_SIZE != 0)
        return cli_error("enc", "--no-pad: the input is %zu bytes, not a multiple of 16",
                         *len);
    if (!opts->no_pad) {
        st = pkcs7_pad(buf, *len, *len + AES_BLOCK_SIZE, len);
        if (st != SEE_OK)
            return cli_error("enc", "padding: %s", see_strerror(st));
    }
    st = aes128_ct_cbc_encrypt(key, iv, buf, buf, *len);
    if (st != SEE_OK)
        return cli_error("enc", "%s", see_strerror(st));
    return 0;
}

/* CBC decryption of buf[0..*len) and, unless --no-pad, removal of the
 * PKCS#7 padding. Returns 0, or 1 after printing the error. */
static int cbc_decrypt(const enc_options *opts, const aes128_ct_key *key,
                       const uint8_t iv[16], uint8_t *buf, size_t *len)
{
    if (*len % AES_BLOCK_SIZE != 0)
        return cli_error("enc", "bad decrypt: the input is %zu bytes, not a multiple "
                         "of 16", *len);
    if (*len == 0 && !opts->no_pad)
        return cli_error("enc", "bad decrypt: the input is empty, so it has no padding");
    see_status st = aes128_ct_cbc_decrypt(key, iv, buf, buf, *len);
    if (st != SEE_OK)
        return cli_error("enc", "%s", see_strerror(st));
    if (!opts->no_pad && pkcs7_unpad(buf, *len, len) != SEE_OK)
        return cli_error("enc", "bad decrypt: bad padding (wrong key or IV, or damaged "
                         "data)");
    return 0;
}

/* CBC or CTR over in[0..len) into a new buffer *out of *out_len bytes
 * (freed and wiped by the caller, even after an error: it has len + 16
 * bytes), on the constant-time AES (aes_ct.h: the table AES of aes.h is
 * for class only). Returns 0, or 1 after printing the error. */
static int run_block_mode(const enc_options *opts, const uint8_t *raw_key,
                          const uint8_t iv[16], const uint8_t *in, size_t len,
                          uint8_t *out, size_t *out_len)
{
    aes128_ct_key key;
    aes128_ct_set_key(&key, raw_key);
    memcpy(out, in, len);
    *out_len = len;
    int status = 0;
    if (opts->mode == ENC_CTR)
        aes128_ct_ctr_xor(&key, iv, out, out, len);
    else
        status = opts->decrypt ? cbc_decrypt(opts, &key, iv, out, out_len)
                               : cbc_encrypt(opts, &key, iv, out, out_len);
    aes128_ct_wipe(&key);
    return status;
}

/* Seal in[0..len) with the AEAD (out receives ciphertext || tag, *out_len
 * = len + 16), or open in[0..len) = ciphertext || tag: crypto/aead.h
 * checks the tag, in constant time, before it releases a byte; out then
 * receives the len - 16 bytes of plaintext. Returns 0, or 1 after printing
 * the error (and out holds nothing the caller may write). */
static int run_aead(const enc_options *opts, const uint8_t *raw_key,
                    const uint8_t *iv, const uint8_t *aad, size_t aad_len,
                    const uint8_t *in, size_t len, uint8_t *out, size_t *out_len)
{
    if (opts->decrypt && len < AEAD_TAG_SIZE)
        return cli_error("enc", "authentication failed: the input is %zu bytes, "
                         "shorter than the 16-byte tag (truncated?)", len);
    aead_key key;
    see_status st = aead_set_key(&key, opts->aead, raw_key, opts->key_len);
    if (st == SEE_OK)
        st = opts->decrypt
            ? aead_open(&key, iv, aad, aad_len, in, len, out, len, out_len)
            : aead_seal(&key, iv, aad, aad_len, in, len, out, len + AEAD_TAG_SIZE,
                        out_len);
    aead_wipe(&key);
    if (st == SEE_ERR_AEAD_TAG)
        return cli_error("enc", "authentication failed: the tag does not match "
                         "(wrong key, IV or AAD, or the data was changed)");
    if (st != SEE_OK)
        return cli_error("enc", "%s: %s", opts->cipher, see_strerror(st));
    return 0;
}

/* Run the chosen cipher over in[0..len) into out (len + 16 bytes). Returns
 * 0, or 1 after printing the error. */
static int run_cipher(const enc_options *opts, const uint8_t *key,
                      const uint8_t *iv, const uint8_t *in, size_t len,
                      uint8_t *out, size_t *out_len)
{
    uint8_t *aad = NULL;
    size_t aad_len = 0;
    int status;
    if (!is_aead(opts->mode))
        return run_block_mode(opts, key, iv, in, len, out, out_len);
    if (read_aad(opts, &aad, &aad_len) != 0)
        return 1;
    status = run_aead(opts, key, iv, aad, aad_len, in, len, out, out_len);
    free(aad);
    return status;
}

int cmd_enc(int argc, char **argv)
{
    enc_options opts = {0};
    int status = parse_options(argc, argv, &opts);
    if (status != CLI_GO_ON)
        return status;

    uint8_t key[32], iv[16];   /* the longest of each in ciphers[] */
    if (parse_exact_bytes(&opts, "key", opts.key_hex, key, opts.key_len) != 0 ||
        parse_exact_bytes(&opts, "iv", opts.iv_hex, iv, opts.iv_len) != 0) {
        see_wipe(key, sizeof key);
        return 1;
    }

    /* The output is made whole in memory and written only after success:
     * a failed decryption writes nothing, and an existing --out file is
     * left as it was. */
    uint8_t *in = NULL, *out = NULL;
    size_t in_len = 0, out_len = 0;   /* out holds in_len + 16 bytes */
    status = 1;
    if (read_bounded(opts.in ? opts.in : "-", &in, &in_len) == 0) {
        out = malloc(in_len + AEAD_TAG_SIZE);
        if (out == NULL)
            cli_error("enc", "out of memory");
        else if (run_cipher(&opts, key, iv, in, in_len, out, &out_len) == 0 &&
                 cli_write_file("enc", opts.out, out, out_len) == 0)
            status = 0;
    }

    see_wipe(key, sizeof key);
    if (in != NULL)
        see_wipe(in, in_len);
    if (out != NULL)
        see_wipe(out, in_len + AEAD_TAG_SIZE);
    free(in);
    free(out);
    return status;
}
