# bench/servers.sh — sourced by bench/load-test, bench/footprint and bench/profile: publishing the two servers,
# a certificate, free ports and readiness, the same way for all three.

bench_publish_dir=${BENCH_BIN:-/tmp/bench-bin}
bench_publish_artifacts=${BENCH_PUBLISH_ARTIFACTS:-/tmp/art-bench-pub}

# Publishes a project NativeAOT into $bench_publish_dir (with ILC's .mstat, which bench/footprint reads) and prints
# the binary's path. StripSymbols leaves the symbols beside it in NAME.dbg, which bench/profile gives perf.
bench_publish() { # project, binary name
  echo "== publishing $1 (NativeAOT) to $bench_publish_dir" >&2
  dotnet publish "$1" -c Release --artifacts-path "$bench_publish_artifacts" -o "$bench_publish_dir" \
    -p:IlcGenerateMstatFile=true > /dev/null
  echo "$bench_publish_dir/$2"
}

# The binary given, else the one already published, else a fresh publish.
bench_ours() { # given path or ""
  if [ -n "$1" ]; then echo "$1"; elif [ -x "$bench_publish_dir/otel-webhook" ]; then echo "$bench_publish_dir/otel-webhook"
  else bench_publish src/Webhook.Aot otel-webhook; fi
}
bench_empty() { # given path or ""
  if [ -n "$1" ]; then echo "$1"; elif [ -x "$bench_publish_dir/empty-server" ]; then echo "$bench_publish_dir/empty-server"
  else bench_publish bench/EmptyServer empty-server; fi
}

# An EC P-256 certificate for 127.0.0.1 and localhost: DIR/tls.crt and DIR/tls.key.
bench_certificate() { # dir
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
    -addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout "$1/tls.key" -out "$1/tls.crt" 2> /dev/null
}

# A port nobody listens on: the machine is shared, so fixed ports may be taken by someone else's server.
bench_free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    ss -Htln "sport = :$port" | grep -q . || { echo "$port"; return; }
  done
}

# Waits (10 s at most) for 200 on GET /readyz; fails when the process exits first.
bench_wait_ready() { # pid, port
  for _ in $(seq 1 200); do
    kill -0 "$1" 2> /dev/null || return 1
    curl -sk --max-time 1 -o /dev/null -w '%{http_code}' "https://127.0.0.1:$2/readyz" 2> /dev/null | grep -q 200 && return 0
    sleep 0.05
  done
  return 1
}

bench_rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

bench_need_apt() { # command package [command package …]: installs what is missing
  local missing=()
  while [ $# -gt 0 ]; do command -v "$1" > /dev/null || missing+=("$2"); shift 2; done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]}" >&2
    apt-get update -qq > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
  fi
}
