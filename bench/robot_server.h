/*
 * robot_server.h: what the robot benches (bench_robot.c, bench_robot_web.c)
 * both need: the robot's TLS set-up from the test certificates of
 * vectors/certs/, and alex-server's own server (alex_server_run) in a
 * thread of the bench.
 */
#ifndef SEETLS_BENCH_ROBOT_SERVER_H
#define SEETLS_BENCH_ROBOT_SERVER_H

#include <pthread.h>
#include <stddef.h>

#include "robot/alex_server.h"
#include "robot/alex_tls_config.h"

/* The robot's TLS: server.pem under inter.pem (the chain, written for the
 * set-up to a file of its own and removed at once) with server.key,
 * trusting root.pem for the controllers' certificates. 0, or -1 with why
 * said. */
int bench_robot_tls(alex_tls_setup *robot, char *why, size_t why_len);

/* alex_server_run(config) in a new thread, until bench_robot_server_stop. */
void bench_robot_server_start(alex_server_config *config, pthread_t *thread);
void bench_robot_server_stop(pthread_t thread);

#endif
