"""The hostile mix of bench/hostile-memory, against one webhook on 127.0.0.1 (python3, standard library only).

    hostile_reviews.py PORT REVIEW.json [--fuzzed N] [--large N] [--legit N] [--loris N] [--seed S] [--hostile-at-once N] [--sample-pid PID]

Three things at once, each bounded in count and in time:
  slow loris   N connections (default 30) that declare a 7 MiB body and send 300 bytes a second; one that is cut
               reconnects, until the run ends
  legitimate   N reviews of about 3 MiB (default 40: the typical pod with a 3 MiB annotation), 4 at a time; each
               must be answered 200 with an AdmissionReview that allows the pod
  hostile      N fuzzed reviews (default 3000: byte flips, truncations, deep nesting, huge strings, thousands of
               containers or env entries, garbage, wrong types) and N large ones (default 100: 1 to 8 MiB), 4 at a time
               (--hostile-at-once)
Then prints what each got. The inputs are the same for one seed; the order they arrive in is not. With --sample-pid,
also reads the server's /proc/PID/smaps every 0.2 s and prints the sample with the most resident memory, split into the
GC's reserved range (every GC heap: small and large objects, pinned buffers), other anonymous memory (native
allocations, thread stacks) and mapped files (the binary's code).
"""
import argparse, copy, http.client, json, random, socket, ssl, sys, threading, time
from concurrent.futures import ThreadPoolExecutor

MIB = 1024 * 1024
CONTEXT = ssl.create_default_context()
CONTEXT.check_hostname = False
CONTEXT.verify_mode = ssl.CERT_NONE
DEADLINE_SECONDS = 600


class Client(threading.local):
    """One keep-alive HTTPS connection per thread; reopened when the server closed it."""

    def __init__(self, port):
        self.port = port
        self.connection = None

    def post(self, path, body, content_type="application/json"):
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPSConnection("127.0.0.1", self.port, context=CONTEXT, timeout=60)
            try:
                self.connection.request("POST", path, body, {"Content-Type": content_type})
                response = self.connection.getresponse()
                return response.status, response.read()
            except (OSError, http.client.HTTPException) as e:
                self.connection.close()
                self.connection = None
                if attempt == 1:
                    return "error: " + type(e).__name__, b""


def review_with(base, uid, pod_edit=None):
    review = copy.deepcopy(base)
    review["request"]["uid"] = uid
    if pod_edit:
        pod_edit(review["request"]["object"])
    return json.dumps(review).encode()


def fuzzed(base, raw, rng, i):
    kind = i % 12
    if kind == 0:  # byte flips
        body = bytearray(raw)
        for _ in range(rng.randint(1, 40)):
            body[rng.randrange(len(body))] = rng.randrange(256)
        return "flips", bytes(body)
    if kind == 1:
        return "truncated", raw[: rng.randrange(len(raw))]
    if kind == 2:
        depth = rng.choice([64, 1000, 100000])
        return "deep", raw.replace(b'"labels":', b'"labels":' + b"[" * depth + b"]" * depth + b',"x":', 1)
    if kind == 3:
        return "huge-uid", review_with(base, "u" * rng.randint(1, 2 * MIB))
    if kind == 4:
        def containers(pod):
            pod["spec"]["containers"] = [dict(pod["spec"]["containers"][0], name="c%d" % n) for n in range(rng.randint(100, 3000))]
        return "containers", review_with(base, "c%d" % i, containers)
    if kind == 5:
        def env(pod):
            pod["spec"]["containers"][0]["env"] = [{"name": "E%d" % n, "value": "v" * 20} for n in range(rng.randint(1000, 20000))]
        return "env", review_with(base, "e%d" % i, env)
    if kind == 6:
        return "garbage", rng.randbytes(rng.randint(0, 64 * 1024))
    if kind == 7:
        def wrong_types(pod):
            pod["metadata"]["annotations"] = [1, 2, 3]
            pod["spec"]["containers"] = {"name": 7}
        return "wrong-types", review_with(base, "w%d" % i, wrong_types)
    if kind == 8:
        def long_values(pod):
            pod["metadata"]["annotations"]["instrumentation.opentelemetry.io/inject-java"] = "x" * rng.randint(1, MIB)
            pod["spec"]["containers"][0]["image"] = "i" * rng.randint(1, MIB)
        return "long-values", review_with(base, "l%d" % i, long_values)
    if kind == 9:
        return "strings", raw.replace(b'"uid":', b'"uid":"\\ud800\\u0000' + b"\\n" * rng.randint(1, 50000) + b'","uid2":', 1)
    if kind == 10:
        return "duplicate-keys", raw[:-1] + b',"request":' + json.dumps(base["request"]).encode() * 1 + b"}"
    return "typical", review_with(base, "t%d" % i)


def large(base, rng, i):
    size = rng.randint(1 * MIB, 8 * MIB)
    def padded(pod):
        pod["metadata"]["annotations"]["padding"] = "p" * size
    body = review_with(base, "big%d" % i, padded)
    if i % 3 == 0:
        body = body[: len(body) * 2 // 3]  # a large body that is not JSON either
    return "large", body


def loris(port, stop, counts, lock):
    request = (b"POST /mutate-v1-pod HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
               b"Content-Length: %d\r\n\r\n" % (7 * MIB))
    while not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as raw, CONTEXT.wrap_socket(raw, server_hostname="localhost") as tls:
                tls.sendall(request)
                with lock:
                    counts["connected"] += 1
                while not stop.wait(1):
                    tls.sendall(b" " * 300)
        except OSError:
            with lock:
                counts["cut"] += 1
            stop.wait(0.2)


def resident_kib(pid):
    """(total, GC range, other anonymous, mapped files) resident KiB of PID, from /proc/PID/smaps. The GC's range is
    the run of address-adjacent anonymous mappings around the largest mapping of all: the GC reserves one range for
    every heap and commits regions inside it, which splits it into adjacent mappings; nothing else reserves as much."""
    maps = []  # [start, end, is_file, rss]
    with open("/proc/%d/smaps" % pid) as smaps:
        for line in smaps:
            first = line.split(" ", 1)[0]
            if "-" in first and not first.endswith(":"):
                fields = line.split()
                start, end = (int(x, 16) for x in first.split("-"))
                maps.append([start, end, len(fields) > 5 and fields[5].startswith("/"), 0])
            elif line.startswith("Rss:"):
                maps[-1][3] = int(line.split()[1])
    largest = max(range(len(maps)), key=lambda i: maps[i][1] - maps[i][0])
    low = high = largest
    while low > 0 and not maps[low - 1][2] and maps[low - 1][1] == maps[low][0]:
        low -= 1
    while high + 1 < len(maps) and not maps[high + 1][2] and maps[high + 1][0] == maps[high][1]:
        high += 1
    gc = sum(m[3] for m in maps[low:high + 1])
    files = sum(m[3] for m in maps if m[2])
    total = sum(m[3] for m in maps)
    return total, gc, total - gc - files, files


def sample(pid, stop, top):
    """Keeps in top[0] the sample with the most resident memory until stop is set."""
    while not stop.wait(0.2):
        try:
            current = resident_kib(pid)
        except (OSError, ValueError):
            return
        top[1] += 1
        if current[0] > top[0][0]:
            top[0] = current


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("review")
    parser.add_argument("--fuzzed", type=int, default=3000)
    parser.add_argument("--large", type=int, default=100)
    parser.add_argument("--legit", type=int, default=40)
    parser.add_argument("--loris", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hostile-at-once", type=int, default=4, help="how many hostile reviews are sent at a time")
    parser.add_argument("--sample-pid", type=int, help="the server's pid: sample where its resident memory is")
    parser.add_argument("--without", default="", help="fuzzed families to leave out, comma-separated (e.g. long-values,huge-uid)")
    args = parser.parse_args()

    with open(args.review, "rb") as f:
        raw = f.read()
    base = json.loads(raw)
    rng = random.Random(args.seed)
    started = time.monotonic()

    stop = threading.Event()
    top = [(0, 0, 0, 0), 0]
    if args.sample_pid:
        threading.Thread(target=sample, args=(args.sample_pid, stop, top), daemon=True).start()
    lock = threading.Lock()
    loris_counts = {"connected": 0, "cut": 0}
    lorises = [threading.Thread(target=loris, args=(args.port, stop, loris_counts, lock), daemon=True) for _ in range(args.loris)]
    for thread in lorises:
        thread.start()
    time.sleep(2)  # the slow connections are in before the legitimate reviews start

    client = Client(args.port)
    left_out = set(filter(None, args.without.split(",")))
    legit_body = review_with(base, "legit", lambda pod: pod["metadata"]["annotations"].__setitem__("padding", "p" * (3 * MIB)))

    def send_legit(i):
        status, body = client.post("/mutate-v1-pod", legit_body)
        return status == 200 and b'"allowed":true' in body, status

    def send_hostile(i):
        # Made where it is sent, from its own seed: thousands of bodies of up to 8 MiB are never all in memory here.
        item_rng = random.Random(args.seed * 1_000_003 + i)
        name, body = fuzzed(base, raw, item_rng, i) if i < args.fuzzed else large(base, item_rng, i)
        if name in left_out:
            return name, "left out"
        path = "/validate-v1alpha1-instrumentation" if name == "garbage" and len(body) % 2 else "/mutate-v1-pod"
        status, _ = client.post(path, body, "text/plain" if name == "flips" and len(body) % 7 == 0 else "application/json")
        return name, status

    hostile = list(range(args.fuzzed + args.large))
    rng.shuffle(hostile)
    statuses = {}
    with ThreadPoolExecutor(4) as legit_pool, ThreadPoolExecutor(args.hostile_at_once) as hostile_pool:
        legit_futures = [legit_pool.submit(send_legit, i) for i in range(args.legit)]
        for name, status in hostile_pool.map(send_hostile, hostile):
            statuses[status] = statuses.get(status, 0) + 1
            if time.monotonic() - started > DEADLINE_SECONDS:
                print("hostile-memory: stopped at the %d s bound" % DEADLINE_SECONDS, file=sys.stderr)
                hostile_pool.shutdown(cancel_futures=True)
                break
        legit = [future.result() for future in legit_futures]
    stop.set()
    answered = sum(1 for ok, _ in legit if ok)
    legit_statuses = {}
    for _, status in legit:
        legit_statuses[status] = legit_statuses.get(status, 0) + 1

    print("legitimate 3 MiB reviews answered (200, allowed): %d of %d; statuses %s" % (answered, args.legit, legit_statuses))
    print("slow-loris connections opened: %d, cut by the server or refused: %d" % (loris_counts["connected"], loris_counts["cut"]))
    print("hostile reviews sent: %d; statuses %s" % (len(hostile), dict(sorted(statuses.items(), key=str))))
    print("elapsed: %.1f s" % (time.monotonic() - started))
    if args.sample_pid and top[1]:
        total, gc, anonymous, files = (kib / 1024 for kib in top[0])
        print("largest of %d samples: %.1f MiB resident = GC range %.1f + other anonymous %.1f + mapped files %.1f MiB"
              % (top[1], total, gc, anonymous, files))


if __name__ == "__main__":
    main()
