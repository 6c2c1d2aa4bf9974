# Benchmark (issue 7).
#
#   make bench        builds databases of 1,000, 10,000 and 100,000 tasks by
#                     importing generated reports (bench/genreport.py) through
#                     followup import, then prints one table: each command and
#                     the interface (on a pty), median (min–max) of repeated
#                     runs and peak memory, beside the sqlite3 command line
#                     doing the same work (bench/floor/) and Taskwarrior on
#                     the same tasks. Taskwarrior is installed when missing
#                     (apt-get, as scripts/deps.sh does); the run goes on
#                     without it when it cannot be. Work files: build/bench/.
#                     The table is also written to build/bench/results.txt.
#   make bench-quick  the same with fewer runs and sizes 1,000 and 10,000.
#
#   make bench SIZES=1000,100000,1000000
#                     adds the city's archive: 15 reports of 67,000 tasks
#                     (1,005,961 tasks, about 1 GB; built once, about a
#                     minute, then reused: bench.py --rebuild builds it
#                     again), without Taskwarrior (it would take hours),
#                     and import measured as a new report into a copy.
#
# BENCH_FLAGS passes options to bench/bench.py (--sizes, --no-taskwarrior).

BENCH_FLAGS ?=
SIZES ?=

.PHONY: bench bench-quick bench-deps

bench-deps:
	@command -v sqlite3 >/dev/null && command -v python3 >/dev/null || ./scripts/deps.sh
	@command -v sqlite3 >/dev/null || { echo "bench: needs the sqlite3 command line (apt-get install sqlite3)"; exit 1; }
	@command -v task >/dev/null || { \
		echo "bench: installing Taskwarrior (apt-get install taskwarrior) for the comparison"; \
		sudo=; [ "$$(id -u)" = 0 ] || sudo="sudo -n"; \
		$$sudo apt-get install -y -qq taskwarrior >/dev/null 2>&1 || \
		{ $$sudo apt-get update -qq >/dev/null 2>&1 && \
		  $$sudo apt-get install -y -qq taskwarrior >/dev/null 2>&1; }; \
		command -v task >/dev/null || echo "bench: no Taskwarrior; its column stays empty"; }

# The process timer (bench/runner.c): wall time and the child's own peak memory.
$(BUILD)/bench/runner: bench/runner.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -O2 -o $@ $<

bench: followup $(BUILD)/bench/runner bench-deps
	@python3 bench/bench.py --runner $(BUILD)/bench/runner $(if $(SIZES),--sizes $(SIZES)) $(BENCH_FLAGS)

bench-quick: followup $(BUILD)/bench/runner bench-deps
	@python3 bench/bench.py --runner $(BUILD)/bench/runner --quick --sizes 1000,10000 $(BENCH_FLAGS)
