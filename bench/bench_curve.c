/*
 * bench_curve.c: the throughput curve (build/bench --only curve): the
 * handshakes per second and the record MB/s that `seetls server` and
 * `openssl s_server` give 1, 2, 4, 16 and 64 clients at once on loopback,
 * printed as rows and drawn as an SVG chart beside this program
 * (bench-curve.svg, curve_chart.c).
 *
 * Both servers are the real programs, started here on port 0 with one
 * certificate made for the run by `seetls ca` (RSA-2048) and one suite,
 * ECDHE-RSA-AES128-GCM-SHA256 over x25519: ours with --echo, OpenSSL's
 * with -rev. The load is the same client for both: our TLS client
 * (handshake/tls_socket.h), one thread per client, checking the server's
 * certificate against the run's CA as a real client does. Each figure is
 * the best of ROUNDS windows, the two servers taking turns; what completes
 * after a window's end is not counted:
 *
 *   handshakes/s  each client connects, runs a full handshake (we never
 *                 resume), sends close_notify and closes, again and again;
 *   record MB/s   each client keeps one connection and sends a 16 KiB
 *                 record (one full record) that the server sends back,
 *                 waiting for it before the next; the bytes are counted
 *                 both ways, 32 KiB per record echoed. The window begins
 *                 once the clients have connected (or those that can).
 *
 * s_server -rev answers each line with the line reversed (apps/s_server.c,
 * rev_body: its line buffer is 16 KiB, the newline included, written back
 * in one piece): our record is one line of 16383 bytes and its newline,
 * a palindrome, so the answer from either server is the very bytes sent,
 * one record each way, and the client checks them.
 *
 * s_server serves one connection at a time; the other clients wait in its
 * listening queue (the records rows say how many clients moved data).
 * Ours runs a thread per connection (--max-conns raised above the 64
 * clients, so that a client reconnecting before its last connection's
 * thread has gone is not refused). The clients run on the same machine as
 * the server they load, and compete with it for the cores: fair between
 * the two servers, as the client is the same, but not a server's figure
 * alone. The chart says so.
 *
 * The servers and the run's folder (key, certificate, the servers' logs)
 * go at the end, and on SIGINT, SIGTERM or SIGHUP in the middle; the
 * servers are also told to die with this program (PR_SET_PDEATHSIG).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/prctl.h>
#include <sys/wait.h>

#include "bench/curve_chart.h"
#include "bench/measure.h"
#include "bench/sections.h"
#include "handshake/tls_socket.h"
#include "handshake/tls_x509.h"

#define SUITE "ECDHE-RSA-AES128-GCM-SHA256"
#define RECORD TLS_MAX_PLAINTEXT  /* 16 KiB: a full record */
#define MAX_CLIENTS 64
#define MAX_CONNS "256"           /* seetls server --max-conns */
#define SETTLE_SECONDS 0.2        /* between points: the servers finish
                                     what the last one left them */
#define START_WAIT_MS 10000       /* for a server to say its port */
#define CONNECT_QUIET 0.25        /* records: the window begins once no
                                     client has connected for this long */
#define ROUNDS 3                  /* per point and server, in turns: the
                                     best counts */
#define HANDSHAKE_MS 10000        /* a handshake's deadline, for the few
                                     that must wait in s_server's queue */

static const int clients_at[CURVE_POINTS] = { 1, 2, 4, 16, 64 };

/* ------------------------------------------- the run's folder, servers --- */

enum { RUN_CA_KEY, RUN_CA, RUN_KEY, RUN_CERT, RUN_OURS_LOG, RUN_THEIRS_LOG, RUN_FILES };
static const char *const run_file_names[RUN_FILES] = {
    "ca-key.pem", "ca.pem", "server.key", "server.crt", "seetls-server.log",
    "openssl-s_server.log",
};

/* What the signal handler cleans up: plain statics. Before they are
 * set, their empty names are refused by unlink and rmdir, and a pid of 0
 * is passed over. */
static char run_dir[64];
static char run_files[RUN_FILES][128];
static volatile pid_t server_pids[2];

/* Remove the run's files and folder: unlink and rmdir only, which a
 * signal handler may call. */
static void remove_run_folder(void)
{
    for (int i = 0; i < RUN_FILES; i++)
        unlink(run_files[i]);
    rmdir(run_dir);
}

/* Reap pid within about 2 s, killing it outright after that: waitpid,
 * kill and nanosleep only, which a signal handler may call. */
static void reap(pid_t pid)
{
    struct timespec tick = { 0, 10 * 1000000L };
    for (int i = 0; i < 200; i++) {
        if (waitpid(pid, NULL, WNOHANG) != 0)
            return; /* reaped, or not ours to wait for */
        nanosleep(&tick, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

static void stop_on_signal(int sig)
{
    for (int i = 0; i < 2; i++)
        if (server_pids[i] > 0)
            kill(server_pids[i], SIGTERM);
    for (int i = 0; i < 2; i++)
        if (server_pids[i] > 0)
            reap(server_pids[i]);
    remove_run_folder();
    signal(sig, SIG_DFL);
    raise(sig);
}

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define STOP_SIGNALS (sizeof stop_signals / sizeof stop_signals[0])

static void catch_stop_signals(struct sigaction saved[STOP_SIGNALS])
{
    struct sigaction on = { .sa_handler = stop_on_signal };
    sigemptyset(&on.sa_mask);
    for (size_t i = 0; i < STOP_SIGNALS; i++)
        sigaction(stop_signals[i], &on, &saved[i]);
}

static void restore_signals(const struct sigaction saved[STOP_SIGNALS])
{
    for (size_t i = 0; i < STOP_SIGNALS; i++)
        sigaction(stop_signals[i], &saved[i], NULL);
}

/* Start argv (a path, or a name looked up in PATH) with its input from
 * /dev/null and its output and errors into log; -1 if it cannot fork. The
 * child dies with us (PR_SET_PDEATHSIG). Called before any client thread
 * exists. */
static pid_t spawn(char *const argv[], const char *log)
{
    pid_t parent = getpid(), pid = fork();
    if (pid != 0)
        return pid;
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent)
        _exit(127); /* the parent went before prctl took */
    int in = open("/dev/null", O_RDONLY);
    int out = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
        _exit(127);
    close(in);
    close(out);
    execvp(argv[0], argv);
    _exit(127);
}

/* argv run to its end: 0 when it exited with 0. */
static int run_program(char *const argv[], const char *log)
{
    pid_t pid = spawn(argv, log);
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The port a server started on port 0 wrote into its log: a number alone
 * on the first line (seetls server) or "ACCEPT host:port" (s_server);
 * 0 if none yet. */
static unsigned port_in_log(const char *log)
{
    FILE *f = fopen(log, "r");
    char line[256];
    unsigned port = 0;
    for (int n = 0; f != NULL && port == 0 && fgets(line, sizeof line, f) != NULL; n++) {
        char *colon = strrchr(line, ':');
        if (n == 0 && strspn(line, "0123456789") > 0 && strspn(line, "0123456789\n") == strlen(line))
            port = (unsigned)strtoul(line, NULL, 10);
        else if (strncmp(line, "ACCEPT ", 7) == 0 && colon != NULL)
            port = (unsigned)strtoul(colon + 1, NULL, 10);
    }
    if (f != NULL)
        fclose(f);
    return port < 65536 ? port : 0;
}

static void sleep_seconds(double s)
{
    struct timespec t = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
    while (nanosleep(&t, &t) != 0 && errno == EINTR)
        ;
}

typedef struct {
    const char *name;      /* in rows and messages */
    int slot;              /* in server_pids */
    const char *log;
    pid_t pid;
    unsigned port;
} server;

/* Whether the server is still running (reaps it if not). */
static int server_alive(server *s)
{
    if (s->pid <= 0)
        return 0;
    int status;
    if (waitpid(s->pid, &status, WNOHANG) == s->pid) {
        s->pid = 0;
        server_pids[s->slot] = 0;
        return 0;
    }
    return 1;
}

/* Start argv and wait for the port it says; 0, or -1 with the reason
 * printed. */
static int server_start(server *s, char *const argv[])
{
    s->pid = spawn(argv, s->log);
    s->port = 0;
    if (s->pid < 0) {
        printf("  %s: cannot fork\n", s->name);
        return -1;
    }
    server_pids[s->slot] = s->pid;
    for (int waited = 0; waited < START_WAIT_MS && server_alive(s); waited += 20) {
        s->port = port_in_log(s->log);
        if (s->port != 0)
            return 0;
        sleep_seconds(0.02);
    }
    char said[300] = "";
    FILE *f = fopen(s->log, "r");
    if (f != NULL) {
        said[fread(said, 1, sizeof said - 1, f)] = '\0';
        fclose(f);
    }
    said[strcspn(said, "\n")] = '\0';
    printf("  %s did not start: %s (it said: %s)\n", s->name,
           server_alive(s) ? "no port said in 10 s" : "it exited", said);
    return -1;
}

/* SIGTERM, then after 2 s SIGKILL; reaped either way. */
static void server_stop(server *s)
{
    if (!server_alive(s))
        return;
    kill(s->pid, SIGTERM);
    reap(s->pid);
    s->pid = 0;
    server_pids[s->slot] = 0;
}

/* ------------------------------------------------------------ the load --- */

typedef enum { LOAD_HANDSHAKES, LOAD_RECORDS } load_kind;

/* One point: what its clients share. The records' window begins once
 * every client is connected, or when none more has for CONNECT_QUIET
 * (s_server's queue): it measures records, not handshakes. */
typedef struct {
    load_kind kind;
    const tls_config *cfg;
    char port[8];
    int stop_fd;                /* readable once the window is over: ends
                                   every client's wait at once */
    pthread_barrier_t start;    /* the clients and the main thread */
    pthread_mutex_t lock;       /* records: for the two below */
    pthread_cond_t changed;
    int connected;              /* records: clients connected */
    int go;                     /* records: the window has begun */
    _Atomic double deadline;    /* speed_now() at the window's end */
} load;

typedef struct {
    load *load;
    pthread_t thread;
    long handshakes;            /* completed in the window */
    double bytes;               /* echoed in the window, in and out */
    int failures;               /* in the window */
    char why[256];              /* the first failure */
} client;

/* 16 KiB that s_server -rev sends back unchanged: a palindrome of 16383
 * letters, then a newline. */
static uint8_t echo_line[RECORD];

static void make_echo_line(void)
{
    for (size_t i = 0; i < RECORD - 1; i++) {
        size_t from_edge = i < RECORD - 2 - i ? i : RECORD - 2 - i;
        echo_line[i] = (uint8_t)('a' + from_edge % 26);
    }
    echo_line[RECORD - 1] = '\n';
}

static int window_over(const load *l)
{
    return speed_now() > l->deadline;
}

/* A failure in the window is the server's (or the client's) and counted;
 * once the window is over, it is only the stop. */
static void note_failure(client *c, const char *what, const char *why)
{
    if (window_over(c->load))
        return;
    if (c->failures++ == 0)
        snprintf(c->why, sizeof c->why, "%s: %s", what, why);
}

/* Connect and run the handshake; the wait for the server's answer ends
 * with the window. */
static see_status client_connect(client *c, tls_socket **s)
{
    load *l = c->load;
    char why[200];
    int fd;
    *s = NULL;
    see_status st = transport_tcp_connect("127.0.0.1", l->port, HANDSHAKE_MS, &fd);
    if (st != SEE_OK) {
        note_failure(c, "connect", see_strerror(st));
        return st;
    }
    tls_socket_limits limits;
    tls_socket_limits_init(&limits, HANDSHAKE_MS);
    limits.cancel_fd = l->stop_fd;
    st = tls_socket_start_with(fd, TLS_ROLE_CLIENT, &limits, l->cfg, s, why, sizeof why);
    if (st != SEE_OK)
        note_failure(c, "handshake", why);
    return st;
}

static void run_handshakes(client *c)
{
    while (!window_over(c->load)) {
        tls_socket *s;
        if (client_connect(c, &s) == SEE_OK && !window_over(c->load))
            c->handshakes++;
        tls_socket_close(s);
    }
}

/* Connected: say so, and wait for the window to begin. */
static void wait_for_window(load *l)
{
    pthread_mutex_lock(&l->lock);
    l->connected++;
    pthread_cond_broadcast(&l->changed);
    while (!l->go)
        pthread_cond_wait(&l->changed, &l->lock);
    pthread_mutex_unlock(&l->lock);
}

/* Once every client is connected, or none more has for CONNECT_QUIET,
 * the window of seconds begins. */
static void begin_window(load *l, int n, double seconds)
{
    double last = speed_now();
    pthread_mutex_lock(&l->lock);
    for (int seen = 0; l->connected < n && speed_now() < last + CONNECT_QUIET;) {
        if (l->connected > seen) {
            seen = l->connected;
            last = speed_now();
        }
        pthread_mutex_unlock(&l->lock);
        sleep_seconds(0.002);
        pthread_mutex_lock(&l->lock);
    }
    l->deadline = speed_now() + seconds;
    l->go = 1;
    pthread_cond_broadcast(&l->changed);
    pthread_mutex_unlock(&l->lock);
}

/* Write the line and read it all back, in turn, until the window ends. */
static void run_records(client *c)
{
    tls_socket *s;
    uint8_t back[RECORD];
    if (client_connect(c, &s) != SEE_OK)
        return;
    wait_for_window(c->load);
    while (!window_over(c->load)) {
        size_t got = 0, n;
        see_status st = tls_socket_write(s, echo_line, RECORD);
        while (st == SEE_OK && got < RECORD) {
            st = tls_socket_read(s, back + got, RECORD - got, -1, &n);
            got += n;
        }
        if (st != SEE_OK) {
            char why[200];
            tls_socket_failure(s, st, why, sizeof why);
            note_failure(c, "echo", why);
            break;
        }
        if (memcmp(back, echo_line, RECORD) != 0) {
            note_failure(c, "echo", "the bytes sent back differ");
            break;
        }
        if (!window_over(c->load))
            c->bytes += 2.0 * RECORD;
    }
    tls_socket_close(s);
}

static void *client_thread(void *arg)
{
    client *c = arg;
    pthread_barrier_wait(&c->load->start);
    if (c->load->kind == LOAD_HANDSHAKES)
        run_handshakes(c);
    else
        run_records(c);
    return NULL;
}

typedef struct {
    double figure;      /* handshakes/s or MB/s */
    double cpu;         /* the server's CPU time over the window's: cores
                           busy (-1: unknown) */
    int served;         /* clients that completed anything */
    int failures;
    char why[256];      /* the first failure */
} point;

/* The CPU time pid has used so far, user and system, in seconds (from
 * /proc/PID/stat: utime and stime, fields 14 and 15, after the command's
 * name in parentheses); -1 if unknown. */
static double cpu_seconds(pid_t pid)
{
    char path[64], text[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    size_t len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = '\0';
    char *after_name = strrchr(text, ')');
    unsigned long user, system;
    if (after_name == NULL ||
        sscanf(after_name + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
               &user, &system) != 2)
        return -1;
    return (double)(user + system) / (double)sysconf(_SC_CLK_TCK);
}

/* n clients on the server for a window of seconds. */
static point measure_point(load_kind kind, const tls_config *cfg, const server *s,
                           int n, double seconds)
{
    static client clients[MAX_CLIENTS];
    point p = { 0, -1, 0, 0, "" };
    load l = { .kind = kind, .cfg = cfg, .deadline = 1e300 /* records: not yet */ };
    int stop[2];
    snprintf(l.port, sizeof l.port, "%u", s->port);
    if (pipe(stop) != 0) {
        p.failures = 1;
        snprintf(p.why, sizeof p.why, "no pipe");
        return p;
    }
    l.stop_fd = stop[0];
    pthread_barrier_init(&l.start, NULL, (unsigned)n + 1);
    pthread_mutex_init(&l.lock, NULL);
    pthread_cond_init(&l.changed, NULL);
    int started = 0;
    for (; started < n; started++) {
        clients[started] = (client){ .load = &l };
        if (pthread_create(&clients[started].thread, NULL, client_thread,
                           &clients[started]) != 0)
            abort(); /* the barrier would wait for ever */
    }
    if (kind == LOAD_HANDSHAKES)
        l.deadline = speed_now() + seconds;
    pthread_barrier_wait(&l.start);
    if (kind == LOAD_RECORDS)
        begin_window(&l, n, seconds);
    double cpu_before = cpu_seconds(s->pid);
    sleep_seconds(seconds);
    double cpu_after = cpu_seconds(s->pid);
    if (cpu_before >= 0 && cpu_after >= 0)
        p.cpu = (cpu_after - cpu_before) / seconds;
    if (write(stop[1], "x", 1) != 1)
        abort(); /* the clients would wait for ever */
    double total = 0;
    for (int i = 0; i < started; i++) {
        client *c = &clients[i];
        pthread_join(c->thread, NULL);
        total += kind == LOAD_HANDSHAKES ? (double)c->handshakes : c->bytes / 1e6;
        p.served += c->handshakes > 0 || c->bytes > 0;
        if (c->failures > 0 && p.failures == 0)
            snprintf(p.why, sizeof p.why, "%s", c->why);
        p.failures += c->failures;
    }
    p.figure = total / seconds;
    pthread_barrier_destroy(&l.start);
    pthread_mutex_destroy(&l.lock);
    pthread_cond_destroy(&l.changed);
    close(stop[0]);
    close(stop[1]);
    return p;
}

/* --------------------------------------------------------- the section --- */

static int64_t wall_clock(const void *unused)
{
    (void)unused;
    return (int64_t)time(NULL);
}

/* The folder build/bench is in (bench_program's), into dir. */
static void build_folder(char *dir, size_t cap)
{
    snprintf(dir, cap, "%s", bench_program);
    char *slash = strrchr(dir, '/');
    if (slash != NULL)
        *slash = '\0';
    else
        snprintf(dir, cap, ".");
}

/* The run's folder and the certificate: a CA by `seetls ca init`, and from
 * it a server certificate for 127.0.0.1 (RSA-2048, both). 0, or -1 said. */
static int make_run_folder(const char *seetls)
{
    snprintf(run_dir, sizeof run_dir, "/tmp/seetls-curve-XXXXXX");
    if (mkdtemp(run_dir) == NULL) {
        run_dir[0] = '\0';
        printf("  cannot make a folder in /tmp: skipped\n");
        return -1;
    }
    for (int i = 0; i < RUN_FILES; i++)
        snprintf(run_files[i], sizeof run_files[i], "%s/%s", run_dir, run_file_names[i]);
    char *init[] = { (char *)seetls, "ca", "init", "--dir", run_dir, "--name", "curve CA",
                     "--bits", "2048", NULL };
    char *issue[] = { (char *)seetls, "ca", "issue", "--dir", run_dir, "--name", "curve",
                      "--server", "--ip", "127.0.0.1", "--bits", "2048",
                      "--out-key", run_files[RUN_KEY], "--out-cert", run_files[RUN_CERT],
                      NULL };
    if (run_program(init, run_files[RUN_OURS_LOG]) != 0 ||
        run_program(issue, run_files[RUN_OURS_LOG]) != 0) {
        printf("  %s ca could not make the certificate: skipped\n", seetls);
        return -1;
    }
    return 0;
}

/* The client's configuration: the one suite and group, the server's
 * certificate checked against the run's CA for 127.0.0.1. */
typedef struct {
    tls_config cfg;
    tls_x509_check check;
    uint8_t ca[8192];
} client_setup;

static int client_setup_init(client_setup *c)
{
    FILE *f = fopen(run_files[RUN_CA], "r");
    size_t len = f != NULL ? fread(c->ca, 1, sizeof c->ca, f) : 0;
    if (f != NULL)
        fclose(f);
    if (len == 0 || len == sizeof c->ca)
        return -1;
    c->check = (tls_x509_check){ .ca_file = c->ca, .ca_file_len = len,
                                 .host = "127.0.0.1", .clock = wall_clock };
    tls_config_init(&c->cfg);
    c->cfg.suites[0] = TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    c->cfg.suite_count = 1;
    c->cfg.groups[0] = TLS_GROUP_X25519;
    c->cfg.group_count = 1;
    c->cfg.verify = tls_x509_verify;
    c->cfg.verify_ctx = &c->check;
    return 0;
}

static int start_servers(const char *seetls, server *ours, server *theirs)
{
    char *ours_argv[] = { (char *)seetls, "server", "--port", "0",
                          "--cert", run_files[RUN_CERT], "--key", run_files[RUN_KEY],
                          "--cipher", SUITE, "--groups", "x25519", "--echo",
                          "--max-conns", MAX_CONNS, NULL };
    char *theirs_argv[] = { "openssl", "s_server", "-accept", "127.0.0.1:0",
                            "-cert", run_files[RUN_CERT], "-key", run_files[RUN_KEY],
                            "-tls1_2", "-cipher", SUITE, "-groups", "X25519", "-rev",
                            NULL };
    return server_start(ours, ours_argv) == 0 && server_start(theirs, theirs_argv) == 0
               ? 0 : -1;
}

/* The best of ROUNDS windows of seconds / ROUNDS, the servers taking
 * turns (a busy spell on a shared machine then hits both alike); the
 * failures of every round. */
static void measure_best(load_kind kind, const client_setup *c, server *s[2], int n,
                         double seconds, point best[2])
{
    for (int i = 0; i < 2; i++)
        best[i] = (point){ -1, -1, 0, 0, "" };
    for (int r = 0; r < ROUNDS; r++)
        for (int i = 0; i < 2; i++) {
            point p = measure_point(kind, &c->cfg, s[i], n, seconds / ROUNDS);
            int failures = best[i].failures + p.failures;
            if (best[i].failures == 0 && p.failures > 0)
                snprintf(best[i].why, sizeof best[i].why, "%s", p.why);
            if (p.figure > best[i].figure) {
                best[i].figure = p.figure;
                best[i].cpu = p.cpu;
                best[i].served = p.served;
            }
            best[i].failures = failures;
            sleep_seconds(SETTLE_SECONDS);
        }
}

/* One row per point of one panel, and under it the CPU time each server
 * took (cores busy, from the best window) and, for records, how many
 * clients moved data. 0, or -1 when a server has died. */
static int measure_panel(load_kind kind, const client_setup *c, server *ours,
                         server *theirs, double seconds, curve_panel *panel)
{
    server *s[2] = { ours, theirs };
    for (int k = 0; k < CURVE_POINTS; k++) {
        int n = clients_at[k];
        point p[2];
        measure_best(kind, c, s, n, seconds, p);
        for (int i = 0; i < 2; i++)
            if (!server_alive(s[i])) {
                printf("  %s has stopped\n", s[i]->name);
                return -1;
            }
        panel->ours[k] = p[0].figure;
        panel->theirs[k] = p[1].figure;
        char what[40];
        snprintf(what, sizeof what, "%s, %d client%s",
                 kind == LOAD_HANDSHAKES ? "handshakes" : "records 16 KiB", n,
                 n > 1 ? "s" : "");
        bench_row(what, p[0].figure, p[1].figure, kind == LOAD_HANDSHAKES ? "/s" : "MB/s",
                  "s_server", 0);
        printf("  %-26s server CPU %.2f cores, s_server %.2f", "", p[0].cpu, p[1].cpu);
        if (kind == LOAD_RECORDS)
            printf("; clients served %d of %d, s_server %d", p[0].served, n, p[1].served);
        printf("\n");
        for (int i = 0; i < 2; i++)
            if (p[i].failures > 0)
                printf("  %-26s %s: %d failed (first: %s)\n", "", s[i]->name,
                       p[i].failures, p[i].why);
    }
    return 0;
}

/* "AMD EPYC, 2 cores, load average 1.25 before the run": the CPU's model name from
 * /proc/cpuinfo (x86's "model name", else ARM's "Model"), the cores
 * online, and the load average over the last minute (on a shared machine,
 * how much else was running). */
static void machine_text(char *out, size_t cap)
{
    char line[256], model[128] = "unknown CPU";
    FILE *f = fopen("/proc/cpuinfo", "r");
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        char *colon = strchr(line, ':');
        if (colon != NULL && (strncmp(line, "model name", 10) == 0 ||
                              strncmp(line, "Model", 5) == 0)) {
            snprintf(model, sizeof model, "%s", colon + 2);
            model[strcspn(model, "\n")] = '\0';
            break;
        }
    }
    if (f != NULL)
        fclose(f);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    double average[1] = { -1 };
    getloadavg(average, 1);
    snprintf(out, cap, "%s, %ld core%s, load average %.2f before the run", model, cores,
             cores == 1 ? "" : "s", average[0]);
}

/* The chart's words around the figures measured, and the chart written
 * beside this program (in dir). */
static void write_chart(curve_chart *chart, const char *dir, const char *machine,
                        double window)
{
    static char captions[CURVE_CAPTION_LINES][320];
    snprintf(captions[0], sizeof captions[0],
             "TLS 1.2, " SUITE " over x25519, RSA-2048 certificate; the best of %d runs of "
             "%.2f s per point.", ROUNDS, window / ROUNDS);
    snprintf(captions[1], sizeof captions[1],
             "The same client for both servers: seetls's TLS client, a thread per client, "
             "checking the certificate.");
    snprintf(captions[2], sizeof captions[2],
             "Handshakes/s: each client connects, runs a full handshake (no resumption), "
             "closes, and again.");
    snprintf(captions[3], sizeof captions[3],
             "MB/s: once connected, each client sends a 16 KiB record and waits for it back "
             "(seetls server --echo; s_server -rev,");
    snprintf(captions[4], sizeof captions[4],
             "the line a palindrome); bytes counted both ways. s_server serves one connection "
             "at a time: the others wait in its queue.");
    snprintf(captions[5], sizeof captions[5],
             "Loopback on %s: the clients compete with the server under test for the cores.",
             machine);
    chart->title = "Throughput against concurrent clients: seetls server and openssl s_server";
    chart->ours_name = "seetls server (a thread per connection)";
    chart->theirs_name = "openssl s_server (one connection at a time)";
    for (int k = 0; k < CURVE_POINTS; k++)
        chart->clients[k] = clients_at[k];
    chart->panel[0].title = "Handshakes per second";
    chart->panel[0].y_label = "full handshakes / s";
    chart->panel[1].title = "Records echoed, 16 KiB";
    chart->panel[1].y_label = "MB/s (in + out)";
    for (int i = 0; i < CURVE_CAPTION_LINES; i++)
        chart->caption[i] = captions[i];

    char path[600];
    snprintf(path, sizeof path, "%s/bench-curve.svg", dir);
    if (curve_chart_write(chart, path) == 0)
        printf("  chart: %s\n", path);
    else
        printf("  cannot write the chart to %s: FAIL\n", path);
}

/* The run's folder, the two servers, both panels' figures into chart;
 * whatever happens, the servers stopped and the folder removed after
 * (and on a signal in the middle). 0 when both panels were measured. */
static int measure_curve(const char *seetls, const char *machine, double window,
                         curve_chart *chart)
{
    struct sigaction saved[STOP_SIGNALS];
    catch_stop_signals(saved);
    server ours = { "seetls server", 0, run_files[RUN_OURS_LOG], 0, 0 };
    server theirs = { "openssl s_server", 1, run_files[RUN_THEIRS_LOG], 0, 0 };
    static client_setup setup;
    int ok = make_run_folder(seetls) == 0 && client_setup_init(&setup) == 0 &&
             start_servers(seetls, &ours, &theirs) == 0;
    if (ok) {
        printf("  servers: %s (pid %d, port %u), %s (pid %d, port %u); files in %s\n",
               ours.name, (int)ours.pid, ours.port, theirs.name, (int)theirs.pid,
               theirs.port, run_dir);
        printf("  on %s\n", machine);
        printf("  %s and x25519, RSA-2048; the same client for both; per point and\n"
               "  server the best of %d runs of %.2f s in turns, after each a pause of %.1f s\n",
               SUITE, ROUNDS, window / ROUNDS, SETTLE_SECONDS);
        ok = measure_panel(LOAD_HANDSHAKES, &setup, &ours, &theirs, window,
                           &chart->panel[0]) == 0 &&
             measure_panel(LOAD_RECORDS, &setup, &ours, &theirs, window,
                           &chart->panel[1]) == 0;
    }
    server_stop(&ours);
    server_stop(&theirs);
    if (run_dir[0] != '\0')
        remove_run_folder();
    restore_signals(saved);
    return ok ? 0 : -1;
}

void bench_curve(double seconds)
{
    double window = 2 * seconds; /* per point and server */
    bench_section("throughput curve: seetls server beside openssl s_server, loopback");
    char dir[512], seetls[600], machine[200];
    build_folder(dir, sizeof dir);
    snprintf(seetls, sizeof seetls, "%s/seetls", dir);
    machine_text(machine, sizeof machine); /* before we load it */
    make_echo_line();
    static curve_chart chart;
    if (measure_curve(seetls, machine, window, &chart) != 0) {
        printf("  no chart: FAIL\n");
        return;
    }
    write_chart(&chart, dir, machine, window);
}
