/* cmd_sha256.c: seetls sha256 [FILE...], output exactly like sha256sum. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "crypto/sha256.h"

static const char help[] =
    "usage: seetls sha256 [FILE...]\n"
    "Print the SHA-256 (FIPS 180-4) of each FILE as 'HEX  NAME', like\n"
    "sha256sum. With no FILE, or when FILE is -, read standard input.\n";

static void hash_piece(void *ctx, const void *data, size_t len)
{
    sha256_update(ctx, data, len);
}

/* Hash one file, read in pieces (cli_stream_file). */
static int hash_file(const char *path, uint8_t digest[SHA256_DIGEST_SIZE])
{
    sha256_ctx ctx;
    sha256_init(&ctx);
    int status = cli_stream_file("sha256", path, hash_piece, &ctx);
    sha256_final(&ctx, digest);
    return status;
}

int cmd_sha256(int argc, char **argv)
{
    int status = cli_parse_options("sha256", help, CLI_USAGE_HELP, NULL, 0,
                                   argc, argv);
    if (status != CLI_GO_ON)
        return status;

    static char *stdin_only[] = {"-"};
    char **files = optind < argc ? argv + optind : stdin_only;
    int count = optind < argc ? argc - optind : 1;
    status = 0;
    for (int i = 0; i < count; i++) {
        uint8_t digest[SHA256_DIGEST_SIZE];
        if (hash_file(files[i], digest) != 0) {
            status = 1;
            continue;
        }
        for (int k = 0; k < SHA256_DIGEST_SIZE; k++)
            printf("%02x", digest[k]);
        printf("  %s\n", files[i]);
    }
    return status;
}
