/*
 * fdio.h: writing a whole buffer to a file descriptor (socket, pipe,
 * serial port or pseudo-terminal), the loop every program needs once.
 *
 * A write may take only part of the buffer, and a signal may interrupt it
 * (EINTR) before it takes any: both mean "write the rest", not "fail".
 */
#ifndef SEETLS_FDIO_H
#define SEETLS_FDIO_H

#include <stddef.h>
#include <stdint.h>

/* Write len bytes at p to fd, blocking until all are written. A socket is
 * written with MSG_NOSIGNAL, so a peer that has gone makes this return -1
 * (errno EPIPE) instead of killing the program with SIGPIPE. Returns 0, or
 * -1 with errno set (EPIPE also when fd accepted nothing at all). */
int fd_write_all(int fd, const uint8_t *p, size_t len);

#endif
