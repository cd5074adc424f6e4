/*
 * test_util.c: hex and base64 both ways with every error they report
 * (RFC 4648 section 10 vectors, strict padding), the constant-time helpers
 * exhaustively on small ranges and at the edges, see_wipe, and
 * core/fdio.h (fd_write_all, file_read_whole).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/fdio.h"
#include "core/util.h"
#include "codec/base64.h"
#include "codec/hex.h"
#include "tests/unit/harness.h"

/* ------------------------------------------------------------- hex ---- */

static void test_hex_encode(void)
{
    static const uint8_t in[] = {0x00, 0x01, 0x7f, 0x80, 0xab, 0xff};
    char out[2 * sizeof in + 1];
    see_hex_encode(in, sizeof in, out);
    CU_ASSERT_STRING_EQUAL(out, "00017f80abff");
    see_hex_encode(in, 0, out);
    CU_ASSERT_STRING_EQUAL(out, "");
}

static void test_hex_round_trip_all_bytes(void)
{
    uint8_t in[256], back[256];
    char text[513];
    for (int i = 0; i < 256; i++)
        in[i] = (uint8_t)i;
    see_hex_encode(in, sizeof in, text);
    size_t n = 0;
    CU_ASSERT_EQUAL(see_hex_decode(text, back, sizeof back, &n), SEE_OK);
    CU_ASSERT_EQUAL(n, 256);
    CU_ASSERT_EQUAL(memcmp(in, back, sizeof in), 0);
}

static void test_hex_decode_cases(void)
{
    uint8_t out[8];
    size_t n = 99;
    CU_ASSERT_EQUAL(see_hex_decode("", out, sizeof out, &n), SEE_OK);
    CU_ASSERT_EQUAL(n, 0);
    CU_ASSERT_EQUAL(see_hex_decode("DeadBEEF", out, sizeof out, &n), SEE_OK);
    CU_ASSERT_EQUAL(n, 4);
    ASSERT_HEX_EQ(out, n, "deadbeef");
    /* exactly the capacity fits; one more byte does not */
    CU_ASSERT_EQUAL(see_hex_decode("0011223344556677", out, 8, &n), SEE_OK);
    CU_ASSERT_EQUAL(see_hex_decode("001122334455667788", out, 8, &n),
                    SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(see_hex_decode("00", out, 0, &n), SEE_ERR_BUFFER_SMALL);
    /* odd lengths */
    CU_ASSERT_EQUAL(see_hex_decode("0", out, sizeof out, &n), SEE_ERR_HEX_ODD);
    CU_ASSERT_EQUAL(see_hex_decode("abc", out, sizeof out, &n), SEE_ERR_HEX_ODD);
}

/* Every character that is not a hex digit is refused, in either place of
 * a byte, and every hex digit is accepted. */
static void test_hex_bad_digit_exhaustive(void)
{
    int wrong = 0;
    for (int c = 1; c < 256; c++) {
        int is_hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
                     (c >= 'A' && c <= 'F');
        char hi[] = {(char)c, '0', 0}, lo[] = {'0', (char)c, 0};
        char late[] = {'a', 'b', (char)c, '1', 0};
        uint8_t out[4];
        size_t n;
        see_status want = is_hex ? SEE_OK : SEE_ERR_HEX_DIGIT;
        wrong += see_hex_decode(hi, out, sizeof out, &n) != want;
        wrong += see_hex_decode(lo, out, sizeof out, &n) != want;
        wrong += see_hex_decode(late, out, sizeof out, &n) != want;
    }
    CU_ASSERT_EQUAL(wrong, 0);
}

/* ---------------------------------------------------------- base64 ---- */

/* RFC 4648 section 10. */
static const struct {
    const char *plain, *encoded;
} rfc4648[] = {
    {"", ""},           {"f", "Zg=="},         {"fo", "Zm8="},
    {"foo", "Zm9v"},    {"foob", "Zm9vYg=="},  {"fooba", "Zm9vYmE="},
    {"foobar", "Zm9vYmFy"},
};
#define RFC4648_COUNT (sizeof rfc4648 / sizeof rfc4648[0])

static void test_base64_rfc4648_encode(void)
{
    for (size_t i = 0; i < RFC4648_COUNT; i++) {
        size_t len = strlen(rfc4648[i].plain);
        char out[16];
        CU_ASSERT_EQUAL(see_base64_encoded_len(len), strlen(rfc4648[i].encoded));
        see_base64_encode((const uint8_t *)rfc4648[i].plain, len, out);
        CU_ASSERT_STRING_EQUAL(out, rfc4648[i].encoded);
    }
}

static void test_base64_rfc4648_decode(void)
{
    for (size_t i = 0; i < RFC4648_COUNT; i++) {
        uint8_t out[16];
        size_t n = 99;
        const char *enc = rfc4648[i].encoded;
        CU_ASSERT_EQUAL(see_base64_decode(enc, strlen(enc), out, sizeof out, &n),
                        SEE_OK);
        CU_ASSERT_EQUAL(n, strlen(rfc4648[i].plain));
        CU_ASSERT_EQUAL(memcmp(out, rfc4648[i].plain, n), 0);
    }
}

static see_status b64(const char *text, uint8_t *out, size_t cap, size_t *n)
{
    return see_base64_decode(text, strlen(text), out, cap, n);
}

static void test_base64_whitespace(void)
{
    uint8_t out[16];
    size_t n;
    CU_ASSERT_EQUAL(b64("Zm9v\nYmFy\n", out, sizeof out, &n), SEE_OK);
    CU_ASSERT_EQUAL(n, 6);
    CU_ASSERT_EQUAL(memcmp(out, "foobar", 6), 0);
    CU_ASSERT_EQUAL(b64(" Z m\t9 v\r\nYg = =\n", out, sizeof out, &n), SEE_OK);
    CU_ASSERT_EQUAL(n, 4);
    CU_ASSERT_EQUAL(memcmp(out, "foob", 4), 0);
    CU_ASSERT_EQUAL(b64(" \n\t\r ", out, sizeof out, &n), SEE_OK);
    CU_ASSERT_EQUAL(n, 0);
    /* other control characters are not whitespace here */
    CU_ASSERT_EQUAL(b64("Zm9v\vYmFy", out, sizeof out, &n), SEE_ERR_BASE64);
    CU_ASSERT_EQUAL(b64("Zm9v\fYmFy", out, sizeof out, &n), SEE_ERR_BASE64);
}

static void test_base64_invalid_forms(void)
{
    static const char *bad[] = {
        /* characters outside the alphabet */
        "Zm9v!", "Zm-v", "Zm9_", "Zm9v\x80", "Zm.v", "Zm9v\"",
        /* '=' misplaced: first, second, in the middle, three of them */
        "=Zm9", "Z===", "Zm=v", "Zg=a", "====", "Z=g=",
        /* not a whole number of groups */
        "Z", "Zm", "Zm9", "Zm9vY", "Zg=", "Zg", "Zm9vYg=",
        /* non-zero bits under the padding (RFC 4648 section 3.5) */
        "Zh==", "Zm9=", "Zm+=", "Z/==", "//==",
        /* data or padding after a padded group */
        "Zg==Zg==", "Zm8=Zm9v", "Zg===", "Zm8==", "Zg==A", "Zg== =",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t out[16];
        size_t n;
        see_status st = b64(bad[i], out, sizeof out, &n);
        if (st != SEE_ERR_BASE64)
            fprintf(stderr, "\nbase64 \"%s\" gave %s\n", bad[i], see_strerror(st));
        CU_ASSERT_EQUAL(st, SEE_ERR_BASE64);
    }
}

static void test_base64_buffer_small(void)
{
    uint8_t out[6];
    size_t n;
    CU_ASSERT_EQUAL(b64("Zm9vYmFy", out, 6, &n), SEE_OK);
    CU_ASSERT_EQUAL(b64("Zm9vYmFy", out, 5, &n), SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(b64("Zm9vYmE=", out, 5, &n), SEE_OK);
    CU_ASSERT_EQUAL(b64("Zm9vYmE=", out, 4, &n), SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(b64("Zg==", out, 0, &n), SEE_ERR_BUFFER_SMALL);
}

/* Every final group with padding: "XY==" is valid exactly when the low 4
 * bits of Y are zero, "XYZ=" exactly when the low 2 bits of Z are, and
 * the byte values are then the top bits. */
static void test_base64_padded_groups_exhaustive(void)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    int wrong = 0;
    for (int x = 0; x < 64; x++) {
        for (int y = 0; y < 64; y++) {
            char two[] = {alphabet[x], alphabet[y], '=', '=', 0};
            uint8_t out[3];
            size_t n = 0;
            see_status st = b64(two, out, sizeof out, &n);
            if ((y & 15) == 0)
                wrong += st != SEE_OK || n != 1 || out[0] != (x << 2 | y >> 4);
            else
                wrong += st != SEE_ERR_BASE64;
            for (int z = 0; z < 64; z++) {
                char three[] = {alphabet[x], alphabet[y], alphabet[z], '=', 0};
                st = b64(three, out, sizeof out, &n);
                uint32_t bits = (uint32_t)(x << 18 | y << 12 | z << 6);
                if ((z & 3) == 0)
                    wrong += st != SEE_OK || n != 2 ||
                             out[0] != (uint8_t)(bits >> 16) ||
                             out[1] != (uint8_t)(bits >> 8);
                else
                    wrong += st != SEE_ERR_BASE64;
            }
        }
    }
    CU_ASSERT_EQUAL(wrong, 0);
}

/* Round trip every length 0..300 of varied bytes. */
static void test_base64_round_trip(void)
{
    uint8_t in[300], back[300];
    char text[405];
    for (size_t len = 0; len <= sizeof in; len++) {
        for (size_t i = 0; i < len; i++)
            in[i] = (uint8_t)(i * 97 + len * 13);
        see_base64_encode(in, len, text);
        CU_ASSERT_EQUAL(strlen(text), see_base64_encoded_len(len));
        size_t n = 0;
        CU_ASSERT_EQUAL(see_base64_decode(text, strlen(text), back, sizeof back, &n),
                        SEE_OK);
        CU_ASSERT_EQUAL(n, len);
        CU_ASSERT_EQUAL(memcmp(in, back, len), 0);
    }
}

/* -------------------------------------------------- constant time ---- */

static void test_ct_equal(void)
{
    int wrong = 0;
    for (int a = 0; a < 256; a++)
        for (int b = 0; b < 256; b++) {
            uint8_t x = (uint8_t)a, y = (uint8_t)b;
            wrong += see_ct_equal(&x, &y, 1) != (a == b);
        }
    CU_ASSERT_EQUAL(wrong, 0);

    uint8_t p[64], q[64];
    for (int i = 0; i < 64; i++)
        p[i] = q[i] = (uint8_t)(i * 5);
    CU_ASSERT_EQUAL(see_ct_equal(p, q, 64), 1);
    CU_ASSERT_EQUAL(see_ct_equal(p, q, 0), 1);
    for (int i = 0; i < 64; i++) {
        for (int bit = 0; bit < 8; bit++) {
            q[i] ^= (uint8_t)(1 << bit);
            wrong += see_ct_equal(p, q, 64) != 0;
            q[i] ^= (uint8_t)(1 << bit);
        }
    }
    CU_ASSERT_EQUAL(wrong, 0);
}

static void check_masks(uint32_t a, uint32_t b, int *wrong)
{
    *wrong += see_ct_mask_eq(a, b) != (a == b ? 0xffffffffu : 0u);
    *wrong += see_ct_mask_lt(a, b) != (a < b ? 0xffffffffu : 0u);
}

static void test_ct_masks(void)
{
    int wrong = 0;
    /* every pair of 0..511 */
    for (uint32_t a = 0; a < 512; a++)
        for (uint32_t b = 0; b < 512; b++)
            check_masks(a, b, &wrong);
    /* every pair of values near the edges of the 32-bit range, where the
     * sign bit and wrap-around live */
    static const uint32_t edges[] = {
        0, 1, 2, 0x7ffffffe, 0x7fffffff, 0x80000000, 0x80000001,
        0xfffffffe, 0xffffffff, 0x0000ffff, 0x00010000, 0x12345678,
    };
    size_t ne = sizeof edges / sizeof edges[0];
    for (size_t i = 0; i < ne; i++)
        for (size_t j = 0; j < ne; j++)
            for (uint32_t d = 0; d < 4; d++) {
                check_masks(edges[i], edges[j], &wrong);
                check_masks(edges[i] + d, edges[j] - d, &wrong);
                check_masks(edges[i] - d, edges[j] + d, &wrong);
            }
    /* top halves: every pair of (a << 23) for a in 0..511 */
    for (uint32_t a = 0; a < 512; a++)
        for (uint32_t b = 0; b < 512; b++)
            check_masks(a << 23, b << 23 | (b & 1), &wrong);
    CU_ASSERT_EQUAL(wrong, 0);
}

static void test_wipe_and_endian(void)
{
    uint8_t buf[37];
    memset(buf, 0xa5, sizeof buf);
    see_wipe(buf + 1, 35);
    CU_ASSERT_EQUAL(buf[0], 0xa5);
    CU_ASSERT_EQUAL(buf[36], 0xa5);
    for (int i = 1; i < 36; i++)
        CU_ASSERT_EQUAL(buf[i], 0);
    see_wipe(buf, 0);
    CU_ASSERT_EQUAL(buf[0], 0xa5);

    uint8_t be[8];
    see_store64_be(be, 0x0102030405060708ull);
    ASSERT_HEX_EQ(be, 8, "0102030405060708");
    CU_ASSERT_EQUAL(see_load32_be(be + 4), 0x05060708u);
    see_store32_be(be, 0xdeadbeef);
    ASSERT_HEX_EQ(be, 4, "deadbeef");
}

/* fd_write_all: a pipe and a socket both get every byte; a socket whose
 * peer has gone fails with EPIPE instead of raising SIGPIPE. */
static void test_fd_write_all(void)
{
    uint8_t big[200000], got[sizeof big];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (uint8_t)(i * 7);
    int sv[2];
    CU_ASSERT_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    pid_t reader = fork();
    CU_ASSERT_FATAL(reader >= 0);
    if (reader == 0) { /* drain slowly enough that writes come back partial */
        close(sv[0]);
        size_t have = 0;
        while (have < sizeof got) {
            ssize_t n = read(sv[1], got + have, 1000);
            if (n <= 0)
                _exit(2);
            have += (size_t)n;
        }
        _exit(memcmp(got, big, sizeof big) == 0 ? 0 : 1);
    }
    close(sv[1]);
    CU_ASSERT_EQUAL(fd_write_all(sv[0], big, sizeof big), 0);
    int status = -1;
    waitpid(reader, &status, 0);
    CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CU_ASSERT_EQUAL(fd_write_all(sv[0], big, 10), -1);
    CU_ASSERT_EQUAL(errno, EPIPE);
    close(sv[0]);

    int pp[2];
    CU_ASSERT_FATAL(pipe(pp) == 0);
    CU_ASSERT_EQUAL(fd_write_all(pp[1], (const uint8_t *)"abc", 3), 0);
    CU_ASSERT_EQUAL(read(pp[0], got, sizeof got), 3);
    CU_ASSERT_EQUAL(memcmp(got, "abc", 3), 0);
    close(pp[0]);
    close(pp[1]);
}

/* file_read_whole: a regular file whole, in a buffer of its size; no
 * file, a folder, or a file longer than allowed refused with errno. */
static void test_file_read_whole(void)
{
    char path[] = "/tmp/seetls-test-util-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL(fd_write_all(fd, (const uint8_t *)"0123456789", 10), 0);
    close(fd);
    uint8_t *data = NULL;
    size_t len = 0;
    CU_ASSERT_EQUAL(file_read_whole(path, 10, &data, &len), 0);
    CU_ASSERT_EQUAL(len, 10);
    CU_ASSERT(data != NULL && memcmp(data, "0123456789", 10) == 0);
    free(data);
    data = NULL;
    CU_ASSERT_EQUAL(file_read_whole(path, 9, &data, &len), -1);
    CU_ASSERT_EQUAL(errno, EFBIG);
    CU_ASSERT_PTR_NULL(data);
    CU_ASSERT_EQUAL(file_read_whole("/tmp", 1 << 20, &data, &len), -1);
    CU_ASSERT_EQUAL(errno, EINVAL);
    unlink(path);
    CU_ASSERT_EQUAL(file_read_whole(path, 10, &data, &len), -1);
    CU_ASSERT_EQUAL(errno, ENOENT);
    CU_ASSERT_PTR_NULL(data);
}

static CU_TestInfo tests[] = {
    {"hex encode", test_hex_encode},
    {"hex round trip of every byte", test_hex_round_trip_all_bytes},
    {"hex decode: case, capacity, odd length", test_hex_decode_cases},
    {"hex decode: every non-digit refused", test_hex_bad_digit_exhaustive},
    {"base64 RFC 4648 section 10, encode", test_base64_rfc4648_encode},
    {"base64 RFC 4648 section 10, decode", test_base64_rfc4648_decode},
    {"base64 whitespace skipped", test_base64_whitespace},
    {"base64 invalid forms refused", test_base64_invalid_forms},
    {"base64 output buffer too small", test_base64_buffer_small},
    {"base64 every padded group", test_base64_padded_groups_exhaustive},
    {"base64 round trip, lengths 0..300", test_base64_round_trip},
    {"ct_equal exhaustive on bytes, every bit flip", test_ct_equal},
    {"ct masks exhaustive on small ranges and edges", test_ct_masks},
    {"wipe and big-endian helpers", test_wipe_and_endian},
    {"fd_write_all: whole buffers, EPIPE not SIGPIPE", test_fd_write_all},
    {"file_read_whole: exact size, refusals with errno", test_file_read_whole},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("util", tests);
}
