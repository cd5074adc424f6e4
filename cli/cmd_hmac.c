/* cmd_hmac.c: seetls hmac --key HEX [FILE], HMAC-SHA256 (RFC 2104). */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "crypto/hmac.h"
#include "core/util.h"

static const char help[] =
    "usage: seetls hmac --key HEX [FILE]\n"
    "Print the HMAC-SHA256 (RFC 2104) of FILE under the key given in hex,\n"
    "as lower-case hex. With no FILE, or when FILE is -, read standard\n"
    "input. Keys of any length are accepted (longer than 64 bytes: hashed\n"
    "first, as RFC 2104 says). The same tag as\n"
    "  openssl mac -digest SHA256 -macopt hexkey:HEX -in FILE HMAC\n"
    "\n"
    "  -k, --key HEX   the key, an even number of hex digits (may be empty)\n"
    "  -h, --help      this text\n";

static void mac_piece(void *ctx, const void *data, size_t len)
{
    hmac_sha256_update(ctx, data, len);
}

/* MAC one file, read in pieces (cli_stream_file). */
static int mac_file(const char *path, const uint8_t *key, size_t key_len,
                    uint8_t tag[HMAC_SHA256_SIZE])
{
    hmac_sha256_ctx ctx;
    hmac_sha256_init(&ctx, key, key_len);
    int status = cli_stream_file("hmac", path, mac_piece, &ctx);
    hmac_sha256_final(&ctx, tag);
    return status;
}

int cmd_hmac(int argc, char **argv)
{
    const char *key_hex = NULL;
    const cli_option options[] = {
        CLI_TEXT("key", 'k', &key_hex),
    };
    int status = CLI_PARSE_OPTIONS("hmac", help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (key_hex == NULL)
        return cli_error("hmac", "--key HEX is required (see seetls hmac --help)");
    if (argc - optind > 1)
        return cli_error("hmac", "one FILE at most (see seetls hmac --help)");
    const char *path = optind < argc ? argv[optind] : "-";

    uint8_t *key;
    size_t key_len;
    if (cli_parse_hex("hmac", "key", key_hex, &key, &key_len) != 0)
        return 1;
    uint8_t tag[HMAC_SHA256_SIZE];
    status = mac_file(path, key, key_len, tag);
    see_wipe(key, key_len);
    free(key);
    if (status != 0)
        return status;
    cli_print_hex(tag, sizeof tag);
    return 0;
}
