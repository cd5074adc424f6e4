/*
 * demo-keys: the keys of a TLS 1.2 session, derived as the slides tell it.
 *
 *   build/demo-keys [--seed N]
 *
 * From the two randoms RB and RS and the premaster secret PS, both sides
 * derive the master secret and from it the MAC keys I_B, I_S and the cipher
 * keys C_B, C_S (RFC 5246 6.3 and 8.1). Then one message is protected by
 * the record layer itself (handshake/record.h: RFC 5246 6.2.3.2,
 * HMAC-SHA256 over the sequence number, header and data; AES-128-CBC with
 * an explicit IV), checked by the receiver, and refused when Eve replays
 * it, because the sequence number has moved on.
 *
 * With --seed the run is reproducible (and insecure: it says so).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto/bignum.h"
#include "crypto/prf.h"
#include "crypto/random.h"
#include "core/util.h"
#include "codec/hex.h"
#include "demos/common_text.h"
#include "handshake/record.h"

static int use_colour;

static const char *bold(void) { return use_colour ? "\033[1m" : ""; }
static const char *cyan(void) { return use_colour ? "\033[36m" : ""; }
static const char *red(void) { return use_colour ? "\033[31m" : ""; }
static const char *green(void) { return use_colour ? "\033[32m" : ""; }
static const char *plain(void) { return use_colour ? "\033[0m" : ""; }

static void step(int n, const char *who, const char *what)
{
    printf("\n%sStep %d%s  %-18s %s%s%s\n", bold(), n, plain(), who, cyan(), what, plain());
}

/* A named value in hex, folded at 32 bytes a line under its name. */
static void value(const char *name, const uint8_t *bytes, size_t len)
{
    char hex[65];
    printf("        %-5s (%3zu bytes) ", name, len);
    for (size_t i = 0; i < len; i += 32) {
        size_t n = len - i < 32 ? len - i : 32;
        see_hex_encode(bytes + i, n, hex);
        printf("%s%s\n", i ? "                          " : "", hex);
    }
    if (len == 0)
        printf("(empty)\n");
}

static void note(const char *text)
{
    printf("        %s\n", text);
}

/* The server opens a record (header, then fragment) as the record layer
 * does, with I_B and C_B at the sequence number it expects next; 1 if it
 * is genuine. The content goes to plain_out. */
static int receive_record(record_cipher *from_browser, const uint8_t *record,
                          size_t record_len, uint8_t *plain_out, size_t cap,
                          size_t *plain_len)
{
    record_header h;
    *plain_len = 0;
    if (record_header_decode(record, record_len, &h) != SEE_OK ||
        h.length != record_len - TLS_RECORD_HEADER_SIZE)
        return 0;
    return record_unprotect(from_browser, h.type, h.version,
                            record + TLS_RECORD_HEADER_SIZE, h.length, plain_out,
                            cap, plain_len) == SEE_OK;
}

static const char help[] =
    "usage: demo-keys [--seed N]\n"
    "Derive the session keys of TLS 1.2 from RB, RS and PS, as the slides\n"
    "describe, protect one record with them, and refuse its replay.\n"
    "  --seed N   reproducible run from a seeded generator (INSECURE)\n";

int main(int argc, char **argv)
{
    bn_install_wiping_allocator(); /* first: GMP wipes all it frees */
    static const struct option options[] = {
        {"seed", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *seed = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (opt == 's')
            seed = optarg;
        else
            return demo_usage(help, opt);
    }
    use_colour = isatty(1) && getenv("NO_COLOR") == NULL;

    see_rng rng;
    if (seed != NULL) {
        rng_init_seeded(&rng, seed, strlen(seed));
        printf("%s*** INSECURE DEMO MODE: every random value below comes from a\n"
               "*** generator seeded with \"%s\". Anyone who knows the seed knows\n"
               "*** every key. Never use --seed for anything real. ***%s\n",
               red(), seed, plain());
    } else {
        rng_init_system(&rng);
    }

    printf("%sThe keys of a TLS 1.2 session, as the slides derive them%s\n"
           "(key exchange: RSA; records: AES-128-CBC with HMAC-SHA256)\n",
           bold(), plain());

    uint8_t rb[TLS_RANDOM_SIZE], rs[TLS_RANDOM_SIZE], ps[48];
    uint8_t master[TLS_MASTER_SECRET_SIZE];
    tls_session_keys keys;

    step(1, "Browser -> Server", "RB: the browser's 256-bit random (ClientHello)");
    if (rng_bytes(&rng, rb, sizeof rb) != SEE_OK)
        return 1;
    value("RB", rb, sizeof rb);

    step(2, "Server -> Browser", "RS: the server's 256-bit random (ServerHello)");
    if (rng_bytes(&rng, rs, sizeof rs) != SEE_OK)
        return 1;
    value("RS", rs, sizeof rs);

    step(3, "Browser", "PS: the premaster secret");
    ps[0] = 3; /* client_version: TLS 1.2 is 3.3 (RFC 5246 7.4.7.1) */
    ps[1] = 3;
    if (rng_bytes(&rng, ps + 2, 46) != SEE_OK)
        return 1;
    value("PS", ps, sizeof ps);
    note("03 03 (the version, TLS 1.2) + 46 random bytes: 368 random bits, 48 bytes.");
    note("It travels to the server encrypted under the server's RSA public key.");

    step(4, "both sides", "master secret = PRF(PS, \"master secret\", RB + RS)");
    prf_master_secret(ps, sizeof ps, rb, rs, master);
    value("MS", master, sizeof master);
    note("PRF is P_SHA256, built from HMAC-SHA256 (RFC 5246 section 5).");

    step(5, "both sides", "key block = PRF(MS, \"key expansion\", RS + RB), cut in four");
    prf_session_keys(master, rb, rs, &prf_cbc_sha256_sizes, &keys);
    value("I_B", keys.i_b, keys.sizes.mac_key_len);
    note("the browser's MAC key (client_write_MAC_key)");
    value("I_S", keys.i_s, keys.sizes.mac_key_len);
    note("the server's MAC key (server_write_MAC_key)");
    value("C_B", keys.c_b, keys.sizes.key_len);
    note("the browser's AES-128 key (client_write_key)");
    value("C_S", keys.c_s, keys.sizes.key_len);
    note("the server's AES-128 key (server_write_key)");
    note("One pair for each direction: a message the server sent cannot be");
    note("reflected back to it as if the browser had sent it.");

    /* Step 6: protect one record, as the record layer does: the browser's
     * direction under I_B and C_B, MAC-then-encrypt (RFC 5246 6.2.3.2). */
    static const char message[] = "GET / HTTP/1.1";
    size_t len = sizeof message - 1;
    record_cipher to_server, from_browser;
    record_cipher_set(&to_server, keys.i_b, keys.c_b, 0);
    record_cipher_set(&from_browser, keys.i_b, keys.c_b, 0);
    uint8_t mac[TLS_RECORD_MAC_SIZE], record[TLS_RECORD_HEADER_SIZE + 256];
    size_t record_len;
    step(6, "Browser -> Server", "a message, numbered and protected: sequence number 0");
    printf("        data  \"%s\"\n", message);
    record_mac(&to_server, TLS_CONTENT_APPLICATION_DATA, TLS_VERSION_1_2,
               (const uint8_t *)message, len, mac);
    value("MAC", mac, sizeof mac);
    note("= HMAC-SHA256(I_B, seq 0 | 17 03 03 | length | data)");
    if (record_protect(&to_server, &rng, TLS_CONTENT_APPLICATION_DATA, TLS_VERSION_1_2,
                       (const uint8_t *)message, len, record, sizeof record,
                       &record_len) != SEE_OK)
        return 1;
    value("IV", record + TLS_RECORD_HEADER_SIZE, TLS_RECORD_IV_SIZE);
    note("a fresh random IV, sent in the clear (TLS 1.2 explicit IV)");
    value("wire", record, record_len);
    note("17 03 03 + length, then IV | AES-128-CBC(C_B, data | MAC | padding)");

    uint8_t got[sizeof record];
    size_t got_len = 0;
    step(7, "Server", "decrypts with C_B and checks the MAC with I_B, seq 0");
    int ok = receive_record(&from_browser, record, record_len, got, sizeof got, &got_len);
    printf("        %s%s%s", ok ? green() : red(), ok ? "MAC good" : "MAC BAD", plain());
    printf(": \"%.*s\"\n", (int)got_len, (const char *)got);

    step(8, "Eve -> Server", "replays the very same record");
    int replay = receive_record(&from_browser, record, record_len, got, sizeof got, &got_len);
    printf("        %s%s%s\n", replay ? red() : green(),
           replay ? "accepted (this must never happen)"
                  : "refused: the server now expects sequence number 1, and the MAC "
                    "was made for 0",
           plain());

    record_cipher_wipe(&to_server);
    record_cipher_wipe(&from_browser);
    see_wipe(ps, sizeof ps);
    see_wipe(master, sizeof master);
    see_wipe(&keys, sizeof keys);
    rng_wipe(&rng);
    return ok && !replay ? 0 : 1;
}
