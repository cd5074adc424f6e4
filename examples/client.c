/*
 * client.c: the shortest TLS client on seetls. It connects, checks the
 * server's certificate against a CA file (for SERVER_NAME, or else HOST),
 * sends one line and prints the answer. With CERT_FILE and KEY_FILE it
 * shows that certificate to a server that asks for one.
 *
 *   client HOST PORT CA_FILE [SERVER_NAME [CERT_FILE KEY_FILE]]
 *
 * Built against an installed seetls (docs/library.md):
 *
 *   cc client.c $(pkg-config --cflags --libs seetls) -o client
 */
#include <stdio.h>
#include <string.h>

#include <seetls/seetls.h>

int main(int argc, char **argv)
{
    if (argc != 4 && argc != 5 && argc != 7) {
        fprintf(stderr, "usage: client HOST PORT CA_FILE [SERVER_NAME [CERT_FILE KEY_FILE]]\n");
        return 2;
    }
    seetls_client_options options = {
        .ca_file = argv[3],
        .server_name = argc > 4 ? argv[4] : NULL,
        .cert_file = argc > 6 ? argv[5] : NULL,
        .key_file = argc > 6 ? argv[6] : NULL,
    };
    seetls_conn *conn;
    seetls_error err;
    if (seetls_connect(argv[1], argv[2], &options, &conn, &err) != SEETLS_OK) {
        fprintf(stderr, "client: %s\n", err.text);
        return 1;
    }
    fprintf(stderr, "client: connected to %s (%s)\n", seetls_peer(conn), seetls_suite(conn));

    const char *hello = "hello from the example client\n";
    char answer[4096];
    size_t got;
    int ok = seetls_write(conn, hello, strlen(hello), &err) == SEETLS_OK &&
             seetls_read(conn, answer, sizeof answer, &got, &err) == SEETLS_OK;
    if (ok)
        fwrite(answer, 1, got, stdout);
    else
        fprintf(stderr, "client: %s\n", err.text);
    seetls_close(conn);
    return ok ? 0 : 1;
}
