/*
 * alex-server: runs on the Raspberry Pi. Accepts one controller at a time
 * and drives Alex — the Arduino over a serial port, or a simulated Alex —
 * stopping the motors the moment the controller goes away or goes quiet.
 *
 *   alex-server --cert CERT --key KEY --ca CA [--port N]
 *               [--serial DEV --baud 9600|57600 | --sim]
 *               [--idle-ms MS] [--events FILE] [--quiet]
 *               [--handshake-ms MS] [--max-handshakes N] [--web [PORT]]
 *   alex-server --insecure-plaintext [...]
 *
 * The link is TLS 1.2 (our own handshake) with mutual authentication: the
 * robot shows its certificate and key, and every controller must show a
 * certificate issued by the lab's CA (CA) and prove it holds its key.
 * --insecure-plaintext exists only to show, by contrast, what an
 * eavesdropper sees on an unprotected link.
 *
 * --web [PORT] adds the web console (alex_web.h, on port 8443 unless PORT
 * says otherwise): the robot's own page over
 * the same TLS, the same certificate and CA, a browser's certificate
 * optional; a browser without one drives after the pairing code printed
 * here at start-up (on the terminal only: the events file may be shared).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "crypto/bignum.h"
#include "crypto/random.h"
#include "handshake/transport.h"
#include "robot/alex_events.h"
#include "robot/alex_link.h"
#include "robot/alex_link_tls.h"
#include "robot/alex_message.h"
#include "robot/alex_options.h"
#include "robot/alex_robot.h"
#include "robot/alex_tls_config.h"
#include "robot/alex_server.h"
#include "robot/alex_web.h"

/* Written by the signal handler, read by the server's threads: a
 * lock-free atomic is what both sides may touch (C11 7.14.1.1, 5.1.2.4). */
#if ATOMIC_INT_LOCK_FREE != 2
#error "alex-server needs a lock-free atomic int for its stop flag"
#endif
static atomic_int stop_requested;

#define ALEX_MAX_IDLE_MS 60000
_Static_assert(ALEX_MIN_IDLE_MS == 200, "the help names the shortest --idle-ms: 200");

static void on_signal(int sig)
{
    (void)sig;
    atomic_store(&stop_requested, 1);
}

static const char help[] =
    "usage: alex-server --cert CERT --key KEY --ca CA [OPTIONS]\n"
    "Drive Alex for one controller at a time, over TLS 1.2 with mutual\n"
    "authentication, with a fail-safe stop.\n"
    "  --cert FILE          the robot's certificate (PEM; its chain may follow)\n"
    "  --key FILE           the certificate's private key\n"
    "  --ca FILE            the lab's CA: controllers need a certificate from it\n"
    "  --port N             TCP port (default 5001; 0 picks a free one)\n"
    "  --serial DEV         the Arduino's serial port (e.g. /dev/ttyACM0)\n"
    "  --baud N             9600 or 57600 (default 9600)\n"
    "  --reset-wait-ms MS   wait for the Arduino to boot (default 2000)\n"
    "  --sim                a simulated Alex (the default without --serial)\n"
    "  --idle-ms MS         silence that counts as a lost link (default 500;\n"
    "                       at least 200, twice the client's heartbeat interval)\n"
    "  --events FILE        the black box: one JSON object per line\n"
    "  --quiet              no line per event on the terminal (connections,\n"
    "                       refusals, fail-safe stops, the serial port);\n"
    "                       warnings are still printed\n"
    "  --handshake-ms MS    cut a handshake not done after MS ms, however\n"
    "                       its peer paces its bytes (default 10000)\n"
    "  --max-handshakes N   handshakes in progress at once; more connections\n"
    "                       are closed at once and logged (default 64)\n"
    "  --web [PORT]         also serve the web console (HTTPS and a WebSocket)\n"
    "                       on PORT (default 8443; 0 picks a free one):\n"
    "                       a browser with a lab certificate drives, one\n"
    "                       without drives after the pairing code printed\n"
    "                       at start-up, or watches\n"
    "  --insecure-plaintext no TLS: anyone on the network can read and\n"
    "                       forge commands (for the eavesdropping demo only)\n";

/* An option's whole number within min..max (alex_option_int). */
static int parse_int(const char *option, const char *text, int min, int max, int *out)
{
    return alex_option_int("alex-server", option, text, min, max, out);
}

/* --web [PORT]: the port as the next word (--web 8443) or attached
 * (--web=8443); --web alone, or followed by another option, is 8443. */
static int parse_web_port(int argc, char **argv, int *port)
{
    const char *text = optarg;
    if (text == NULL && optind < argc && argv[optind][0] != '-')
        text = argv[optind++];
    if (text == NULL) {
        *port = ALEX_WEB_PORT;
        return 0;
    }
    return parse_int("web", text, 0, 65535, port);
}

/* The firmware's two speeds (ALEX.md): 9600 in the lab's later template,
 * 57600 in the older one. */
static int parse_baud(const char *text, int *baud)
{
    if (strcmp(text, "9600") == 0 || strcmp(text, "57600") == 0) {
        *baud = atoi(text);
        return 0;
    }
    fprintf(stderr, "alex-server: --baud %s is not a speed the Alex firmware uses: "
                    "9600 or 57600\n", text);
    return -1;
}

/* The idle limit must outlast a late heartbeat (alex_message.h). */
static int parse_idle_ms(const char *text, int *idle_ms)
{
    int v;
    if (parse_int("idle-ms", text, 1, ALEX_MAX_IDLE_MS, &v) != 0)
        return -1;
    if (v < ALEX_MIN_IDLE_MS) {
        fprintf(stderr, "alex-server: --idle-ms %d is below %d ms, twice the client's "
                        "heartbeat interval of %d ms: a controller that is only waiting "
                        "would be taken for a lost one (%d-%d)\n",
                v, ALEX_MIN_IDLE_MS, ALEX_HEARTBEAT_MS, ALEX_MIN_IDLE_MS, ALEX_MAX_IDLE_MS);
        return -1;
    }
    *idle_ms = v;
    return 0;
}

/* Listen on the web console's port, make the pairing code, and read
 * what the page tells about the robot's certificate. 0, or -1 said. */
static int start_web(int port, const tls_config *web_tls, char *pairing,
                     alex_web_config *web, int *fd, int *bound)
{
    char port_text[16];
    unsigned bound_port;
    snprintf(port_text, sizeof port_text, "%d", port);
    if (transport_tcp_listen(port_text, fd, &bound_port) != SEE_OK) {
        fprintf(stderr, "alex-server: cannot listen on port %d (--web): %s\n", port,
                strerror(errno));
        return -1;
    }
    *bound = (int)bound_port;
    see_rng rng;
    rng_init_system(&rng);
    if (alex_pairing_new(&rng, pairing) != SEE_OK) {
        fprintf(stderr, "alex-server: the system's random source failed\n");
        return -1;
    }
    see_status st = alex_web_config_init(web, web_tls, alex_console_page,
                                         alex_console_page_len, web_tls->chain.cert[0],
                                         web_tls->chain.cert_len[0], pairing);
    if (st != SEE_OK) {
        fprintf(stderr, "alex-server: the web console: %s\n", alex_strerror(st));
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    bn_install_wiping_allocator(); /* first: GMP wipes all it frees */
    static const struct option options[] = {
        {"port", required_argument, NULL, 'p'},
        {"serial", required_argument, NULL, 's'},
        {"baud", required_argument, NULL, 'b'},
        {"reset-wait-ms", required_argument, NULL, 'r'},
        {"sim", no_argument, NULL, 'S'},
        {"idle-ms", required_argument, NULL, 'i'},
        {"events", required_argument, NULL, 'e'},
        {"quiet", no_argument, NULL, 'q'},
        {"insecure-plaintext", no_argument, NULL, 'P'},
        {"handshake-ms", required_argument, NULL, 'H'},
        {"max-handshakes", required_argument, NULL, 'M'},
        {"cert", required_argument, NULL, 'c'},
        {"key", required_argument, NULL, 'k'},
        {"ca", required_argument, NULL, 'a'},
        {"web", optional_argument, NULL, 'w'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int port = 5001, baud = 9600, reset_wait = 2000, idle_ms = 500, plaintext = 0, quiet = 0;
    int handshake_ms = ALEX_HANDSHAKE_MS, max_handshakes = ALEX_MAX_HANDSHAKES;
    int web_port = -1; /* none */
    const char *serial = NULL, *events = NULL, *cert = NULL, *key = NULL, *ca = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        int bad = 0;
        switch (opt) {
        case 'p': bad = parse_int("port", optarg, 0, 65535, &port); break;
        case 's': serial = optarg; break;
        case 'b': bad = parse_baud(optarg, &baud); break;
        case 'r': bad = parse_int("reset-wait-ms", optarg, 0, 10000, &reset_wait); break;
        case 'S': serial = NULL; break;
        case 'i': bad = parse_idle_ms(optarg, &idle_ms); break;
        case 'e': events = optarg; break;
        case 'q': quiet = 1; break;
        case 'P': plaintext = 1; break;
        case 'H': bad = parse_int("handshake-ms", optarg, 100, 600000, &handshake_ms); break;
        case 'M': bad = parse_int("max-handshakes", optarg, 1, 10000, &max_handshakes); break;
        case 'c': cert = optarg; break;
        case 'k': key = optarg; break;
        case 'a': ca = optarg; break;
        case 'w': bad = parse_web_port(argc, argv, &web_port); break;
        case 'h': fputs(help, stdout); return 0;
        default: fputs(help, stderr); return 2;
        }
        if (bad)
            return 2;
    }
    if (optind < argc) {
        fprintf(stderr, "alex-server: unexpected word '%s' (see --help)\n", argv[optind]);
        return 2;
    }
    alex_tls_setup tls;
    memset(&tls, 0, sizeof tls);
    if (!plaintext) {
        char why[300];
        if (cert == NULL || key == NULL || ca == NULL) {
            fprintf(stderr, "alex-server: --cert, --key and --ca are needed (or, for the "
                            "eavesdropping demo only, --insecure-plaintext)\n");
            return 2;
        }
        if (alex_tls_server_setup(&tls, cert, key, ca, why, sizeof why) != SEE_OK) {
            fprintf(stderr, "alex-server: %s\n", why);
            alex_tls_setup_free(&tls);
            return 1;
        }
    } else if (web_port >= 0) {
        fprintf(stderr, "alex-server: --web needs TLS: it cannot be combined with "
                        "--insecure-plaintext\n");
        return 2;
    }

    FILE *event_file = NULL;
    if (events != NULL) {
        event_file = fopen(events, "a");
        if (event_file == NULL) {
            fprintf(stderr, "alex-server: %s: %s\n", events, strerror(errno));
            return 1;
        }
        alex_events_open(event_file);
    }

    alex_events_console(stderr, quiet);

    alex_robot robot;
    if (serial != NULL) {
        see_status st = alex_robot_open_serial(&robot, serial, baud, reset_wait);
        if (st == ALEX_STATUS_SERIAL_OPEN) {
            fprintf(stderr, "alex-server: %s: %s: %s\n", serial, alex_strerror(st),
                    strerror(errno));
            return 1;
        }
        if (st != SEE_OK) {
            fprintf(stderr, "alex-server: %s: %s\n", serial, alex_strerror(st));
            return 1;
        }
    } else {
        alex_robot_open_sim(&robot);
    }

    int fd;
    char port_text[16];
    unsigned bound_port;
    snprintf(port_text, sizeof port_text, "%d", port);
    if (transport_tcp_listen(port_text, &fd, &bound_port) != SEE_OK) {
        fprintf(stderr, "alex-server: cannot listen on port %d: %s\n", port, strerror(errno));
        return 1;
    }
    port = (int)bound_port;

    /* The web console's listener, its TLS (a browser's certificate
     * optional) and its pairing code. */
    tls_config web_tls = tls.cfg;
    web_tls.client_certificate_optional = 1;
    static alex_web_config web;
    char pairing[ALEX_PAIRING_DIGITS + 1];
    int web_fd = -1;
    if (web_port >= 0 &&
        start_web(web_port, &web_tls, pairing, &web, &web_fd, &web_port) != 0)
        return 1;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGPIPE, SIG_IGN);

    if (plaintext)
        fprintf(stderr,
                "alex-server: WARNING: --insecure-plaintext: commands travel in the clear;\n"
                "alex-server: anyone on the network can read them and drive the robot.\n");
    fprintf(stderr, "alex-server: listening on port %d, %s, idle limit %d ms\n", port,
            serial ? serial : "simulated Alex", idle_ms);
    if (web_fd >= 0)
        fprintf(stderr, "alex-server: web console on port %d (https://%s:%d/, the name "
                        "in the robot's certificate), pairing code %s\n", web_port,
                web.host[0] ? web.host : "THE-ROBOT'S-NAME", web_port, pairing);
    alex_event("started", EV_NUM("port", port), EV_NUM("web_port", web_port),
               EV_STR("robot", serial ? serial : "sim"),
               EV_STR("link", plaintext ? "plaintext" : "tls"), EV_NUM("idle_ms", idle_ms),
               EV_NUM("handshake_ms", handshake_ms), EV_NUM("max_handshakes", max_handshakes),
               EV_END);

    alex_server_config config = {
        .listen_fd = fd,
        .idle_ms = idle_ms,
        .handshake_ms = handshake_ms,
        .max_handshakes = max_handshakes,
        .robot = &robot,
        .open_link = plaintext ? alex_server_open_plain : alex_server_open_tls,
        .link_ctx = &tls.cfg,
        .web_listen_fd = web_fd,
        .web = web_fd >= 0 ? &web : NULL,
    };
    see_status run = alex_server_run(&config, &stop_requested);
    if (run != SEE_OK)
        fprintf(stderr, "alex-server: %s\n", alex_strerror(run));
    alex_robot_stop(&robot, "server shutting down");
    alex_event("exit", EV_END);
    close(fd);
    if (web_fd >= 0)
        close(web_fd);
    see_wipe(pairing, sizeof pairing);
    alex_robot_close(&robot);
    alex_tls_setup_free(&tls);
    if (event_file)
        fclose(event_file);
    return run == SEE_OK ? 0 : 1;
}
