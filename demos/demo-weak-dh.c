/*
 * demo-weak-dh: why the size of the Diffie-Hellman group matters.
 *
 *   build/demo-weak-dh [--bits N] [--seed TEXT] [--max-seconds T]
 *                      [--max-bits M]
 *
 * Our client (the browser, B) and our server (S) run a real TLS 1.2
 * handshake, TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, over the in-memory pipe,
 * in a tiny group: a safe prime p = 2q + 1 of N bits (default 40), g = 4.
 * The client must be told to accept a group that small (tls_config's
 * min_dh_bits); by default it refuses anything below 2048 bits. It also
 * lists no group (an old client): one that lists RFC 7919's groups gets
 * one of them, never the server's own. B then sends three robot commands.
 * A tap copies every byte on the wire.
 *
 * Eve has the recording and nothing else. From the clear handshake she
 * reads RB, RS (the hellos), p, g, Ys = g^a mod p (ServerKeyExchange) and
 * Yc = g^b mod p (ClientKeyExchange). She finds the server's secret a from
 * Ys (a discrete logarithm: Pollard's rho, cryptanalysis/dlog.h), computes
 * PS = Yc^a mod p, the master secret (with the extended master secret
 * extension the client and server negotiate: PRF(PS, "extended master
 * secret", SHA-256 of the handshake messages ClientHello..ClientKeyExchange),
 * which she hashes from the recording too), then I_B, I_S, C_B, C_S, and
 * decrypts B's records; the MAC under I_B proves the keys right.
 *
 * Then a table: fresh groups of 24, 32, 40, ... bits, each discrete log
 * timed, until the next one would take more than --max-seconds (default
 * 10) or pass --max-bits (default 64). Each 8 more bits multiply the work
 * by about 16 (rho takes about sqrt(q) steps); the closing paragraph
 * carries the measured rate to ffdhe2048.
 *
 * Seeded randomness (default "seetls weak dh"): INSECURE, for class only;
 * the same seed gives the same output, apart from the times.
 */
#include <getopt.h>
#include <math.h>
#include <time.h>

#include "crypto/bignum.h"
#include "crypto/dh.h"
#include "cryptanalysis/dlog.h"
#include "crypto/random.h"
#include "demos/common_eve.h"
#include "demos/common_text.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void print_number(const char *name, const mpz_t x)
{
    gmp_printf("  %-4s = %Zd (0x%Zx)\n", name, x, x);
}

/* a with g^a = y mod p, for g of prime order q; Pollard's rho (needs no
 * table, so it scales to any size the clock allows). *steps counts its
 * steps. 0 when found. */
static int solve_dlog(mpz_t a, uint64_t *steps, const mpz_t g, const mpz_t y,
                      const mpz_t p, const mpz_t q)
{
    int found = 0;
    *steps = 0;
    if (dlog_pollard_rho(a, &found, steps, g, y, p, q, UINT64_MAX / 4) != SEE_OK)
        return -1;
    return found ? 0 : -1;
}

/* ---------------------------------------------------- the handshake --- */

static const char *const commands[] = { "f 50 75", "l 90 60", "s" };
#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

static int record_session(const char *seed, unsigned bits, dh_group *group, wire *w)
{
    see_rng key_rng, client_rng, server_rng;
    demo_seeded_rng(&key_rng, "%s/keys", seed);
    demo_seeded_rng(&client_rng, "%s/client", seed);
    demo_seeded_rng(&server_rng, "%s/server", seed);

    static server_identity id;
    if (identity_make(&id, &key_rng, 2048) != 0 ||
        dh_group_generate(group, &key_rng, bits, 1) != SEE_OK) {
        fprintf(stderr, "demo-weak-dh: could not make the keys or the group\n");
        return -1;
    }
    tls_config ccfg, scfg;
    demo_configs_init(&ccfg, &scfg, &client_rng, &server_rng,
                      TLS_DHE_RSA_WITH_AES_128_CBC_SHA256);
    ccfg.min_dh_bits = bits;            /* B accepts the tiny group */
    ccfg.group_count = 0;               /* and lists none (RFC 7919 4) */
    scfg.dh_group = group;
    int rc = session_run(&ccfg, &scfg, &id, commands, COMMAND_COUNT, w);
    rsa_private_clear(&id.key);
    if (rc != 0)
        fprintf(stderr, "demo-weak-dh: the handshake or the commands failed\n");
    return rc;
}

/* -------------------------------------------------------------- Eve --- */

/* Eve's attack on the recording; 0 when she read every command. */
static int eve_attack(const wire *w)
{
    static eve_view v;
    if (eve_parse(w, &v) != SEE_OK || v.p == NULL) {
        fprintf(stderr, "demo-weak-dh: Eve could not parse the recording\n");
        return -1;
    }
    demo_heading("Eve reads the clear handshake from the recording");
    printf("  %zu bytes B -> S, %zu bytes S -> B\n", w->len[0], w->len[1]);
    printf("  suite %s, extended master secret %s, encrypt_then_mac %s\n",
           tls_suite_name(v.suite), v.ems ? "yes" : "no", v.etm ? "yes" : "no");
    printf("  RB   = ");
    print_hex(v.rb, sizeof v.rb, 32);
    printf("\n  RS   = ");
    print_hex(v.rs, sizeof v.rs, 32);
    printf("\n");
    mpz_t p, g, q, ys, yc, a, ps;
    mpz_inits(p, g, q, ys, yc, a, ps, NULL);
    bn_from_bytes(p, v.p, v.p_len);
    bn_from_bytes(g, v.g, v.g_len);
    bn_from_bytes(ys, v.ys, v.ys_len);
    bn_from_bytes(yc, v.cke, v.cke_len);
    mpz_sub_ui(q, p, 1);
    mpz_fdiv_q_2exp(q, q, 1); /* a safe prime: g = 4 has order q = (p-1)/2 */
    printf("  p    = %zu bits\n", mpz_sizeinbase(p, 2));
    print_number("p", p);
    print_number("g", g);
    print_number("Ys", ys);
    printf("         (the server's g^a mod p, ServerKeyExchange)\n");
    print_number("Yc", yc);
    printf("         (the browser's g^b mod p, ClientKeyExchange)\n");

    demo_heading("Eve solves the discrete logarithm: a with g^a = Ys mod p");
    uint64_t steps;
    double t0 = now_seconds();
    int rc = solve_dlog(a, &steps, g, ys, p, q);
    double t1 = now_seconds();
    if (rc != 0) {
        fprintf(stderr, "demo-weak-dh: Eve's discrete logarithm failed\n");
        mpz_clears(p, g, q, ys, yc, a, ps, NULL);
        return -1;
    }
    print_number("a", a);
    printf("  Pollard's rho: %llu steps, %.3f s\n", (unsigned long long)steps, t1 - t0);

    /* PS = Yc^a mod p, its leading zero bytes stripped (RFC 5246 8.1.2). */
    mpz_powm(ps, yc, a, p);
    uint8_t psb[64];
    size_t ps_len = bn_byte_length(ps);
    bn_to_bytes(ps, psb, ps_len);
    uint8_t master[TLS_MASTER_SECRET_SIZE];
    tls_session_keys keys;
    eve_keys(&v, psb, ps_len, master, &keys);
    demo_heading("Eve derives the keys, as B and S did");
    printf("  PS   = Yc^a mod p = ");
    print_hex(psb, ps_len, 64);
    printf("\n  master secret = PRF(PS, %s)\n     = ",
           v.ems ? "\"extended master secret\", SHA-256(ClientHello..ClientKeyExchange)"
                 : "\"master secret\", RB + RS");
    print_hex(master, sizeof master, 48);
    printf("\n  I_B  = ");
    print_hex(keys.i_b, keys.sizes.mac_key_len, 32);
    printf("\n  I_S  = ");
    print_hex(keys.i_s, keys.sizes.mac_key_len, 32);
    printf("\n  C_B  = ");
    print_hex(keys.c_b, keys.sizes.key_len, 16);
    printf("\n  C_S  = ");
    print_hex(keys.c_s, keys.sizes.key_len, 16);
    printf("\n");

    demo_heading("Eve decrypts B's records with C_B, I_B and S's with C_S, I_S");
    size_t unopened;
    size_t commands_read = eve_read_b_records(&v, &keys, "", "does not decrypt", commands,
                                              COMMAND_COUNT, &unopened);
    int all_ok = unopened == 0;
    /* S's records (its Finished and close_notify) open with C_S and I_S. */
    for (size_t i = 0; i < v.s.prot_count; i++) {
        uint8_t out[TLS_MAX_CIPHERTEXT];
        size_t out_len;
        int opened = eve_decrypt(&v, &keys, 0, i, &v.s.prot[i], out, sizeof out,
                                 &out_len) == SEE_OK;
        if (!opened)
            all_ok = 0;
        printf("  S's record %zu (C_S, I_S): %s\n", i,
               !opened ? "does not decrypt"
               : v.s.prot[i].type == TLS_CONTENT_HANDSHAKE ? "Finished, MAC ok"
                                                           : "alert (close_notify), MAC ok");
        see_wipe(out, sizeof out);
    }
    printf("  total: %.3f s from the recording to the commands\n", now_seconds() - t0);
    see_wipe(psb, sizeof psb);
    see_wipe(master, sizeof master);
    see_wipe(&keys, sizeof keys);
    mpz_clears(p, g, q, ys, yc, a, ps, NULL);
    return all_ok && commands_read == COMMAND_COUNT ? 0 : -1;
}

/* ------------------------------------------------------ the table --- */

/* Fresh groups of growing size: one group per row and TABLE_TRIALS fresh
 * exponents a in it (rho's step count varies a lot from one a to the
 * next), the mean steps and time per discrete log. The measured rate
 * (steps per second) and the mean growth of the steps per 8 bits go to
 * *rate and *factor for the closing words. */
#define TABLE_TRIALS 3

static void growth_table(const char *seed, unsigned max_bits, double max_seconds,
                         double *rate, double *factor)
{
    see_rng rng;
    demo_seeded_rng(&rng, "%s/table", seed);
    demo_heading("The same attack on growing groups (mean of 3 fresh a each)");
    printf("  %6s  %14s  %8s  %12s\n", "bits", "rho steps", "x prev", "seconds");
    double prev_steps = 0, last_time = 0, first_steps = 0, last_steps = 0;
    unsigned first_bits = 0, last_bits = 0;
    uint64_t total_steps = 0;
    double total_time = 0;
    for (unsigned bits = 24; bits <= max_bits; bits += 8) {
        /* rho needs about 16 times as long for 8 more bits: stop before
         * the budget would run out. */
        if (last_time * 16 > max_seconds) {
            printf("  %6u  (not run: about %.0f s expected, over --max-seconds %g)\n",
                   bits, last_time * 16, max_seconds);
            break;
        }
        dh_group group;
        dh_group_init(&group);
        mpz_t a, y, found;
        mpz_inits(a, y, found, NULL);
        uint64_t steps_sum = 0;
        int ok = dh_group_generate(&group, &rng, bits, 1) == SEE_OK;
        double t0 = now_seconds();
        for (int i = 0; ok && i < TABLE_TRIALS; i++) {
            uint64_t steps = 0;
            ok = dh_generate_key(&group, &rng, a, y) == SEE_OK &&
                 solve_dlog(found, &steps, group.g, y, group.p, group.q) == 0 &&
                 mpz_cmp(found, a) == 0;
            steps_sum += steps;
        }
        double t = (now_seconds() - t0) / TABLE_TRIALS;
        mpz_clears(a, y, found, NULL);
        dh_group_clear(&group);
        if (!ok) {
            printf("  %6u  failed\n", bits);
            break;
        }
        double steps = (double)steps_sum / TABLE_TRIALS;
        printf("  %6u  %14.0f", bits, steps);
        if (prev_steps > 0)
            printf("  %8.1f", steps / prev_steps);
        else
            printf("  %8s", "");
        printf("  %12.3f\n", t);
        if (first_bits == 0) {
            first_bits = bits;
            first_steps = steps;
        }
        last_bits = bits;
        last_steps = steps;
        prev_steps = steps;
        last_time = t;
        total_steps += steps_sum;
        total_time += t * TABLE_TRIALS;
    }
    *rate = total_time > 0 ? (double)total_steps / total_time : 0;
    *factor = last_bits > first_bits
                  ? pow(last_steps / first_steps, 8.0 / (last_bits - first_bits))
                  : 0;
}

/* Why Eve stops long before ffdhe2048, in the measured figures. */
static void closing_words(double rate, double factor)
{
    demo_heading("Why Eve cannot do this for ffdhe2048");
    if (factor > 0)
        printf("  Measured: each 8 more bits multiplied Eve's steps by about %.1f\n"
               "  (rho needs about sqrt(q) steps: 2^4 = 16 times more per 8 bits).\n",
               factor);
    printf("  Eve's machine did about %.2e rho steps per second.\n", rate);
    /* ffdhe2048 (RFC 7919): p of 2048 bits, q = (p-1)/2; our server's a has
     * 225 bits (RFC 7919 5.2). Generic attacks need about sqrt of the
     * search space: 2^112 steps for a 225-bit a (Pollard's kangaroo), 2^1023
     * for rho on q; the number field sieve, the best known attack on the
     * group itself, still costs about 2^103 (RFC 7919's strength figure). */
    double year = 365.25 * 86400;
    double log10_years = 103 * log10(2.0) - log10(rate > 0 ? rate : 1) - log10(year);
    printf("  ffdhe2048 (RFC 7919): p has 2048 bits and a has 225 bits. Rho on\n"
           "  q would need about 2^1023 steps, a kangaroo walk on a 225-bit a\n"
           "  about 2^112. The best known attack, the number field sieve, costs\n"
           "  about 2^103 operations: counted as rho steps at this rate, that is\n"
           "  10^%.0f years (the universe is about 10^10 years old). Each 8 bits\n"
           "  of group multiply Eve's rho work by about 16 and cost B and S\n"
           "  almost nothing: 2048 bits put the recording out of her reach.\n",
           log10_years);
}

int main(int argc, char **argv)
{
    bn_install_wiping_allocator(); /* first: GMP wipes all it frees */
    static const struct option options[] = {
        {"bits", required_argument, NULL, 'b'},
        {"seed", required_argument, NULL, 's'},
        {"max-seconds", required_argument, NULL, 't'},
        {"max-bits", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *seed = "seetls weak dh";
    unsigned long bits = 40, max_bits = 64;
    double max_seconds = 10;
    int opt;
    char *end;
    while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (opt) {
        case 'b':
            bits = strtoul(optarg, &end, 10);
            if (*end != '\0' || bits < 16 || bits > 64) {
                fprintf(stderr, "demo-weak-dh: --bits is a number from 16 to 64\n");
                return 2;
            }
            break;
        case 'm':
            max_bits = strtoul(optarg, &end, 10);
            if (*end != '\0' || max_bits > 128) {
                fprintf(stderr, "demo-weak-dh: --max-bits is a number up to 128\n");
                return 2;
            }
            break;
        case 't':
            max_seconds = strtod(optarg, &end);
            if (*end != '\0' || !(max_seconds > 0)) {
                fprintf(stderr, "demo-weak-dh: --max-seconds is a positive number\n");
                return 2;
            }
            break;
        case 's': seed = optarg; break;
        default:
            return demo_usage("usage: demo-weak-dh [--bits N] [--seed TEXT] [--max-seconds T] "
                              "[--max-bits M]\n", opt);
        }
    }
    if (demo_no_operands("demo-weak-dh", argc, argv) != 0)
        return 2;
    demo_seeded_banner("demo-weak-dh", seed);

    demo_heading("B and S: a DHE handshake in a tiny group, then robot commands");
    static wire w;
    if (wire_init(&w) != 0)
        return 1;
    dh_group group;
    dh_group_init(&group);
    int rc = record_session(seed, (unsigned)bits, &group, &w);
    if (rc == 0) {
        printf("  group: a safe prime p of %u bits, g = 4\n", dh_group_bits(&group));
        printf("  B sent:");
        for (size_t i = 0; i < COMMAND_COUNT; i++)
            printf(" \"%s\"", commands[i]);
        printf("; S received all of them\n");
        rc = eve_attack(&w);
    }
    dh_group_clear(&group);
    wire_free(&w);
    if (rc != 0)
        return 1;
    double rate, factor;
    growth_table(seed, (unsigned)max_bits, max_seconds, &rate, &factor);
    closing_words(rate, factor);
    return 0;
}
