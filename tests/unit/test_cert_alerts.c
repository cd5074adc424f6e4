/*
 * test_cert_alerts.c: docs/certificates.md's table of the alert each
 * certificate failure sends is the one alert_for_status has
 * (handshake/alert.c, RFC 5246 7.2.2).
 *
 *  - every status a row names maps to the alert of its row;
 *  - every SEE_ERR_X509_* status a handshake can meet has a row (all but
 *    SEE_ERR_X509_KEY_MISMATCH, a program's own key and certificate,
 *    checked at start-up, and the two causes a parse failure carries
 *    inside SEE_ERR_X509_MALFORMED, never returned: TIME_FORM and
 *    DUPLICATE_EXTENSION, pki/x509.h);
 *  - certificate_unknown, which the doc says is never sent, is the alert
 *    of no status.
 *
 * What each kind of certificate really makes the client send, end to end,
 * is tests/interop/test_cert_alerts.sh's to check.
 */
#include <stdlib.h>
#include <string.h>

#include "handshake/alert.h"
#include "tests/unit/harness.h"

#define DOC "docs/certificates.md"
#define TABLE_BEGIN "<!-- begin alert table"
#define TABLE_END "<!-- end alert table"

static const struct {
    const char *name;
    see_status status;
} statuses[] = {
#define STATUS_ROW(name, text) { #name, name },
    SEE_STATUS_LIST(STATUS_ROW)
#undef STATUS_ROW
};

static int status_named(const char *name, size_t len, see_status *out)
{
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        if (strlen(statuses[i].name) == len && memcmp(statuses[i].name, name, len) == 0) {
            *out = statuses[i].status;
            return 1;
        }
    return 0;
}

/* The table's lines, between its markers (the text is cut at the end
 * marker), or NULL. */
static char *table_of(char *doc)
{
    char *begin = strstr(doc, TABLE_BEGIN);
    char *end = begin ? strstr(begin, TABLE_END) : NULL;
    if (end == NULL)
        return NULL;
    *end = '\0';
    return strchr(begin, '\n');
}

/* The last backticked word of a row: its alert's name. */
static int row_alert(const char *row, const char *row_end, char *out, size_t cap)
{
    const char *close = NULL;
    for (const char *p = row_end; p > row; p--)
        if (p[-1] == '`') {
            close = p - 1;
            break;
        }
    if (close == NULL)
        return 0;
    const char *open = close;
    while (open > row && open[-1] != '`')
        open--;
    size_t len = (size_t)(close - open);
    if (open == row || len == 0 || len >= cap)
        return 0;
    memcpy(out, open, len);
    out[len] = '\0';
    return 1;
}

/* Each status of one row against the row's alert; marks it seen. */
static int check_row(const char *row, const char *row_end, int *seen)
{
    char alert[64];
    if (!row_alert(row, row_end, alert, sizeof alert))
        return 0;
    int named = 0;
    for (const char *p = strstr(row, "`SEE_ERR_"); p != NULL && p < row_end;
         p = strstr(p + 1, "`SEE_ERR_")) {
        const char *name = p + 1, *close = strchr(name, '`');
        see_status st;
        CU_ASSERT_FATAL(close != NULL);
        if (!status_named(name, (size_t)(close - name), &st)) {
            printf("\n  %s: no status %.*s\n", DOC, (int)(close - name), name);
            CU_FAIL("a row names a status that does not exist");
            continue;
        }
        int sent = alert_for_status(st);
        if (sent < 0 || strcmp(alert_name((uint8_t)sent), alert) != 0) {
            printf("\n  %s: %.*s sends %s, the doc says %s\n", DOC,
                   (int)(close - name), name,
                   sent < 0 ? "nothing" : alert_name((uint8_t)sent), alert);
            CU_FAIL("the doc's alert is not alert_for_status's");
        }
        seen[st] = 1;
        named++;
    }
    return named;
}

static void test_doc_table_is_alert_for_status(void)
{
    char *doc = read_text_file(DOC);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    char *table = table_of(doc);
    CU_ASSERT_PTR_NOT_NULL_FATAL(table);
    int seen[SEE_STATUS_COUNT] = {0};
    int rows = 0, named = 0;
    for (char *row = strstr(table, "\n| `"); row != NULL; row = strstr(row + 1, "\n| `")) {
        char *row_end = strchr(row + 1, '\n');
        if (row_end == NULL)
            row_end = row + strlen(row);
        named += check_row(row + 1, row_end, seen);
        rows++;
    }
    CU_ASSERT(rows >= 5);
    CU_ASSERT(named >= 15);
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        see_status st = statuses[i].status;
        if (strncmp(statuses[i].name, "SEE_ERR_X509_", 13) != 0 || seen[st] ||
            st == SEE_ERR_X509_KEY_MISMATCH || st == SEE_ERR_X509_TIME_FORM ||
            st == SEE_ERR_X509_DUPLICATE_EXTENSION)
            continue;
        printf("\n  %s: no row for %s\n", DOC, statuses[i].name);
        CU_FAIL("a certificate status missing from the doc's table");
    }
    free(doc);
}

static void test_certificate_unknown_never_sent(void)
{
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        CU_ASSERT_NOT_EQUAL(alert_for_status(statuses[i].status), ALERT_CERTIFICATE_UNKNOWN);
}

static CU_TestInfo tests[] = {
    { "docs/certificates.md's alert table is alert_for_status's", test_doc_table_is_alert_for_status },
    { "certificate_unknown is the alert of no status", test_certificate_unknown_never_sent },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("cert_alerts", tests);
}
