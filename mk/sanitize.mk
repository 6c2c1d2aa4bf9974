# Sanitizers and fuzzing (issue 6).
#
#   make asan   the whole test suite (unit, command line, interface) built
#               with AddressSanitizer + UndefinedBehaviorSanitizer into
#               build-asan/; any report fails the run.
#   make fuzz   builds the libFuzzer target for the parser and the readers (clang) into
#               build-fuzz/ and runs it for FUZZ_SECONDS (default 60).
#               Crashing inputs land in build-fuzz/; keep each one in
#               tests/fuzz/crashes/, which tests/test_hostile.c replays.

ASAN_BUILD   ?= build-asan
FUZZ_BUILD   ?= build-fuzz
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   ?=
SAN_FLAGS    := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

.PHONY: asan fuzz fuzz-build clean-sanitize

clean: clean-sanitize
clean-sanitize:
	rm -rf $(ASAN_BUILD) $(FUZZ_BUILD)

# Any BUILD directory's binary (the top-level ./followup is $(BUILD)=build's).
$(BUILD)/followup: $(BUILD)/libfollowup.a $(BUILD)/cli/main.o
	$(CC) $(ALL_CFLAGS) -o $@ $(BUILD)/cli/main.o $(BUILD)/libfollowup.a $(PKG_LIBS)

# Reports go to files under $(ASAN_BUILD)/logs (a report printed inside a
# tmux pane would go unseen; tests that run as nobody write there too);
# the run fails when there is any.
ASAN_LOGS = $(CURDIR)/$(ASAN_BUILD)/logs
asan:
	@$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) CFLAGS="-O1 -g $(SAN_FLAGS)" \
		$(ASAN_BUILD)/followup $(TEST_SRC:tests/%.c=$(ASAN_BUILD)/tests/%)
	@rm -rf $(ASAN_LOGS); mkdir -p $(ASAN_LOGS); chmod 1777 $(ASAN_LOGS)
	@FOLLOWUP_BIN=$(CURDIR)/$(ASAN_BUILD)/followup \
	 ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:log_path=$(ASAN_LOGS)/asan \
	 UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1:log_path=$(ASAN_LOGS)/ubsan \
	 TEST_SLOW=3 ./tests/run.sh $(TEST_SRC:tests/%.c=$(ASAN_BUILD)/tests/%); rc=$$?; \
	 if [ -n "$$(ls -A $(ASAN_LOGS))" ]; then \
		echo "asan: sanitizer reports:"; cat $(ASAN_LOGS)/*; rc=1; \
	 else echo "asan: no sanitizer reports"; fi; exit $$rc

# The fuzz target links the parser and what it stands on (util/, core/,
# parse/: pure C), host/ but for config.c (iniparser), and the readers
# (readers/: libxml2, libzip, poppler-glib and libcsv) from an archive.
FUZZ_SRC := $(UTIL_SRC) $(CORE_SRC) $(PARSE_SRC) $(filter-out host/config.c,$(HOST_SRC)) $(READ_SRC)
FUZZ_OBJ := $(FUZZ_SRC:%.c=$(FUZZ_BUILD)/%.o) $(FUZZ_BUILD)/gen/lexicon.o
FUZZ_BASE_CFLAGS = -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L \
                   -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -I. -O1 -g $(SAN_FLAGS) $(SONAMES) \
                   $(shell pkg-config --cflags $(FUZZ_PKGS))
FUZZ_PKGS := libxml-2.0 libzip poppler-glib
FUZZ_LIBS = $(shell pkg-config --libs $(FUZZ_PKGS)) -lcsv

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_BASE_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/gen/lexicon.o: data/departments.txt scripts/lexicon.sh
	@mkdir -p $(dir $@)
	sh scripts/lexicon.sh data/departments.txt > $(FUZZ_BUILD)/gen/lexicon.c
	$(FUZZ_CC) $(FUZZ_BASE_CFLAGS) -c -o $@ $(FUZZ_BUILD)/gen/lexicon.c

$(FUZZ_BUILD)/libcore.a: $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_parse: tests/fuzz/fuzz_parse.c $(FUZZ_BUILD)/libcore.a
	$(FUZZ_CC) $(FUZZ_BASE_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(FUZZ_LIBS)

fuzz-build: $(FUZZ_BUILD)/fuzz_parse

# The working corpus starts from the sample, the parser's fixtures and the
# hand-written seeds; new inputs stay in $(FUZZ_BUILD)/corpus.
fuzz: $(FUZZ_BUILD)/fuzz_parse
	@mkdir -p $(FUZZ_BUILD)/corpus
	@cp -n $(SAMPLE) tests/fixtures/parse-*.txt tests/corpus/*.txt tests/fuzz/seeds/* $(FUZZ_BUILD)/corpus/ 2>/dev/null; true
	$(FUZZ_BUILD)/fuzz_parse -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
		-dict=tests/fuzz/parse.dict -artifact_prefix=$(FUZZ_BUILD)/ -print_final_stats=1 \
		$(FUZZ_FLAGS) $(FUZZ_BUILD)/corpus tests/fuzz/crashes

-include $(FUZZ_OBJ:.o=.d)
