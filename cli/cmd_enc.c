/*
 * cmd_enc.c: seetls enc, AES-128 in CBC or CTR mode, byte-compatible with
 * `openssl enc -aes-128-cbc|-aes-128-ctr -K HEX -iv HEX [-d] [-nopad]`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "crypto/aes.h"
#include "crypto/padding.h"
#include "core/util.h"

static const char help[] =
    "usage: seetls enc --cipher aes-128-cbc|aes-128-ctr --key HEX --iv HEX\n"
    "                  [--decrypt] [--no-pad] [--in FILE] [--out FILE]\n"
    "Encrypt (or with --decrypt, decrypt) with AES-128 (FIPS 197) in CBC or\n"
    "CTR mode (NIST SP 800-38A). The output is byte for byte that of\n"
    "  openssl enc -aes-128-cbc -K HEX -iv HEX [-d] [-nopad]\n"
    "(and -aes-128-ctr).\n"
    "\n"
    "  -c, --cipher NAME   aes-128-cbc or aes-128-ctr\n"
    "  -k, --key HEX       the key: 16 bytes, 32 hex digits\n"
    "  -i, --iv HEX        the IV (CBC) or first counter block (CTR): 16 bytes\n"
    "  -d, --decrypt       decrypt instead of encrypt\n"
    "  -e, --encrypt       encrypt (the default)\n"
    "  -n, --no-pad        CBC: no PKCS#7 padding; the input must then be a\n"
    "                      whole number of 16-byte blocks (CTR never pads)\n"
    "      --in FILE       read FILE (default: standard input, also '-')\n"
    "      --out FILE      write FILE (default: standard output, also '-')\n"
    "  -h, --help          this text\n"
    "\n"
    "A decryption with the wrong key or IV, or of damaged data, almost always\n"
    "ends in 'bad decrypt' (the PKCS#7 padding does not check); nothing is\n"
    "written then. Neither mode detects tampering: a MAC does that.\n";

typedef struct {
    int ctr;          /* 1: aes-128-ctr, 0: aes-128-cbc */
    int decrypt;
    int no_pad;
    const char *key_hex;
    const char *iv_hex;
    const char *in;
    const char *out;
} enc_options;

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
    if (cipher == NULL)
        return cli_error("enc", "missing --cipher (aes-128-cbc or aes-128-ctr)");
    if (strcmp(cipher, "aes-128-cbc") == 0)
        opts->ctr = 0;
    else if (strcmp(cipher, "aes-128-ctr") == 0)
        opts->ctr = 1;
    else
        return cli_error("enc", "unknown cipher '%s' (aes-128-cbc or aes-128-ctr)",
                         cipher);
    if (opts->key_hex == NULL)
        return cli_error("enc", "missing --key (16 bytes as 32 hex digits)");
    if (opts->iv_hex == NULL)
        return cli_error("enc", "missing --iv (16 bytes as 32 hex digits)");
    return CLI_GO_ON;
}

/* Decode --NAME's hex into exactly 16 bytes. */
static int parse_16_bytes(const char *option, const char *hex, uint8_t out[16])
{
    uint8_t *bytes;
    size_t n;
    if (cli_parse_hex("enc", option, hex, &bytes, &n) != 0)
        return -1;
    int ok = n == 16;
    if (ok)
        memcpy(out, bytes, 16);
    else
        cli_error("enc", "--%s: must be 16 bytes (32 hex digits), got %zu", option, n);
    see_wipe(bytes, n);
    free(bytes);
    return ok ? 0 : -1;
}

/* CBC encryption of buf[0..*len), padded with PKCS#7 unless --no-pad; buf
 * has room for one more block. Returns 0, or 1 after printing the error. */
static int cbc_encrypt(const enc_options *opts, const aes128_key *key,
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
    st = aes128_cbc_encrypt(key, iv, buf, buf, *len);
    if (st != SEE_OK)
        return cli_error("enc", "%s", see_strerror(st));
    return 0;
}

/* CBC decryption of buf[0..*len) and, unless --no-pad, removal of the
 * PKCS#7 padding. Returns 0, or 1 after printing the error. */
static int cbc_decrypt(const enc_options *opts, const aes128_key *key,
                       const uint8_t iv[16], uint8_t *buf, size_t *len)
{
    if (*len % AES_BLOCK_SIZE != 0)
        return cli_error("enc", "bad decrypt: the input is %zu bytes, not a multiple "
                         "of 16", *len);
    if (*len == 0 && !opts->no_pad)
        return cli_error("enc", "bad decrypt: the input is empty, so it has no padding");
    see_status st = aes128_cbc_decrypt(key, iv, buf, buf, *len);
    if (st != SEE_OK)
        return cli_error("enc", "%s", see_strerror(st));
    if (!opts->no_pad && pkcs7_unpad(buf, *len, len) != SEE_OK)
        return cli_error("enc", "bad decrypt: bad padding (wrong key or IV, or damaged "
                         "data)");
    return 0;
}

/* Run the cipher over in[0..len) into a new buffer *out of *out_len bytes
 * (freed and wiped by the caller, even after an error). Returns 0, or 1
 * after printing the error. */
static int run_cipher(const enc_options *opts, const aes128_key *key,
                      const uint8_t iv[16], const uint8_t *in, size_t len,
                      uint8_t **out, size_t *out_len)
{
    /* room for one block of padding */
    *out = malloc(len + AES_BLOCK_SIZE);
    if (*out == NULL)
        return cli_error("enc", "out of memory");
    memcpy(*out, in, len);
    *out_len = len;
    if (opts->ctr) {
        aes128_ctr_xor(key, iv, *out, *out, len);
        return 0;
    }
    return opts->decrypt ? cbc_decrypt(opts, key, iv, *out, out_len)
                         : cbc_encrypt(opts, key, iv, *out, out_len);
}

int cmd_enc(int argc, char **argv)
{
    enc_options opts = {0};
    int status = parse_options(argc, argv, &opts);
    if (status != CLI_GO_ON)
        return status;

    uint8_t raw_key[16], iv[16];
    if (parse_16_bytes("key", opts.key_hex, raw_key) != 0 ||
        parse_16_bytes("iv", opts.iv_hex, iv) != 0) {
        see_wipe(raw_key, sizeof raw_key);
        return 1;
    }
    aes128_key key;
    aes128_set_key(&key, raw_key);
    see_wipe(raw_key, sizeof raw_key);

    uint8_t *in = NULL, *out = NULL;
    size_t in_len = 0, out_len = 0;   /* out holds in_len + 16 bytes */
    status = 1;
    if (cli_read_file("enc", opts.in ? opts.in : "-", &in, &in_len) == 0 &&
        run_cipher(&opts, &key, iv, in, in_len, &out, &out_len) == 0 &&
        cli_write_file("enc", opts.out, out, out_len) == 0)
        status = 0;

    aes128_wipe(&key);
    if (in != NULL)
        see_wipe(in, in_len);
    if (out != NULL)
        see_wipe(out, in_len + AES_BLOCK_SIZE);
    free(in);
    free(out);
    return status;
}
