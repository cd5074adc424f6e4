/* cmd_sha256.c: seetls sha256 [FILE...], output exactly like sha256sum. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "crypto/sha256.h"

static const char help[] =
    "usage: seetls sha256 [FILE...]\n"
    "Print the SHA-256 (FIPS 180-4) of each FILE as 'HEX  NAME', like\n"
    "sha256sum. With no FILE, or when FILE is -, read standard input.\n";

/* Hash one file in 64 KiB pieces, so files larger than memory work too. */
static int hash_file(const char *path, uint8_t digest[SHA256_DIGEST_SIZE])
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (f == NULL)
        return cli_error("sha256", "%s: %s", path, strerror(errno));

    static uint8_t chunk[65536];
    sha256_ctx ctx;
    sha256_init(&ctx);
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        sha256_update(&ctx, chunk, n);
    int failed = ferror(f);
    if (!is_stdin)
        fclose(f);
    sha256_final(&ctx, digest);
    if (failed)
        return cli_error("sha256", "%s: read error", path);
    return 0;
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
