/* fdio.c: whole buffers to a file descriptor and from a file (see fdio.h). */
#include "core/fdio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"

/* send() with MSG_NOSIGNAL on a socket; write() on anything else (send()
 * says ENOTSOCK, once, and the rest of the buffer goes by write()). */
static ssize_t write_some(int fd, const uint8_t *p, size_t len, int *is_socket)
{
    if (*is_socket) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        if (n >= 0 || errno != ENOTSOCK)
            return n;
        *is_socket = 0;
    }
    return write(fd, p, len);
}

int fd_write_all(int fd, const uint8_t *p, size_t len)
{
    int is_socket = 1;
    while (len > 0) {
        ssize_t n = write_some(fd, p, len, &is_socket);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EPIPE;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* The size of the regular file f, if it is one of at most max bytes;
 * else -1 with errno set. */
static long long regular_size(FILE *f, size_t max)
{
    struct stat st;
    if (fstat(fileno(f), &st) != 0)
        return -1;
    if (!S_ISREG(st.st_mode)) {
        errno = EINVAL;
        return -1;
    }
    if ((unsigned long long)st.st_size > max) {
        errno = EFBIG;
        return -1;
    }
    return (long long)st.st_size;
}

int file_read_whole(const char *path, size_t max, uint8_t **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    long long size = regular_size(f, max);
    if (size < 0) {
        int saved = errno;
        fclose(f);
        errno = saved;
        return -1;
    }
    setvbuf(f, NULL, _IONBF, 0); /* fread straight into buf */
    uint8_t *buf = malloc((size_t)size + 1);
    size_t got = buf != NULL ? fread(buf, 1, (size_t)size, f) : 0;
    int error = buf == NULL ? ENOMEM : ferror(f) ? EIO : got != (size_t)size ? EIO : 0;
    fclose(f);
    if (error != 0) {
        if (buf != NULL)
            see_wipe(buf, got);
        free(buf);
        errno = error;
        return -1;
    }
    *data = buf;
    *len = (size_t)size;
    return 0;
}
