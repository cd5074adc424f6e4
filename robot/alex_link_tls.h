/*
 * alex_link_tls.h: the robot link over our own TLS 1.2 (handshake/tls.h).
 *
 * After the handshake, the link reads and writes application data records:
 * AES-128-CBC and HMAC-SHA256 with numbered records, so nobody on the
 * network can read, change, replay or reorder a command. A read that finds
 * nothing within its timeout returns SEE_OK with no bytes, as the robot's
 * watchdog expects; a record arriving in pieces is kept and finished by a
 * later read. A read or write that fails returns tls_socket's status
 * (SEE_ERR_TLS_BAD_RECORD_MAC for a record forged on the way, ...), and
 * the link's explain gives its alerts and tls_failure_text's line.
 */
#ifndef SEETLS_ALEX_LINK_TLS_H
#define SEETLS_ALEX_LINK_TLS_H

#include <stddef.h>

#include "handshake/tls.h"
#include "handshake/tls_socket.h"
#include "robot/alex_link.h"

/* Run the server's side of the handshake on a connected socket (its owner
 * from now on, closed on failure too) within limits (tls_socket.h: each
 * read's timeout, the handshake's deadline, a cancel descriptor), and make
 * *link carry the connection. SEE_OK, or the handshake's failure with the
 * reason in why. */
see_status alex_link_tls_accept(alex_link *link, int fd, const char *address,
                                const tls_config *cfg, const tls_socket_limits *limits,
                                char *why, size_t why_len);

/* The client's side, within timeout_ms per read and the default deadline
 * for the whole handshake; link->peer becomes the server certificate's
 * subject. On failure why says who refused whom, from the laptop's side:
 *   "the robot refused this laptop's certificate: unknown CA (alert unknown_ca)"
 *   "this laptop refused the robot's certificate: unknown issuer ..."
 *   "the robot refused the handshake (alert handshake_failure)"
 *   "the TLS handshake with the robot failed: ..." (no alert either way)
 * and the status is the handshake's. */
see_status alex_link_tls_connect(alex_link *link, int fd, const tls_config *cfg,
                                 int timeout_ms, char *why, size_t why_len);

/* The TLS connection under a link made by the two above (its suite, key
 * exchange and peer), for the web console's security panel. */
const tls_conn *alex_link_tls_conn(const alex_link *link);

#endif
