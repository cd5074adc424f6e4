/*
 * fdio.h: whole buffers to a file descriptor and from a file, the loops
 * every program needs once.
 *
 * A write may take only part of the buffer, and a signal may interrupt it
 * (EINTR) before it takes any: both mean "write the rest", not "fail". A
 * file holding a key is read without stdio's buffer, which would keep a
 * copy of the key that fclose frees unwiped.
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

/* Read the regular file at path, at most max bytes, into a new buffer of
 * exactly its size (plus one spare byte, for a NUL), straight from the
 * file: no stdio buffer keeps a copy. Returns 0 with *data (free it; wipe
 * it first if it held a secret) and *len, or -1 with nothing allocated,
 * what was read wiped, and errno set: the open's or the read's own, EINVAL
 * for something that is not a regular file, EFBIG for a file larger than
 * max, ENOMEM, EIO for a file that shrank while read. */
int file_read_whole(const char *path, size_t max, uint8_t **data, size_t *len);

#endif
