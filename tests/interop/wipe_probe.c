/*
 * wipe_probe.c: a library test_wiping.sh preloads (LD_PRELOAD) into our
 * programs to see what they leave in the memory they free. It needs glibc
 * (__libc_free, __libc_realloc, malloc_usable_size). Reports are lines
 * appended to the file named by WIPE_PROBE_OUT.
 *
 * GMP: before main, the probe makes a checking allocator GMP's memory
 * functions; bn_install_wiping_allocator, which every program calls first,
 * stands on it. After main, the probe frees a number through whatever
 * functions are then in place and reports how the block reached the
 * checker: "gmp: wiped", "gmp: NOT wiped" (nothing installed), or
 * "gmp: bypassed" (other functions replaced the checker).
 *
 * Heap: the probe stands in front of free and realloc. A block that still
 * holds one of the byte strings named in WIPE_PROBE_SECRETS (hex, separated
 * by commas) when it is freed, or handed to realloc (which may move it and
 * free the old copy), is reported as "heap: secret N in a freed block"; a
 * string that is not hex as "heap: secret N is not hex" (so that a test
 * never passes for having looked for nothing).
 *
 * Built with codec/hex.c, whose see_hex_decode reads the list.
 */
#define _GNU_SOURCE /* memmem */
#include <fcntl.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gmp.h>

/* The probe's own copy of the decoder is hidden inside probe.so: it does
 * not stand in for a program's see_hex_decode, nor the program's for it. */
#pragma GCC visibility push(hidden)
#include "codec/hex.h"
#pragma GCC visibility pop

extern void __libc_free(void *p);
extern void *__libc_realloc(void *p, size_t size);

#define MAX_SECRETS 8
#define MAX_SECRET_LEN 256

static uint8_t secrets[MAX_SECRETS][MAX_SECRET_LEN];
static size_t secret_len[MAX_SECRETS];
static int secret_count;
static int out_fd = -1;
static int gmp_seen, gmp_zeroed;

static void report(const char *line)
{
    if (out_fd >= 0 && write(out_fd, line, strlen(line)) < 0)
        return; /* nothing better to do in a test probe */
}

/* The len hex digits at text as the next secret: 1, or 0 when they are
 * not hex (or too many). Static storage: no malloc in the probe. */
static int add_secret(const char *text, size_t len)
{
    static char item[2 * MAX_SECRET_LEN + 1];
    size_t n = 0;
    if (len >= sizeof item)
        return 0;
    memcpy(item, text, len);
    item[len] = '\0';
    if (see_hex_decode(item, secrets[secret_count], MAX_SECRET_LEN, &n) != SEE_OK ||
        n == 0)
        return 0;
    secret_len[secret_count++] = n;
    return 1;
}

/* WIPE_PROBE_SECRETS into secrets[]; empty items are skipped. */
static void read_secrets(const char *list)
{
    for (int i = 0; list != NULL && *list != '\0' && secret_count < MAX_SECRETS;
         i++) {
        size_t len = strcspn(list, ",");
        if (len > 0 && !add_secret(list, len)) {
            char line[64];
            snprintf(line, sizeof line, "heap: secret %d is not hex\n", i);
            report(line);
        }
        list += len;
        if (*list == ',')
            list++;
    }
}

static void check_block(const void *p, size_t size)
{
    for (int i = 0; i < secret_count; i++) {
        if (memmem(p, size, secrets[i], secret_len[i]) != NULL) {
            char line[64];
            snprintf(line, sizeof line, "heap: secret %d in a freed block\n", i);
            report(line);
        }
    }
}

void free(void *p)
{
    if (p != NULL && secret_count > 0)
        check_block(p, malloc_usable_size(p));
    __libc_free(p);
}

void *realloc(void *p, size_t size)
{
    if (p != NULL && secret_count > 0)
        check_block(p, malloc_usable_size(p));
    return __libc_realloc(p, size);
}

/* ------------------------------------------------------------ GMP --- */

static void *gmp_alloc(size_t size)
{
    void *p = malloc(size);
    if (p == NULL)
        abort();
    return p;
}

static void gmp_release(const void *p, size_t size)
{
    const uint8_t *b = p;
    uint8_t any = 0;
    for (size_t i = 0; i < size; i++)
        any |= b[i];
    gmp_seen++;
    gmp_zeroed += any == 0;
}

static void *gmp_realloc(void *old, size_t old_size, size_t new_size)
{
    gmp_release(old, old_size);
    void *p = gmp_alloc(new_size);
    memcpy(p, old, old_size < new_size ? old_size : new_size);
    free(old);
    return p;
}

static void gmp_free(void *p, size_t size)
{
    if (p == NULL)
        return;
    gmp_release(p, size);
    free(p);
}

__attribute__((constructor)) static void probe_start(void)
{
    const char *out = getenv("WIPE_PROBE_OUT");
    if (out != NULL)
        out_fd = open(out, O_WRONLY | O_CREAT | O_APPEND, 0600);
    read_secrets(getenv("WIPE_PROBE_SECRETS"));
    mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
}

__attribute__((destructor)) static void probe_end(void)
{
    /* a 1024-bit number of all ones: never zero unless wiped */
    mpz_t x;
    mpz_init(x);
    mpz_setbit(x, 1024);
    mpz_sub_ui(x, x, 1);
    int seen = gmp_seen, zeroed = gmp_zeroed;
    mpz_clear(x);
    if (gmp_seen == seen)
        report("gmp: bypassed\n");
    else if (gmp_zeroed > zeroed)
        report("gmp: wiped\n");
    else
        report("gmp: NOT wiped\n");
}
