/*
 * alex_web_protocol.h: the web console's messages (docs/robot.md, "The web
 * console"; robot/web/console.html is the page's side), apart from the
 * HTTP and WebSocket plumbing of alex_web.c so that each can be tested on
 * its own.
 *
 * Page to robot, one WebSocket text message each:
 *   pair CODE               the pairing code printed on the robot's terminal
 *   go DIR POWER            DIR forward|reverse|left|right, until told to
 *                           stop (distance 0, ALEX.md); POWER 0-100 (%)
 *   move DIR AMOUNT POWER   a measured move: AMOUNT cm (1-1000), or degrees
 *                           for a turn (1-360)
 *   stop | hb | clear | release
 *                           stop; heartbeat; clear the counters; give up
 *                           control
 * Words are separated by one space; numbers are decimal digits.
 *
 * Robot to page, JSON text messages:
 *   {"type":"security","subject":..,"issuer":..,"not_before":..,
 *    "not_after":..,"suite":..,"key_exchange":..,"client":..|null}
 *   {"type":"status","doing":..,"stats":[10 counters],"control":
 *    "you"|"other"|"none","controller":..|null,"may_drive":true|false}
 *   {"type":"error","text":..}
 */
#ifndef SEETLS_ALEX_WEB_PROTOCOL_H
#define SEETLS_ALEX_WEB_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/random.h"
#include "robot/alex_message.h"
#include "robot/alex_packet.h"
#include "robot/alex_status.h"

/* The longest command message the robot reads (the WebSocket reader's
 * max_message): "move reverse 1000 100" is 21 bytes. */
#define ALEX_WEB_MAX_COMMAND 256

typedef enum {
    ALEX_WEB_PAIR,
    ALEX_WEB_GO,
    ALEX_WEB_MOVE,
    ALEX_WEB_STOP,
    ALEX_WEB_HEARTBEAT,
    ALEX_WEB_CLEAR,
    ALEX_WEB_RELEASE,
} alex_web_verb;

#define ALEX_PAIRING_DIGITS 6
/* Wrong pairing codes one connection may send; after that it may try no
 * more. A new connection may try again, so the robot also counts wrong
 * codes across connections: ALEX_PAIRING_MAX_FAILURES within
 * ALEX_PAIRING_WINDOW_MS pause all pairing for ALEX_PAIRING_LOCKOUT_MS (a
 * guesser of 10^6 codes then needs weeks; a lab certificate still
 * works meanwhile). Each wrong code is an event. */
#define ALEX_PAIRING_TRIES 3
#define ALEX_PAIRING_MAX_FAILURES 10
#define ALEX_PAIRING_WINDOW_MS 60000
#define ALEX_PAIRING_LOCKOUT_MS 60000

/* The wrong codes counted across connections (the caller locks). */
typedef struct {
    int failures;              /* in the window that began at window_ms */
    long long window_ms;
    long long locked_until_ms; /* 0: not locked */
} alex_pairing_guard;

void alex_pairing_guard_init(alex_pairing_guard *g);
/* 0 while pairing is paused at now_ms (*wait_ms: how much longer), else 1. */
int alex_pairing_guard_allows(const alex_pairing_guard *g, long long now_ms,
                              long long *wait_ms);
/* A wrong code at now_ms; returns 1 when it starts a pause. */
int alex_pairing_guard_failed(alex_pairing_guard *g, long long now_ms);

typedef struct {
    alex_web_verb verb;
    char key;          /* GO, MOVE: 'f', 'b', 'l' or 'r' (alex_message.h) */
    int32_t amount;    /* MOVE: cm or degrees */
    int32_t power;     /* GO, MOVE: % */
    char code[16];     /* PAIR: as sent (at most 15 characters) */
} alex_web_command;

/* Read one command message (len bytes, not NUL-terminated). SEE_OK, or
 * ALEX_STATUS_WEB_COMMAND with why in words ("unknown command 'fly'",
 * "power 120 is out of range 0-100"). */
see_status alex_web_parse_command(const uint8_t *text, size_t len, alex_web_command *out,
                                  char *why, size_t why_len);

/* A drive command (GO, MOVE, STOP, CLEAR) as the COMMAND message the
 * terminal client would send, for alex_control_command. */
void alex_web_command_message(const alex_web_command *c, alex_message *m);

/* A fresh pairing code: ALEX_PAIRING_DIGITS decimal digits, uniform (a
 * random 32-bit number below the largest multiple of 10^6, rejection
 * otherwise), NUL-ended. SEE_ERR_RANDOM when rng fails. */
see_status alex_pairing_new(see_rng *rng, char code[ALEX_PAIRING_DIGITS + 1]);

/* 1 if given (given_len bytes) is the code, compared in constant time
 * (its length is not secret: every code has ALEX_PAIRING_DIGITS). */
int alex_pairing_matches(const char *code, const char *given, size_t given_len);

/* ------------------------------------------------------------ JSON --- */

typedef struct {
    const char *subject, *issuer;         /* the robot's certificate */
    const char *not_before, *not_after;   /* "2026-01-31 12:00:00 UTC" */
    const char *suite, *key_exchange;     /* this connection's */
    const char *client;                   /* the browser's certificate
                                             subject, or NULL: none */
} alex_web_security;

typedef struct {
    const char *doing;                    /* stopped|forward|reverse|left|right */
    uint32_t stats[ALEX_STAT_COUNT];      /* the status reply's counters */
    const char *control;                  /* you|other|none */
    const char *controller;               /* who, when other; else NULL */
    int may_drive;
} alex_web_status;

/* Each writes one whole JSON message into out (cap bytes), NUL-ended,
 * with its length in *len: strings escaped as RFC 8259 7 requires (quote,
 * backslash, control characters), and a byte that is not part of valid
 * UTF-8 written as U+FFFD, so that the message is always a valid text
 * frame. SEE_ERR_BUFFER_SMALL when it does not fit. */
see_status alex_web_security_json(const alex_web_security *s, char *out, size_t cap,
                                  size_t *len);
see_status alex_web_status_json(const alex_web_status *s, char *out, size_t cap,
                                size_t *len);
see_status alex_web_error_json(const char *text, char *out, size_t cap, size_t *len);

/* seconds since 1970 (UTC) as "YYYY-MM-DD HH:MM:SS UTC", whatever the
 * width of time_t (32-bit ARM). */
void alex_web_time_text(int64_t seconds, char *out, size_t cap);

#endif
