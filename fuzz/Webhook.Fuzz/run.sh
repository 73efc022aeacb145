#!/usr/bin/env bash
# Coverage-guided fuzzing of the admission path with afl-fuzz and SharpFuzz, for a bounded time.
# usage: fuzz/Webhook.Fuzz/run.sh [SECONDS (default 600)] [WORK-DIR (default a new temp folder)]
# Installs afl++ (Debian) and the sharpfuzz tool when missing, builds this project, instruments otel-webhook.dll,
# writes the seed corpus, fuzzes, then prints the inputs tried and copies any crashing input to WORK-DIR/crashes.
set -euo pipefail
seconds=${1:-600}
work=${2:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)
plain=$work/plain
out=$work/instrumented

command -v afl-fuzz > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ > /dev/null; }
[ -x "$work/tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$work/tools" > /dev/null

dotnet build "$here" -c Release --artifacts-path "$work/artifacts" -o "$plain" > "$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }
# Instrumented code writes coverage to AFL's shared memory, which exists only under afl-fuzz: seeds and replays
# run the plain build.
dotnet "$plain/Webhook.Fuzz.dll" seeds "$work/in"
rm -rf "$out" && cp -r "$plain" "$out"
# Only the webhook's own assembly: coverage of the runtime or of the test helpers would steer the fuzzer nowhere useful.
"$work/tools/sharpfuzz" "$out/otel-webhook.dll"

# The target is a .NET program started by dotnet, not an AFL-compiled binary; SharpFuzz speaks the fork-server protocol.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
afl-fuzz -V "$seconds" -i "$work/in" -o "$work/findings" -x "$here/admission.dict" -t 10000 -m none \
  -- dotnet "$out/Webhook.Fuzz.dll" fuzz > "$work/afl.log" 2>&1 || { tail -30 "$work/afl.log"; exit 1; }

stats=$work/findings/default/fuzzer_stats
field() { sed -n "s/^$1 *: *//p" "$stats"; }
mkdir -p "$work/crashes"
find "$work/findings/default/crashes" -type f -name 'id:*' -exec cp {} "$work/crashes/" \;
echo "fuzzed for $(field run_time) s: $(field execs_done) inputs tried ($(field execs_per_sec)/s), corpus $(field corpus_count), $(field saved_crashes) crashes, $(field saved_hangs) hangs"
echo "crashing inputs (if any): $work/crashes; replay with: dotnet $plain/Webhook.Fuzz.dll replay FILE..."
