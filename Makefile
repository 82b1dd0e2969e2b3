# isms-audit: plain Makefile, dependencies through pkg-config.
#   make          build build/isms-audit
#   make demo     audit the bundled demo ISMS
#   make check    build and run every test
#   make check-asan   the tests under AddressSanitizer and UBSan
#   make check-valgrind   the hostile-input tests with the program under valgrind
#   make fuzz     build the libFuzzer targets with clang and run each for
#                 FUZZ_SECONDS (default 60); scripts/install-fuzz-tools
#                 installs clang and libFuzzer
#   make golden   rewrite the golden files of the report tests
#   make lint     actionlint and shellcheck on the GitHub Action, clang-format
#   make format   format the C sources with .clang-format
#   make bench    the audit against git log on 100,000-commit repositories
#   make bench-quick  the same on 10,000 commits
# Missing dependencies are installed by scripts/install-deps (Debian).

BUILD   ?= build
CC      ?= cc
CFLAGS  ?= -O2 -g
WERROR  ?= -Werror
SAN     ?=
PKGS     = libgit2 libcmark-gfm yaml-0.1 jansson glib-2.0 libxxhash
DEMO_AS_OF = 2026-11-01

# build/config.mk caches pkg-config's answers for the program; make builds
# it (installing missing build packages first) and restarts before
# compiling anything. The tests' own tools are installed when a test is
# first built ($(BUILD)/test-deps.stamp), so that building the program
# alone (the Debian package, the Action) needs only build dependencies.
-include $(BUILD)/config.mk

# One version (scripts/version: VERSION in a release tarball, else git
# describe); compiled into $(BUILD)/version.c, rewritten only when it changes.
VERSION := $(shell sh scripts/version)

ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra $(WERROR) \
	-Wshadow -Wstrict-prototypes -Wmissing-prototypes -Iinclude -Isrc \
	$(PKG_CFLAGS) $(SAN) $(CFLAGS)
ALL_LDFLAGS = $(SAN) $(LDFLAGS)

LIB_SRC  = $(wildcard src/*.c src/util/*.c src/rules/*.c src/report/*.c)
CLI_SRC  = $(wildcard src/cli/*.c)
TEST_SRC = $(wildcard tests/*.c)
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/version.o
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_OBJ = $(TEST_SRC:%.c=$(BUILD)/obj/%.o)
# the fuzz targets' bodies, also linked into the tests that replay crash inputs
FUZZ_OBJ = $(BUILD)/obj/fuzz/targets.o
FIXTURES = $(patsubst fixtures/%.fixture,$(BUILD)/fixtures/%.built,\
	$(wildcard fixtures/*.fixture fixtures/*/*.fixture))

.PHONY: all demo check check-asan check-valgrind golden fixtures clean deps lint format
all: $(BUILD)/isms-audit

$(BUILD)/config.mk: scripts/install-deps
	@mkdir -p $(BUILD)
	@sh scripts/install-deps build
	@{ echo "PKG_CFLAGS = $$(pkg-config --cflags $(PKGS))"; \
	   echo "PKG_LIBS = $$(pkg-config --libs $(PKGS))"; } > $@

# the test tools (Check, xmllint, jsonschema, groff, mandoc, jq, git, perl)
$(BUILD)/test-deps.stamp: scripts/install-deps
	@mkdir -p $(BUILD)
	@sh scripts/install-deps
	@touch $@

deps: $(BUILD)/config.mk $(BUILD)/test-deps.stamp

# the version as a C string, compared on every run and written only when it
# changes (when make reads this file: no recipe runs for an unchanged tree)
VERSION_STAMP := $(shell mkdir -p $(BUILD) && \
	printf '\043include "isms/version.h"\nconst char isms_version[] = "%s";\n' '$(VERSION)' \
	  > $(BUILD)/version.c.tmp && \
	{ cmp -s $(BUILD)/version.c.tmp $(BUILD)/version.c && rm -f $(BUILD)/version.c.tmp || \
	  mv $(BUILD)/version.c.tmp $(BUILD)/version.c; })

$(BUILD)/obj/version.o: $(BUILD)/version.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj/%.o: %.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj/tests/%.o: tests/%.c $(BUILD)/config.mk | $(BUILD)/test-deps.stamp
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $$(pkg-config --cflags check) -MMD -MP -c $< -o $@

$(BUILD)/libismsaudit.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/isms-audit: $(CLI_OBJ) $(BUILD)/libismsaudit.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/check_runner: $(TEST_OBJ) $(FUZZ_OBJ) $(BUILD)/libismsaudit.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) $$(pkg-config --libs check)

# the stamp sits beside the repository: nothing is added inside it
$(BUILD)/fixtures/%.built: fixtures/%.fixture scripts/build-fixture | $(BUILD)/test-deps.stamp
	@mkdir -p $(dir $@)
	@scripts/build-fixture $< $(BUILD)/fixtures/$*
	@touch $@

# the 10,000-commit benchmark repository, for the tests at scale
FIXTURES += $(BUILD)/fixtures/scale.built
$(BUILD)/fixtures/scale.built: bench/gen-repo
	@mkdir -p $(dir $@)
	@rm -rf $(BUILD)/fixtures/scale
	@bench/gen-repo --commits 10000 $(BUILD)/fixtures/scale
	@touch $@

fixtures: $(FIXTURES)

demo: $(BUILD)/isms-audit $(BUILD)/fixtures/demo.built
	@echo "isms-audit: auditing the demo ISMS as of $(DEMO_AS_OF) ($(BUILD)/fixtures/demo)"
	@$(BUILD)/isms-audit check --as-of $(DEMO_AS_OF) $(BUILD)/fixtures/demo; \
	  rc=$$?; [ $$rc -le 1 ] || exit $$rc; \
	  echo "(exit code $$rc: findings at or above the fail-on level are expected in the demo)"

# Microsoft's SARIF Multitool, which the report tests run on SARIF reports
SARIF_MULTITOOL = $(BUILD)/sarif-multitool/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
$(SARIF_MULTITOOL): scripts/install-sarif-multitool
	@sh scripts/install-sarif-multitool $(BUILD)/sarif-multitool >/dev/null
	@touch $@

check: $(BUILD)/isms-audit $(BUILD)/check_runner fixtures $(SARIF_MULTITOOL)
	ISMS_AUDIT=$(BUILD)/isms-audit ISMS_FIXTURES=$(BUILD)/fixtures \
	  ISMS_SARIF_MULTITOOL=$(SARIF_MULTITOOL) ISMS_SRCDIR=$(CURDIR) $(BUILD)/check_runner

# rewrite tests/golden/ from the current output (review the diff!)
golden: $(BUILD)/isms-audit $(BUILD)/check_runner fixtures $(SARIF_MULTITOOL)
	ISMS_UPDATE_GOLDEN=1 ISMS_AUDIT=$(BUILD)/isms-audit ISMS_FIXTURES=$(BUILD)/fixtures \
	  ISMS_SARIF_MULTITOOL=$(SARIF_MULTITOOL) ISMS_SRCDIR=$(CURDIR) $(BUILD)/check_runner

check-asan:
	$(MAKE) BUILD=build/asan CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" check

# The hostile-input suite with every run of the program under valgrind's
# memcheck: an error or a definite leak exits 99 (and writes to stderr),
# which fails the test that ran it. The large register is cut to 10,000
# rows here (100,000 in make check), and Check's timeouts are stretched.
VALGRIND = valgrind --quiet --error-exitcode=99 --leak-check=full \
	--show-leak-kinds=definite --errors-for-leak-kinds=definite
check-valgrind: $(BUILD)/isms-audit $(BUILD)/check_runner fixtures
	@sh scripts/install-check-tools
	CK_RUN_SUITE=hostile CK_TIMEOUT_MULTIPLIER=10 ISMS_HOSTILE_REGISTER_ROWS=10000 \
	  ISMS_AUDIT_WRAPPER="$(VALGRIND)" ISMS_AUDIT=$(BUILD)/isms-audit \
	  ISMS_FIXTURES=$(BUILD)/fixtures ISMS_SRCDIR=$(CURDIR) $(BUILD)/check_runner

# Fuzzing: the library and the targets built with clang under ASan, UBSan
# and libFuzzer's coverage in build/fuzz, then each target run for
# FUZZ_SECONDS (0: only the seeds once) by scripts/fuzz-run. Seeds come from
# the fixtures (scripts/fuzz-seeds), fuzz/seeds/ and fuzz/regressions/; crash
# inputs are written to build/fuzz/crashes/TARGET/.
FUZZ_TARGETS = frontmatter register config date
FUZZ_SECONDS ?= 60
FUZZ_SAN     = -fsanitize=address,undefined -fno-sanitize-recover=all

.PHONY: fuzz fuzz-build
fuzz:
	@sh scripts/install-fuzz-tools
	$(MAKE) BUILD=build/fuzz CC=clang CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  SAN="$(FUZZ_SAN) -fsanitize=fuzzer-no-link" fuzz-build
	scripts/fuzz-run build/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%) $(BUILD)/corpus/.stamp

# kept, so that a second `make fuzz` links nothing again
.SECONDARY: $(FUZZ_TARGETS:%=$(BUILD)/obj/fuzz/fuzz_%.o)

# one entry point (fuzz/fuzz_main.c) compiled for each target
$(FUZZ_TARGETS:%=$(BUILD)/obj/fuzz/fuzz_%.o): $(BUILD)/obj/fuzz/fuzz_%.o: fuzz/fuzz_main.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DFUZZ_TARGET=fuzz_$* -MMD -MP -c $< -o $@

$(BUILD)/fuzz_%: $(BUILD)/obj/fuzz/fuzz_%.o $(FUZZ_OBJ) $(BUILD)/libismsaudit.a
	$(CC) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS)

$(BUILD)/corpus/.stamp: scripts/fuzz-seeds $(wildcard fixtures/*.fixture fixtures/*/*.fixture)
	scripts/fuzz-seeds $(BUILD)/corpus $(filter %.fixture,$^)
	@touch $@

# Install the program and its manual page, which scripts/gen-man.c writes
# into $(BUILD) from docs/isms-audit.1.in and the rule and format tables
# (built, never committed: it cannot fall behind the program).
#   make man                          build $(BUILD)/isms-audit.1
#   make install [PREFIX=/usr/local] [DESTDIR=]   make uninstall
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
INSTALL ?= install

.PHONY: man install uninstall
all check golden man: $(BUILD)/isms-audit.1

$(BUILD)/gen-man: $(BUILD)/obj/scripts/gen-man.o $(BUILD)/libismsaudit.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/isms-audit.1: docs/isms-audit.1.in $(BUILD)/gen-man
	$(BUILD)/gen-man docs/isms-audit.1.in > $@.tmp && mv $@.tmp $@

install: $(BUILD)/isms-audit $(BUILD)/isms-audit.1
	$(INSTALL) -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)/man1"
	$(INSTALL) -m 0755 $(BUILD)/isms-audit "$(DESTDIR)$(BINDIR)/isms-audit"
	$(INSTALL) -m 0644 $(BUILD)/isms-audit.1 "$(DESTDIR)$(MANDIR)/man1/isms-audit.1"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/isms-audit" "$(DESTDIR)$(MANDIR)/man1/isms-audit.1"

-include $(BUILD)/obj/scripts/gen-man.d

# actionlint and shellcheck (scripts/install-lint-tools installs them) on
# action.yml and tests/action/workflow.yml; the test runner extracts the
# action's run scripts; clang-format fails on any unformatted C source
lint: $(BUILD)/check_runner
	BUILD=$(BUILD) scripts/lint

# rewrite the C sources in the repository's .clang-format style
C_SOURCES = $(sort $(shell find src include tests fuzz scripts bench -name '*.[ch]'))
format:
	clang-format -i $(C_SOURCES)

# bench/run generates the repositories into $(BUILD)/bench once (bench/gen-repo,
# deterministic) and prints medians and ratios against git itself
.PHONY: bench bench-quick
$(BUILD)/bench-measure: bench/measure.c
	$(CC) -std=c11 -O2 -Wall -Wextra $(WERROR) -o $@ $<

bench: $(BUILD)/isms-audit $(BUILD)/bench-measure
	bench/run --dir $(BUILD)/bench --audit $(BUILD)/isms-audit

bench-quick: $(BUILD)/isms-audit $(BUILD)/bench-measure
	bench/run --quick --dir $(BUILD)/bench --audit $(BUILD)/isms-audit

# Releases. `make dist` writes $(BUILD)/isms-audit-VERSION.tar.gz: the
# committed tree (git archive of HEAD) and a VERSION file, from which
# scripts/version reads the version outside Git. `make deb` builds the
# Debian package from that tarball with dpkg-buildpackage (the program and
# its manual page; runtime dependencies from shlibs), checks it with
# lintian (no error may remain), and copies isms-audit_VERSION_ARCH.deb
# into $(BUILD).
DIST     = isms-audit-$(VERSION)
.PHONY: dist deb
dist:
	@mkdir -p $(BUILD)/dist
	@git diff-index --quiet HEAD -- || \
	  echo "dist: the work tree has uncommitted changes; the tarball holds HEAD" >&2
	printf '%s\n' '$(VERSION)' > $(BUILD)/dist/VERSION
	git archive --format=tar.gz --prefix=$(DIST)/ --add-file=$(BUILD)/dist/VERSION \
	  -o $(BUILD)/$(DIST).tar.gz HEAD
	@echo "dist: $(BUILD)/$(DIST).tar.gz"

deb: dist
	@sh scripts/install-deb-tools
	@sh scripts/install-deps build
	rm -rf $(BUILD)/deb-src && mkdir -p $(BUILD)/deb-src
	tar -C $(BUILD)/deb-src -xzf $(BUILD)/$(DIST).tar.gz
	scripts/deb-changelog '$(VERSION)' > $(BUILD)/deb-src/$(DIST)/debian/changelog
	cd $(BUILD)/deb-src/$(DIST) && dpkg-buildpackage -b -us -uc
	lintian --fail-on error $(BUILD)/deb-src/isms-audit_$(VERSION)_*.deb
	cp $(BUILD)/deb-src/isms-audit_$(VERSION)_*.deb $(BUILD)/
	@ls $(BUILD)/isms-audit_$(VERSION)_*.deb

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(FUZZ_OBJ:.o=.d) \
	$(FUZZ_TARGETS:%=$(BUILD)/obj/fuzz/fuzz_%.d)
