/*
 * harness.h: what every CUnit suite in tests/unit/ shares.
 *
 * Each test_<module>.c is its own program: it lists its tests in a
 * CU_TestInfo array and ends with
 *
 *     int main(void) { return run_suite("sha256", tests); }
 *
 * Tests run from the top of the repository, so vector files are opened as
 * "vectors/NAME.txt".
 *
 * Vector files are plain text: '#' starts a comment line (the first ones
 * name the source: standard and section), "name = value" lines give the
 * fields of one case, and a blank line ends the case. Values are written as
 * they are (hex stays text until the test decodes it).
 */
#ifndef SEETLS_TEST_HARNESS_H
#define SEETLS_TEST_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <CUnit/CUnit.h>

/* Register the tests as one suite, run them, print CUnit's summary; the exit
 * status is 0 only if every test passed. */
int run_suite(const char *name, CU_TestInfo *tests);

/* Assert that n bytes at actual equal the hex string expected; on mismatch
 * both are printed in hex, so a failing vector shows what differed. */
#define ASSERT_HEX_EQ(actual, n, expected_hex)                               \
    CU_ASSERT_TRUE(check_hex_eq((actual), (n), (expected_hex), __FILE__, __LINE__))
int check_hex_eq(const uint8_t *actual, size_t n, const char *expected_hex,
                 const char *file, int line);

/* A text file of the repository (a doc a test compares with the code),
 * whole and NUL-terminated (free it); NULL if it cannot be read. */
char *read_text_file(const char *path);

/* A fixture file of vectors/keys/ (a key or parameters file), whole (free
 * it); a fatal CUnit failure if it cannot be read. */
uint8_t *read_key_fixture(const char *name, size_t *len);

/* Decode hex known to be valid (a test constant) into a malloc'd buffer. */
uint8_t *hex_alloc(const char *hex, size_t *len);

#define VEC_MAX_FIELDS 16

typedef struct {
    char *name;
    char *value;
} vec_field;

typedef struct {
    FILE *file;
    char *path;
    int count;            /* cases read so far */
    vec_field fields[VEC_MAX_FIELDS];
    int field_count;
} vec_file;

/* Open vectors/<name>; NULL (with a CUnit failure recorded) if missing. */
vec_file *vec_open(const char *name);
/* Read the next case; 0 at the end of the file. */
int vec_next(vec_file *v);
/* The value of a field of the current case, or NULL if it has none. */
const char *vec_get(const vec_file *v, const char *field);
/* The field decoded from hex into a malloc'd buffer (NULL if absent). */
uint8_t *vec_hex(const vec_file *v, const char *field, size_t *len);
void vec_close(vec_file *v);

#endif
