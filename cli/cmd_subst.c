/* cmd_subst.c: seetls subst, the slides' keyword substitution cipher and
 * its break by frequency analysis. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cryptanalysis/subst.h"
#include "cryptanalysis/subst_break.h"

static const char help[] =
    "usage: seetls subst encrypt --key TEXT [--table] [TEXT]\n"
    "       seetls subst decrypt --key TEXT [--table] [TEXT]\n"
    "       seetls subst table --key TEXT\n"
    "       seetls subst break [FILE]\n"
    "The keyword substitution cipher of the slides. The key \"THIS IS THE\n"
    "COOLEST COURSE!\" shortens to THISECOLUR (letters only, each once); the\n"
    "table is that, then the unused letters in order. Letters keep their\n"
    "case; everything else passes through. TEXT is read from standard input\n"
    "when absent (then the output has no added newline).\n"
    "\n"
    "  encrypt, decrypt   apply the table (or its inverse)\n"
    "  table              print the shortened key and the substitution table\n"
    "  break              recover key and plaintext from a ciphertext FILE\n"
    "                     (standard input if absent or \"-\") by letter\n"
    "                     frequencies and hill climbing on English trigrams\n"
    "\n"
    "  -k, --key TEXT     the key, any text with at least one letter\n"
    "  -t, --table        encrypt, decrypt: print the table first\n"
    "  -h, --help         this text\n";

/* The text to work on: the argument (printed back with a newline) or all
 * of standard input (printed back as it came). */
static int read_text(const char *arg, char **text, size_t *len, int *add_newline)
{
    if (arg != NULL) {
        *len = strlen(arg);
        *text = malloc(*len + 1);
        if (*text == NULL) {
            cli_error("subst", "out of memory");
            return -1;
        }
        memcpy(*text, arg, *len + 1);
        *add_newline = 1;
        return 0;
    }
    uint8_t *data;
    if (cli_read_file("subst", "-", &data, len) != 0)
        return -1;
    *text = (char *)data;
    *add_newline = 0;
    return 0;
}

/* The slides' table: the shortened key, then the two rows. */
static void print_table(const subst_key *key)
{
    printf("shortened key: %s\n", key->shortened[0] ? key->shortened : "(unknown)");
    printf("plain:  ABCDEFGHIJKLMNOPQRSTUVWXYZ\n");
    printf("cipher: %s\n", key->table);
}

static int run_cipher(const char *action, const char *key_text, const char *arg,
                      int show_table)
{
    subst_key key;
    see_status st = subst_key_from_keyword(&key, key_text);
    if (st != SEE_OK)
        return cli_error("subst", "--key: %s", see_strerror(st));
    if (strcmp(action, "table") == 0) {
        if (arg != NULL)
            return cli_error("subst", "table takes no text");
        print_table(&key);
        return 0;
    }
    if (show_table)
        print_table(&key);
    char *text;
    size_t len;
    int add_newline;
    if (read_text(arg, &text, &len, &add_newline) != 0)
        return 1;
    if (strcmp(action, "encrypt") == 0)
        subst_encrypt(&key, text, text, len);
    else
        subst_decrypt(&key, text, text, len);
    int rc = cli_write_file("subst", NULL, text, len) != 0;
    if (rc == 0 && add_newline)
        putchar('\n');
    free(text);
    return rc;
}

/* Plain letters whose cipher letter never occurs: their place is a guess. */
static void print_guessed(const subst_break_result *r, const char *text, size_t len)
{
    int seen[SUBST_LETTERS] = { 0 };
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c >= 'A' && c <= 'Z')
            seen[c - 'A'] = 1;
    }
    char guessed[SUBST_LETTERS + 1];
    size_t n = 0;
    for (int p = 0; p < SUBST_LETTERS; p++)
        if (!seen[r->key.table[p] - 'A'])
            guessed[n++] = (char)('A' + p);
    guessed[n] = '\0';
    if (n > 0)
        printf("guessed: %s (their cipher letters never occur)\n", guessed);
}

static int run_break(const char *path)
{
    uint8_t *data;
    size_t len;
    if (cli_read_file("subst", path != NULL ? path : "-", &data, &len) != 0)
        return 1;
    char *text = (char *)data;
    char *plain = malloc(len ? len : 1);
    if (plain == NULL) {
        free(data);
        return cli_error("subst", "out of memory");
    }
    subst_break_result r;
    see_status st = subst_break(text, len, &r, plain);
    if (st == SEE_ERR_TOO_SHORT) {
        free(data);
        free(plain);
        return cli_error("subst", "break: %s (%zu letters; at least %d needed)",
                         see_strerror(st), r.letters, SUBST_BREAK_MIN_LETTERS);
    }
    if (st != SEE_OK) {
        free(data);
        free(plain);
        return cli_error("subst", "break: %s", see_strerror(st));
    }
    printf("recovered table (by frequency analysis of %zu letters, without the key):\n",
           r.letters);
    print_table(&r.key);
    print_guessed(&r, text, len);
    printf("\nrecovered text:\n");
    int rc = cli_write_file("subst", NULL, plain, len) != 0;
    if (rc == 0 && (len == 0 || plain[len - 1] != '\n'))
        putchar('\n');
    free(data);
    free(plain);
    return rc;
}

int cmd_subst(int argc, char **argv)
{
    const char *key_text = NULL;
    int show_table = 0;
    const cli_option options[] = {
        CLI_TEXT("key", 'k', &key_text),
        CLI_FLAG("table", 't', &show_table),
    };
    int status = CLI_PARSE_OPTIONS("subst", help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if (optind >= argc)
        return cli_error("subst", "say encrypt, decrypt, table or break "
                                  "(see seetls subst --help)");
    const char *action = argv[optind++];
    const char *arg = optind < argc ? argv[optind++] : NULL;
    if (optind < argc)
        return cli_error("subst", "unexpected argument '%s' (quote the text)",
                         argv[optind]);

    if (strcmp(action, "break") == 0) {
        if (key_text != NULL)
            return cli_error("subst", "break needs no --key: finding it is the point");
        return run_break(arg);
    }
    if (strcmp(action, "encrypt") != 0 && strcmp(action, "decrypt") != 0 &&
        strcmp(action, "table") != 0)
        return cli_error("subst", "unknown action '%s' (encrypt, decrypt, "
                                  "table or break)", action);
    if (key_text == NULL)
        return cli_error("subst", "%s needs --key TEXT", action);
    return run_cipher(action, key_text, arg, show_table);
}
