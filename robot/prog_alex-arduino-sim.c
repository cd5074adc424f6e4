/*
 * alex-arduino-sim: the Arduino's side of the serial line, simulated.
 *
 *   alex-arduino-sim --link PATH [--garbage N] [--seed N]
 *
 * Opens a pseudo-terminal, makes PATH a symbolic link to its slave side, and
 * answers frames there as the Alex firmware does (with a simulated robot
 * behind it), so `alex-server --serial PATH` runs its real serial code end
 * to end without hardware. --garbage N writes N junk bytes before every
 * reply, to show the server resynchronising. Runs until SIGINT or SIGTERM,
 * then removes PATH.
 *
 * SIGUSR1 unplugs the Arduino: the pseudo-terminal is closed (the server's
 * side of it hangs up, as a USB serial port does) and PATH removed.
 * SIGUSR2 plugs it back in: a new pseudo-terminal at the same PATH, and a
 * freshly reset robot behind it (its counters at zero), as a real Arduino
 * after a power cycle.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "core/fdio.h"
#include "crypto/bignum.h"
#include "robot/alex_packet.h"
#include "robot/alex_sim.h"

static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t unplug_requested, plug_requested;

static void on_signal(int sig)
{
    if (sig == SIGUSR1)
        unplug_requested = 1;
    else if (sig == SIGUSR2)
        plug_requested = 1;
    else
        stop_requested = 1;
}

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static const char help[] =
    "usage: alex-arduino-sim --link PATH [--garbage N] [--seed N]\n"
    "Simulate the Alex Arduino on a pseudo-terminal linked at PATH.\n"
    "  --garbage N  write N junk bytes before each reply (resync test)\n"
    "  --seed N     seed for the junk bytes (default 1)\n"
    "SIGUSR1 unplugs the Arduino (closes the pty, removes PATH); SIGUSR2\n"
    "plugs it back in (a new pty at PATH, the robot reset).\n";

/* Open the pty pair; returns the master fd, keeps the slave open in *slave
 * (so the master never sees a hang-up between server connections). */
static int open_pty(const char *link, int *slave)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
        return -1;
    const char *name = ptsname(master);
    if (name == NULL)
        return -1;
    *slave = open(name, O_RDWR | O_NOCTTY);
    if (*slave < 0)
        return -1;
    struct termios tio;
    if (tcgetattr(*slave, &tio) == 0) {
        cfmakeraw(&tio);
        tcsetattr(*slave, TCSANOW, &tio);
    }
    unlink(link);
    if (symlink(name, link) != 0)
        return -1;
    return master;
}

/* The USB cable pulled: the server's side of the pty hangs up. */
static void unplug(const char *link, int master, int slave)
{
    unlink(link);
    close(slave);
    close(master);
    fprintf(stderr, "alex-arduino-sim: unplugged\n");
}

/* Plugged back in: a new pty at the same path, the firmware restarted. */
static int plug_in(const char *link, int *slave, alex_sim *sim, alex_framer *framer)
{
    int master = open_pty(link, slave);
    if (master < 0) {
        fprintf(stderr, "alex-arduino-sim: cannot set up %s: %s\n", link, strerror(errno));
        return -1;
    }
    alex_sim_init(sim);
    alex_framer_init(framer);
    fprintf(stderr, "alex-arduino-sim: plugged in again at %s\n", link);
    return master;
}

static int reply(int master, const alex_packet *packet, int garbage)
{
    uint8_t junk[256];
    for (int i = 0; i < garbage && i < (int)sizeof junk; i++) {
        junk[i] = (uint8_t)rand();
        if (junk[i] == ALEX_MAGIC_0) /* junk, but never a frame start */
            junk[i] = 0x00;
    }
    if (garbage > 0 && fd_write_all(master, junk, (size_t)garbage) != 0)
        return -1;
    uint8_t frame[ALEX_FRAME_SIZE];
    alex_frame_encode(packet, frame);
    return fd_write_all(master, frame, sizeof frame);
}

int main(int argc, char **argv)
{
    bn_install_wiping_allocator(); /* first: GMP wipes all it frees */
    static const struct option options[] = {
        {"link", required_argument, NULL, 'l'},
        {"garbage", required_argument, NULL, 'g'},
        {"seed", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *link = NULL;
    int garbage = 0;
    unsigned seed = 1;
    int opt;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (opt) {
        case 'l': link = optarg; break;
        case 'g': garbage = atoi(optarg); break;
        case 's': seed = (unsigned)strtoul(optarg, NULL, 10); break;
        case 'h': fputs(help, stdout); return 0;
        default: fputs(help, stderr); return 2;
        }
    }
    if (link == NULL || garbage < 0 || garbage > 255) {
        fputs(help, stderr);
        return 2;
    }
    srand(seed);

    int slave;
    int master = open_pty(link, &slave);
    if (master < 0) {
        fprintf(stderr, "alex-arduino-sim: cannot set up %s: %s\n", link, strerror(errno));
        return 1;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGUSR1, on_signal);
    signal(SIGUSR2, on_signal);
    fprintf(stderr, "alex-arduino-sim: Arduino simulated at %s\n", link);

    alex_sim sim;
    alex_framer framer;
    alex_sim_init(&sim);
    alex_framer_init(&framer);
    double last = now_seconds();
    int status = 0;

    while (!stop_requested) {
        if (unplug_requested) {
            unplug_requested = 0;
            if (master >= 0) {
                unplug(link, master, slave);
                master = slave = -1;
            }
        }
        if (plug_requested) {
            plug_requested = 0;
            if (master < 0) {
                master = plug_in(link, &slave, &sim, &framer);
                if (master < 0) {
                    status = 1;
                    break;
                }
            }
        }
        struct pollfd pfd = {.fd = master, .events = POLLIN};
        int ready = poll(&pfd, master >= 0 ? 1 : 0, 50);
        double t = now_seconds();
        alex_sim_advance(&sim, t - last);
        last = t;
        if (ready <= 0)
            continue;
        uint8_t buf[512];
        ssize_t n = read(master, buf, sizeof buf);
        if (n <= 0)
            continue; /* EIO while nobody has the slave open: keep waiting */
        size_t pos = 0;
        while (pos < (size_t)n) {
            alex_packet in, out;
            size_t used;
            int found = alex_framer_feed(&framer, buf + pos, (size_t)n - pos, &used, &in);
            pos += used;
            if (!found)
                continue;
            alex_sim_handle(&sim, &in, &out);
            if (reply(master, &out, garbage) != 0) {
                status = 1;
                stop_requested = 1;
                break;
            }
        }
    }
    if (master >= 0)
        unplug(link, master, slave);
    return status;
}
