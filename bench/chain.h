/*
 * chain.h: the robot benches' certificate chain file (bench_robot.c,
 * bench_robot_web.c): the test certificates of vectors/certs/, server then
 * intermediate, in one new file of the bench's own.
 */
#ifndef SEETLS_BENCH_CHAIN_H
#define SEETLS_BENCH_CHAIN_H

/* path is a mkstemp template ("/tmp/seetls-bench-XXXXXX") and becomes the
 * file's name: its own, so that benches run at once by several people do
 * not share one. *made is set once the file exists (the caller removes
 * it). 0 when the chain was written, -1 otherwise. */
int bench_write_chain(char *path, int *made);

#endif
