/*
 * alex_serial.h: the Pi's side of the serial line to the Arduino.
 *
 * The line is opened raw, 8N1, at 9600 or 57600 baud. Opening the port
 * resets an Arduino, so after opening we wait for it to boot, then send
 * HELLO and expect OK. After that, exactly one command is in flight at a
 * time: send a frame, read frames until the reply to it arrives (the
 * framer skips garbage and resynchronises), or time out. Fast key presses
 * therefore queue in the server, never on the wire, which is what made the
 * lab's serial line lose sync.
 */
#ifndef SEETLS_ALEX_SERIAL_H
#define SEETLS_ALEX_SERIAL_H

#include "robot/alex_packet.h"
#include "robot/alex_status.h"

typedef struct {
    int fd;
    int cancel_fd;        /* -1, or a descriptor that, once readable, ends
                             every wait (alex_serial_open sets -1) */
    alex_framer framer;
    uint8_t input[256];   /* bytes read from the line, not yet framed */
    size_t input_len, input_pos;
} alex_serial;

/* Open path raw 8N1 at baud (9600 or 57600; anything else is
 * SEE_ERR_ARGUMENT). ALEX_STATUS_SERIAL_OPEN leaves open(2)'s errno. */
see_status alex_serial_open(alex_serial *s, const char *path, int baud);

/* Wait reset_wait_ms for the Arduino to boot, discard what it printed,
 * then HELLO -> OK within timeout_ms. SEE_ERR_CANCELLED as soon as
 * cancel_fd is readable. */
see_status alex_serial_hello(alex_serial *s, int reset_wait_ms, int timeout_ms);

/* Send one packet and wait up to timeout_ms for the RESPONSE or ERROR
 * packet that answers it; MESSAGE packets (the firmware's debug text) that
 * arrive meanwhile are skipped. A line that fails, or hangs up (the
 * Arduino unplugged, or its USB port gone while it resets), is
 * ALEX_STATUS_SERIAL_IO: the line is lost, and only reopening it helps. */
see_status alex_serial_transact(alex_serial *s, const alex_packet *request,
                                alex_packet *reply, int timeout_ms);

/* 1 when the line has hung up or failed (poll's POLLHUP or POLLERR),
 * waiting up to timeout_ms for it to; 0 while it is there. Returns early,
 * with 0, when cancel_fd becomes readable. */
int alex_serial_hung_up(const alex_serial *s, int timeout_ms);

void alex_serial_close(alex_serial *s);

#endif
