/* dh.c: Diffie-Hellman as the slides teach it, on real groups (see dh.h). */
#include "crypto/dh.h"

#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "crypto/bignum.h"
#include "crypto/prime.h"

/* The primes as the RFCs print them (GMP skips the spaces). */

/* RFC 7919 Appendix A.1: ffdhe2048. */
static const char ffdhe2048_p[] =
    "FFFFFFFF FFFFFFFF ADF85458 A2BB4A9A AFDC5620 273D3CF1"
    "D8B9C583 CE2D3695 A9E13641 146433FB CC939DCE 249B3EF9"
    "7D2FE363 630C75D8 F681B202 AEC4617A D3DF1ED5 D5FD6561"
    "2433F51F 5F066ED0 85636555 3DED1AF3 B557135E 7F57C935"
    "984F0C70 E0E68B77 E2A689DA F3EFE872 1DF158A1 36ADE735"
    "30ACCA4F 483A797A BC0AB182 B324FB61 D108A94B B2C8E3FB"
    "B96ADAB7 60D7F468 1D4F42A3 DE394DF4 AE56EDE7 6372BB19"
    "0B07A7C8 EE0A6D70 9E02FCE1 CDF7E2EC C03404CD 28342F61"
    "9172FE9C E98583FF 8E4F1232 EEF28183 C3FE3B1B 4C6FAD73"
    "3BB5FCBC 2EC22005 C58EF183 7D1683B2 C6F34A26 C1B2EFFA"
    "886B4238 61285C97 FFFFFFFF FFFFFFFF";

/* RFC 7919 Appendix A.2: ffdhe3072. */
static const char ffdhe3072_p[] =
    "FFFFFFFF FFFFFFFF ADF85458 A2BB4A9A AFDC5620 273D3CF1"
    "D8B9C583 CE2D3695 A9E13641 146433FB CC939DCE 249B3EF9"
    "7D2FE363 630C75D8 F681B202 AEC4617A D3DF1ED5 D5FD6561"
    "2433F51F 5F066ED0 85636555 3DED1AF3 B557135E 7F57C935"
    "984F0C70 E0E68B77 E2A689DA F3EFE872 1DF158A1 36ADE735"
    "30ACCA4F 483A797A BC0AB182 B324FB61 D108A94B B2C8E3FB"
    "B96ADAB7 60D7F468 1D4F42A3 DE394DF4 AE56EDE7 6372BB19"
    "0B07A7C8 EE0A6D70 9E02FCE1 CDF7E2EC C03404CD 28342F61"
    "9172FE9C E98583FF 8E4F1232 EEF28183 C3FE3B1B 4C6FAD73"
    "3BB5FCBC 2EC22005 C58EF183 7D1683B2 C6F34A26 C1B2EFFA"
    "886B4238 611FCFDC DE355B3B 6519035B BC34F4DE F99C0238"
    "61B46FC9 D6E6C907 7AD91D26 91F7F7EE 598CB0FA C186D91C"
    "AEFE1309 85139270 B4130C93 BC437944 F4FD4452 E2D74DD3"
    "64F2E21E 71F54BFF 5CAE82AB 9C9DF69E E86D2BC5 22363A0D"
    "ABC52197 9B0DEADA 1DBF9A42 D5C4484E 0ABCD06B FA53DDEF"
    "3C1B20EE 3FD59D7C 25E41D2B 66C62E37 FFFFFFFF FFFFFFFF";

/* RFC 7919 Appendix A.3: ffdhe4096. */
static const char ffdhe4096_p[] =
    "FFFFFFFF FFFFFFFF ADF85458 A2BB4A9A AFDC5620 273D3CF1"
    "D8B9C583 CE2D3695 A9E13641 146433FB CC939DCE 249B3EF9"
    "7D2FE363 630C75D8 F681B202 AEC4617A D3DF1ED5 D5FD6561"
    "2433F51F 5F066ED0 85636555 3DED1AF3 B557135E 7F57C935"
    "984F0C70 E0E68B77 E2A689DA F3EFE872 1DF158A1 36ADE735"
    "30ACCA4F 483A797A BC0AB182 B324FB61 D108A94B B2C8E3FB"
    "B96ADAB7 60D7F468 1D4F42A3 DE394DF4 AE56EDE7 6372BB19"
    "0B07A7C8 EE0A6D70 9E02FCE1 CDF7E2EC C03404CD 28342F61"
    "9172FE9C E98583FF 8E4F1232 EEF28183 C3FE3B1B 4C6FAD73"
    "3BB5FCBC 2EC22005 C58EF183 7D1683B2 C6F34A26 C1B2EFFA"
    "886B4238 611FCFDC DE355B3B 6519035B BC34F4DE F99C0238"
    "61B46FC9 D6E6C907 7AD91D26 91F7F7EE 598CB0FA C186D91C"
    "AEFE1309 85139270 B4130C93 BC437944 F4FD4452 E2D74DD3"
    "64F2E21E 71F54BFF 5CAE82AB 9C9DF69E E86D2BC5 22363A0D"
    "ABC52197 9B0DEADA 1DBF9A42 D5C4484E 0ABCD06B FA53DDEF"
    "3C1B20EE 3FD59D7C 25E41D2B 669E1EF1 6E6F52C3 164DF4FB"
    "7930E9E4 E58857B6 AC7D5F42 D69F6D18 7763CF1D 55034004"
    "87F55BA5 7E31CC7A 7135C886 EFB4318A ED6A1E01 2D9E6832"
    "A907600A 918130C4 6DC778F9 71AD0038 092999A3 33CB8B7A"
    "1A1DB93D 7140003C 2A4ECEA9 F98D0ACC 0A8291CD CEC97DCF"
    "8EC9B55A 7F88A46B 4DB5A851 F44182E1 C68A007E 5E655F6A"
    "FFFFFFFF FFFFFFFF";

/* RFC 7919 Appendix A.4: ffdhe6144. */
static const char ffdhe6144_p[] =
    "FFFFFFFF FFFFFFFF ADF85458 A2BB4A9A AFDC5620 273D3CF1"
    "D8B9C583 CE2D3695 A9E13641 146433FB CC939DCE 249B3EF9"
    "7D2FE363 630C75D8 F681B202 AEC4617A D3DF1ED5 D5FD6561"
    "2433F51F 5F066ED0 85636555 3DED1AF3 B557135E 7F57C935"
    "984F0C70 E0E68B77 E2A689DA F3EFE872 1DF158A1 36ADE735"
    "30ACCA4F 483A797A BC0AB182 B324FB61 D108A94B B2C8E3FB"
    "B96ADAB7 60D7F468 1D4F42A3 DE394DF4 AE56EDE7 6372BB19"
    "0B07A7C8 EE0A6D70 9E02FCE1 CDF7E2EC C03404CD 28342F61"
    "9172FE9C E98583FF 8E4F1232 EEF28183 C3FE3B1B 4C6FAD73"
    "3BB5FCBC 2EC22005 C58EF183 7D1683B2 C6F34A26 C1B2EFFA"
    "886B4238 611FCFDC DE355B3B 6519035B BC34F4DE F99C0238"
    "61B46FC9 D6E6C907 7AD91D26 91F7F7EE 598CB0FA C186D91C"
    "AEFE1309 85139270 B4130C93 BC437944 F4FD4452 E2D74DD3"
    "64F2E21E 71F54BFF 5CAE82AB 9C9DF69E E86D2BC5 22363A0D"
    "ABC52197 9B0DEADA 1DBF9A42 D5C4484E 0ABCD06B FA53DDEF"
    "3C1B20EE 3FD59D7C 25E41D2B 669E1EF1 6E6F52C3 164DF4FB"
    "7930E9E4 E58857B6 AC7D5F42 D69F6D18 7763CF1D 55034004"
    "87F55BA5 7E31CC7A 7135C886 EFB4318A ED6A1E01 2D9E6832"
    "A907600A 918130C4 6DC778F9 71AD0038 092999A3 33CB8B7A"
    "1A1DB93D 7140003C 2A4ECEA9 F98D0ACC 0A8291CD CEC97DCF"
    "8EC9B55A 7F88A46B 4DB5A851 F44182E1 C68A007E 5E0DD902"
    "0BFD64B6 45036C7A 4E677D2C 38532A3A 23BA4442 CAF53EA6"
    "3BB45432 9B7624C8 917BDD64 B1C0FD4C B38E8C33 4C701C3A"
    "CDAD0657 FCCFEC71 9B1F5C3E 4E46041F 388147FB 4CFDB477"
    "A52471F7 A9A96910 B855322E DB6340D8 A00EF092 350511E3"
    "0ABEC1FF F9E3A26E 7FB29F8C 183023C3 587E38DA 0077D9B4"
    "763E4E4B 94B2BBC1 94C6651E 77CAF992 EEAAC023 2A281BF6"
    "B3A739C1 22611682 0AE8DB58 47A67CBE F9C9091B 462D538C"
    "D72B0374 6AE77F5E 62292C31 1562A846 505DC82D B854338A"
    "E49F5235 C95B9117 8CCF2DD5 CACEF403 EC9D1810 C6272B04"
    "5B3B71F9 DC6B80D6 3FDD4A8E 9ADB1E69 62A69526 D43161C1"
    "A41D570D 7938DAD4 A40E329C D0E40E65 FFFFFFFF FFFFFFFF";

/* RFC 7919 Appendix A.5: ffdhe8192. */
static const char ffdhe8192_p[] =
    "FFFFFFFF FFFFFFFF ADF85458 A2BB4A9A AFDC5620 273D3CF1"
    "D8B9C583 CE2D3695 A9E13641 146433FB CC939DCE 249B3EF9"
    "7D2FE363 630C75D8 F681B202 AEC4617A D3DF1ED5 D5FD6561"
    "2433F51F 5F066ED0 85636555 3DED1AF3 B557135E 7F57C935"
    "984F0C70 E0E68B77 E2A689DA F3EFE872 1DF158A1 36ADE735"
    "30ACCA4F 483A797A BC0AB182 B324FB61 D108A94B B2C8E3FB"
    "B96ADAB7 60D7F468 1D4F42A3 DE394DF4 AE56EDE7 6372BB19"
    "0B07A7C8 EE0A6D70 9E02FCE1 CDF7E2EC C03404CD 28342F61"
    "9172FE9C E98583FF 8E4F1232 EEF28183 C3FE3B1B 4C6FAD73"
    "3BB5FCBC 2EC22005 C58EF183 7D1683B2 C6F34A26 C1B2EFFA"
    "886B4238 611FCFDC DE355B3B 6519035B BC34F4DE F99C0238"
    "61B46FC9 D6E6C907 7AD91D26 91F7F7EE 598CB0FA C186D91C"
    "AEFE1309 85139270 B4130C93 BC437944 F4FD4452 E2D74DD3"
    "64F2E21E 71F54BFF 5CAE82AB 9C9DF69E E86D2BC5 22363A0D"
    "ABC52197 9B0DEADA 1DBF9A42 D5C4484E 0ABCD06B FA53DDEF"
    "3C1B20EE 3FD59D7C 25E41D2B 669E1EF1 6E6F52C3 164DF4FB"
    "7930E9E4 E58857B6 AC7D5F42 D69F6D18 7763CF1D 55034004"
    "87F55BA5 7E31CC7A 7135C886 EFB4318A ED6A1E01 2D9E6832"
    "A907600A 918130C4 6DC778F9 71AD0038 092999A3 33CB8B7A"
    "1A1DB93D 7140003C 2A4ECEA9 F98D0ACC 0A8291CD CEC97DCF"
    "8EC9B55A 7F88A46B 4DB5A851 F44182E1 C68A007E 5E0DD902"
    "0BFD64B6 45036C7A 4E677D2C 38532A3A 23BA4442 CAF53EA6"
    "3BB45432 9B7624C8 917BDD64 B1C0FD4C B38E8C33 4C701C3A"
    "CDAD0657 FCCFEC71 9B1F5C3E 4E46041F 388147FB 4CFDB477"
    "A52471F7 A9A96910 B855322E DB6340D8 A00EF092 350511E3"
    "0ABEC1FF F9E3A26E 7FB29F8C 183023C3 587E38DA 0077D9B4"
    "763E4E4B 94B2BBC1 94C6651E 77CAF992 EEAAC023 2A281BF6"
    "B3A739C1 22611682 0AE8DB58 47A67CBE F9C9091B 462D538C"
    "D72B0374 6AE77F5E 62292C31 1562A846 505DC82D B854338A"
    "E49F5235 C95B9117 8CCF2DD5 CACEF403 EC9D1810 C6272B04"
    "5B3B71F9 DC6B80D6 3FDD4A8E 9ADB1E69 62A69526 D43161C1"
    "A41D570D 7938DAD4 A40E329C CFF46AAA 36AD004C F600C838"
    "1E425A31 D951AE64 FDB23FCE C9509D43 687FEB69 EDD1CC5E"
    "0B8CC3BD F64B10EF 86B63142 A3AB8829 555B2F74 7C932665"
    "CB2C0F1C C01BD702 29388839 D2AF05E4 54504AC7 8B758282"
    "2846C0BA 35C35F5C 59160CC0 46FD8251 541FC68C 9C86B022"
    "BB709987 6A460E74 51A8A931 09703FEE 1C217E6C 3826E52C"
    "51AA691E 0E423CFC 99E9E316 50C1217B 624816CD AD9A95F9"
    "D5B80194 88D9C0A0 A1FE3075 A577E231 83F81D4A 3F2FA457"
    "1EFC8CE0 BA8A4FE8 B6855DFE 72B0A66E DED2FBAB FBE58A30"
    "FAFABE1C 5D71A87E 2F741EF8 C1FE86FE A6BBFDE5 30677F0D"
    "97D11D49 F7A8443D 0822E506 A9F4614E 011E2A94 838FF88C"
    "D68C8BB7 C5C6424C FFFFFFFF FFFFFFFF";

/* RFC 3526 section 3: the 2048-bit MODP group (group 14). */
static const char modp2048_p[] =
    "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1"
    "29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD"
    "EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245"
    "E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED"
    "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D"
    "C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F"
    "83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D"
    "670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B"
    "E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9"
    "DE2BCBF6 95581718 3995497C EA956AE5 15D22618 98FA0510"
    "15728E5A 8AACAA68 FFFFFFFF FFFFFFFF";

/* The one table of named groups: the library, the TLS client recognising a
 * server's (p, g), the TLS server choosing from a client's supported_groups
 * and the command line all read it. */
typedef struct {
    const char *name;
    uint16_t tls_id;        /* NamedGroup (RFC 7919 2), 0: none in TLS */
    const char *p_hex;      /* NULL: the toy group, set by number */
    unsigned long g;
    unsigned private_bits;  /* 0: use the full range */
    int q_known;            /* q = (p - 1) / 2 is the order of g */
} named_group;

static const named_group named_groups[] = {
    /* RFC 7919 Appendix A: short exponents as each section advises */
    {"ffdhe2048", DH_TLS_FFDHE2048, ffdhe2048_p, 2, 225, 1},
    {"ffdhe3072", DH_TLS_FFDHE3072, ffdhe3072_p, 2, 275, 1},
    {"ffdhe4096", DH_TLS_FFDHE4096, ffdhe4096_p, 2, 325, 1},
    {"ffdhe6144", DH_TLS_FFDHE6144, ffdhe6144_p, 2, 375, 1},
    {"ffdhe8192", DH_TLS_FFDHE8192, ffdhe8192_p, 2, 400, 1},
    {"modp2048", 0, modp2048_p, 2, 225, 1},
    {"modp14", 0, modp2048_p, 2, 225, 1},
    {"toy", 0, NULL, 5, 0, 0},
};

#define NAMED_GROUP_COUNT (sizeof named_groups / sizeof *named_groups)

static const named_group *group_by_name(const char *name)
{
    for (size_t i = 0; name != NULL && i < NAMED_GROUP_COUNT; i++)
        if (strcasecmp(name, named_groups[i].name) == 0)
            return &named_groups[i];
    return NULL;
}

static const named_group *group_by_tls_id(uint16_t tls_id)
{
    for (size_t i = 0; tls_id != 0 && i < NAMED_GROUP_COUNT; i++)
        if (named_groups[i].tls_id == tls_id)
            return &named_groups[i];
    return NULL;
}

void dh_group_init(dh_group *group)
{
    mpz_inits(group->p, group->g, group->q, NULL);
    group->name = NULL;
}

void dh_group_clear(dh_group *group)
{
    mpz_clears(group->p, group->g, group->q, NULL);
    group->name = NULL;
}

unsigned dh_group_bits(const dh_group *group)
{
    return (unsigned)mpz_sizeinbase(group->p, 2);
}

static see_status check_bits(size_t bits, unsigned min_bits)
{
    ENSURE(bits <= DH_MAX_BITS, SEE_ERR_DH_GROUP_LARGE);
    ENSURE(bits >= min_bits, SEE_ERR_DH_GROUP_SMALL);
    return SEE_OK;
}

static see_status check_size(const mpz_t p, int allow_insecure)
{
    return check_bits(mpz_sizeinbase(p, 2), allow_insecure ? 0 : DH_MIN_BITS);
}

see_status dh_check_size_bytes(const uint8_t *p, size_t len, unsigned min_bits)
{
    while (len > 0 && p[0] == 0) {  /* leading zero bytes add nothing */
        p++;
        len--;
    }
    size_t bits = 0;
    if (len > 0) {
        bits = 8 * (len - 1);
        for (unsigned top = p[0]; top != 0; top >>= 1)
            bits++;
    }
    return check_bits(bits, min_bits);
}

/* p of the table's entry n. */
static void named_p(const named_group *n, mpz_t p)
{
    if (n->p_hex != NULL)
        mpz_set_str(p, n->p_hex, 16);
    else
        mpz_set_ui(p, 23); /* the slides: "g = 5 and p = 23" */
}

/* Set group to the table's entry n. */
static see_status set_named(dh_group *group, const named_group *n,
                            int allow_insecure)
{
    mpz_t p;
    mpz_init(p);
    named_p(n, p);
    see_status st = check_size(p, allow_insecure);
    if (st == SEE_OK) {
        mpz_set(group->p, p);
        mpz_set_ui(group->g, n->g);
        if (n->q_known) {
            mpz_sub_ui(group->q, p, 1);
            mpz_tdiv_q_2exp(group->q, group->q, 1); /* q = (p - 1) / 2 */
        } else {
            mpz_set_ui(group->q, 0);
        }
        group->name = n->name;
    }
    mpz_clear(p);
    return st;
}

see_status dh_group_named(dh_group *group, const char *name,
                          int allow_insecure)
{
    const named_group *n = group_by_name(name);
    ENSURE(n != NULL, SEE_ERR_DH_UNKNOWN_GROUP);
    return set_named(group, n, allow_insecure);
}

see_status dh_group_from_tls_id(dh_group *group, uint16_t tls_id)
{
    const named_group *n = group_by_tls_id(tls_id);
    ENSURE(n != NULL, SEE_ERR_DH_UNKNOWN_GROUP);
    return set_named(group, n, 0);
}

uint16_t dh_group_tls_id(const dh_group *group)
{
    const named_group *n = group_by_name(group->name);
    return n != NULL ? n->tls_id : 0;
}

see_status dh_tls_id_by_name(const char *name, uint16_t *tls_id)
{
    const named_group *n = group_by_name(name);
    ENSURE(n != NULL && n->tls_id != 0, SEE_ERR_DH_UNKNOWN_GROUP);
    *tls_id = n->tls_id;
    return SEE_OK;
}

const char *dh_tls_id_name(uint16_t tls_id)
{
    const named_group *n = group_by_tls_id(tls_id);
    return n != NULL ? n->name : NULL;
}

unsigned dh_tls_id_bits(uint16_t tls_id)
{
    const named_group *n = group_by_tls_id(tls_id);
    if (n == NULL)
        return 0;
    mpz_t p;
    mpz_init_set_str(p, n->p_hex, 16);
    unsigned bits = (unsigned)mpz_sizeinbase(p, 2);
    mpz_clear(p);
    return bits;
}

int dh_tls_id_is_ffdhe(uint16_t tls_id)
{
    return tls_id >= 256 && tls_id <= 511;
}

/* A second name for the entry before it (modp14 for modp2048). */
static int is_alias(size_t i)
{
    return i > 0 && named_groups[i].p_hex != NULL &&
           named_groups[i].p_hex == named_groups[i - 1].p_hex;
}

static int listed(const named_group *n, size_t i, dh_names_which which)
{
    return !is_alias(i) && (which == DH_NAMES_ALL || n->tls_id != 0);
}

const char *dh_group_names(dh_names_which which, char *out, size_t cap)
{
    size_t count = 0, done = 0, used = 0;
    for (size_t i = 0; i < NAMED_GROUP_COUNT; i++)
        count += (size_t)listed(&named_groups[i], i, which);
    if (cap == 0)
        return out;
    out[0] = '\0';
    for (size_t i = 0; i < NAMED_GROUP_COUNT; i++) {
        if (!listed(&named_groups[i], i, which))
            continue;
        done++;
        const char *sep = done == 1 ? "" : done == count ? " or " : ", ";
        size_t sep_len = strlen(sep), name_len = strlen(named_groups[i].name);
        if (sep_len + name_len >= cap - used)
            break; /* cut short after a whole name */
        memcpy(out + used, sep, sep_len);
        memcpy(out + used + sep_len, named_groups[i].name, name_len + 1);
        used += sep_len + name_len;
    }
    return out;
}

/* A TLS 1.2 server sends only p and g, and a DH parameter file holds only
 * p and g. When they are a named group's, we know q (and the short
 * exponent size) too, so the subgroup check runs. (g = 2 has order
 * (p - 1) / 2 in each of them: any other q a caller gives would be wrong.)
 * The toy group gets its name back; its g generates everything, q = 0. */
static void recognise_named_group(dh_group *group)
{
    mpz_t p;
    mpz_init(p);
    for (size_t i = 0; i < NAMED_GROUP_COUNT; i++) {
        const named_group *n = &named_groups[i];
        if (mpz_cmp_ui(group->g, n->g) != 0)
            continue;
        named_p(n, p);
        if (mpz_cmp(p, group->p) == 0) {
            if (n->q_known) {
                mpz_sub_ui(group->q, p, 1);
                mpz_tdiv_q_2exp(group->q, group->q, 1);
            } else {
                mpz_set_ui(group->q, 0);
            }
            group->name = n->name;
            break;
        }
    }
    mpz_clear(p);
}

see_status dh_group_set(dh_group *group, const mpz_t p, const mpz_t g,
                        const mpz_t q, int allow_insecure)
{
    ENSURE(mpz_cmp_ui(p, 3) > 0 && mpz_odd_p(p), SEE_ERR_DH_GROUP_BAD);
    TRY(check_size(p, allow_insecure));
    mpz_t p1;
    mpz_init(p1);
    mpz_sub_ui(p1, p, 1);
    int ok = mpz_cmp_ui(g, 1) > 0 && mpz_cmp(g, p1) < 0;
    if (q != NULL)
        ok &= mpz_sgn(q) == 0 || (mpz_sgn(q) > 0 && mpz_cmp(q, p) < 0);
    mpz_clear(p1);
    ENSURE(ok, SEE_ERR_DH_GROUP_BAD);
    mpz_set(group->p, p);
    mpz_set(group->g, g);
    if (q != NULL)
        mpz_set(group->q, q);
    else
        mpz_set_ui(group->q, 0);
    group->name = NULL;
    recognise_named_group(group);
    return SEE_OK;
}

/* q = (p - 1) / 2 when p is a safe prime and g lies in the subgroup of
 * order q (g^q = 1 mod p); else q = 0 (unknown). */
static see_status find_subgroup(const mpz_t p, const mpz_t g, see_rng *rng,
                                mpz_t q)
{
    int is_prime = 0;
    mpz_t t;
    mpz_sub_ui(q, p, 1);
    mpz_fdiv_q_2exp(q, q, 1);
    if (mpz_cmp_ui(q, 2) > 0)
        TRY(prime_test(q, PRIME_ROUNDS_ADVERSARIAL, rng, &is_prime));
    mpz_init(t);
    if (is_prime && mpz_cmp_ui(p, 3) > 0 && mpz_sgn(g) > 0 &&
        mpz_cmp(g, p) < 0)
        mpz_powm(t, g, q, p);
    if (!is_prime || mpz_cmp_ui(t, 1) != 0)
        mpz_set_ui(q, 0);
    mpz_clear(t);
    return SEE_OK;
}

see_status dh_group_set_find_q(dh_group *group, const mpz_t p, const mpz_t g,
                               see_rng *rng, int allow_insecure)
{
    /* A named group needs no primality test (an 8192-bit one takes
     * seconds): dh_group_set knows its name and q. */
    see_status named = dh_group_set(group, p, g, NULL, allow_insecure);
    if (named != SEE_OK || group->name != NULL)
        return named;
    mpz_t q;
    mpz_init(q);
    see_status st = find_subgroup(p, g, rng, q);
    if (st == SEE_OK)
        st = dh_group_set(group, p, g, mpz_sgn(q) > 0 ? q : NULL,
                          allow_insecure);
    mpz_clear(q);
    return st;
}

see_status dh_group_copy(dh_group *dst, const dh_group *src,
                         int allow_insecure)
{
    return dh_group_set(dst, src->p, src->g,
                        mpz_sgn(src->q) > 0 ? src->q : NULL, allow_insecure);
}

see_status dh_group_check_prime(const dh_group *group, see_rng *rng)
{
    int prime;
    TRY(prime_test(group->p, PRIME_ROUNDS_ADVERSARIAL, rng, &prime));
    ENSURE(prime, SEE_ERR_DH_GROUP_BAD);
    if (mpz_sgn(group->q) == 0)
        return SEE_OK;
    TRY(prime_test(group->q, PRIME_ROUNDS_ADVERSARIAL, rng, &prime));
    ENSURE(prime, SEE_ERR_DH_GROUP_BAD);
    mpz_t t;
    mpz_init(t);
    mpz_sub_ui(t, group->p, 1);
    int divides = mpz_divisible_p(t, group->q);
    mpz_powm(t, group->g, group->q, group->p);
    int order_q = mpz_cmp_ui(t, 1) == 0;
    mpz_clear(t);
    ENSURE(divides && order_q, SEE_ERR_DH_GROUP_BAD);
    return SEE_OK;
}

see_status dh_group_generate(dh_group *group, see_rng *rng, unsigned bits,
                             int allow_insecure)
{
    ENSURE(bits >= 5, SEE_ERR_DH_GROUP_SMALL); /* 4 < p - 1 needs p >= 7 */
    TRY(check_bits(bits, allow_insecure ? 0 : DH_MIN_BITS));
    TRY(prime_random_safe(rng, group->p, bits));
    mpz_sub_ui(group->q, group->p, 1);
    mpz_tdiv_q_2exp(group->q, group->q, 1);
    /* 4 = 2^2 is a square, so g^q = 1: g lies in the subgroup of prime
     * order q, where no small factor of the order can be exploited. */
    mpz_set_ui(group->g, 4);
    group->name = NULL;
    return SEE_OK;
}

unsigned dh_private_bits(const dh_group *group)
{
    const named_group *n = group_by_name(group->name);
    if (n != NULL && n->private_bits)
        return n->private_bits;
    if (mpz_sgn(group->q) > 0)
        return (unsigned)mpz_sizeinbase(group->q, 2);
    return (unsigned)mpz_sizeinbase(group->p, 2); /* capped at p - 1 */
}

/* Sanity every operation repeats: the group was set by us. */
static see_status group_usable(const dh_group *group)
{
    ENSURE(mpz_cmp_ui(group->p, 3) > 0 && mpz_odd_p(group->p) &&
           mpz_cmp_ui(group->g, 1) > 0 && mpz_cmp(group->g, group->p) < 0,
           SEE_ERR_DH_GROUP_BAD);
    return SEE_OK;
}

see_status dh_public_from_private(const dh_group *group, const mpz_t x,
                                  mpz_t y)
{
    TRY(group_usable(group));
    mpz_t p1;
    mpz_init(p1);
    mpz_sub_ui(p1, group->p, 1);
    int in_range = mpz_sgn(x) > 0 && mpz_cmp(x, p1) < 0;
    mpz_clear(p1);
    ENSURE(in_range, SEE_ERR_DH_PRIVATE_RANGE);
    mpz_powm_sec(y, group->g, x, group->p); /* A = g^a mod p */
    return SEE_OK;
}

see_status dh_generate_key(const dh_group *group, see_rng *rng, mpz_t x,
                           mpz_t y)
{
    TRY(group_usable(group));
    /* x in [2, min(2^bits, top)), top = q when known, else p - 1. */
    mpz_t low, high, top;
    mpz_init_set_ui(low, 2);
    mpz_init(high);
    mpz_init(top);
    if (mpz_sgn(group->q) > 0)
        mpz_set(top, group->q);
    else
        mpz_sub_ui(top, group->p, 1);
    mpz_ui_pow_ui(high, 2, dh_private_bits(group));
    if (mpz_cmp(high, top) > 0)
        mpz_set(high, top);
    see_status st = SEE_ERR_DH_GROUP_BAD;
    /* In a group whose g generates more than the order-q subgroup (the
     * slides' toy group: 5 is a primitive root of 23), some x give
     * Y = p - 1, which every peer refuses (dh_check_public): draw again. */
    for (int tries = 0; tries < 64 && mpz_cmp(low, high) < 0; tries++) {
        st = bn_random_range(rng, x, low, high);
        if (st == SEE_OK)
            st = dh_public_from_private(group, x, y);
        if (st != SEE_OK || dh_check_public(group, y) == SEE_OK)
            break;
        st = SEE_ERR_DH_GROUP_BAD;
    }
    mpz_clears(low, high, top, NULL);
    return st;
}

see_status dh_check_public(const dh_group *group, const mpz_t y)
{
    TRY(group_usable(group));
    mpz_t t;
    mpz_init(t);
    mpz_sub_ui(t, group->p, 1);
    int in_range = mpz_cmp_ui(y, 1) > 0 && mpz_cmp(y, t) < 0; /* 1 < Y < p-1 */
    int in_subgroup = 1;
    if (in_range && mpz_sgn(group->q) > 0) {
        mpz_mul_2exp(t, group->q, 1);
        mpz_add_ui(t, t, 1);
        if (mpz_cmp(t, group->p) == 0) {
            /* A safe prime, q = (p - 1) / 2: by Euler's criterion Y^q mod p
             * is the Legendre symbol (Y | p), which a gcd-like algorithm
             * finds some fifty times faster than the power (Y is public,
             * so its variable time hides nothing). */
            in_subgroup = mpz_legendre(y, group->p) == 1;  /* Y^q = 1 */
        } else {
            mpz_powm(t, y, group->q, group->p);
            in_subgroup = mpz_cmp_ui(t, 1) == 0;           /* Y^q = 1 */
        }
    }
    mpz_clear(t);
    ENSURE(in_range, SEE_ERR_DH_PUBLIC_RANGE);
    ENSURE(in_subgroup, SEE_ERR_DH_PUBLIC_SUBGROUP);
    return SEE_OK;
}

see_status dh_shared_secret_number(const dh_group *group, const mpz_t x,
                                   const mpz_t peer_y, mpz_t s)
{
    TRY(dh_check_public(group, peer_y));
    ENSURE(mpz_sgn(x) > 0, SEE_ERR_DH_PRIVATE_RANGE);
    mpz_powm_sec(s, peer_y, x, group->p); /* S = B^a mod p */
    return SEE_OK;
}

static see_status shared_bytes(const dh_group *group, const mpz_t x,
                               const mpz_t peer_y, uint8_t *out, size_t cap,
                               size_t *out_len, int strip)
{
    mpz_t s;
    mpz_init(s);
    see_status st = dh_shared_secret_number(group, x, peer_y, s);
    if (st == SEE_OK) {
        size_t len = strip ? bn_byte_length(s) : bn_byte_length(group->p);
        if (len > cap)
            st = SEE_ERR_BUFFER_SMALL;
        else
            st = bn_to_bytes(s, out, len);
        if (st == SEE_OK)
            *out_len = len;
    }
    bn_clear_secret(s);
    return st;
}

see_status dh_shared_secret(const dh_group *group, const mpz_t x,
                            const mpz_t peer_y, uint8_t *out, size_t cap,
                            size_t *out_len)
{
    return shared_bytes(group, x, peer_y, out, cap, out_len, 0);
}

see_status dh_shared_secret_tls12(const dh_group *group, const mpz_t x,
                                  const mpz_t peer_y, uint8_t *out,
                                  size_t cap, size_t *out_len)
{
    return shared_bytes(group, x, peer_y, out, cap, out_len, 1);
}

/* ------------------------------------------- bytes in, bytes out --- */

size_t dh_group_bytes(const dh_group *group)
{
    return bn_byte_length(group->p);
}

see_status dh_group_set_bytes(dh_group *group, const uint8_t *p, size_t p_len,
                              const uint8_t *g, size_t g_len,
                              int allow_insecure)
{
    TRY(dh_check_size_bytes(p, p_len, allow_insecure ? 0 : DH_MIN_BITS));
    mpz_t pn, gn;
    mpz_inits(pn, gn, NULL);
    bn_from_bytes(pn, p, p_len);
    bn_from_bytes(gn, g, g_len);
    see_status st = dh_group_set(group, pn, gn, NULL, allow_insecure);
    mpz_clears(pn, gn, NULL);
    return st;
}

see_status dh_group_to_bytes(const dh_group *group, uint8_t *p, size_t p_cap,
                             size_t *p_len, uint8_t *g, size_t g_cap,
                             size_t *g_len)
{
    TRY(bn_to_bytes_min(group->p, p, p_cap, p_len));
    return bn_to_bytes_min(group->g, g, g_cap, g_len);
}

see_status dh_keypair(const dh_group *group, see_rng *rng, uint8_t *priv,
                      size_t priv_cap, size_t *priv_len, uint8_t *pub,
                      size_t pub_cap, size_t *pub_len)
{
    TRY(group_usable(group));
    size_t len = dh_group_bytes(group);
    ENSURE(priv_cap >= len && pub_cap >= len, SEE_ERR_BUFFER_SMALL);
    mpz_t x, y;
    bn_init_secret(x, dh_group_bits(group));
    mpz_init(y);
    see_status st = dh_generate_key(group, rng, x, y);
    if (st == SEE_OK)
        st = bn_to_bytes(x, priv, len);
    if (st == SEE_OK)
        st = bn_to_bytes_min(y, pub, pub_cap, pub_len);
    if (st == SEE_OK)
        *priv_len = len;
    else
        see_wipe(priv, len);
    bn_clear_secret(x);
    mpz_clear(y);
    return st;
}

see_status dh_check_public_bytes(const dh_group *group, const uint8_t *y,
                                 size_t y_len)
{
    mpz_t v;
    mpz_init(v);
    bn_from_bytes(v, y, y_len);
    see_status st = dh_check_public(group, v);
    mpz_clear(v);
    return st;
}

see_status dh_shared_secret_tls12_bytes(const dh_group *group,
                                        const uint8_t *priv, size_t priv_len,
                                        const uint8_t *peer, size_t peer_len,
                                        uint8_t *out, size_t cap,
                                        size_t *out_len)
{
    mpz_t x, y;
    bn_init_secret(x, 8 * priv_len);
    mpz_init(y);
    bn_from_bytes(x, priv, priv_len);
    bn_from_bytes(y, peer, peer_len);
    see_status st = dh_shared_secret_tls12(group, x, y, out, cap, out_len);
    bn_clear_secret(x);
    mpz_clear(y);
    return st;
}
