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

#include "robot/alex_serial.h"
#include "tests/unit/harness.h"

static pid_t sim_pid = -1;
static char link_path[64];

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
    /* Wait up to 3 s for the link to appear. */
    for (int i = 0; i < 300; i++) {
        struct stat st;
        if (stat(link_path, &st) == 0)
            return 0;
        struct timespec t = {0, 10000000};
        nanosleep(&t, NULL);
    }
    return -1;
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
    CU_ASSERT_EQUAL(alex_serial_open(&s, "/nonexistent/tty", 9600), SEE_ERR_SERIAL_OPEN);

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

static CU_TestInfo tests[] = {
    {"HELLO and 200 fast commands through a pty with junk", test_hello_and_commands_through_pty},
    {"timeouts and bad arguments", test_timeout_and_bad_arguments},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    int status = run_suite("alex_serial", tests);
    stop_simulator();
    return status;
}
