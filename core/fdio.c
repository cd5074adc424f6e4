/* fdio.c: writing a whole buffer to a file descriptor (see fdio.h). */
#include "core/fdio.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

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
