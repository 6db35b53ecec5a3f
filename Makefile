# The two commands of the README, and the steps behind them.
#   make demo   set up, build, and print the report for the bundled example articles
#   make test   set up, build, and run the whole test suite
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all setup build demo test asan fuzz screenshot clean

all: build

setup:
	@.ci/setup

build: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

# factdiff exits 1 when it finds discrepancies, which is what the demo shows.
demo: build
	@./$(BUILD)/factdiff check --html $(BUILD)/demo.html fixtures/crocus; status=$$?; [ $$status -le 1 ]
	@echo "HTML report: $(BUILD)/demo.html"

# A screenshot of the HTML report on the seed articles (../shared/seeds) for docs/.
SEEDS ?= ../shared/seeds
screenshot: build
	@./$(BUILD)/factdiff check --html $(BUILD)/seeds.html $(SEEDS)/*.txt >/dev/null; [ $$? -le 1 ]
	@chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1600 \
	  --screenshot=docs/report-seeds.png "file://$(abspath $(BUILD))/seeds.html" 2>/dev/null
	@echo "docs/report-seeds.png"

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer (a Debug build).
asan: setup
	@cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=Debug -DFACTDIFF_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD)-asan -j$(JOBS)
	@ctest --test-dir $(BUILD)-asan --output-on-failure -j$(JOBS)

# The libFuzzer harnesses (tests/fuzz), each run for FUZZ_SECONDS from seeds made of the fixtures;
# FUZZERS picks some ("make fuzz FUZZERS=jsonl_fuzz FUZZ_SECONDS=60"). Needs clang 14, which the
# setup step installs for this target only.
FUZZ_SECONDS ?= 600
FUZZERS ?=
fuzz:
	@FACTDIFF_SETUP=fuzz .ci/setup
	@cmake -S . -B $(BUILD)-fuzz -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DFACTDIFF_FUZZ=ON -DFACTDIFF_TESTS=OFF >/dev/null
	@cmake --build $(BUILD)-fuzz -j$(JOBS) --target fuzzers
	@tests/fuzz/run.sh $(BUILD)-fuzz $(FUZZ_SECONDS) $(FUZZERS)

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-fuzz
