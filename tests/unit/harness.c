/* harness.c: suite runner, hex assertions and vector files (harness.h). */
#include "tests/unit/harness.h"

#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "core/fdio.h"
#include "core/util.h"
#include "codec/hex.h"

int run_suite(const char *name, CU_TestInfo *tests)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_SuiteInfo suites[] = {
        {name, NULL, NULL, NULL, NULL, tests},
        CU_SUITE_INFO_NULL,
    };
    if (CU_register_suites(suites) != CUE_SUCCESS) {
        fprintf(stderr, "cannot register suite %s: %s\n", name, CU_get_error_msg());
        CU_cleanup_registry();
        return 2;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_tests_failed();
    unsigned failures = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed == 0 && failures == 0 ? 0 : 1;
}

int check_hex_eq(const uint8_t *actual, size_t n, const char *expected_hex,
                 const char *file, int line)
{
    char *got = malloc(2 * n + 1);
    if (got == NULL)
        return 0;
    see_hex_encode(actual, n, got);
    int ok = strcmp(got, expected_hex) == 0;
    if (!ok) {
        /* expected_hex may be upper case in a vector file */
        ok = strlen(expected_hex) == 2 * n;
        for (size_t i = 0; ok && i < 2 * n; i++) {
            char e = expected_hex[i];
            if (e >= 'A' && e <= 'F')
                e = (char)(e - 'A' + 'a');
            ok = e == got[i];
        }
    }
    if (!ok)
        fprintf(stderr, "\n%s:%d: bytes differ\n  expected %s\n  actual   %s\n",
                file, line, expected_hex, got);
    free(got);
    return ok;
}

uint8_t *hex_alloc(const char *hex, size_t *len)
{
    size_t cap = strlen(hex) / 2 + 1, n = 0;
    uint8_t *buf = malloc(cap);
    if (buf == NULL || see_hex_decode(hex, buf, cap, &n) != SEE_OK) {
        fprintf(stderr, "bad hex constant in test: %.40s\n", hex);
        abort();
    }
    if (len)
        *len = n;
    return buf;
}

vec_file *vec_open(const char *name)
{
    vec_file *v = calloc(1, sizeof *v);
    size_t plen = strlen("vectors/") + strlen(name) + 1;
    v->path = malloc(plen);
    snprintf(v->path, plen, "vectors/%s", name);
    v->file = fopen(v->path, "r");
    if (v->file == NULL) {
        fprintf(stderr, "\ncannot open vector file %s\n", v->path);
        CU_FAIL("vector file missing");
        free(v->path);
        free(v);
        return NULL;
    }
    return v;
}

static void vec_clear_fields(vec_file *v)
{
    for (int i = 0; i < v->field_count; i++) {
        free(v->fields[i].name);
        free(v->fields[i].value);
    }
    v->field_count = 0;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
                     s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

int vec_next(vec_file *v)
{
    vec_clear_fields(v);
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, v->file) != -1) {
        char *s = trim(line);
        if (s[0] == '#')
            continue;
        if (s[0] == '\0') {
            if (v->field_count > 0)
                break;
            continue;
        }
        char *eq = strchr(s, '=');
        if (eq == NULL || v->field_count == VEC_MAX_FIELDS) {
            fprintf(stderr, "\n%s: malformed line: %.60s\n", v->path, s);
            CU_FAIL("malformed vector file");
            continue;
        }
        *eq = '\0';
        v->fields[v->field_count].name = strdup(trim(s));
        v->fields[v->field_count].value = strdup(trim(eq + 1));
        v->field_count++;
    }
    free(line);
    if (v->field_count > 0)
        v->count++;
    return v->field_count > 0;
}

const char *vec_get(const vec_file *v, const char *field)
{
    for (int i = 0; i < v->field_count; i++)
        if (strcmp(v->fields[i].name, field) == 0)
            return v->fields[i].value;
    return NULL;
}

uint8_t *vec_hex(const vec_file *v, const char *field, size_t *len)
{
    const char *value = vec_get(v, field);
    return value ? hex_alloc(value, len) : NULL;
}

void vec_close(vec_file *v)
{
    if (v == NULL)
        return;
    vec_clear_fields(v);
    fclose(v->file);
    free(v->path);
    free(v);
}

char *read_text_file(const char *path)
{
    uint8_t *data;
    size_t len;
    if (file_read_whole(path, 1 << 20, &data, &len) != 0)
        return NULL;
    data[len] = '\0'; /* the spare byte file_read_whole leaves */
    return (char *)data;
}

uint8_t *read_key_fixture(const char *name, size_t *len)
{
    char path[256];
    snprintf(path, sizeof path, "vectors/keys/%s", name);
    uint8_t *data = NULL;
    CU_ASSERT_EQUAL_FATAL(file_read_whole(path, 1 << 20, &data, len), 0);
    return data;
}
