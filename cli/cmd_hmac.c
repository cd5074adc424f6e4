/* cmd_hmac.c: seetls hmac --key HEX [FILE], HMAC-SHA256 (RFC 2104). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* MAC one file in 64 KiB pieces, so files larger than memory work too. */
static int mac_file(const char *path, const uint8_t *key, size_t key_len,
                    uint8_t tag[HMAC_SHA256_SIZE])
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (f == NULL)
        return cli_error("hmac", "%s: %s", path, strerror(errno));

    static uint8_t chunk[65536];
    hmac_sha256_ctx ctx;
    hmac_sha256_init(&ctx, key, key_len);
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        hmac_sha256_update(&ctx, chunk, n);
    int failed = ferror(f);
    if (!is_stdin)
        fclose(f);
    hmac_sha256_final(&ctx, tag);
    see_wipe(chunk, sizeof chunk);
    if (failed)
        return cli_error("hmac", "%s: read error", path);
    return 0;
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
