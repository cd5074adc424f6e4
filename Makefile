# seetls: build, test, demo and bench.
#
#   make          the library build/libseetls.a, the CLI build/seetls and the
#                 class programs
#   make demo     the main job: the best live demo the code can give
#   make test     installs what is missing, then unit suites, vector files,
#                 the constant-time check under valgrind (make test-ct),
#                 interop with the openssl command line and a headless
#                 Chromium (installed as root by make test-interop),
#                 tlsfuzzer against our server, and the unit suites again under
#                 AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench    our speed next to libsodium's and OpenSSL's, with ratios
#   make fuzz     libFuzzer targets in tests/fuzz/, each run for FUZZ_SECONDS
#   make vectors  regenerates the libsodium vector files in vectors/
#   make install  libseetls.a, the public header and seetls.pc under PREFIX
#                 (/usr/local; DESTDIR honoured), for programs of your own
#                 (docs/library.md)
#   make test-cross  the Raspberry Pi's builds (32- and 64-bit ARM), tested
#                 here under qemu-user; installs cross compilers (CI runs it)
#
# Every output goes under $(BUILD) (build/ by default). The sanitizer run
# reuses this Makefile with BUILD=build/san and clang.

BUILD    ?= build
CC       ?= cc
ifeq ($(origin CC),default)
CC       := gcc
endif
OPT      ?= -O2
SAN      ?=
WARN     := -std=c11 -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes
CFLAGS   := $(WARN) $(OPT) -g -D_GNU_SOURCE -I. $(SAN) $(EXTRA_CFLAGS)
LDFLAGS  := $(SAN) $(EXTRA_LDFLAGS)
LIBS     := -lgmp -lm

LIB_SRCS   := $(sort $(wildcard core/*.c codec/*.c crypto/*.c pki/*.c cryptanalysis/*.c handshake/*.c api/*.c) \
                $(filter-out robot/prog_%,$(wildcard robot/*.c)))
CLI_SRCS   := $(sort $(wildcard cli/*.c))
# speed/: what seetls speed and build/bench measure of ours, and how
# (speed/workloads.h): linked into both, not into the library
SPEED_SRCS := $(sort $(wildcard speed/*.c))
TEST_SRCS  := $(sort $(wildcard tests/unit/test_*.c))
TEST_SUPP  := $(filter-out $(TEST_SRCS),$(wildcard tests/unit/*.c))
DEMO_COMMON := $(sort $(wildcard demos/common_*.c))
DEMO_PAGE  := $(sort $(wildcard demos/page_*.c))
DEMO_PAGE_OBJS := $(DEMO_PAGE:%.c=$(BUILD)/obj/%.o)
DEMO_SRCS  := $(filter-out $(DEMO_COMMON) $(DEMO_PAGE),$(sort $(wildcard demos/*.c)))
FUZZ_SRCS  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SUPP  := $(filter-out $(FUZZ_SRCS),$(sort $(wildcard tests/fuzz/*.c)))

LIB        := $(BUILD)/libseetls.a
SEETLS     := $(BUILD)/seetls
LIB_OBJS   := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
CLI_OBJS   := $(CLI_SRCS:%.c=$(BUILD)/obj/%.o)
SPEED_OBJS := $(SPEED_SRCS:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/speed_certs.o
SUPP_OBJS  := $(TEST_SUPP:%.c=$(BUILD)/obj/%.o)
TEST_BINS  := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
DEMO_BINS  := $(DEMO_SRCS:demos/%.c=$(BUILD)/%)
ROBOT_PROGS := $(patsubst robot/prog_%.c,$(BUILD)/%,$(wildcard robot/prog_*.c))
FUZZ_BINS  := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%)

FUZZ_SECONDS ?= 20

# Quiet by default: "CC file"; make V=1 shows every command.
ifeq ($(V),1)
Q :=
else
Q := @
endif

.PHONY: all lib cli units demos test test-units test-interop test-tlsfuzzer test-san test-fuzz deps \
        demo bench fuzz vectors clean

all: $(LIB) $(SEETLS) $(DEMO_BINS) $(ROBOT_PROGS)

lib: $(LIB)
cli: $(SEETLS)
units: $(TEST_BINS) $(ROBOT_PROGS)
demos: $(DEMO_BINS)

# The hardware paths (crypto/NAME_x86.c, crypto/NAME_arm.c): only these
# files may use the instructions they are for, and only when building for
# their architecture (elsewhere they are empty); every other file stays
# baseline x86-64 or ARMv8-A (core/cpu.h chooses at run time).
HW_MACHINE := $(shell $(CC) -dumpmachine 2>/dev/null)
hw_objs = $(BUILD)/obj/crypto/$(1).o $(BUILD)/fuzzobj/crypto/$(1).o
ifneq ($(filter x86_64-%,$(HW_MACHINE)),)
$(call hw_objs,sha256_x86): EXTRA_HW := -msha -msse4.1 -mssse3
$(call hw_objs,aes_x86):    EXTRA_HW := -maes -msse4.1 -mssse3
$(call hw_objs,ghash_x86):  EXTRA_HW := -mpclmul -msse4.1 -mssse3
$(call hw_objs,chacha20_x86): EXTRA_HW := -mavx2
$(call hw_objs,poly1305_x86): EXTRA_HW := -mavx2
endif
ifneq ($(filter aarch64-%,$(HW_MACHINE)),)
$(call hw_objs,sha256_arm): EXTRA_HW := -march=armv8-a+crypto
$(call hw_objs,aes_arm):    EXTRA_HW := -march=armv8-a+crypto
$(call hw_objs,ghash_arm):  EXTRA_HW := -march=armv8-a+crypto
endif

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $(EXTRA_HW) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	@rm -f $@
	@$(if $(Q),echo "  AR      $@")
	$(Q)$(AR) rcs $@ $^

$(SEETLS): $(CLI_OBJS) $(SPEED_OBJS) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -pthread -o $@ $(CLI_OBJS) $(SPEED_OBJS) $(LIB) $(LIBS)

$(BUILD)/tests/test_page: $(DEMO_PAGE_OBJS)
$(BUILD)/tests/test_speed: $(SPEED_OBJS)
$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(SUPP_OBJS) $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -pthread -o $@ $< $(filter $(DEMO_PAGE_OBJS) $(SPEED_OBJS),$^) \
	    $(SUPP_OBJS) $(LIB) \
	    $(LIBS) -lcunit -lsodium

# Every demos/NAME.c is a program; demos/common_*.c is what they share.
DEMO_COMMON_OBJS := $(DEMO_COMMON:%.c=$(BUILD)/obj/%.o)
# demos/page_*.c: demo-handshake's --html page (and test_page's subject).
$(BUILD)/demo-handshake: $(DEMO_PAGE_OBJS)
$(DEMO_BINS): $(BUILD)/%: $(BUILD)/obj/demos/%.o $(DEMO_COMMON_OBJS) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -pthread -o $@ $< $(filter $(DEMO_PAGE_OBJS),$^) $(DEMO_COMMON_OBJS) \
	    $(LIB) $(LIBS)

# alex-server's web console page, compiled into the binary (no file served
# from disk): robot/web/console.html as the bytes of a C array.
CONSOLE_PAGE_OBJ := $(BUILD)/obj/gen/alex_console_page.o
$(BUILD)/gen/alex_console_page.c: robot/web/console.html
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN     $@")
	$(Q){ printf '/* Generated from robot/web/console.html by the Makefile. */\n'; \
	  printf '#include "robot/alex_web.h"\n\nconst unsigned char alex_console_page[] = {\n'; \
	  od -An -v -tx1 $< | sed -e 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^/   /'; \
	  printf '    0x00};\nconst size_t alex_console_page_len = sizeof alex_console_page - 1;\n'; \
	} > $@.tmp && mv $@.tmp $@
$(CONSOLE_PAGE_OBJ): $(BUILD)/gen/alex_console_page.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) -c $< -o $@
$(BUILD)/alex-server: $(CONSOLE_PAGE_OBJ)

# speed/'s certificate rows time the chain of vectors/certs/ (server.der
# under inter.der under root.der), compiled in as C arrays, so that
# seetls speed and build/bench need no file of the repository.
SPEED_CERTS := server inter root
$(BUILD)/gen/speed_certs.c: $(SPEED_CERTS:%=vectors/certs/%.der)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN     $@")
	$(Q){ printf '/* Generated from vectors/certs/ by the Makefile. */\n'; \
	  printf '#include "speed/workloads.h"\n'; \
	  for name in $(SPEED_CERTS); do \
	    printf '\nconst uint8_t speed_cert_%s[] = {\n' $$name; \
	    od -An -v -tx1 vectors/certs/$$name.der | sed -e 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^/   /'; \
	    printf '};\nconst size_t speed_cert_%s_len = sizeof speed_cert_%s;\n' $$name $$name; \
	  done; } > $@.tmp && mv $@.tmp $@
$(BUILD)/obj/gen/speed_certs.o: $(BUILD)/gen/speed_certs.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(ROBOT_PROGS): $(BUILD)/%: $(BUILD)/obj/robot/prog_%.o $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -pthread -o $@ $< $(filter $(CONSOLE_PAGE_OBJ),$^) $(LIB) $(LIBS)

# ---------------------------------------------------------------- test ----

deps:
	@scripts/deps.sh

# Each stage adds "passed failed" lines to COUNTS_FILE; the last line of
# make test is the total, and a failure counted anywhere fails make test
# (a stage whose own exit status missed it included).
COUNTS_FILE := $(abspath $(BUILD))/test-counts
export COUNTS_FILE

test: deps
	@mkdir -p $(BUILD) && rm -f $(COUNTS_FILE)
	@$(MAKE) --no-print-directory all units
	@$(MAKE) --no-print-directory test-units
	@$(MAKE) --no-print-directory test-ct
	@$(MAKE) --no-print-directory test-interop
	@$(MAKE) --no-print-directory test-tlsfuzzer
	@$(MAKE) --no-print-directory test-fuzz
	@$(MAKE) --no-print-directory test-san
	@awk '{ p += $$1; f += $$2 } END { printf "make test: %d passed, %d failed\n", p, f; exit f > 0 }' $(COUNTS_FILE)

# The crypto suites once more with SEETLS_NO_ASM=1 (core/cpu.h): the
# portable code stays tested on a CPU that has the instructions.
PORTABLE_SUITES := test_sha256 test_hmac test_pbkdf2 test_prf test_aes_ct test_gcm test_chacha20 test_chacha20_26 \
                   test_aead test_record_aead test_hw_paths

test-units: units
	@tests/run_suites.sh "$(BUILD)/tests"
	@SEETLS_NO_ASM=1 tests/run_suites.sh "$(BUILD)/tests" \
	  "crypto suites, portable (SEETLS_NO_ASM=1)" $(PORTABLE_SUITES)

# $(BUILD)/bench: test_bench_curve.sh runs the benchmark's throughput curve.
test-interop: all $(BUILD)/bench
	@scripts/deps-browser.sh
	@SEETLS="$(abspath $(SEETLS))" BUILD_DIR="$(abspath $(BUILD))" tests/interop/run.sh

# tlsfuzzer's scripts against seetls server (tests/tlsfuzzer/): TLSFUZZER is
# the folder holding the tlsfuzzer/ and tlslite-ng/ checkouts. Only the
# default one may be missing (a clone elsewhere): then this stage is skipped.
TLSFUZZER ?= ../shared/third_party

test-tlsfuzzer: $(SEETLS)
	@if [ "$(origin TLSFUZZER)" = file ] && [ ! -d "$(TLSFUZZER)" ]; then \
	  echo "tlsfuzzer: $(TLSFUZZER) not found; skipped (make test-tlsfuzzer TLSFUZZER=DIR)"; \
	else \
	  TLSFUZZER="$(TLSFUZZER)" SEETLS="$(abspath $(SEETLS))" BUILD_DIR="$(abspath $(BUILD))" \
	    tests/tlsfuzzer/run.sh; \
	fi

# The unit suites again, built by clang with ASan + UBSan; any report fails.
test-san:
	@$(MAKE) --no-print-directory BUILD=build/san CC=clang OPT=-O1 \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  units cli
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  tests/run_suites.sh build/san/tests "sanitizers"

# ------------------------------------------------------------- test-ct ----
# The constant-time check: tests/ct/ct_check.c runs each primitive with its
# secrets marked undefined, under valgrind (tests/ct/run.sh); any branch or
# memory index on a secret fails it.
.PHONY: test-ct
CT_CHECK := $(BUILD)/ct/ct_check
$(CT_CHECK): $(BUILD)/obj/tests/ct/ct_check.o $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $< $(LIB) $(LIBS)

test-ct: $(CT_CHECK)
	@tests/ct/run.sh $(CT_CHECK)

# ---------------------------------------------------------- test-cross ----
# Everything built for the Raspberry Pi by Debian's cross compilers with
# -Werror, 32-bit ARM (armhf, Raspberry Pi OS 32-bit) into build/armhf/ and
# 64-bit ARM (arm64) into build/arm64/, then the unit suites, the slides and
# a handshake between the two run here under qemu-user (tests/cross/run.sh;
# CROSS_ARCHS="armhf" for one). It installs packages and adds dpkg
# architectures (scripts/deps-cross.sh), so make test leaves it out; CI
# runs it after make test. One build, as the script makes each:
#   make BUILD=build/armhf CC=arm-linux-gnueabihf-gcc \
#        AR=arm-linux-gnueabihf-ar EXTRA_LDFLAGS=-static all units
.PHONY: deps-cross test-cross
deps-cross:
	@scripts/deps-cross.sh

test-cross: deps-cross
	@tests/cross/run.sh

# ---------------------------------------------------------------- demo ----

demo: deps all
	@demos/run_demo.sh "$(BUILD)"

# Every class program, non-interactively, to check them before a lecture.
.PHONY: class
class: deps all
	@demos/run_class.sh "$(BUILD)"

# --------------------------------------------------------------- bench ----

BENCH_SRCS := $(sort $(wildcard bench/*.c))
# bench_robot_web runs alex-server's web console, page included.
$(BUILD)/bench: $(CONSOLE_PAGE_OBJ)
$(BUILD)/bench: $(BENCH_SRCS:%.c=$(BUILD)/obj/%.o) $(SPEED_OBJS) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -pthread -o $@ $(filter %.o,$^) $(LIB) $(LIBS) -lsodium -lssl -lcrypto -lm

bench: deps $(BUILD)/bench
	@$(BUILD)/bench

# ---------------------------------------------------------------- fuzz ----

# Every tests/fuzz/fuzz_NAME.c is a target; the other tests/fuzz/*.c are
# what they share, built once and linked into each.
FUZZ_LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/fuzzobj/%.o) $(DEMO_COMMON:%.c=$(BUILD)/fuzzobj/%.o)
FUZZ_SUPP_OBJS := $(FUZZ_SUPP:%.c=$(BUILD)/fuzzobj/%.o)
FUZZ_CFLAGS   := $(WARN) -O1 -g -D_GNU_SOURCE -I. -fsanitize=fuzzer-no-link,address,undefined
.SECONDARY: $(FUZZ_LIB_OBJS) $(FUZZ_SUPP_OBJS)

$(BUILD)/fuzzobj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $< (fuzz)")
	$(Q)clang $(FUZZ_CFLAGS) $(EXTRA_HW) -MMD -MP -c $< -o $@

$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_SUPP_OBJS) $(FUZZ_LIB_OBJS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -MMD -MP -MF $@.d -o $@ $< $(FUZZ_SUPP_OBJS) $(FUZZ_LIB_OBJS) $(LIBS)

-include $(FUZZ_BINS:%=%.d)

fuzz: deps $(FUZZ_BINS)
	@tests/fuzz/run.sh "$(BUILD)/fuzz" $(FUZZ_SECONDS)

# In make test: every target built, and run once over its committed seeds.
test-fuzz: $(FUZZ_BINS)
	@tests/fuzz/replay.sh "$(BUILD)/fuzz"

# ------------------------------------------------------------- vectors ----

$(BUILD)/gen_vectors: vectors/gen_vectors.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< -lsodium

vectors: $(BUILD)/gen_vectors
	$(BUILD)/gen_vectors vectors

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj $(BUILD)/fuzzobj -name '*.d' 2>/dev/null)

# -------------------------------------------------------------- slides ----
# Every example of the slides is one file in slides_examples/; together they
# make one program, build/slides.

SLIDES_SRCS := $(sort $(wildcard slides_examples/*.c))
SLIDES_OBJS := $(SLIDES_SRCS:%.c=$(BUILD)/obj/%.o)
ifneq ($(SLIDES_SRCS),)
all: $(BUILD)/slides
endif

$(BUILD)/slides: $(SLIDES_OBJS) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(SLIDES_OBJS) $(LIB) $(LIBS) -lm

.PHONY: slides
slides: all
	@$(BUILD)/slides all

# test_slides runs the examples in-process, so it links them all but main.
SLIDES_TEST_OBJS := $(filter-out $(BUILD)/obj/slides_examples/main.o,$(SLIDES_OBJS))
$(BUILD)/tests/test_slides: $(BUILD)/obj/tests/unit/test_slides.o $(SUPP_OBJS) $(SLIDES_TEST_OBJS) $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -pthread -o $@ $< $(SUPP_OBJS) $(SLIDES_TEST_OBJS) $(LIB) $(LIBS) -lcunit -lsodium -lm

# ------------------------------------------------------------- library ----
# What another program uses: the public headers in include/seetls/ (all a
# program includes; every other header is internal), their implementation
# in api/ (part of libseetls.a), and examples/, the shortest client and
# server, built here against include/ alone, as a program of a lab team's
# own would be. docs/library.md tells how to use them.

EXAMPLE_SRCS   := $(sort $(wildcard examples/*.c))
EXAMPLE_BINS   := $(EXAMPLE_SRCS:examples/%.c=$(BUILD)/examples/%)
PUBLIC_HEADERS := $(sort $(wildcard include/seetls/*.h))
all: $(EXAMPLE_BINS)

.PHONY: examples install uninstall
examples: $(EXAMPLE_BINS)

$(BUILD)/examples/%: examples/%.c $(PUBLIC_HEADERS) $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC LD   $@")
	$(Q)$(CC) $(WARN) $(OPT) -g $(SAN) $(EXTRA_CFLAGS) -Iinclude $(LDFLAGS) -o $@ $< \
	  $(LIB) $(LIBS) -lpthread

# make install [PREFIX=/usr/local] [DESTDIR=]: libseetls.a, the public
# headers and seetls.pc, so that a program builds with
#   cc prog.c $(pkg-config --cflags --libs seetls)
# (PKG_CONFIG_PATH=PREFIX/lib/pkgconfig when PREFIX is not a system one).
# DESTDIR stages the files (for a package) under DESTDIR/PREFIX; the
# pkg-config file names PREFIX.
PREFIX       ?= /usr/local
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
SEETLS_VERSION := $(shell sed -n 's/.*define SEETLS_VERSION "\(.*\)".*/\1/p' include/seetls/seetls.h)

install: $(LIB)
	@case "$(PREFIX)" in /*) ;; *) echo "make install: PREFIX must be an absolute path" \
	  "(the pkg-config file names it), not '$(PREFIX)'" >&2; exit 1;; esac
	@$(if $(Q),echo "  INSTALL $(DESTDIR)$(PREFIX)")
	$(Q)install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/seetls $(DESTDIR)$(PKGCONFIGDIR)
	$(Q)install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libseetls.a
	$(Q)install -m 644 $(PUBLIC_HEADERS) $(DESTDIR)$(INCLUDEDIR)/seetls/
	$(Q)sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	  -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(SEETLS_VERSION)|' \
	  -e 's|@LIBS@|$(LIBS) -lpthread|' api/seetls.pc.in >$(DESTDIR)$(PKGCONFIGDIR)/seetls.pc

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libseetls.a $(DESTDIR)$(PKGCONFIGDIR)/seetls.pc \
	  $(PUBLIC_HEADERS:include/%=$(DESTDIR)$(INCLUDEDIR)/%)
	-rmdir $(DESTDIR)$(INCLUDEDIR)/seetls
