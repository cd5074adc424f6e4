/*
 * demo-forward-secrecy: what happens to yesterday's recordings when the
 * server's private key leaks.
 *
 *   build/demo-forward-secrecy [--seed TEXT]
 *
 * Our client (the browser, B) talks to our server (S) three times, each
 * time sending the same robot commands, and Eve records the sessions:
 *
 *   1. TLS_RSA_WITH_AES_128_GCM_SHA256: B encrypts PS under S's RSA key
 *      (ClientKeyExchange, RFC 5246 7.4.7.1); AES-128-GCM records (the RSA
 *      suite browsers still offer).
 *   2. TLS_DHE_RSA_WITH_AES_128_CBC_SHA256 in ffdhe2048: S sends
 *      Ys = g^a mod p signed with its RSA key, B sends Yc = g^b mod p, and
 *      PS = g^ab mod p (7.4.3, 7.4.7.2); the slides' CBC records.
 *   3. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 on x25519 (RFC 8422, RFC
 *      7748): the same on a curve. S sends Ys = a*G signed with its RSA
 *      key, B sends Yc = b*G, and PS = a*Yc = b*Ys = (ab)*G.
 *
 * a and b are wiped when the connections end.
 *
 * Afterwards Eve gets S's private RSA key (a break-in, a court order, a
 * careless backup). With it she decrypts PS from the RSA session's
 * ClientKeyExchange, derives the master secret and the session keys, and
 * reads the commands (the record layer's own record_unprotect opens the
 * GCM records for her). On the DHE and ECDHE sessions the key is useless:
 * it only signed Ys (the signature verifies, that is all it ever did); the
 * ClientKeyExchange holds Yc, not an encryption of PS; and PS needs a or b,
 * which no longer exist. Trying as PS what she does have (Ys, Yc) opens
 * no record of the ECDHE session: every tag fails. That is forward
 * secrecy.
 *
 * Seeded randomness (default "seetls forward secrecy"): INSECURE, for class
 * only; the same seed gives the same output.
 */
#include <getopt.h>

#include "crypto/bignum.h"
#include "crypto/random.h"
#include "demos/common_eve.h"
#include "demos/common_text.h"

static const char *const commands[] = { "f 50 75", "l 90 60", "s" };
#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

/* One recorded session of the given suite with S's identity. */
static int record_session(const char *seed, const char *tag, uint16_t suite,
                          const server_identity *id, wire *w)
{
    see_rng client_rng, server_rng;
    demo_seeded_rng(&client_rng, "%s/%s/client", seed, tag);
    demo_seeded_rng(&server_rng, "%s/%s/server", seed, tag);
    tls_config ccfg, scfg;
    demo_configs_init(&ccfg, &scfg, &client_rng, &server_rng, suite);
    scfg.dh_group = NULL; /* ffdhe2048 */
    if (session_run(&ccfg, &scfg, id, commands, COMMAND_COUNT, w) != 0) {
        fprintf(stderr, "demo-forward-secrecy: the %s session failed\n", tag);
        return -1;
    }
    printf("  [%s] %s: %zu bytes B -> S, %zu bytes S -> B recorded\n", tag,
           tls_suite_name(suite), w->len[0], w->len[1]);
    return 0;
}

/* The RSA session: PS is right there in the ClientKeyExchange, encrypted
 * under the key Eve now has. 0 when she read every command. */
static int break_rsa_session(const wire *w, const rsa_private_key *key)
{
    static eve_view v;
    demo_heading("Eve with S's private key, on the RSA session");
    if (eve_parse(w, &v) != SEE_OK) {
        fprintf(stderr, "demo-forward-secrecy: Eve could not parse the RSA session\n");
        return -1;
    }
    uint8_t ps[512];
    size_t ps_len = 0;
    if (rsa_pkcs1_decrypt(key, NULL, v.cke, v.cke_len, ps, sizeof ps, &ps_len) != SEE_OK ||
        ps_len != RSA_PREMASTER_SIZE) {
        printf("  [rsa] the ClientKeyExchange does not decrypt\n");
        return -1;
    }
    printf("  [rsa] ClientKeyExchange: %zu bytes, RSA-decrypted with S's key:\n", v.cke_len);
    printf("  [rsa] PS   = ");
    print_hex(ps, ps_len, 48);
    printf("\n");
    uint8_t master[TLS_MASTER_SECRET_SIZE];
    tls_session_keys keys;
    eve_keys(&v, ps, ps_len, master, &keys);
    printf("  [rsa] master secret (%s) = ", v.ems ? "extended, from the session hash" : "from RB, RS");
    print_hex(master, sizeof master, 16);
    printf("\n  [rsa] C_B  = ");
    print_hex(keys.c_b, keys.sizes.key_len, 16);
    printf("   IV_B = ");
    print_hex(keys.iv_b, keys.sizes.iv_len, 8);
    printf(" (AES-128-GCM: no MAC key)\n");
    size_t unopened;
    size_t read = eve_read_b_records(&v, &keys, "[rsa] ",
                                     "wrong keys (the GCM tag fails)", commands,
                                     COMMAND_COUNT, &unopened);
    see_wipe(ps, sizeof ps);
    see_wipe(master, sizeof master);
    see_wipe(&keys, sizeof keys);
    printf("  [rsa] Eve reads the session: %s\n",
           read == COMMAND_COUNT ? "every command" : "NOT everything");
    return read == COMMAND_COUNT ? 0 : -1;
}

/* 1 if S's signature over RB + RS + the key exchange's parameters
 * (ServerDHParams, RFC 5246 7.4.3, or ServerECDHParams, RFC 8422 5.4)
 * verifies under the public half of key: what the key did in a session. */
static int signature_valid(const eve_view *v, const rsa_private_key *key)
{
    static uint8_t signed_msg[2 * TLS_RANDOM_SIZE + 2048];
    size_t n = 2 * TLS_RANDOM_SIZE;
    if (v->params_len > sizeof signed_msg - n)
        return 0;
    memcpy(signed_msg, v->rb, TLS_RANDOM_SIZE);
    memcpy(signed_msg + TLS_RANDOM_SIZE, v->rs, TLS_RANDOM_SIZE);
    memcpy(signed_msg + n, v->params, v->params_len);
    n += v->params_len;
    rsa_public_key pub;
    rsa_public_init(&pub);
    rsa_public_from_private(&pub, key);
    int ok = rsa_pkcs1_verify(&pub, signed_msg, n, v->sig, v->sig_len) == SEE_OK;
    rsa_public_clear(&pub);
    return ok;
}

/* Whether S's RSA key "decrypts" the session's ClientKeyExchange into a
 * 48-byte PS, as it does under RSA key transport. */
static int rsa_opens_cke(const eve_view *v, const rsa_private_key *key)
{
    uint8_t ps[512];
    size_t ps_len = 0;
    see_status st = rsa_pkcs1_decrypt(key, NULL, v->cke, v->cke_len, ps, sizeof ps,
                                      &ps_len);
    see_wipe(ps, sizeof ps);
    return st == SEE_OK && ps_len == RSA_PREMASTER_SIZE;
}

/* The DHE session: everything the key can do, and why it is not enough.
 * 0 when Eve failed, as she must. */
static int try_dhe_session(const wire *w, const rsa_private_key *key)
{
    static eve_view v;
    demo_heading("Eve with S's private key, on the DHE session");
    if (eve_parse(w, &v) != SEE_OK || v.p == NULL) {
        fprintf(stderr, "demo-forward-secrecy: Eve could not parse the DHE session\n");
        return -1;
    }
    printf("  [dhe] p: %zu bits (ffdhe2048), Ys: %zu bytes, Yc: %zu bytes\n",
           v.p_len * 8, v.ys_len, v.cke_len);

    /* 1. What S's key did in this session: sign RB + RS + ServerDHParams
     * (RFC 5246 7.4.3). Eve can check it, as B did. */
    int sig_ok = signature_valid(&v, key);
    printf("  [dhe] S's signature over RB, RS, p, g, Ys: %s\n",
           sig_ok ? "valid. The key only signed the DH values" : "INVALID");

    /* 2. The ClientKeyExchange is Yc = g^b mod p, not PS under the RSA key:
     * "decrypting" it gives no PS. */
    int got_ps = rsa_opens_cke(&v, key);
    printf("  [dhe] RSA-decrypting the ClientKeyExchange: %s\n",
           got_ps ? "48 bytes?!" : "no PS in it (it holds Yc = g^b mod p)");

    /* 3. PS = Yc^a = Ys^b mod p needs a or b. */
    printf("  [dhe] PS = Yc^a mod p = Ys^b mod p needs a or b: both were\n"
           "        random, used once and wiped when the connections ended;\n"
           "        finding a from Ys is the discrete log in a 2048-bit group.\n");
    printf("  [dhe] Eve cannot decrypt the DHE session\n");
    return sig_ok && !got_ps ? 0 : -1;
}

/* The ECDHE session: the same as DHE, on a curve; and Eve's guesses (the
 * public values as PS) open nothing. 0 when she failed, as she must. */
static int try_ecdhe_session(const wire *w, const rsa_private_key *key)
{
    static eve_view v;
    demo_heading("Eve with S's private key, on the ECDHE session");
    if (eve_parse(w, &v) != SEE_OK || !v.ecdhe) {
        fprintf(stderr, "demo-forward-secrecy: Eve could not parse the ECDHE session\n");
        return -1;
    }
    char kx[128];
    eve_describe_key_exchange(&v, kx, sizeof kx);
    printf("  [ecdhe] ServerKeyExchange: %s; Yc: %zu bytes\n", kx, v.cke_len);
    printf("  [ecdhe] Ys = a*G, Yc = b*G: G the curve's base point (u = 9), a\n"
           "          and b S's and B's secret numbers (the slides' g^a, g^b)\n");
    int sig_ok = signature_valid(&v, key);
    printf("  [ecdhe] S's signature over RB, RS, curve, Ys: %s\n",
           sig_ok ? "valid. The key only signed the curve point" : "INVALID");
    int got_ps = rsa_opens_cke(&v, key);
    printf("  [ecdhe] RSA-decrypting the ClientKeyExchange: %s\n",
           got_ps ? "48 bytes?!" : "no PS in it (it holds Yc = b*G, 32 bytes)");

    /* What she has, tried as PS: the records' tags say no. */
    size_t opened = 0, unopened;
    const uint8_t *guesses[2] = { v.ys, v.cke };
    size_t guess_len[2] = { v.ys_len, v.cke_len };
    const char *names[2] = { "Ys", "Yc" };
    for (int i = 0; i < 2; i++) {
        uint8_t master[TLS_MASTER_SECRET_SIZE];
        tls_session_keys keys;
        eve_keys(&v, guesses[i], guess_len[i], master, &keys);
        char prefix[32];
        snprintf(prefix, sizeof prefix, "[ecdhe] PS = %s? ", names[i]);
        (void)eve_read_b_records(&v, &keys, prefix, "UNOPENED (the GCM tag fails)",
                                 commands, COMMAND_COUNT, &unopened);
        opened += v.b.prot_count - unopened;
        see_wipe(master, sizeof master);
        see_wipe(&keys, sizeof keys);
    }
    printf("  [ecdhe] PS = a*Yc = b*Ys = (ab)*G needs a or b: both were random,\n"
           "          used once and wiped; finding a from Ys = a*G is the\n"
           "          elliptic-curve discrete log on Curve25519, about 2^126 steps.\n");
    printf("  [ecdhe] Eve cannot decrypt the ECDHE session\n");
    return sig_ok && !got_ps && opened == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    bn_install_wiping_allocator(); /* first: GMP wipes all it frees */
    static const struct option options[] = {
        {"seed", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *seed = "seetls forward secrecy";
    int opt;
    while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (opt) {
        case 's': seed = optarg; break;
        default: return demo_usage("usage: demo-forward-secrecy [--seed TEXT]\n", opt);
        }
    }
    if (demo_no_operands("demo-forward-secrecy", argc, argv) != 0)
        return 2;
    demo_seeded_banner("demo-forward-secrecy", seed);

    see_rng key_rng;
    demo_seeded_rng(&key_rng, "%s/keys", seed);
    static server_identity id;
    if (identity_make(&id, &key_rng, 2048) != 0) {
        fprintf(stderr, "demo-forward-secrecy: could not make S's key\n");
        return 1;
    }
    static wire rsa_wire, dhe_wire, ecdhe_wire;
    if (wire_init(&rsa_wire) != 0 || wire_init(&dhe_wire) != 0 ||
        wire_init(&ecdhe_wire) != 0)
        return 1;

    demo_heading("Today: B sends the same commands in three sessions; Eve records them");
    printf("  B sends:");
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        printf(" \"%s\"", commands[i]);
    printf("\n");
    int rc = record_session(seed, "rsa", TLS_RSA_WITH_AES_128_GCM_SHA256, &id, &rsa_wire);
    if (rc == 0)
        rc = record_session(seed, "dhe", TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, &id, &dhe_wire);
    if (rc == 0)
        rc = record_session(seed, "ecdhe", TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, &id,
                            &ecdhe_wire);

    if (rc == 0) {
        demo_heading("Later: S's private RSA key leaks to Eve");
        int rsa_rc = break_rsa_session(&rsa_wire, &id.key);
        int dhe_rc = try_dhe_session(&dhe_wire, &id.key);
        int ecdhe_rc = try_ecdhe_session(&ecdhe_wire, &id.key);
        rc = rsa_rc == 0 && dhe_rc == 0 && ecdhe_rc == 0 ? 0 : -1;
        demo_heading("Forward secrecy");
        printf("  With RSA key exchange, S's long-term key protects PS itself: whoever\n"
               "  gets the key later decrypts every recorded session, past and future.\n"
               "  With DHE, the long-term key only signs Ys (so B knows Ys came from\n"
               "  S); PS comes from a and b, fresh for each session and wiped after.\n"
               "  ECDHE is the same on a curve: Ys = a*G and Yc = b*G cross, both\n"
               "  sides reach (ab)*G, and what crossed never gives a or b.\n"
               "  Losing the key tomorrow does not open today's recordings: the\n"
               "  session keys are forward secret. (TLS 1.3 keeps only (EC)DHE.)\n");
    }
    rsa_private_clear(&id.key);
    wire_free(&rsa_wire);
    wire_free(&dhe_wire);
    wire_free(&ecdhe_wire);
    return rc == 0 ? 0 : 1;
}
