/* cli.c: shared helpers of the seetls subcommands (see cli.h). */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "codec/hex.h"

int cli_error(const char *command, const char *format, ...)
{
    va_list ap;
    fprintf(stderr, "seetls %s: ", command);
    va_start(ap, format);
    vfprintf(stderr, format, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 1;
}

/* A copy of the n bytes at buf in a new block of `bigger` bytes; buf is
 * wiped and freed (realloc would free it as it is, and what is read may be
 * a key or a plaintext). NULL, with buf wiped and freed, when out of
 * memory. */
static uint8_t *grow_wiped(uint8_t *buf, size_t n, size_t bigger)
{
    uint8_t *p = malloc(bigger);
    if (p != NULL)
        memcpy(p, buf, n);
    see_wipe(buf, n);
    free(buf);
    return p;
}

int cli_read_file(const char *command, const char *path, uint8_t **data,
                  size_t *len)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (f == NULL) {
        cli_error(command, "%s: %s", path, strerror(errno));
        return -1;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        buf = grow_wiped(buf, cap, cap * 2);
        cap *= 2;
    }
    int failed = buf == NULL || ferror(f);
    if (!is_stdin)
        fclose(f);
    if (failed) {
        cli_error(command, "%s: %s", path,
                  buf == NULL ? "out of memory" : "read error");
        if (buf != NULL)
            see_wipe(buf, n);
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}

int cli_stream_file(const char *command, const char *path,
                    cli_update_fn *update, void *ctx)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (f == NULL)
        return cli_error(command, "%s: %s", path, strerror(errno));
    static uint8_t piece[65536];
    size_t n;
    while ((n = fread(piece, 1, sizeof piece, f)) > 0)
        update(ctx, piece, n);
    int failed = ferror(f);
    if (!is_stdin)
        fclose(f);
    see_wipe(piece, sizeof piece);
    if (failed)
        return cli_error(command, "%s: read error", path);
    return 0;
}

int cli_write_file(const char *command, const char *path, const void *data,
                   size_t len)
{
    int is_stdout = path == NULL || strcmp(path, "-") == 0;
    FILE *f = is_stdout ? stdout : fopen(path, "wb");
    if (f == NULL) {
        cli_error(command, "%s: %s", path, strerror(errno));
        return -1;
    }
    int failed = fwrite(data, 1, len, f) != len;
    failed |= is_stdout ? fflush(f) != 0 : fclose(f) != 0;
    if (failed) {
        cli_error(command, "%s: write error", is_stdout ? "stdout" : path);
        return -1;
    }
    return 0;
}

int cli_parse_hex(const char *command, const char *option, const char *hex,
                  uint8_t **out, size_t *out_len)
{
    size_t cap = strlen(hex) / 2 + 1;
    uint8_t *buf = malloc(cap);
    if (buf == NULL) {
        cli_error(command, "out of memory");
        return -1;
    }
    see_status st = see_hex_decode(hex, buf, cap, out_len);
    if (st != SEE_OK) {
        cli_error(command, "--%s: %s", option, see_strerror(st));
        free(buf);
        return -1;
    }
    *out = buf;
    return 0;
}

int cli_parse_size(const char *command, const char *option, const char *text,
                   size_t max, size_t *out)
{
    char *end;
    errno = 0;
    if (text[0] < '0' || text[0] > '9') {
        cli_error(command, "--%s: not a number: %s", option, text);
        return -1;
    }
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0' || v > max) {
        cli_error(command, "--%s: must be a whole number from 0 to %zu: %s",
                  option, max, text);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

void cli_print_hex(const uint8_t *data, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) {
        putchar(digits[data[i] >> 4]);
        putchar(digits[data[i] & 15]);
    }
    putchar('\n');
}
