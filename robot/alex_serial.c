/* alex_serial.c: the serial line to the Arduino (see alex_serial.h). */
#include "robot/alex_serial.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "core/fdio.h"

/* 64 bits: a 32-bit long (32-bit ARM) overflows after 24.8 days up. */
static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static see_status configure_line(int fd, int baud)
{
    speed_t speed = baud == 9600 ? B9600 : B57600;
    struct termios tio;
    ENSURE(tcgetattr(fd, &tio) == 0, ALEX_STATUS_SERIAL_OPEN);
    cfmakeraw(&tio);                       /* no echo, no line editing */
    tio.c_cflag &= ~(tcflag_t)(CSIZE | PARENB | CSTOPB | CRTSCTS);
    tio.c_cflag |= CS8 | CLOCAL | CREAD;   /* 8 data bits, no parity, 1 stop */
    tio.c_cc[VMIN] = 0;
    tio.c_cc[VTIME] = 0;
    ENSURE(cfsetispeed(&tio, speed) == 0 && cfsetospeed(&tio, speed) == 0,
           ALEX_STATUS_SERIAL_OPEN);
    ENSURE(tcsetattr(fd, TCSANOW, &tio) == 0, ALEX_STATUS_SERIAL_OPEN);
    return SEE_OK;
}

see_status alex_serial_open(alex_serial *s, const char *path, int baud)
{
    ENSURE(baud == 9600 || baud == 57600, SEE_ERR_ARGUMENT);
    alex_framer_init(&s->framer);
    s->input_len = s->input_pos = 0;
    s->cancel_fd = -1;
    s->fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    ENSURE(s->fd >= 0, ALEX_STATUS_SERIAL_OPEN);
    see_status st = configure_line(s->fd, baud);
    if (st != SEE_OK) {
        close(s->fd);
        s->fd = -1;
    }
    return st;
}

/* Wait up to timeout_ms for fd's events or the cancel descriptor: poll's
 * count, with fd's revents in *revents and *cancelled set when the cancel
 * descriptor is readable. */
static int wait_for_line(const alex_serial *s, short events, int timeout_ms,
                         short *revents, int *cancelled)
{
    struct pollfd pfd[2] = {{.fd = s->fd, .events = events},
                            {.fd = s->cancel_fd, .events = POLLIN}};
    int ready = poll(pfd, s->cancel_fd >= 0 ? 2 : 1, timeout_ms);
    *revents = ready > 0 ? pfd[0].revents : 0;
    *cancelled = ready > 0 && s->cancel_fd >= 0 && pfd[1].revents != 0;
    return ready;
}

/* Frame what is already buffered; 1 when a packet came out of it. */
static int frame_buffered(alex_serial *s, alex_packet *packet)
{
    size_t used;
    int found = alex_framer_feed(&s->framer, s->input + s->input_pos,
                                 s->input_len - s->input_pos, &used, packet);
    s->input_pos += used;
    return found;
}

/* Read from the line until a whole frame arrives or the deadline passes. */
static see_status read_packet(alex_serial *s, alex_packet *packet, int64_t deadline)
{
    while (!frame_buffered(s, packet)) {
        int64_t left = deadline - now_ms();
        if (left <= 0)
            return SEE_ERR_TIMEOUT;
        short revents;
        int cancelled;
        int ready = wait_for_line(s, POLLIN, (int)left, &revents, &cancelled);
        if (ready < 0 && errno == EINTR)
            continue;
        ENSURE(ready >= 0, ALEX_STATUS_SERIAL_IO);
        ENSURE(!cancelled, SEE_ERR_CANCELLED);
        if (ready == 0)
            return SEE_ERR_TIMEOUT;
        ssize_t n = read(s->fd, s->input, sizeof s->input);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        ENSURE(n > 0, ALEX_STATUS_SERIAL_IO);
        s->input_len = (size_t)n;
        s->input_pos = 0;
    }
    return SEE_OK;
}

see_status alex_serial_transact(alex_serial *s, const alex_packet *request,
                                alex_packet *reply, int timeout_ms)
{
    uint8_t frame[ALEX_FRAME_SIZE];
    alex_frame_encode(request, frame);
    ENSURE(fd_write_all(s->fd, frame, sizeof frame) == 0, ALEX_STATUS_SERIAL_IO);
    int64_t deadline = now_ms() + timeout_ms;
    for (;;) {
        TRY(read_packet(s, reply, deadline));
        if (reply->packet_type == ALEX_PACKET_RESPONSE ||
            reply->packet_type == ALEX_PACKET_ERROR)
            return SEE_OK;
        /* MESSAGE packets (debug text from the firmware) are not replies. */
    }
}

see_status alex_serial_hello(alex_serial *s, int reset_wait_ms, int timeout_ms)
{
    /* Opening the port reset the Arduino (DTR); let it boot. The line is
     * not read meanwhile (events 0): only a hang-up or the cancel ends the
     * wait early. */
    for (int64_t deadline = now_ms() + reset_wait_ms;;) {
        int64_t left = deadline - now_ms();
        if (left <= 0)
            break;
        short revents;
        int cancelled;
        if (wait_for_line(s, 0, (int)left, &revents, &cancelled) < 0 && errno != EINTR)
            return ALEX_STATUS_SERIAL_IO;
        ENSURE(!cancelled, SEE_ERR_CANCELLED);
        ENSURE((revents & (POLLHUP | POLLERR | POLLNVAL)) == 0, ALEX_STATUS_SERIAL_IO);
    }
    tcflush(s->fd, TCIFLUSH); /* whatever the booting Arduino printed */
    alex_framer_init(&s->framer);
    s->input_len = s->input_pos = 0;

    alex_packet hello, reply;
    memset(&hello, 0, sizeof hello);
    hello.packet_type = ALEX_PACKET_HELLO;
    TRY(alex_serial_transact(s, &hello, &reply, timeout_ms));
    ENSURE(reply.packet_type == ALEX_PACKET_RESPONSE &&
           reply.command == ALEX_RESP_OK, ALEX_STATUS_ROBOT_REPLY);
    return SEE_OK;
}

int alex_serial_hung_up(const alex_serial *s, int timeout_ms)
{
    short revents;
    int cancelled;
    /* No events asked for: poll still reports a hang-up or an error. */
    if (wait_for_line(s, 0, timeout_ms, &revents, &cancelled) <= 0 || cancelled)
        return 0;
    return (revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

void alex_serial_close(alex_serial *s)
{
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
}
