/*
 * alex-client: drives Alex from the laptop.
 *
 *   alex-client HOST[:PORT] --ca CA --cert CERT --key KEY [--servername NAME]
 *               [--cmd SCRIPT | --drive]
 *   alex-client HOST[:PORT] --insecure-plaintext [...]
 *
 * The link is TLS 1.2 with mutual authentication: the robot's certificate
 * must come from the CA in CA and carry the name NAME (by default HOST),
 * and the laptop shows its own certificate (CERT, with its key KEY), which
 * the robot checks against the lab's CA.
 *
 * Interactive by default, with the lab's keys: f/b/l/r (then distance or
 * angle, and power), s stop, c clear stats, g get stats, q quit.
 * --cmd "f 50 75; l 90 60; g; wait 2; s" runs a script (wait N keeps the link
 * alive with heartbeats for N seconds). --drive: WASD in a raw terminal,
 * holding a key drives, releasing it stops, space stops, q quits.
 *
 * Exit status: 0 all went well; 1 cannot connect or the link failed;
 * 2 usage; 3 the robot refused a command; 4 the robot is busy with another
 * controller.
 */
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "crypto/bignum.h"
#include "handshake/transport.h"
#include "robot/alex_link.h"
#include "robot/alex_link_tls.h"
#include "robot/alex_message.h"
#include "robot/alex_tls_config.h"

enum { EXIT_LINK = 1, EXIT_USAGE = 2, EXIT_REFUSED = 3, EXIT_BUSY = 4 };

#define HEARTBEAT_MS 150

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int connect_to(const char *target)
{
    char host[256];
    const char *port = "5001";
    snprintf(host, sizeof host, "%s", target);
    char *colon = strrchr(host, ':');
    if (colon != NULL) {
        *colon = '\0';
        port = target + (colon - host) + 1;
    }
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res;
    int rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) {
        fprintf(stderr, "alex-client: %s: %s\n", target, gai_strerror(rc));
        return -1;
    }
    int fd = -1;
    for (struct addrinfo *a = res; a != NULL && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd >= 0 && connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd >= 0)
        transport_tcp_no_delay(fd);
    if (fd < 0)
        fprintf(stderr, "alex-client: cannot connect to %s: %s\n", target, strerror(errno));
    return fd;
}

typedef struct {
    alex_link link;
    alex_message_reader reader;
} session;

static int send_message(session *s, const alex_message *m)
{
    return alex_message_send(&s->link, m);
}

static int send_heartbeat(session *s)
{
    alex_message m;
    memset(&m, 0, sizeof m);
    m.kind = ALEX_MSG_HEARTBEAT;
    return send_message(s, &m);
}

/* Wait up to timeout_ms for one whole message: 1 got one, 0 timeout, -1
 * link failed or garbled. */
static int receive(session *s, alex_message *m, int timeout_ms)
{
    static uint8_t pending[1024];
    static size_t pending_len, pending_pos;
    long long deadline = now_ms() + timeout_ms;
    for (;;) {
        while (pending_pos < pending_len) {
            size_t used;
            see_status st;
            int whole = alex_message_reader_feed(&s->reader, pending + pending_pos,
                                                 pending_len - pending_pos, &used, m, &st);
            pending_pos += used;
            if (st != SEE_OK)
                return -1;
            if (whole)
                return 1;
        }
        long long left = deadline - now_ms();
        if (left <= 0)
            return 0;
        int n = s->link.read(s->link.ctx, pending, sizeof pending, (int)left);
        if (n < 0)
            return -1;
        pending_len = (size_t)n;
        pending_pos = 0;
    }
}

static void print_status(const alex_message *m)
{
    static const char *const names[] = {
        "Left Forward Ticks", "Right Forward Ticks", "Left Reverse Ticks",
        "Right Reverse Ticks", "Left Forward Ticks Turns", "Right Forward Ticks Turns",
        "Left Reverse Ticks Turns", "Right Reverse Ticks Turns",
        "Forward Distance", "Reverse Distance",
    };
    printf("\n ------- ALEX STATUS REPORT ------- \n\n");
    for (int i = 0; i < 10; i++)
        printf("%-26s %u\n", names[i], m->params[i]);
    printf("\n---------------------------------------\n\n");
}

/* Send one command and report the reply: 0 OK, EXIT_* otherwise. */
static int run_command(session *s, char key, int p1, int p2)
{
    alex_message m, reply;
    memset(&m, 0, sizeof m);
    m.kind = ALEX_MSG_COMMAND;
    m.key = key;
    m.p1 = p1;
    m.p2 = p2;
    if (send_message(s, &m) != 0) {
        fprintf(stderr, "alex-client: link lost while sending\n");
        return EXIT_LINK;
    }
    int got = receive(s, &reply, 3000);
    if (got <= 0) {
        fprintf(stderr, "alex-client: %s\n", got == 0 ? "no reply from the robot" : "link lost");
        return EXIT_LINK;
    }
    if (reply.kind == ALEX_MSG_STATUS) {
        print_status(&reply);
        return 0;
    }
    if (reply.kind == ALEX_MSG_ERROR && reply.code == ALEX_ERR_OK) {
        printf("Command OK\n");
        return 0;
    }
    if (reply.kind == ALEX_MSG_ERROR) {
        fprintf(stderr, "alex-client: refused: %s (code %u)\n",
                reply.text[0] ? reply.text : "error", reply.code);
        return reply.code == ALEX_ERR_BUSY ? EXIT_BUSY : EXIT_REFUSED;
    }
    fprintf(stderr, "alex-client: unexpected reply kind %u\n", reply.kind);
    return EXIT_LINK;
}

/* Keep the link alive for ms milliseconds; a message from the server
 * meanwhile (a busy refusal, say) ends it. */
static int keep_alive(session *s, long long ms)
{
    long long end = now_ms() + ms;
    while (now_ms() < end) {
        if (send_heartbeat(s) != 0)
            return EXIT_LINK;
        long long left = end - now_ms();
        alex_message m;
        int got = receive(s, &m, (int)(left < HEARTBEAT_MS ? left : HEARTBEAT_MS));
        if (got < 0)
            return EXIT_LINK;
        if (got > 0 && m.kind == ALEX_MSG_ERROR) {
            fprintf(stderr, "alex-client: %s\n", m.text);
            return m.code == ALEX_ERR_BUSY ? EXIT_BUSY : EXIT_REFUSED;
        }
    }
    return 0;
}

/* One step of a script: "f 50 75", "s", "wait 2". */
static int run_step(session *s, char *step)
{
    char word[16];
    int p1 = 0, p2 = 0, n = 0;
    if (sscanf(step, " %15s%n", word, &n) != 1)
        return 0; /* empty step */
    if (strcmp(word, "wait") == 0) {
        double seconds;
        if (sscanf(step + n, "%lf", &seconds) != 1 || seconds < 0 || seconds > 3600) {
            fprintf(stderr, "alex-client: bad step '%s': wait needs seconds\n", step);
            return EXIT_USAGE;
        }
        return keep_alive(s, (long long)(seconds * 1000));
    }
    if (strlen(word) != 1) {
        fprintf(stderr, "alex-client: bad step '%s'\n", step);
        return EXIT_USAGE;
    }
    char key = word[0];
    if (strchr("fblr", key) != NULL &&
        sscanf(step + n, "%d %d", &p1, &p2) != 2) {
        fprintf(stderr, "alex-client: bad step '%s': %c needs two numbers\n", step, key);
        return EXIT_USAGE;
    }
    printf("> %s\n", step + (step[0] == ' '));
    return run_command(s, key, p1, p2);
}

static int run_script(session *s, const char *script)
{
    char *copy = strdup(script), *save = NULL;
    int status = 0;
    for (char *step = strtok_r(copy, ";", &save); step && status == 0;
         step = strtok_r(NULL, ";", &save))
        status = run_step(s, step);
    free(copy);
    return status;
}

/* Read a line from stdin while keeping the link alive. */
static int read_line_alive(session *s, char *line, size_t cap)
{
    fflush(stdout);
    for (;;) {
        struct pollfd pfd = {.fd = 0, .events = POLLIN};
        int ready = poll(&pfd, 1, HEARTBEAT_MS);
        if (ready > 0)
            return fgets(line, (int)cap, stdin) ? 0 : -1;
        if (send_heartbeat(s) != 0)
            return -1;
    }
}

static int interactive(session *s)
{
    char line[128];
    for (;;) {
        printf("Command (f=forward, b=reverse, l=turn left, r=turn right, s=stop, "
               "c=clear stats, g=get stats, q=exit)\n");
        if (read_line_alive(s, line, sizeof line) != 0)
            return 0;
        char key = line[0];
        int p1 = 0, p2 = 0;
        if (key == 'q')
            return 0;
        if (strchr("fblr", key) != NULL && key != '\0') {
            printf(key == 'f' || key == 'b' ? "Enter distance in cm (0 = until stopped) and power in %%: "
                                            : "Enter angle in degrees and power in %%: ");
            if (read_line_alive(s, line, sizeof line) != 0)
                return 0;
            if (sscanf(line, "%d %d", &p1, &p2) != 2) {
                printf("Two numbers, please.\n");
                continue;
            }
        } else if (strchr("scg", key) == NULL || key == '\0') {
            printf("Bad command\n");
            continue;
        }
        int st = run_command(s, key, p1, p2);
        if (st == EXIT_LINK || st == EXIT_BUSY)
            return st;
    }
}

/* --drive: WASD held down drives (keyboard auto-repeat keeps it coming);
 * no key for a moment means released: stop. */
static int drive(session *s, int power)
{
    struct termios saved, raw;
    if (tcgetattr(0, &saved) != 0) {
        fprintf(stderr, "alex-client: --drive needs a terminal\n");
        return EXIT_USAGE;
    }
    raw = saved;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    tcsetattr(0, TCSANOW, &raw);
    printf("Drive: hold W/A/S/D to move, release to stop; space stops; q quits.\n");
    fflush(stdout);

    char moving = 0;
    long long last_key = 0;
    int status = 0;
    while (status == 0) {
        struct pollfd pfd = {.fd = 0, .events = POLLIN};
        int ready = poll(&pfd, 1, 50);
        long long t = now_ms();
        if (ready > 0) {
            char c;
            if (read(0, &c, 1) != 1 || c == 'q')
                break;
            static const char keys[] = "wsad";
            static const char cmds[] = "fblr";
            const char *k = strchr(keys, c);
            if (c == ' ' && moving) {
                status = run_command(s, 's', 0, 0);
                moving = 0;
            } else if (k != NULL && *k) {
                char cmd = cmds[k - keys];
                if (moving != cmd)
                    status = run_command(s, cmd, 0, power);
                moving = cmd;
                last_key = t;
            }
        } else if (moving && t - last_key > 250) {
            status = run_command(s, 's', 0, 0);
            moving = 0;
        } else if (send_heartbeat(s) != 0) {
            status = EXIT_LINK;
        }
    }
    if (moving)
        run_command(s, 's', 0, 0);
    tcsetattr(0, TCSANOW, &saved);
    return status;
}

static const char help[] =
    "usage: alex-client HOST[:PORT] --ca CA --cert CERT --key KEY [--servername NAME]\n"
    "                   [--cmd SCRIPT | --drive]\n"
    "  --ca FILE      the CA that must have issued the robot's certificate\n"
    "  --cert FILE    the laptop's certificate, --key FILE its private key\n"
    "  --servername N the name the robot's certificate must carry (default HOST)\n"
    "  --insecure-plaintext  no TLS (for the eavesdropping demo only)\n"
    "  --cmd SCRIPT   e.g. \"f 50 75; l 90 60; g; wait 2; s\"\n"
    "  --drive        WASD driving in a raw terminal (--power N, default 60)\n"
    "exit: 0 ok, 1 link failed, 2 usage, 3 command refused, 4 robot busy\n";

int main(int argc, char **argv)
{
    bn_install_wiping_allocator(); /* first: GMP wipes all it frees */
    static const struct option options[] = {
        {"cmd", required_argument, NULL, 'c'},
        {"drive", no_argument, NULL, 'd'},
        {"power", required_argument, NULL, 'p'},
        {"insecure-plaintext", no_argument, NULL, 'P'},
        {"ca", required_argument, NULL, 'a'},
        {"servername", required_argument, NULL, 'n'},
        {"cert", required_argument, NULL, 'C'},
        {"key", required_argument, NULL, 'K'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *script = NULL, *ca = NULL, *servername = NULL, *cert = NULL, *key = NULL;
    int driving = 0, power = 60, plaintext = 0, opt;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (opt) {
        case 'c': script = optarg; break;
        case 'd': driving = 1; break;
        case 'p': power = atoi(optarg); break;
        case 'P': plaintext = 1; break;
        case 'a': ca = optarg; break;
        case 'n': servername = optarg; break;
        case 'C': cert = optarg; break;
        case 'K': key = optarg; break;
        case 'h': fputs(help, stdout); return 0;
        default: fputs(help, stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc - 1 || power < 1 || power > 100) {
        fputs(help, stderr);
        return EXIT_USAGE;
    }
    if ((cert == NULL) != (key == NULL)) {
        fprintf(stderr, "alex-client: --cert and --key go together\n");
        return EXIT_USAGE;
    }
    if (!plaintext && ca == NULL) {
        fprintf(stderr, "alex-client: --ca is needed to check the robot's certificate "
                        "(or, for the eavesdropping demo only, --insecure-plaintext)\n");
        return EXIT_USAGE;
    }
    char host[256];
    snprintf(host, sizeof host, "%s", argv[optind]);
    char *colon = strrchr(host, ':');
    if (colon != NULL)
        *colon = '\0';

    alex_tls_setup tls;
    memset(&tls, 0, sizeof tls);
    char why[300];
    if (!plaintext &&
        alex_tls_client_setup(&tls, ca, servername ? servername : host, cert, key, why,
                              sizeof why) != 0) {
        fprintf(stderr, "alex-client: %s\n", why);
        alex_tls_setup_free(&tls);
        return EXIT_USAGE;
    }
    int fd = connect_to(argv[optind]);
    if (fd < 0) {
        alex_tls_setup_free(&tls);
        return EXIT_LINK;
    }

    session s;
    if (plaintext) {
        alex_link_plain(&s.link, fd, argv[optind]);
    } else if (alex_link_tls_connect(&s.link, fd, &tls.cfg, 5000, why, sizeof why) != 0) {
        fprintf(stderr, "alex-client: refusing the robot: %s\n", why);
        alex_tls_setup_free(&tls);
        return EXIT_LINK;
    }
    alex_message_reader_init(&s.reader);
    int status = script ? run_script(&s, script)
               : driving ? drive(&s, power)
               : interactive(&s);
    s.link.close(s.link.ctx);
    alex_tls_setup_free(&tls);
    return status;
}
