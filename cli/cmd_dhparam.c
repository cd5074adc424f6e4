/* cmd_dhparam.c: seetls dhparam, Diffie-Hellman parameters (p, g) in the
 * PKCS#3 "DH PARAMETERS" file openssl dhparam reads. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/keys.h"
#include "crypto/dh.h"
#include "pki/keyfile.h"

static const char help[] =
    "usage: seetls dhparam --group NAME [--insecure] [--out FILE] [--text]\n"
    "       seetls dhparam --bits N [--insecure] [--out FILE] [--text]\n"
    "Write Diffie-Hellman parameters p and g as PEM \"DH PARAMETERS\" (PKCS#3).\n"
    "\n"
    "  -g, --group NAME  a named group, e.g. ffdhe3072 (RFC 7919's five,\n"
    "                    2048 to 8192 bits), modp2048 (RFC 3526) or toy (the\n"
    "                    slides' p = 23, g = 5; needs --insecure); an unknown\n"
    "                    NAME is answered with the list\n"
    "  -b, --bits N      a new group: a random safe prime p = 2q + 1 of N bits\n"
    "                    and g = 4 (of order q). Below 2048 bits only with\n"
    "                    --insecure. A random search: 1024 bits take about\n"
    "                    a second, 2048 up to a minute (a named group: none)\n"
    "      --insecure    allow groups below 2048 bits (breakable: demos only)\n"
    "  -t, --text        also print p and g\n"
    "  -o, --out FILE    where to write (default: standard output)\n"
    "  -h, --help        this text\n";

int cmd_dhparam(int argc, char **argv)
{
    const char *name = NULL, *out_path = NULL;
    size_t bits = 0;
    int insecure = 0, text = 0;
    const cli_option options[] = {
        CLI_TEXT("group", 'g', &name),
        CLI_SIZE("bits", 'b', &bits, 8192),
        CLI_FLAG("insecure", 0, &insecure),
        CLI_FLAG("text", 't', &text),
        CLI_TEXT("out", 'o', &out_path),
    };
    int status = CLI_PARSE_OPTIONS("dhparam", help, options, argc, argv);
    if (status != CLI_GO_ON)
        return status;
    if ((name == NULL) == (bits == 0))
        return cli_error("dhparam", "one of --group NAME or --bits N is required");
    if (cli_refuse_operands("dhparam", argc, argv) != 0)
        return 1;

    dh_group group;
    dh_group_init(&group);
    see_status st;
    if (name != NULL) {
        st = dh_group_named(&group, name, insecure);
    } else {
        if (bits < 3)
            st = SEE_ERR_PRIME_SIZE;
        else {
            if (bits >= 1024)
                fprintf(stderr, "Searching for a %zu-bit safe prime; this "
                        "takes a while...\n", bits);
            st = dh_group_generate(&group, NULL, (unsigned)bits, insecure);
        }
    }
    if (st == SEE_ERR_DH_GROUP_SMALL) {
        dh_group_clear(&group);
        return cli_error("dhparam", "%s (below %d bits; --insecure allows it "
                         "for demonstrations)", see_strerror(st), DH_MIN_BITS);
    }
    if (st == SEE_ERR_DH_UNKNOWN_GROUP) {
        dh_group_clear(&group);
        char names[200];
        return cli_error("dhparam", "%s: %s (%s)", name, see_strerror(st),
                         dh_group_names(DH_NAMES_ALL, names, sizeof names));
    }
    static uint8_t out[KEYFILE_MAX_SIZE];
    size_t len = 0;
    if (st == SEE_OK)
        st = keyfile_write_dh_params(&group, 1, out, sizeof out, &len);
    if (st == SEE_OK && text) {
        printf("DH parameters, %u bits%s%s\n", dh_group_bits(&group),
               group.name ? ": " : "", group.name ? group.name : "");
        cli_print_number("prime", "p", group.p);
        cli_print_number("generator", "g", group.g);
    }
    dh_group_clear(&group);
    if (st != SEE_OK)
        return cli_error("dhparam", "%s", see_strerror(st));
    return cli_write_file("dhparam", out_path, out, len) != 0;
}
