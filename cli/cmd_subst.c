/* cmd_subst.c: seetls subst, the slides' substitution cipher and its break. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "crypto/subst.h"

static const char help[] =
    "usage: seetls subst encrypt --key KEYWORD [TEXT]\n"
    "       seetls subst decrypt --key KEYWORD [TEXT]\n"
    "       seetls subst break [FILE]\n"
    "The keyword substitution cipher of the slides: the keyword's letters\n"
    "without repeats (THIS IS THE COOLEST COURSE! gives THISECOLUR), then the\n"
    "unused letters in order, form the table. Letters keep their case;\n"
    "spaces and punctuation pass through. TEXT defaults to standard input.\n"
    "'break' recovers the table and the text from a long English ciphertext\n"
    "without the key, by frequency analysis: why this cipher is only for\n"
    "the classroom.\n"
    "\n"
    "  -k, --key KEYWORD   the keyword (encrypt, decrypt)\n"
    "  -t, --table         also print the substitution table\n"
    "  -h, --help          this text\n";

static void print_table(const subst_key *key)
{
    printf("shortened key: %s\n", key->short_key[0] ? key->short_key : "(unknown)");
    printf("plain:  ABCDEFGHIJKLMNOPQRSTUVWXYZ\ncipher: %.26s\n", key->table);
}

/* The text to work on: the argument, or all of standard input / FILE. */
static char *input_text(const char *arg, const char *path)
{
    if (arg != NULL)
        return strdup(arg);
    uint8_t *data;
    size_t len;
    if (cli_read_file("subst", path ? path : "-", &data, &len) != 0)
        return NULL;
    char *text = malloc(len + 1);
    if (text != NULL) {
        memcpy(text, data, len);
        text[len] = '\0';
        for (size_t i = 0; i < len; i++)
            if (text[i] == '\0')
                text[i] = ' '; /* a text tool: NUL bytes become spaces */
    }
    free(data);
    return text;
}

static int run_cipher(int decrypt, const char *keyword, const char *arg, int show_table)
{
    subst_key key;
    see_status st = subst_make_key(&key, keyword);
    if (st != SEE_OK)
        return cli_error("subst", "--key: %s", see_strerror(st));
    char *text = input_text(arg, NULL);
    if (text == NULL)
        return 1;
    char *out = malloc(strlen(text) + 1);
    if (out == NULL) {
        free(text);
        return cli_error("subst", "out of memory");
    }
    if (show_table)
        print_table(&key);
    (decrypt ? subst_decrypt : subst_encrypt)(&key, text, out);
    fputs(out, stdout);
    if (arg != NULL)
        putchar('\n');
    free(text);
    free(out);
    return 0;
}

static int run_break(const char *path)
{
    char *text = input_text(NULL, path);
    if (text == NULL)
        return 1;
    char *plain = malloc(strlen(text) + 1);
    subst_key key;
    see_status st = plain ? subst_break(text, &key, plain) : SEE_ERR_NO_MEMORY;
    if (st != SEE_OK) {
        free(text);
        free(plain);
        return cli_error("subst", "break: %s (at least %d letters are needed)",
                         see_strerror(st), SUBST_BREAK_MIN_LETTERS);
    }
    printf("recovered table (by frequency analysis, without the key):\n");
    print_table(&key);
    printf("\nrecovered text:\n%s", plain);
    if (plain[0] && plain[strlen(plain) - 1] != '\n')
        putchar('\n');
    free(text);
    free(plain);
    return 0;
}

int cmd_subst(int argc, char **argv)
{
    static const struct option options[] = {
        {"key", required_argument, NULL, 'k'},
        {"table", no_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *keyword = NULL;
    int show_table = 0, opt;
    while ((opt = getopt_long(argc, argv, "k:th", options, NULL)) != -1) {
        switch (opt) {
        case 'k': keyword = optarg; break;
        case 't': show_table = 1; break;
        case 'h': fputs(help, stdout); return 0;
        default: fputs(help, stderr); return 2;
        }
    }
    if (optind >= argc)
        return cli_error("subst", "say encrypt, decrypt or break (see seetls subst --help)");
    const char *action = argv[optind++];
    const char *arg = optind < argc ? argv[optind] : NULL;
    if (optind + 1 < argc)
        return cli_error("subst", "one TEXT or FILE at most (quote the text)");

    if (strcmp(action, "break") == 0)
        return run_break(arg);
    int decrypt = strcmp(action, "decrypt") == 0;
    if (!decrypt && strcmp(action, "encrypt") != 0)
        return cli_error("subst", "unknown action '%s': encrypt, decrypt or break", action);
    if (keyword == NULL)
        return cli_error("subst", "%s needs --key KEYWORD", action);
    return run_cipher(decrypt, keyword, arg, show_table);
}
