# followup — build, run, test. `make run` and `make test` install what is
# missing first (scripts/deps.sh), then build.

CC      ?= cc
CFLAGS  ?= -O2 -g
BUILD   ?= build
PREFIX  ?= /usr/local

# Linked: what every command uses (SQLite, UUIDs, the config).
PKGS    := sqlite3 uuid
# Opened when first needed (util/dynlib.h), not linked, so that a `list`
# maps only what it uses: ncursesw for the interface, libzip and
# libxml-2.0 for .docx (read and written) and the other readers,
# xlsxwriter for .xlsx written, libcsv (no .pc file) for .csv, libcrypto
# for the history's SHA-256; poppler-glib for PDF (readers/pdf.c); opencc
# for reports in traditional characters (parse/parse_hant.c). Their
# headers are still needed to build.
LAZY_PKGS := ncursesw libzip libxml-2.0 xlsxwriter libcrypto poppler-glib opencc
# Evaluated lazily: after deps.sh has installed the packages.
PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) $(LAZY_PKGS)))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -liniparser -ldl
# The exact file each lazy library is opened by: the SONAME of the one this
# build compiles against (libxml2.so.2), so that the functions' types match
# (or, when the .so is a linker script as ncursesw's is, the file it names).
soname = $(shell f=$$($(CC) -print-file-name=lib$(1).so); \
           { objdump -p "$$f" 2>/dev/null | sed -n 's/^ *SONAME *//p'; \
             sed -n 's/^INPUT(\([^ )]*\).*/\1/p' "$$f" 2>/dev/null; } | head -n 1)
SONAMES = $(foreach l,CURSES:ncursesw XML:xml2 ZIP:zip XLSX:xlsxwriter CSV:csv CRYPTO:crypto,\
            $(if $(call soname,$(word 2,$(subst :, ,$(l)))),-DLIB_$(word 1,$(subst :, ,$(l)))_SONAME='"$(call soname,$(word 2,$(subst :, ,$(l))))"'))

ALL_CFLAGS = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
             -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
             -I. $(PKG_CFLAGS) $(CFLAGS)

# The layers, lowest first (README "The source tree"; make layers checks
# that includes only go down this list).
UTIL_SRC   := $(wildcard util/*.c)
CORE_SRC   := $(wildcard core/*.c)
PARSE_SRC  := $(wildcard parse/*.c)
HOST_SRC   := $(wildcard host/*.c)
READ_SRC   := $(wildcard readers/*.c)
REPORT_SRC := $(wildcard report/*.c)
DB_SRC     := $(wildcard db/*.c)
TUI_SRC    := $(wildcard tui/*.c)
CLI_SRC    := $(wildcard cli/*.c)
LIB_SRC  := $(UTIL_SRC) $(CORE_SRC) $(PARSE_SRC) $(HOST_SRC) $(READ_SRC) $(REPORT_SRC) \
            $(DB_SRC) $(TUI_SRC) $(filter-out cli/main.c,$(CLI_SRC))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/lexicon.o $(BUILD)/gen/schema_ref.o
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

SAMPLE     := data/jingan-2024-3.txt

.PHONY: all deps run test check check-all check-live-team clean corpus layers
all: followup

deps:
	@./scripts/deps.sh

followup: $(BUILD)/libfollowup.a $(BUILD)/cli/main.o
	$(CC) $(ALL_CFLAGS) -o $@ $(BUILD)/cli/main.o $(BUILD)/libfollowup.a $(PKG_LIBS)

$(BUILD)/libfollowup.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# only the files that open a library need its name (objdump runs once each)
$(BUILD)/readers/lib_xml.o $(BUILD)/readers/lib_zip.o $(BUILD)/report/lib_xlsx.o \
$(BUILD)/readers/csv.o $(BUILD)/db/db_stmt.o $(BUILD)/tui/lib_curses.o: ALL_CFLAGS += $(SONAMES)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The department lexicon (data/departments.txt) compiled into the program.
$(BUILD)/gen/lexicon.c: data/departments.txt scripts/lexicon.sh
	@mkdir -p $(dir $@)
	sh scripts/lexicon.sh data/departments.txt > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/lexicon.o: $(BUILD)/gen/lexicon.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The schema each version has, compiled into the program: db_schema_check
# compares a database's sqlite_schema with it instead of running every
# migration again at each start. db/gen/schema_gen.c runs the migrations
# of db/db_schema.c here, so a new migration changes it at the next build.
$(BUILD)/gen/schema_gen: $(BUILD)/db/gen/schema_gen.o $(BUILD)/db/db_schema.o
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(shell pkg-config --libs sqlite3)

$(BUILD)/gen/schema_ref.c: $(BUILD)/gen/schema_gen
	$< > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/schema_ref.o: $(BUILD)/gen/schema_ref.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(BUILD)/libfollowup.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libfollowup.a $(PKG_LIBS) -lcmocka

# Without a config of the user's own, make run uses the sample config.ini
# (its departments seed the new database).
RUN_CONFIG = $(if $(FOLLOWUP_CONFIG),$(FOLLOWUP_CONFIG),$(if $(wildcard $(HOME)/.config/followup/config.ini /etc/followup/config.ini),,$(CURDIR)/config.ini))

run:
	@./scripts/deps.sh
	@$(MAKE) --no-print-directory all
	@FOLLOWUP_CONFIG="$(RUN_CONFIG)" ./scripts/first-run.sh ./followup $(SAMPLE)
	@FOLLOWUP_CONFIG="$(RUN_CONFIG)" ./followup

# make test runs every test, several at a time (tests/run.sh); make check
# leaves out the slowest scripts for a quick look while coding.
test:
	@./scripts/deps.sh
	@$(MAKE) --no-print-directory check-all

check-all: followup $(TEST_BIN)
	@sh scripts/layers.sh
	@./tests/run.sh $(TEST_BIN)
	@python3 tests/corpus/grade.py
	@python3 tests/corpus/grade_metrics.py

check: followup $(TEST_BIN)
	@sh scripts/layers.sh
	@./tests/run.sh --quick $(TEST_BIN)
	@python3 tests/corpus/grade.py
	@python3 tests/corpus/grade_metrics.py

# The command-line and interface tests on a host with a live team install
# (root; a temporary install with its own system paths, see the script).
check-live-team:
	@sh tests/live-team.sh

# The source tree's rules: includes follow the layers, libraries stay in
# their folders, no base name repeats (scripts/layers.sh says which).
layers:
	@sh scripts/layers.sh

# The parser's scores on the real documents of tests/corpus, with every miss.
corpus: followup
	@python3 tests/corpus/grade.py --verbose

clean:
	rm -rf $(BUILD) followup tests/tmp

# Further targets, one fragment per concern (sanitizers and fuzzing,
# benchmarks, installation).
-include mk/*.mk

-include $(LIB_OBJ:.o=.d) $(BUILD)/cli/main.d $(BUILD)/db/gen/schema_gen.d
