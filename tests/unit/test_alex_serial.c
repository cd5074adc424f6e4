/* test_alex_serial.c: the serial code end to end through a pseudo-terminal,
 * against the Arduino simulator program (with junk between its frames). */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "robot/alex_events.h"
#include "robot/alex_robot.h"
#include "robot/alex_serial.h"
#include "tests/unit/harness.h"

static pid_t sim_pid = -1;
static char link_path[64];

/* Wait up to 3 s for the simulator's link to appear. */
static int wait_for_link(void)
{
    for (int i = 0; i < 300; i++) {
        struct stat st;
        if (stat(link_path, &st) == 0)
            return 0;
        struct timespec t = {0, 10000000};
        nanosleep(&t, NULL);
    }
    return -1;
}

/* The simulator sits next to the tests' folder: build/tests/.. */
static int start_simulator(const char *garbage)
{
    char exe[PATH_MAX], sim[PATH_MAX + 32];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return -1;
    exe[n] = '\0';
    *strrchr(exe, '/') = '\0'; /* .../build/tests */
    *strrchr(exe, '/') = '\0'; /* .../build */
    snprintf(sim, sizeof sim, "%s/alex-arduino-sim", exe);
    snprintf(link_path, sizeof link_path, "/tmp/seetls-tty-%d", (int)getpid());

    /* Under emulation (make test-cross runs the ARM suites under qemu-user,
     * SEETLS_EMULATOR) the simulator is an ARM program too: a plain exec
     * of it fails without binfmt_misc, so it runs through the emulator. */
    const char *emulator = getenv("SEETLS_EMULATOR");
    sim_pid = fork();
    if (sim_pid == 0) {
        if (emulator != NULL && *emulator != '\0')
            execlp(emulator, emulator, sim, "--link", link_path, "--garbage",
                   garbage, (char *)NULL);
        else
            execl(sim, sim, "--link", link_path, "--garbage", garbage,
                  (char *)NULL);
        _exit(127);
    }
    return wait_for_link();
}

static void stop_simulator(void)
{
    if (sim_pid > 0) {
        kill(sim_pid, SIGTERM);
        waitpid(sim_pid, NULL, 0);
        sim_pid = -1;
    }
}

static alex_packet command(uint8_t cmd, uint32_t p0, uint32_t p1)
{
    alex_packet p;
    memset(&p, 0, sizeof p);
    p.packet_type = ALEX_PACKET_COMMAND;
    p.command = cmd;
    p.params[0] = p0;
    p.params[1] = p1;
    return p;
}

static void test_hello_and_commands_through_pty(void)
{
    CU_ASSERT_EQUAL_FATAL(start_simulator("9"), 0);
    alex_serial s;
    CU_ASSERT_EQUAL_FATAL(alex_serial_open(&s, link_path, 57600), SEE_OK);
    CU_ASSERT_EQUAL(alex_serial_hello(&s, 0, 2000), SEE_OK);

    alex_packet reply, req = command(ALEX_CMD_FORWARD, 50, 75);
    CU_ASSERT_EQUAL(alex_serial_transact(&s, &req, &reply, 1000), SEE_OK);
    CU_ASSERT_EQUAL(reply.packet_type, ALEX_PACKET_RESPONSE);
    CU_ASSERT_EQUAL(reply.command, ALEX_RESP_OK);

    /* Fast commands, one in flight at a time: every one is answered. */
    int answered = 0;
    for (int i = 0; i < 200; i++) {
        req = command(i % 2 ? ALEX_CMD_STOP : ALEX_CMD_TURN_LEFT, 10, 50);
        if (alex_serial_transact(&s, &req, &reply, 1000) == SEE_OK &&
            reply.command == ALEX_RESP_OK)
            answered++;
    }
    CU_ASSERT_EQUAL(answered, 200);
    CU_ASSERT(s.framer.skipped >= 9u * 200u); /* the junk was really there */

    req = command(ALEX_CMD_GET_STATS, 0, 0);
    CU_ASSERT_EQUAL(alex_serial_transact(&s, &req, &reply, 1000), SEE_OK);
    CU_ASSERT_EQUAL(reply.command, ALEX_RESP_STATUS);

    req = command(77, 0, 0);
    CU_ASSERT_EQUAL(alex_serial_transact(&s, &req, &reply, 1000), SEE_OK);
    CU_ASSERT_EQUAL(reply.packet_type, ALEX_PACKET_ERROR);
    CU_ASSERT_EQUAL(reply.command, ALEX_RESP_BAD_COMMAND);

    alex_serial_close(&s);
    stop_simulator();
}

static void test_timeout_and_bad_arguments(void)
{
    alex_serial s;
    CU_ASSERT_EQUAL(alex_serial_open(&s, "/dev/null", 1200), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(alex_serial_open(&s, "/nonexistent/tty", 9600), ALEX_STATUS_SERIAL_OPEN);

    /* A simulator that is stopped (SIGSTOP) never answers: timeout. */
    CU_ASSERT_EQUAL_FATAL(start_simulator("0"), 0);
    CU_ASSERT_EQUAL_FATAL(alex_serial_open(&s, link_path, 9600), SEE_OK);
    kill(sim_pid, SIGSTOP);
    alex_packet reply, req = command(ALEX_CMD_STOP, 0, 0);
    CU_ASSERT_EQUAL(alex_serial_transact(&s, &req, &reply, 200), SEE_ERR_TIMEOUT);
    kill(sim_pid, SIGCONT);
    alex_serial_close(&s);
    stop_simulator();
}

static long long elapsed_since(long long start_ms)
{
    return alex_now_ms() - start_ms;
}

static void sleep_ms(int ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* Send GET_STATS every 20 ms until it gives want, for up to limit_ms;
 * returns how long that took (limit_ms + 1 if it never did). */
static long long ms_until_send_gives(alex_robot *robot, see_status want, int limit_ms)
{
    long long start = alex_now_ms();
    alex_packet reply, req = command(ALEX_CMD_GET_STATS, 0, 0);
    while (elapsed_since(start) <= limit_ms) {
        if (alex_robot_send(robot, &req, &reply) == want)
            return elapsed_since(start);
        sleep_ms(20);
    }
    return limit_ms + 1;
}

/* How many events of a kind the log holds, and the last one's line. */
static int count_events(FILE *log, const char *kind, char *last, size_t last_len)
{
    char line[512], pattern[64];
    int n = 0;
    snprintf(pattern, sizeof pattern, "\"event\":\"%s\"", kind);
    fflush(log);
    rewind(log);
    while (fgets(line, sizeof line, log) != NULL)
        if (strstr(line, pattern) != NULL) {
            n++;
            snprintf(last, last_len, "%s", line);
        }
    fseek(log, 0, SEEK_END);
    return n;
}

/* count_events, waiting up to 1 s for at least n. */
static int wait_for_events(FILE *log, const char *kind, int n, char *last, size_t last_len)
{
    int got = 0;
    for (int i = 0; i < 50 && (got = count_events(log, kind, last, last_len)) < n; i++)
        sleep_ms(20);
    return got;
}

/* The Arduino unplugged and plugged in again (the simulator closes its pty
 * and opens a new one at the same path): commands are refused as "not
 * connected" meanwhile, the keeper reopens the port after 0.5 s, 1 s, 2 s
 * (doubling), and commands run again once HELLO is answered. */
static void test_robot_reopens_an_unplugged_serial_port(void)
{
    FILE *log = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(log);
    alex_events_open(log);
    CU_ASSERT_EQUAL_FATAL(start_simulator("3"), 0);
    alex_robot robot;
    CU_ASSERT_EQUAL_FATAL(alex_robot_open_serial(&robot, link_path, 57600, 0), SEE_OK);
    alex_packet reply, req = command(ALEX_CMD_FORWARD, 20, 50);
    CU_ASSERT_EQUAL(alex_robot_send(&robot, &req, &reply), SEE_OK);
    CU_ASSERT_STRING_EQUAL(robot.motors, "forward");

    /* unplugged: the hang-up is noticed within 100 ms, nothing is sent */
    kill(sim_pid, SIGUSR1);
    CU_ASSERT(ms_until_send_gives(&robot, ALEX_STATUS_NOT_CONNECTED, 1000) <= 1000);
    long long unplugged = alex_now_ms();
    char last[512] = "";
    CU_ASSERT_EQUAL(wait_for_events(log, "serial_lost", 1, last, sizeof last), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(last, "\"reason\":\"the serial port hung up"));
    CU_ASSERT_EQUAL(alex_robot_stop(&robot, "test"), ALEX_STATUS_NOT_CONNECTED);

    /* Plugged in again 2.5 s later: tries at 0.5 s and 1.5 s found no
     * port (logged once: the same reason is not repeated), the one at
     * 3.5 s finds it. */
    sleep_ms(2500);
    CU_ASSERT_EQUAL(alex_robot_send(&robot, &req, &reply), ALEX_STATUS_NOT_CONNECTED);
    kill(sim_pid, SIGUSR2);
    CU_ASSERT(ms_until_send_gives(&robot, SEE_OK, 3000) <= 3000);
    long long down = elapsed_since(unplugged);
    CU_ASSERT(down >= 3300 && down <= 4500);
    CU_ASSERT_EQUAL(count_events(log, "serial_retry", last, sizeof last), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(last, "\"reason\":\"cannot open the serial port: "
                                        "No such file or directory\",\"attempt\":1,\"next_ms\":1000"));
    CU_ASSERT_EQUAL(wait_for_events(log, "serial_connected", 1, last, sizeof last), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(last, "\"attempts\":3}"));
    /* the Arduino restarted: motors off, and a fresh robot's counters */
    CU_ASSERT_STRING_EQUAL(robot.motors, "stopped");
    req = command(ALEX_CMD_GET_STATS, 0, 0);
    CU_ASSERT_EQUAL(alex_robot_send(&robot, &req, &reply), SEE_OK);
    CU_ASSERT_EQUAL(reply.params[ALEX_STAT_FORWARD_DISTANCE], 0u);

    /* Closing while the keeper waits between tries, or for the answer to
     * its HELLO, is at once. */
    kill(sim_pid, SIGUSR1);
    CU_ASSERT(ms_until_send_gives(&robot, ALEX_STATUS_NOT_CONNECTED, 1000) <= 1000);
    long long start = alex_now_ms();
    alex_robot_close(&robot);
    CU_ASSERT(elapsed_since(start) < 300);

    kill(sim_pid, SIGUSR2);
    CU_ASSERT_EQUAL_FATAL(wait_for_link(), 0);
    CU_ASSERT_EQUAL_FATAL(alex_robot_open_serial(&robot, link_path, 57600, 0), SEE_OK);
    kill(sim_pid, SIGUSR1);
    CU_ASSERT(ms_until_send_gives(&robot, ALEX_STATUS_NOT_CONNECTED, 1000) <= 1000);
    kill(sim_pid, SIGUSR2);
    CU_ASSERT_EQUAL_FATAL(wait_for_link(), 0);
    kill(sim_pid, SIGSTOP); /* plugged in, but it does not answer */
    sleep_ms(800);          /* the try at 0.5 s waits for HELLO's answer */
    start = alex_now_ms();
    alex_robot_close(&robot);
    CU_ASSERT(elapsed_since(start) < 300);
    kill(sim_pid, SIGCONT);

    alex_events_open(NULL);
    fclose(log);
    stop_simulator();
}

static CU_TestInfo tests[] = {
    {"HELLO and 200 fast commands through a pty with junk", test_hello_and_commands_through_pty},
    {"timeouts and bad arguments", test_timeout_and_bad_arguments},
    {"an unplugged Arduino's port is reopened", test_robot_reopens_an_unplugged_serial_port},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    int status = run_suite("alex_serial", tests);
    stop_simulator();
    return status;
}
