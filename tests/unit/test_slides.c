/*
 * test_slides.c: every example of build/slides run in-process into a
 * memory stream; each computed value is asserted by its exact "checked"
 * line, and each ERRATUM line must appear exactly where a slide's number
 * is wrong (3^23 mod 15 is 12, not 2; 2^7 mod 15 is 8, not 3; PS is 384
 * bits, of which 368 are random) and nowhere else. The values were worked
 * out by hand and with Python's pow(); the factorisations with coreutils
 * factor(1).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gmp.h>

#include "slides_examples/slides.h"
#include "tests/unit/harness.h"

typedef struct {
    char *text;
    size_t len;
    int status;
    slide_ctx ctx;
} run_output;

static void run_example(run_output *out, const char *name, FILE *in,
                        int step_mode, int in_is_terminal,
                        const char *svg_path)
{
    memset(out, 0, sizeof *out);
    FILE *mem = open_memstream(&out->text, &out->len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mem);
    slide_ctx_init(&out->ctx, mem);
    out->ctx.in = in;
    out->ctx.step_mode = step_mode;
    out->ctx.in_is_terminal = in_is_terminal;
    out->ctx.max_seconds = 0.05;
    if (svg_path != NULL)
        out->ctx.svg_path = svg_path;
    const slide_example *ex = slide_find(name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ex);
    out->status = slide_run(&out->ctx, ex);
    fclose(mem);
}

static void run_plain(run_output *out, const char *name)
{
    run_example(out, name, NULL, 0, 0, NULL);
}

/* Does the output hold this exact line? */
static int has_line(const run_output *out, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = out->text; p != NULL && *p != '\0';) {
        const char *end = strchr(p, '\n');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        if (len == n && memcmp(p, line, n) == 0)
            return 1;
        p = end != NULL ? end + 1 : NULL;
    }
    return 0;
}

static unsigned count_prefix(const run_output *out, const char *prefix)
{
    unsigned count = 0;
    size_t n = strlen(prefix);
    for (const char *p = out->text; p != NULL && *p != '\0';) {
        if (strncmp(p, prefix, n) == 0)
            count++;
        const char *end = strchr(p, '\n');
        p = end != NULL ? end + 1 : NULL;
    }
    return count;
}

#define ASSERT_LINE(out, line)                                              \
    do {                                                                    \
        int found_ = has_line(out, line);                                   \
        if (!found_)                                                        \
            fprintf(stderr, "\nmissing line: [%s]\n", line);                \
        CU_ASSERT_TRUE(found_);                                             \
    } while (0)

static void expect_clean(run_output *out, unsigned checked)
{
    CU_ASSERT_EQUAL(out->status, 0);
    CU_ASSERT_EQUAL(out->ctx.checked, checked);
    CU_ASSERT_EQUAL(out->ctx.errata, 0);
    CU_ASSERT_EQUAL(count_prefix(out, "ERRATUM"), 0);
    CU_ASSERT_EQUAL(count_prefix(out, "  checked  "), checked);
}

static void test_rsa(void)
{
    run_output out;
    run_plain(&out, "rsa");
    expect_clean(&out, 7);
    ASSERT_LINE(&out, "  checked  n = p * q = 15");
    ASSERT_LINE(&out, "  checked  t(15) = (3 - 1) * (5 - 1) = 8");
    ASSERT_LINE(&out, "  checked  gcd(7, 8) = 1");
    ASSERT_LINE(&out, "  checked  1 + 20 * t(n) = 161");
    ASSERT_LINE(&out, "  checked  d = 23");
    ASSERT_LINE(&out, "  checked  c = 12^7 mod 15 = 3");
    ASSERT_LINE(&out, "  checked  t = 3^23 mod 15 = 12");
    /* The square-and-multiply working of 12^7 and 3^23. */
    ASSERT_LINE(&out, "    12^7 mod 15 by square-and-multiply; 7 = 111 in binary");
    ASSERT_LINE(&out, "      square:   12^2 = 12 * 12 = 144 = 9 mod 15");
    ASSERT_LINE(&out, "      multiply: 12^7 = 9 * 12 = 108 = 3 mod 15");
    ASSERT_LINE(&out, "    3^23 mod 15 by square-and-multiply; 23 = 10111 in binary");
    ASSERT_LINE(&out, "      square:   3^22 = 12 * 12 = 144 = 9 mod 15");
    ASSERT_LINE(&out, "      multiply: 3^23 = 9 * 3 = 27 = 12 mod 15");
    /* Why not the smallest k, and what k = 20 buys on so small an n. */
    ASSERT_LINE(&out, "    k = 6 is useless: d = 7 = e, so the private key (7, 15) "
                      "is the public key, and anyone can decrypt");
    ASSERT_LINE(&out, "    k = 20 gives d = 23, not e: the private key is not the "
                      "public one, as RSA needs");
    ASSERT_LINE(&out, "    but d counts only mod t(n) = 8 (23 = 7 mod 8), and here "
                      "e * e = 49 = 1 mod 8: c^e mod n = 3^7 mod 15 = 12 decrypts "
                      "as well");
    free(out.text);
}

static void test_signature_errata(void)
{
    run_output out;
    run_plain(&out, "signature");
    CU_ASSERT_EQUAL(out.status, 0);
    CU_ASSERT_EQUAL(out.ctx.errata, 3);
    CU_ASSERT_EQUAL(count_prefix(&out, "ERRATUM"), 3);
    ASSERT_LINE(&out, "ERRATUM c = 3^23 mod 15: the slide says 2, computed 12");
    ASSERT_LINE(&out, "ERRATUM (m, c): the slide says (3, 2), computed (3, 12)");
    ASSERT_LINE(&out, "ERRATUM m' = 2^7 mod 15: the slide says 3, computed 8");
    CU_ASSERT_EQUAL(out.ctx.checked, 2);
    ASSERT_LINE(&out, "  checked  m' = c^7 mod 15 for the c Bob computes = 3");
    ASSERT_LINE(&out, "  checked  SHA-256 digest size in bytes = 32");
    ASSERT_LINE(&out, "    (directly: 3^23 = 94143178827 = 15 * 6276211921 + 12)");
    ASSERT_LINE(&out, "    rsa_pkcs1_verify(m, c): valid");
    ASSERT_LINE(&out, "    rsa_pkcs1_verify(\"Bob's public key is (7, 16)\", c): "
                      "RSA signature does not verify");
    free(out.text);
}

static void test_dh(void)
{
    run_output out;
    run_plain(&out, "dh");
    expect_clean(&out, 7);
    ASSERT_LINE(&out, "  checked  g = 5 is prime = yes");
    ASSERT_LINE(&out, "  checked  p = 23 is prime = yes");
    ASSERT_LINE(&out, "  checked  g = 5 is a primitive root modulo 23 = yes");
    ASSERT_LINE(&out, "  checked  A = 5^6 mod 23 = 8");
    ASSERT_LINE(&out, "  checked  B = 5^15 mod 23 = 19");
    ASSERT_LINE(&out, "  checked  S(Alice) = 19^6 mod 23 = 2");
    ASSERT_LINE(&out, "  checked  S(Bob) = 8^15 mod 23 = 2");
    ASSERT_LINE(&out, "      5 2 10 4 20 8 17 16 11 9 22 18 21 13 19 3 15 6 7 12 14 1");
    ASSERT_LINE(&out, "    both are g^(ab) = 5^90 mod 23 = 2: the same key, never sent");
    free(out.text);
}

static void test_factor(void)
{
    run_output out;
    run_plain(&out, "factor");
    expect_clean(&out, 3);
    ASSERT_LINE(&out, "    p = 11 (prime), q = 13 (prime), p * q = 143");
    ASSERT_LINE(&out, "    p = 89 (prime), q = 97 (prime), p * q = 8633");
    ASSERT_LINE(&out, "    p = 10247 (prime), q = 17159 (prime), p * q = 175828273");
    ASSERT_LINE(&out, "  checked  175828273 = p * q, p and q prime = yes");
    ASSERT_LINE(&out, "    Timing: one untimed run first (the first pays for cold "
                      "caches), then each time is the fastest of 9 runs.");
    /* Warmed up, trial division's time grows with its divisions (6, 45,
     * 5124); timed cold, 143 came out slower than 8633. */
    double t[3];
    int found = 0;
    for (const char *p = out.text; p != NULL && *p != '\0' && found < 3;) {
        unsigned long divisions;
        if (sscanf(p, "    trial division: 2, 3, 5, 7, ... up to %*u: %lu "
                      "divisions, %lf microseconds", &divisions, &t[found]) == 2)
            found++;
        const char *end = strchr(p, '\n');
        p = end != NULL ? end + 1 : NULL;
    }
    CU_ASSERT_EQUAL_FATAL(found, 3);
    if (!(t[0] <= t[1] && t[1] < t[2]))
        printf("\n  trial division times not growing with N: %.1f, %.1f, "
               "%.1f microseconds\n", t[0], t[1], t[2]);
    CU_ASSERT_TRUE(t[0] <= t[1]);
    CU_ASSERT_TRUE(t[1] < t[2]);
    free(out.text);
}

static void test_hash(void)
{
    run_output out;
    run_plain(&out, "hash");
    expect_clean(&out, 2);
    ASSERT_LINE(&out, "  checked  digest bits for every input size = 256");
    ASSERT_LINE(&out, "  checked  one flipped bit changes about half the output bits = yes");
    /* FIPS 180-4 example: SHA-256("abc"), the 3-byte input. */
    ASSERT_LINE(&out, "          3 bytes (\"abc...\") -> 256 bits: ba7816bf8f01cfea...");
    free(out.text);
}

static void test_certificate(void)
{
    run_output out;
    run_plain(&out, "certificate");
    expect_clean(&out, 3);
    ASSERT_LINE(&out, "  checked  Alice's check of the toy certificate = h(PUB)");
    ASSERT_LINE(&out, "  checked  Alice's check of the 2048-bit certificate = h(PUB)");
    ASSERT_LINE(&out, "  checked  the 2048-bit check after Eve changes one byte of PUB = rejected");
    /* SHA-256("Bob's public key (7, 15)") mod 15 = 8 (Python), 8^23 mod
     * 15 = 2, 2^7 mod 15 = 8. */
    ASSERT_LINE(&out, "    c = 8^23 mod 15 = 2; the certificate is (\"Bob's public key (7, 15)\", 8, 2)");
    free(out.text);
}

static void test_sizes_note(void)
{
    run_output out;
    run_plain(&out, "sizes");
    CU_ASSERT_EQUAL(out.status, 0);
    /* The slide's 368 bits of PS are its random part: a note, no erratum. */
    CU_ASSERT_EQUAL(out.ctx.errata, 0);
    CU_ASSERT_EQUAL(count_prefix(&out, "ERRATUM"), 0);
    ASSERT_LINE(&out, "    NOTE PS is 48 bytes = 384 bits in all: the slide's 368 bits are its random part");
    CU_ASSERT_EQUAL(out.ctx.checked, 9);
    ASSERT_LINE(&out, "  checked  random bits in PS = 368");
    ASSERT_LINE(&out, "  checked  bytes in 2048 bits = 256");
    ASSERT_LINE(&out, "  checked  ciphertext bytes for 1 byte of plaintext = 256");
    ASSERT_LINE(&out, "  checked  bits of RB = 256");
    ASSERT_LINE(&out, "  checked  bits of RS = 256");
    ASSERT_LINE(&out, "  checked  bits of C_B and C_S (AES128) = 128");
    ASSERT_LINE(&out, "  checked  bytes of a record header = 5");
    ASSERT_LINE(&out, "  checked  length of a new session's ID = 0");
    ASSERT_LINE(&out, "    type 22 (handshake), version 3.3, length 512: 1603030200");
    free(out.text);
}

static void test_ca_price(void)
{
    run_output out;
    run_plain(&out, "ca-price");
    expect_clean(&out, 2);
    ASSERT_LINE(&out, "  checked  40 certificates a year, low = 40000");
    ASSERT_LINE(&out, "  checked  40 certificates a year, high = 200000");
    free(out.text);
}

static void test_wires(void)
{
    run_output out;
    run_plain(&out, "wires");
    expect_clean(&out, 1);
    ASSERT_LINE(&out, "  checked  wires for n computers grow as n^2 = yes");
    ASSERT_LINE(&out, "    n =           10 computers: 45 wires (0.450000000 * n^2)");
    ASSERT_LINE(&out, "    n =   1000000000 computers: 499999999500000000 wires "
                      "(0.500000000 * n^2)");
    /* 10^10 > 2^32: the last line, also where unsigned long is 32 bits */
    ASSERT_LINE(&out, "    n =  10000000000 computers: 49999999995000000000 wires "
                      "(0.500000000 * n^2)");
    CU_ASSERT_EQUAL(count_prefix(&out, "    n = "), 10);
    free(out.text);
}

static void test_subst(void)
{
    run_output out;
    run_plain(&out, "subst");
    expect_clean(&out, 8);
    ASSERT_LINE(&out, "  checked  shortened key = THISECOLUR");
    ASSERT_LINE(&out, "  checked  table A..J = THISECOLUR");
    ASSERT_LINE(&out, "  checked  table K..T = ABDFGJKMNP");
    ASSERT_LINE(&out, "  checked  table U..Z = QVWXYZ");
    ASSERT_LINE(&out, "  checked  encryption of I LOVE TLS = U BGVE PBN");
    ASSERT_LINE(&out, "  checked  decryption of U BGVE PBN = I LOVE TLS");
    free(out.text);
}

/* The visible characters of an SVG text element's content (tags left
 * out), up to its closing tag. */
static size_t visible_chars(const char *content)
{
    size_t n = 0;
    int in_tag = 0;
    for (const char *c = content; *c != '\0'; c++) {
        if (strncmp(c, "</text>", 7) == 0)
            break;
        if (*c == '<')
            in_tag = 1;
        else if (*c == '>')
            in_tag = 0;
        else if (!in_tag)
            n++;
    }
    return n;
}

/* The "RSA at 2048 bits: 10^k years" labels lie inside the right panel's frame
 * (they ran past its right side): x plus a width no rendering exceeds,
 * every character 0.62 em of the label's 13 px (Arial and Helvetica
 * Bold: digits 0.556 em, no letter of the label over 0.611), less than
 * the frame's right side, and the text's top below the frame's top. */
static void expect_labels_inside(const char *svg)
{
    double left, top, width, height;
    const char *frame = strstr(svg, "<rect x=\"590.0\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(frame);
    CU_ASSERT_EQUAL_FATAL(sscanf(frame, "<rect x=\"%lf\" y=\"%lf\" width=\"%lf\" "
                                 "height=\"%lf\"", &left, &top, &width, &height), 4);
    unsigned labels = 0;
    for (const char *s = strstr(svg, "<text class=\"at-2048\""); s != NULL;
         s = strstr(s + 1, "<text class=\"at-2048\"")) {
        double x, y;
        CU_ASSERT_EQUAL_FATAL(sscanf(s, "<text class=\"at-2048\" x=\"%lf\" "
                                     "y=\"%lf\"", &x, &y), 2);
        const char *content = strchr(s, '>') + 1;
        double estimated = (double)visible_chars(content) * 0.62 * 13 + 3;
        if (!(x > left && x + estimated < left + width && y - 18 > top))
            printf("\n  label at x %.1f y %.1f, about %.0f px wide: outside "
                   "the frame %.0f..%.0f, top %.0f\n", x, y, estimated, left,
                   left + width, top);
        CU_ASSERT_TRUE(x > left);
        CU_ASSERT_TRUE(x + estimated < left + width);
        CU_ASSERT_TRUE(y - 18 > top && y < top + height);
        labels++;
    }
    CU_ASSERT_EQUAL(labels, 2);
}

/* The keysize table's rows must be the SVG's measured points. */
static void test_keysize_chart(void)
{
    char path[] = "/tmp/test_slides_XXXXXX.svg";
    int fd = mkstemps(path, 4);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    run_output out;
    run_example(&out, "keysize", NULL, 0, 0, path);
    expect_clean(&out, 2);

    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    static char svg[1 << 20];
    size_t svg_len = fread(svg, 1, sizeof svg - 1, f);
    svg[svg_len] = '\0';
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(svg, "</svg>"));

    const char *labels[] = { "factor N", "discrete log" };
    for (int k = 0; k < 2; k++) {
        unsigned rows = 0;
        for (const char *p = out.text; p != NULL && *p != '\0';) {
            unsigned bits;
            int matched = 0;
            char seconds[32], label[48];
            /* %n: the whole row matched, up to its " s" (a "not finished
             * within the budget" row, frequent under emulation, is no
             * point: sscanf counts its "not" as seconds) */
            snprintf(label, sizeof label, "  %%u bits  %s %%31s s%%n", labels[k]);
            if (sscanf(p, label, &bits, seconds, &matched) == 2 && matched > 0) {
                char want[160];
                snprintf(want, sizeof want, "data-curve=\"%s\" data-bits=\"%u\" "
                         "data-seconds=\"%s\"", labels[k], bits, seconds);
                CU_ASSERT_PTR_NOT_NULL(strstr(svg, want));
                rows++;
            }
            const char *end = strchr(p, '\n');
            p = end != NULL ? end + 1 : NULL;
        }
        CU_ASSERT_TRUE(rows >= 3);
        /* No point in the SVG that the table does not list. */
        unsigned points = 0;
        char tag[64];
        snprintf(tag, sizeof tag, "data-curve=\"%s\"", labels[k]);
        for (const char *s = strstr(svg, tag); s != NULL; s = strstr(s + 1, tag))
            points++;
        CU_ASSERT_EQUAL(points, rows);
    }
    expect_labels_inside(svg);
    if (system("command -v xmllint >/dev/null 2>&1") == 0) {
        char command[128];
        snprintf(command, sizeof command, "xmllint --noout %s", path);
        CU_ASSERT_EQUAL(system(command), 0);
    }
    unlink(path);
    free(out.text);
}

/* --step: with a terminal it waits for one line per step; without one it
 * never reads. */
static void test_step_mode(void)
{
    char enters[] = "\n\n\n\n\n\n\n\n\n\n";
    FILE *in = fmemopen(enters, strlen(enters), "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    run_output out;
    run_example(&out, "dh", in, 1, 1, NULL);
    CU_ASSERT_EQUAL(out.status, 0);
    CU_ASSERT_EQUAL(count_prefix(&out, "  [Enter for step 1]"), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(out.text, "[Enter for step 5]"));
    CU_ASSERT_EQUAL(ftell(in), 5); /* one Enter per step, 5 steps */
    fclose(in);
    free(out.text);

    in = fmemopen(enters, strlen(enters), "r");
    run_example(&out, "dh", in, 1, 0, NULL);
    CU_ASSERT_EQUAL(out.status, 0);
    CU_ASSERT_PTR_NULL(strstr(out.text, "[Enter"));
    CU_ASSERT_EQUAL(ftell(in), 0);
    CU_ASSERT_EQUAL(out.ctx.checked, 7);
    fclose(in);
    free(out.text);
}

/* The stepping exponentiation against GMP for every small case. */
static void test_powm_steps_against_gmp(void)
{
    FILE *null = fopen("/dev/null", "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(null);
    slide_ctx ctx;
    slide_ctx_init(&ctx, null);
    mpz_t r, b, e, m;
    mpz_inits(r, b, e, m, NULL);
    for (unsigned long mod = 2; mod < 40; mod++)
        for (unsigned long base = 0; base < 45; base += 4)
            for (unsigned long exp = 0; exp < 70; exp++) {
                unsigned long ours = 0;
                CU_ASSERT_EQUAL(slide_powm_steps(&ctx, &ours, base, exp, mod),
                                SEE_OK);
                mpz_set_ui(b, base);
                mpz_set_ui(e, exp);
                mpz_set_ui(m, mod);
                mpz_powm(r, b, e, m);
                CU_ASSERT_EQUAL(ours, mpz_get_ui(r));
            }
    unsigned long ignored;
    CU_ASSERT_EQUAL(slide_powm_steps(&ctx, &ignored, 2, 3, 1), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(slide_powm_steps(&ctx, &ignored, 2, 3, UINT64_C(1) << 33),
                    SEE_ERR_ARGUMENT);
    mpz_clears(r, b, e, m, NULL);
    fclose(null);
}

/* An unknown label can never pass as checked. */
static void test_check_unknown_label(void)
{
    static const slide_claim claims[] = { { "x", "1", "x = 1" } };
    run_output out;
    memset(&out, 0, sizeof out);
    FILE *mem = open_memstream(&out.text, &out.len);
    slide_ctx_init(&out.ctx, mem);
    CU_ASSERT_EQUAL(slide_check(&out.ctx, claims, 1, "x", "1"), 1);
    CU_ASSERT_EQUAL(slide_check(&out.ctx, claims, 1, "x", "2"), 0);
    CU_ASSERT_EQUAL(slide_check(&out.ctx, claims, 1, "y", "1"), 0);
    fclose(mem);
    ASSERT_LINE(&out, "  checked  x = 1");
    ASSERT_LINE(&out, "ERRATUM x: the slide says 1, computed 2");
    ASSERT_LINE(&out, "ERRATUM y: the slide says (no such claim), computed 1");
    CU_ASSERT_EQUAL(out.ctx.checked, 1);
    CU_ASSERT_EQUAL(out.ctx.errata, 2);
    free(out.text);
}

/* On a terminal the verdicts are coloured; the words stay first. */
static void test_styled_verdicts(void)
{
    static const slide_claim claims[] = { { "x", "1", "x = 1" } };
    run_output out;
    memset(&out, 0, sizeof out);
    FILE *mem = open_memstream(&out.text, &out.len);
    slide_ctx_init(&out.ctx, mem);
    out.ctx.styled = 1;
    slide_check(&out.ctx, claims, 1, "x", "1");
    slide_check(&out.ctx, claims, 1, "x", "2");
    fclose(mem);
    ASSERT_LINE(&out, "  \033[32mchecked\033[0m  x = 1");
    ASSERT_LINE(&out, "\033[1;31mERRATUM\033[0m x: the slide says 1, computed 2");
    free(out.text);
}

static void test_every_example_listed(void)
{
    const char *names[] = { "wires", "subst", "factor", "rsa", "signature", "hash",
                            "certificate", "dh", "sizes", "ca-price",
                            "keysize" };
    CU_ASSERT_EQUAL(SLIDE_EXAMPLE_COUNT, sizeof names / sizeof names[0]);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        CU_ASSERT_PTR_NOT_NULL(slide_find(names[i]));
    CU_ASSERT_PTR_NULL(slide_find("nope"));
}

static CU_TestInfo tests[] = {
    { "rsa: n, t(n), gcd, d, 12^7, 3^23 step by step", test_rsa },
    { "signature: three errata, the true c = 12", test_signature_errata },
    { "dh: A, B, S(Alice), S(Bob), primitive root", test_dh },
    { "factor: 143, 8633, 175828273", test_factor },
    { "hash: fixed size, avalanche", test_hash },
    { "certificate: toy and 2048-bit", test_certificate },
    { "sizes: PS a note (its random part), 256 bytes, RB, RS, keys", test_sizes_note },
    { "ca-price: 40 * 1000, 40 * 5000", test_ca_price },
    { "subst: key, table, I LOVE TLS", test_subst },
    { "wires: n * (n - 1) / 2", test_wires },
    { "keysize: table rows are the SVG's points", test_keysize_chart },
    { "--step: waits only on a terminal", test_step_mode },
    { "square-and-multiply against GMP", test_powm_steps_against_gmp },
    { "slide_check: unknown label, mismatch", test_check_unknown_label },
    { "terminal: coloured verdicts", test_styled_verdicts },
    { "every example is listed", test_every_example_listed },
    CU_TEST_INFO_NULL,
};

int main(void) { return run_suite("slides", tests); }
