/*
 * state_machine.c: the TLS 1.2 handshake (RFC 5246 7.3) as data, in the
 * shape of s2n-tls's state machine:
 *
 *   - one row per message: who writes it, how it is recognised on the
 *     wire, what the writer does to send it and what the reader does
 *     with it;
 *   - one sequence of messages per handshake type: the class's sequence
 *     diagrams, exactly.
 *
 * The loop in tls.c walks the sequence of the connection's type: at each
 * position it sends the message (when it is ours) or reads it (the
 * peer's). Whatever else the peer sends is unexpected_message (7.2.2): no
 * handler refuses a message the sequence allows, and none chooses what
 * comes next. The handlers that learn the type set its bits (tls.h):
 *
 *   TLS_HS_DHE,            with the suite: the server's on ClientHello,
 *   TLS_HS_ECDHE           the client's on ServerHello;
 *   TLS_HS_CLIENT_AUTH     the server's on ClientHello (it asks when it
 *                          is configured to); the client learns it from
 *                          the CertificateRequest itself, which the row
 *                          marks ("announces"): it comes where the
 *                          sequence without the bit has ServerHelloDone;
 *   TLS_HS_NO_CLIENT_CERT  the client's on CertificateRequest, when it has
 *                          no certificate that fits: it sends an empty
 *                          Certificate and no CertificateVerify (7.4.6);
 *                          the server's on that empty Certificate, when
 *                          it lets such clients in (else it refuses it).
 *
 * A type only gains bits, and only where the sequences with and without
 * the bit agree on every message so far (tests/unit/test_handshake_table.c
 * checks it), so the position stays right. A HelloRequest is in no
 * sequence: the client ignores one while it negotiates (tls.c).
 *
 * docs/HANDSHAKE.md and docs/handshake-design.md print the sequences as
 * hs_sequence_text writes them; test_handshake_table.c keeps them equal.
 */
#include "handshake/tls_internal.h"

#include <stdio.h>

#define CLIENT TLS_ROLE_CLIENT
#define SERVER TLS_ROLE_SERVER
#define HANDSHAKE TLS_CONTENT_HANDSHAKE
#define CCS TLS_CONTENT_CHANGE_CIPHER_SPEC

const hs_message hs_messages[HS_MSG_COUNT] = {
    /*                          name, writer, content, msg_type, announces,
                                send, receive */
    [HS_MSG_CLIENT_HELLO] = { "ClientHello", CLIENT, HANDSHAKE, HS_CLIENT_HELLO, 0,
                              tls_send_client_hello, tls_on_client_hello },
    [HS_MSG_SERVER_HELLO] = { "ServerHello", SERVER, HANDSHAKE, HS_SERVER_HELLO, 0,
                              tls_send_server_hello, tls_on_server_hello },
    [HS_MSG_SERVER_CERTIFICATE] = { "Certificate", SERVER, HANDSHAKE, HS_CERTIFICATE, 0,
                                    tls_send_server_certificate, tls_on_server_certificate },
    [HS_MSG_SERVER_KEY_EXCHANGE] = { "ServerKeyExchange", SERVER, HANDSHAKE,
                                     HS_SERVER_KEY_EXCHANGE, 0,
                                     tls_send_server_key_exchange, tls_on_server_key_exchange },
    [HS_MSG_CERTIFICATE_REQUEST] = { "CertificateRequest", SERVER, HANDSHAKE,
                                     HS_CERTIFICATE_REQUEST, TLS_HS_CLIENT_AUTH,
                                     tls_send_certificate_request, tls_on_certificate_request },
    [HS_MSG_SERVER_HELLO_DONE] = { "ServerHelloDone", SERVER, HANDSHAKE, HS_SERVER_HELLO_DONE, 0,
                                   tls_send_server_hello_done, tls_on_server_hello_done },
    [HS_MSG_CLIENT_CERTIFICATE] = { "Certificate", CLIENT, HANDSHAKE, HS_CERTIFICATE, 0,
                                    tls_send_client_certificate, tls_on_client_certificate },
    [HS_MSG_CLIENT_KEY_EXCHANGE] = { "ClientKeyExchange", CLIENT, HANDSHAKE,
                                     HS_CLIENT_KEY_EXCHANGE, 0,
                                     tls_send_client_key_exchange, tls_on_client_key_exchange },
    [HS_MSG_CERTIFICATE_VERIFY] = { "CertificateVerify", CLIENT, HANDSHAKE,
                                    HS_CERTIFICATE_VERIFY, 0,
                                    tls_send_certificate_verify, tls_on_certificate_verify },
    [HS_MSG_CLIENT_CCS] = { "ChangeCipherSpec", CLIENT, CCS, 0, 0,
                            tls_send_ccs, tls_on_ccs },
    [HS_MSG_CLIENT_FINISHED] = { "Finished", CLIENT, HANDSHAKE, HS_FINISHED, 0,
                                 tls_send_finished, tls_on_finished },
    [HS_MSG_SERVER_CCS] = { "ChangeCipherSpec", SERVER, CCS, 0, 0,
                            tls_send_ccs, tls_on_ccs },
    [HS_MSG_SERVER_FINISHED] = { "Finished", SERVER, HANDSHAKE, HS_FINISHED, 0,
                                 tls_send_finished, tls_on_finished },
};

/* ------------------------------------------------------- the sequences --- */

/* RSA key transport (7.4.7.1): no ServerKeyExchange. */
static const uint8_t rsa[] = {
    HS_MSG_CLIENT_HELLO,
    HS_MSG_SERVER_HELLO, HS_MSG_SERVER_CERTIFICATE, HS_MSG_SERVER_HELLO_DONE,
    HS_MSG_CLIENT_KEY_EXCHANGE, HS_MSG_CLIENT_CCS, HS_MSG_CLIENT_FINISHED,
    HS_MSG_SERVER_CCS, HS_MSG_SERVER_FINISHED,
};

/* Ephemeral Diffie-Hellman, signed by the server's RSA key (7.4.3). */
static const uint8_t dhe[] = {
    HS_MSG_CLIENT_HELLO,
    HS_MSG_SERVER_HELLO, HS_MSG_SERVER_CERTIFICATE, HS_MSG_SERVER_KEY_EXCHANGE,
    HS_MSG_SERVER_HELLO_DONE,
    HS_MSG_CLIENT_KEY_EXCHANGE, HS_MSG_CLIENT_CCS, HS_MSG_CLIENT_FINISHED,
    HS_MSG_SERVER_CCS, HS_MSG_SERVER_FINISHED,
};

/* The server asks for the client's certificate (7.4.4); the client sends
 * it before its key exchange (7.4.6) and proves it holds the key after
 * (7.4.8). */
static const uint8_t rsa_client_auth[] = {
    HS_MSG_CLIENT_HELLO,
    HS_MSG_SERVER_HELLO, HS_MSG_SERVER_CERTIFICATE, HS_MSG_CERTIFICATE_REQUEST,
    HS_MSG_SERVER_HELLO_DONE,
    HS_MSG_CLIENT_CERTIFICATE, HS_MSG_CLIENT_KEY_EXCHANGE, HS_MSG_CERTIFICATE_VERIFY,
    HS_MSG_CLIENT_CCS, HS_MSG_CLIENT_FINISHED,
    HS_MSG_SERVER_CCS, HS_MSG_SERVER_FINISHED,
};

static const uint8_t dhe_client_auth[] = {
    HS_MSG_CLIENT_HELLO,
    HS_MSG_SERVER_HELLO, HS_MSG_SERVER_CERTIFICATE, HS_MSG_SERVER_KEY_EXCHANGE,
    HS_MSG_CERTIFICATE_REQUEST, HS_MSG_SERVER_HELLO_DONE,
    HS_MSG_CLIENT_CERTIFICATE, HS_MSG_CLIENT_KEY_EXCHANGE, HS_MSG_CERTIFICATE_VERIFY,
    HS_MSG_CLIENT_CCS, HS_MSG_CLIENT_FINISHED,
    HS_MSG_SERVER_CCS, HS_MSG_SERVER_FINISHED,
};

/* Asked, the client has no certificate that fits: "If no suitable
 * certificate is available, the client MUST send a certificate message
 * containing no certificates" (7.4.6), and then has nothing to sign with
 * (7.4.8: CertificateVerify only after a certificate "that has signing
 * capability"). Our server refuses this (handshake_failure) unless it is
 * configured to let such clients in unauthenticated
 * (client_certificate_optional); others may go on too. */
static const uint8_t rsa_no_client_cert[] = {
    HS_MSG_CLIENT_HELLO,
    HS_MSG_SERVER_HELLO, HS_MSG_SERVER_CERTIFICATE, HS_MSG_CERTIFICATE_REQUEST,
    HS_MSG_SERVER_HELLO_DONE,
    HS_MSG_CLIENT_CERTIFICATE, HS_MSG_CLIENT_KEY_EXCHANGE,
    HS_MSG_CLIENT_CCS, HS_MSG_CLIENT_FINISHED,
    HS_MSG_SERVER_CCS, HS_MSG_SERVER_FINISHED,
};

static const uint8_t dhe_no_client_cert[] = {
    HS_MSG_CLIENT_HELLO,
    HS_MSG_SERVER_HELLO, HS_MSG_SERVER_CERTIFICATE, HS_MSG_SERVER_KEY_EXCHANGE,
    HS_MSG_CERTIFICATE_REQUEST, HS_MSG_SERVER_HELLO_DONE,
    HS_MSG_CLIENT_CERTIFICATE, HS_MSG_CLIENT_KEY_EXCHANGE,
    HS_MSG_CLIENT_CCS, HS_MSG_CLIENT_FINISHED,
    HS_MSG_SERVER_CCS, HS_MSG_SERVER_FINISHED,
};

/* ECDHE (RFC 8422 2.2) has DHE's messages, in DHE's order: the
 * ServerKeyExchange carries the curve and a*G instead of p, g and g^a mod
 * p, and the ClientKeyExchange b*G. Its own sequences, under their own
 * names, so that the diagrams say which exchange they draw. */
#define ecdhe dhe
#define ecdhe_client_auth dhe_client_auth
#define ecdhe_no_client_cert dhe_no_client_cert

#define SEQUENCE(type, name, array) { type, name, array, sizeof array }

const hs_sequence hs_sequences[] = {
    SEQUENCE(0, "RSA, no client certificate", rsa),
    SEQUENCE(TLS_HS_DHE, "DHE, no client certificate", dhe),
    SEQUENCE(TLS_HS_CLIENT_AUTH, "RSA, client certificate", rsa_client_auth),
    SEQUENCE(TLS_HS_DHE | TLS_HS_CLIENT_AUTH, "DHE, client certificate",
             dhe_client_auth),
    SEQUENCE(TLS_HS_CLIENT_AUTH | TLS_HS_NO_CLIENT_CERT,
             "RSA, client certificate asked for, none to send", rsa_no_client_cert),
    SEQUENCE(TLS_HS_DHE | TLS_HS_CLIENT_AUTH | TLS_HS_NO_CLIENT_CERT,
             "DHE, client certificate asked for, none to send", dhe_no_client_cert),
    SEQUENCE(TLS_HS_ECDHE, "ECDHE, no client certificate", ecdhe),
    SEQUENCE(TLS_HS_ECDHE | TLS_HS_CLIENT_AUTH, "ECDHE, client certificate",
             ecdhe_client_auth),
    SEQUENCE(TLS_HS_ECDHE | TLS_HS_CLIENT_AUTH | TLS_HS_NO_CLIENT_CERT,
             "ECDHE, client certificate asked for, none to send",
             ecdhe_no_client_cert),
};
const size_t hs_sequence_count = sizeof hs_sequences / sizeof hs_sequences[0];

const hs_sequence *hs_sequence_of(unsigned type)
{
    for (size_t i = 0; i < hs_sequence_count; i++)
        if (hs_sequences[i].type == type)
            return &hs_sequences[i];
    return NULL;
}

/* -------------------------------------------------- as the docs print it --- */

static const char *party(tls_role role)
{
    return role == TLS_ROLE_CLIENT ? "Client" : "Server";
}

see_status hs_sequence_text(const hs_sequence *s, char *out, size_t cap)
{
    ENSURE(cap > 0, SEE_ERR_BUFFER_SMALL);
    size_t len = 0;
    int n = snprintf(out, cap, "%s\n", s->name);
    for (size_t i = 0; i < s->length; i++) {
        ENSURE(n >= 0 && (size_t)n < cap - len, SEE_ERR_BUFFER_SMALL);
        len += (size_t)n;
        const hs_message *m = &hs_messages[s->messages[i]];
        tls_role to = m->writer == TLS_ROLE_CLIENT ? TLS_ROLE_SERVER
                                                       : TLS_ROLE_CLIENT;
        n = snprintf(out + len, cap - len, "%s -> %s: %s\n", party(m->writer),
                     party(to), m->name);
    }
    ENSURE(n >= 0 && (size_t)n < cap - len, SEE_ERR_BUFFER_SMALL);
    return SEE_OK;
}
