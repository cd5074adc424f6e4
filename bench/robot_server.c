/*
 * robot_server.c: the robot benches' server and TLS (robot_server.h).
 */
#include "bench/robot_server.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static atomic_int stop_server;

static void *server_thread(void *arg)
{
    alex_server_run(arg, &stop_server);
    return NULL;
}

void bench_robot_server_start(alex_server_config *config, pthread_t *thread)
{
    stop_server = 0;
    pthread_create(thread, NULL, server_thread, config);
}

void bench_robot_server_stop(pthread_t thread)
{
    stop_server = 1;
    pthread_join(thread, NULL);
}

/* The chain, server then intermediate, into the file open at fd (closed
 * here). 0 when written. */
static int write_chain(int fd)
{
    FILE *out = fdopen(fd, "w");
    if (out == NULL) {
        close(fd);
        return -1;
    }
    const char *parts[] = {"vectors/certs/server.pem", "vectors/certs/inter.pem"};
    for (int i = 0; i < 2; i++) {
        FILE *in = fopen(parts[i], "r");
        if (in == NULL) {
            fclose(out);
            return -1;
        }
        int ch;
        while ((ch = fgetc(in)) != EOF)
            fputc(ch, out);
        fclose(in);
    }
    return fclose(out) == 0 ? 0 : -1;
}

int bench_robot_tls(alex_tls_setup *robot, char *why, size_t why_len)
{
    /* a file of its own (mkstemp), so that benches run at once by several
     * people do not share one; needed only while the set-up reads it */
    char path[] = "/tmp/seetls-bench-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        snprintf(why, why_len, "cannot make a file for the chain in /tmp");
        return -1;
    }
    see_status st = SEE_ERR_ARGUMENT;
    if (write_chain(fd) != 0)
        snprintf(why, why_len, "cannot write the chain to %s", path);
    else
        st = alex_tls_server_setup(robot, path, "vectors/certs/server.key",
                                   "vectors/certs/root.pem", why, why_len);
    remove(path);
    return st == SEE_OK ? 0 : -1;
}
