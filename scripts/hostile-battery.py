#!/usr/bin/env python3
"""The hostile-input battery (issue 11): inputs and servers built to break Trustmark, each run against the release
binary with a time and memory bound.

    scripts/hostile-battery.py [--binary PATH] [--only SUBSTRING] [--keep] [--verbose]

Every case builds its own input in a scratch folder (local files and folders, a malicious Hub on loopback, tampered
evidence bundles, hostile policies and Model Openness Tool files), runs one `trustmark` command and checks:
- it ends within 30 s (killed at 35 s) with peak memory (ru_maxrss) under 512 MiB, and no signal (no crash);
- its exit status is one the case allows (a refusal is status 2 with a one-line reason on stderr);
- what the case is about: the token never reaches another origin, nothing is written outside the folder named,
  an unsafe file is reported as unsafe, terminal output carries no raw control characters, ...

Prints one line per case and a summary; exits 1 if any case fails. Nothing here is a runtime dependency: the
standard library only. The battery is run on the project's machine kind; docs/security-model.md has the last result.
"""
import argparse
import gzip
import hashlib
import json
import os
import shutil
import signal
import socket
import socketserver
import stat
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib
import bz2
import lzma

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIME_LIMIT = 30.0
MEMORY_LIMIT_KB = 512 * 1024
TOKEN = "hf_battery_secret_token"
SHA = "ab" * 20

# ---------------------------------------------------------------------------------------------------------------
# running the binary


class Result:
    def __init__(self, status, signal_number, wall, rss_kb, stdout, stderr, timed_out):
        self.status, self.signal, self.wall, self.rss_kb = status, signal_number, wall, rss_kb
        self.stdout, self.stderr, self.timed_out = stdout, stderr, timed_out

    @property
    def text(self):
        return self.stdout.decode("utf-8", "replace") + self.stderr.decode("utf-8", "replace")


def run(binary, args, env=None, cwd=None, user=None):
    """Runs one command under GNU time when it is there: ru_maxrss of a child forked from this (large) Python process
    would count Python's own pages from before exec, so the command is forked from `time` instead."""
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    measured = tempfile.NamedTemporaryFile(delete=False)
    measured.close()
    full_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": cwd or "/nonexistent", "NO_COLOR": "1",
                "HF_HUB_CACHE": "/nonexistent-cache", "HF_HUB_OFFLINE": "0"}
    full_env.update(env or {})
    command = [binary] + args
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"] + command
    timed = os.access("/usr/bin/time", os.X_OK)
    if timed:
        command = ["/usr/bin/time", "-o", measured.name, "-f", "%M %x"] + command
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=out, stderr=err, env=full_env, cwd=cwd, start_new_session=True,
                               stdin=subprocess.DEVNULL)
    timed_out = []

    def kill():
        timed_out.append(True)
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(TIME_LIMIT + 5, kill)
    timer.start()
    _, wait_status, usage = os.wait4(process.pid, 0)
    timer.cancel()
    wall = time.monotonic() - start
    process.returncode = 0
    status = os.WEXITSTATUS(wait_status) if os.WIFEXITED(wait_status) else None
    signal_number = os.WTERMSIG(wait_status) if os.WIFSIGNALED(wait_status) else None
    rss = usage.ru_maxrss
    if timed:
        with open(measured.name) as handle:
            lines = handle.read().strip().splitlines()
        for line in lines:
            if line.startswith("Command terminated by signal"):
                signal_number, status = int(line.split()[-1]), None
            elif line.startswith("Command exited with non-zero status"):
                pass
            elif line and line.split()[0].isdigit():
                rss = int(line.split()[0])
        if timed_out:
            status, signal_number = None, signal.SIGKILL
    os.unlink(measured.name)
    out.seek(0)
    err.seek(0)
    return Result(status, signal_number, wall, rss, out.read(8 << 20), err.read(1 << 20), bool(timed_out))


# ---------------------------------------------------------------------------------------------------------------
# building blocks


def safetensors(tensors=None, metadata=None):
    tensors = tensors or {"model.layers.0.w": ("F32", [2, 2])}
    header, offset, body = {}, 0, b""
    for name, (dtype, shape) in tensors.items():
        size = 4
        for dimension in shape:
            size *= dimension
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + size]}
        body += b"\0" * size
        offset += size
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + body


CARD = b"---\nlicense: apache-2.0\n---\n# tiny\n\nA small model.\n\n## Uses\n\nTests.\n"
CONFIG = b'{"architectures": ["LlamaForCausalLM"], "model_type": "llama", "num_hidden_layers": 1}'
EVIL_PICKLE = b"cos\nsystem\n(S'echo pwned'\ntR."


def write(path, data, mode="wb"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as handle:
        handle.write(data)
    return path


def model_folder(base, name="model", extra=None):
    folder = os.path.join(base, name)
    write(os.path.join(folder, "README.md"), CARD)
    write(os.path.join(folder, "config.json"), CONFIG)
    write(os.path.join(folder, "model.safetensors"), safetensors())
    for relative, data in (extra or {}).items():
        write(os.path.join(folder, relative), data)
    return folder


def sparse(path, size):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def gguf_with_string_array(count):
    # GGUF v3: magic, version, tensor count, kv count; one kv: key, type 9 (array), element type 8 (string), count.
    head = b"GGUF" + struct.pack("<IQQ", 3, 0, 1)
    key = b"tokenizer.ggml.tokens"
    head += struct.pack("<Q", len(key)) + key + struct.pack("<IIQ", 9, 8, count)
    element = struct.pack("<Q", 1) + b"a"
    return head + element * count


def overlapping_zip(members, payload_size):
    """Fifield's non-recursive bomb: every central-directory entry points at the same local header and data."""
    data = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = data.compress(b"\0" * payload_size) + data.flush()
    crc = zlib.crc32(b"\0" * payload_size)
    name = b"archive/data.pkl"
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(stream), payload_size, len(name), 0) + name
    central = b""
    for index in range(members):
        member = b"archive/data%d.pkl" % index
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(stream), payload_size,
                               len(member), 0, 0, 0, 0, 0, 0) + member
    body = local + stream
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, members, members, len(central), len(body), 0)
    return body + central + end


# ---------------------------------------------------------------------------------------------------------------
# a hostile Hub on loopback


class Hub:
    """An HTTP/1.1 server whose every answer is decided by `behaviour(request) -> action`. Actions:
    ("respond", status, headers, body) · ("drip", status, headers, body, seconds per byte) · ("stall", status, headers)
    · ("endless", status, headers) · ("raw", bytes)."""

    def __init__(self, behaviour, host="127.0.0.1", port=0):
        self.behaviour = behaviour
        self.requests = []
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        hub = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                hub.serve(self.request)

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server((host, port), Handler)
        self.host, self.port = self.server.server_address
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def endpoint(self):
        return f"http://{self.host}:{self.port}"

    def stop(self):
        self.stopped.set()
        self.server.shutdown()
        self.server.server_close()

    def serve(self, connection):
        connection.settimeout(60)
        buffer = b""
        try:
            while b"\r\n\r\n" not in buffer:
                chunk = connection.recv(65536)
                if not chunk:
                    return
                buffer += chunk
                if len(buffer) > 1 << 20:
                    return
        except OSError:
            return
        head = buffer.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        lines = head.split("\r\n")
        parts = lines[0].split(" ")
        if len(parts) < 2:
            return
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                key, value = line.split(":", 1)
                headers[key.strip().lower()] = value.strip()
        target = parts[1]
        path, _, query = target.partition("?")
        request = {"method": parts[0], "target": target, "path": path, "query": query, "headers": headers}
        with self.lock:
            self.requests.append(request)
        action = self.behaviour(request)
        try:
            self.act(connection, action)
        except OSError:
            pass

    def act(self, connection, action):
        kind = action[0]
        if kind == "raw":
            connection.sendall(action[1])
            return
        status, headers = action[1], dict(action[2])
        body = action[3] if len(action) > 3 else b""
        if kind in ("respond", "drip") and "Content-Length" not in headers:
            headers["Content-Length"] = str(len(body))
        headers.setdefault("Connection", "close")
        head = f"HTTP/1.1 {status} X\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        if kind == "respond":
            connection.sendall(head.encode("latin-1") + body)
        elif kind == "drip":
            payload = head.encode("latin-1") + body
            for index in range(len(payload)):
                if self.stopped.is_set():
                    return
                connection.sendall(payload[index:index + 1])
                time.sleep(action[4])
        elif kind == "stall":
            connection.sendall(head.encode("latin-1"))
            self.stopped.wait(90)
        elif kind == "endless":
            connection.sendall(head.encode("latin-1"))
            chunk = action[3] if len(action) > 3 else b"\0" * 65536
            while not self.stopped.is_set():
                connection.sendall(chunk)


def git_oid(data):
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class Repo:
    """A small, valid repository and the Hub's normal answers for it; cases override parts."""

    def __init__(self, files=None, repo_id="acme/tiny"):
        self.repo_id = repo_id
        self.files = files if files is not None else {"README.md": CARD, "config.json": CONFIG, "model.safetensors": safetensors()}
        self.endpoint = ""

    def info(self):
        return json.dumps({"id": self.repo_id, "modelId": self.repo_id, "sha": SHA, "private": False, "gated": False,
                           "downloads": 10, "likes": 1, "tags": ["license:apache-2.0"],
                           "siblings": [{"rfilename": name} for name in self.files]}).encode()

    def tree_items(self):
        items = []
        for name, data in sorted(self.files.items()):
            item = {"type": "file", "oid": git_oid(data), "size": len(data), "path": name}
            if name.endswith(".safetensors") or name.endswith(".bin"):
                item["lfs"] = {"oid": hashlib.sha256(data).hexdigest(), "size": len(data), "pointerSize": 134}
            items.append(item)
        return items

    def answer(self, request):
        path = request["path"]
        parts = [p for p in path.split("/") if p]
        if parts[:2] == ["api", "models"] and len(parts) >= 6 and parts[4] == "revision":
            return ("respond", 200, {"Content-Type": "application/json"}, self.info())
        if parts[:2] == ["api", "models"] and len(parts) >= 6 and parts[4] == "tree":
            return ("respond", 200, {"Content-Type": "application/json"}, json.dumps(self.tree_items()).encode())
        if len(parts) >= 5 and parts[2] == "resolve":
            name = "/".join(parts[4:])
            data = self.files.get(name)
            if data is None:
                return ("respond", 404, {"X-Error-Code": "EntryNotFound"}, b"")
            return serve_range(data, request)
        return ("respond", 404, {}, b"")


def serve_range(data, request):
    header = request["headers"].get("range", "")
    if header.startswith("bytes="):
        start, _, end = header[6:].partition("-")
        start, end = int(start), min(len(data) - 1, int(end or len(data) - 1))
        if start < len(data):
            return ("respond", 206, {"Content-Range": f"bytes {start}-{end}/{len(data)}"}, data[start:end + 1])
    return ("respond", 200, {}, data)


def is_api(request, kind):
    parts = [p for p in request["path"].split("/") if p]
    return parts[:2] == ["api", "models"] and len(parts) >= 5 and parts[4] == kind


def is_resolve(request, name=None):
    parts = [p for p in request["path"].split("/") if p]
    return len(parts) >= 5 and parts[2] == "resolve" and (name is None or "/".join(parts[4:]) == name)


def free_prefix_ports():
    """A port P for the Hub and P1 (P's digits followed by 1) for the look-alike origin, both free."""
    for port in range(2000, 6553):
        try:
            with socket.socket() as a, socket.socket() as b:
                a.bind(("127.0.0.1", port))
                b.bind(("127.0.0.1", int(f"{port}1")))
            return port, int(f"{port}1")
        except OSError:
            continue
    raise RuntimeError("no free ports")


# ---------------------------------------------------------------------------------------------------------------
# the cases

CASES = []


def case(group, name):
    def register(function):
        CASES.append((group, name, function))
        return function
    return register


class Context:
    def __init__(self, binary, work):
        self.binary, self.work = binary, work
        self.cleanup = []

    def run(self, args, env=None, cwd=None, user=None):
        return run(self.binary, args, env=env, cwd=cwd or self.work, user=user)

    def hub(self, behaviour, host="127.0.0.1", port=0):
        server = Hub(behaviour, host, port)
        self.cleanup.append(server.stop)
        return server

    def hub_env(self, hub, extra=None):
        env = {"HF_ENDPOINT": hub.endpoint, "HF_TOKEN": TOKEN, "HOME": self.work}
        env.update(extra or {})
        return env


def expect(result, statuses, one_line=True):
    problems = []
    if result.status not in statuses:
        problems.append(f"exit status {result.status} (signal {result.signal}), expected {sorted(statuses)}: "
                        f"{result.stderr[:300]!r}")
    if one_line and result.status == 2 and result.stderr.count(b"\n") != 1:
        problems.append(f"a refusal must be one line on stderr, got {result.stderr[:300]!r}")
    return problems


def no_raw_controls(result):
    for stream, name in ((result.stdout, "stdout"), (result.stderr, "stderr")):
        text = stream.decode("utf-8", "replace")
        for character in text:
            code = ord(character)
            if (code < 0x20 and character not in "\n\t") or code == 0x7F or 0x80 <= code <= 0x9F \
                    or character in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029":
                return [f"raw control character U+{code:04X} on {name}"]
    return []


# --- local files and folders ------------------------------------------------------------------------------------

def fifo(context, name="pipe"):
    path = os.path.join(context.work, name)
    os.mkfifo(path)
    return path


@case("local", "a FIFO as the target of rate")
def _(c):
    return expect(c.run(["rate", fifo(c)]), {2})


@case("local", "a FIFO as the target of scan")
def _(c):
    return expect(c.run(["scan", fifo(c)]), {0, 2})


@case("local", "a FIFO as the target of inspect")
def _(c):
    return expect(c.run(["inspect", fifo(c)]), {2})


@case("local", "a FIFO as the target of license")
def _(c):
    return expect(c.run(["license", fifo(c)]), {0, 2})


@case("local", "a FIFO as a LICENSE inside a folder (rate)")
def _(c):
    folder = model_folder(c.work)
    os.mkfifo(os.path.join(folder, "LICENSE"))
    return expect(c.run(["rate", folder]), {0})


@case("local", "a FIFO as a LICENSE inside a folder (license)")
def _(c):
    folder = model_folder(c.work)
    os.mkfifo(os.path.join(folder, "LICENSE"))
    return expect(c.run(["license", folder]), {0, 2})


@case("local", "a FIFO inside a folder (scan)")
def _(c):
    folder = model_folder(c.work)
    os.mkfifo(os.path.join(folder, "weights.bin"))
    return expect(c.run(["scan", folder]), {0})


@case("local", "a UNIX socket inside a folder")
def _(c):
    folder = model_folder(c.work)
    server = socket.socket(socket.AF_UNIX)
    server.bind(os.path.join(folder, "socket.bin"))
    c.cleanup.append(server.close)
    return expect(c.run(["rate", folder]), {0})


@case("local", "a symlink to a FIFO as the card")
def _(c):
    folder = os.path.join(c.work, "model")
    os.makedirs(folder)
    os.mkfifo(os.path.join(folder, "card.fifo"))
    os.symlink("card.fifo", os.path.join(folder, "README.md"))
    write(os.path.join(folder, "config.json"), CONFIG)
    return expect(c.run(["rate", folder]), {0})


def evil_name_folder(c, name):
    folder = os.path.join(c.work, "model").encode()
    os.makedirs(folder)
    write(os.path.join(folder, b"README.md"), CARD)
    write(os.path.join(folder, name), EVIL_PICKLE)
    return folder.decode()


@case("local", "a malicious pickle under a name that is not UTF-8 (rate)")
def _(c):
    folder = evil_name_folder(c, b"model\xff\xfe.bin")
    result = c.run(["rate", folder, "--format", "json"])
    problems = expect(result, {1})
    if b'"UNSAFE"' not in result.stdout:
        problems.append("the pickle was not reported unsafe")
    return problems


@case("local", "a malicious pickle under a name that is not UTF-8 (scan)")
def _(c):
    folder = evil_name_folder(c, b"\xc3\x28weights.pkl")
    return expect(c.run(["scan", folder]), {1})


@case("local", "a malicious pickle under a name that is not UTF-8 in a subfolder (scan)")
def _(c):
    folder = os.path.join(c.work, "model").encode()
    write(os.path.join(folder, b"sub\xff", b"data.pkl"), EVIL_PICKLE)
    return expect(c.run(["scan", folder.decode()]), {1})


@case("local", "a malicious pickle that cannot be read (mode 000)")
def _(c):
    folder = model_folder(c.work, extra={"pytorch_model.bin": EVIL_PICKLE})
    os.chmod(os.path.join(folder, "pytorch_model.bin"), 0)
    os.chmod(c.work, 0o755)
    result = c.run(["rate", folder, "--format", "json"], user=65534 if os.geteuid() == 0 else None)
    problems = expect(result, {0, 1})
    try:
        rating = json.loads(result.stdout)
    except ValueError:
        return problems + ["no JSON"]
    a2 = [f for f in rating.get("findings", []) if f.get("check") == "A2"]
    if not a2 or all(f.get("outcome") in ("PASS", "NOT_APPLICABLE") for f in a2):
        problems.append(f"A2 reads as safe or not applicable for a file that could not be checked: {[f.get('outcome') for f in a2]}")
    if rating.get("coverage") == 1:
        problems.append("coverage 100% with an unread pickle")
    return problems


@case("local", "a symlink to /etc/passwd inside the folder")
def _(c):
    folder = model_folder(c.work)
    os.symlink("/etc/passwd", os.path.join(folder, "LICENSE"))
    result = c.run(["rate", folder, "--format", "json"])
    problems = expect(result, {0})
    if b"root:" in result.stdout:
        problems.append("the link target was read")
    return problems


@case("local", "a symlink loop")
def _(c):
    folder = model_folder(c.work)
    os.symlink("loop-b", os.path.join(folder, "loop-a"))
    os.symlink("loop-a", os.path.join(folder, "loop-b"))
    os.symlink(".", os.path.join(folder, "self"))
    return expect(c.run(["rate", folder]), {0})


@case("local", "a symlink to /dev/zero as weights")
def _(c):
    folder = model_folder(c.work)
    os.symlink("/dev/zero", os.path.join(folder, "pytorch_model.bin"))
    return expect(c.run(["rate", folder]), {0})


@case("local", "/dev/zero as the target")
def _(c):
    return expect(c.run(["rate", "/dev/zero"]), {2})


@case("local", "/dev/zero as the target of scan")
def _(c):
    return expect(c.run(["scan", "/dev/zero"]), {0, 2})


@case("local", "a folder of 100,000 tiny files")
def _(c):
    folder = os.path.join(c.work, "many")
    os.makedirs(folder)
    write(os.path.join(folder, "README.md"), CARD)
    for index in range(99_999):
        with open(os.path.join(folder, f"f{index:05d}.txt"), "wb") as handle:
            handle.write(b"x")
    result = c.run(["rate", folder, "--format", "json"])
    problems = expect(result, {0})
    if result.wall > 10:
        problems.append(f"took {result.wall:.1f} s (bound: 10 s)")
    return problems


def many_files(c, suffix, count=99_999):
    folder = os.path.join(c.work, "many")
    os.makedirs(folder)
    write(os.path.join(folder, "README.md"), CARD)
    for index in range(count):
        with open(os.path.join(folder, f"f{index:05d}{suffix}"), "wb") as handle:
            handle.write(b"x")
    result = c.run(["rate", folder, "--format", "json"])
    problems = expect(result, {0, 1})
    if result.wall > 10:
        problems.append(f"took {result.wall:.1f} s (bound: 10 s)")
    return problems


for suffix in [".safetensors", ".md", ".json", ".py"]:
    case("local", f"a folder of 100,000 tiny {suffix} files")(lambda c, suffix=suffix: many_files(c, suffix))


@case("local", "a folder of 20,000 small JSON and Markdown files")
def _(c):
    folder = os.path.join(c.work, "many")
    os.makedirs(folder)
    write(os.path.join(folder, "README.md"), CARD)
    for index in range(10_000):
        write(os.path.join(folder, f"d{index // 1000}", f"c{index}.json"), b'{"a": 1}')
        write(os.path.join(folder, f"d{index // 1000}", f"n{index}.md"), b"# note\n\ntext\n")
    return expect(c.run(["rate", folder]), {0})


@case("local", "a folder of 100,001 files")
def _(c):
    folder = os.path.join(c.work, "many")
    os.makedirs(folder)
    for index in range(100_001):
        open(os.path.join(folder, f"f{index:06d}"), "wb").close()
    return expect(c.run(["rate", folder]), {2})


@case("local", "folders nested 200 deep")
def _(c):
    folder = model_folder(c.work)
    deep = folder
    for _ in range(200):
        deep = os.path.join(deep, "d")
    write(os.path.join(deep, "x.pkl"), EVIL_PICKLE)
    return expect(c.run(["rate", folder]), {0, 1})


@case("local", "a 3.9 MB chat template")
def _(c):
    template = "{% for m in messages %}{{ m['content'] }}{% if loop.last %}{{ '" + "x" * 50 + "' }}{% endif %}{% endfor %}"
    big = (template * (3_900_000 // len(template)))
    folder = model_folder(c.work, extra={"tokenizer_config.json": json.dumps({"chat_template": big}).encode()})
    return expect(c.run(["rate", folder]), {0, 1})


@case("local", "a 3.9 MB chat template of braces")
def _(c):
    folder = model_folder(c.work, extra={"chat_template.jinja": b"{{" * 1_950_000})
    return expect(c.run(["rate", folder]), {0, 1})


@case("local", "a 3.9 MB chat template of attribute chains")
def _(c):
    folder = model_folder(c.work, extra={"chat_template.jinja": b"{{ x" + b".__class__" * 390_000 + b" }}"})
    return expect(c.run(["rate", folder]), {0, 1})


@case("local", "a chat template that reaches Python (flagged)")
def _(c):
    template = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    folder = model_folder(c.work, extra={"tokenizer_config.json": json.dumps({"chat_template": template}).encode()})
    return expect(c.run(["rate", folder]), {1})


@case("local", "a GGUF array of 2^24 strings")
def _(c):
    path = write(os.path.join(c.work, "model.gguf"), gguf_with_string_array(1 << 24))
    return expect(c.run(["rate", path]), {0})


@case("local", "a GGUF array of 2^24 strings (inspect)")
def _(c):
    path = write(os.path.join(c.work, "model.gguf"), gguf_with_string_array(1 << 24))
    return expect(c.run(["inspect", path]), {0})


@case("local", "a GGUF claiming 2^60 array elements")
def _(c):
    head = b"GGUF" + struct.pack("<IQQ", 3, 0, 1)
    key = b"tokenizer.ggml.tokens"
    data = head + struct.pack("<Q", len(key)) + key + struct.pack("<IIQ", 9, 8, 1 << 60) + b"\1\0\0\0\0\0\0\0a"
    path = write(os.path.join(c.work, "model.gguf"), data)
    return expect(c.run(["rate", path]), {0, 1})


@case("local", "a GGUF with a string length of 2^63")
def _(c):
    head = b"GGUF" + struct.pack("<IQQ", 3, 0, 1)
    data = head + struct.pack("<Q", 1 << 63) + b"k"
    return expect(c.run(["scan", write(os.path.join(c.work, "model.gguf"), data)]), {0, 1})


@case("local", "a ZIP with 50 overlapping entries")
def _(c):
    path = write(os.path.join(c.work, "pytorch_model.bin"), overlapping_zip(50, 200 << 20))
    return expect(c.run(["scan", path]), {0, 1})


@case("local", "a ZIP with 50 overlapping entries (rate)")
def _(c):
    folder = model_folder(c.work, extra={"pytorch_model.bin": overlapping_zip(50, 200 << 20)})
    return expect(c.run(["rate", folder]), {0, 1})


@case("local", "a ZIP of 60,000 empty members")
def _(c):
    path = os.path.join(c.work, "model.zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for index in range(60_000):
            archive.writestr(f"m/{index}", b"")
    return expect(c.run(["scan", path]), {0, 1})


@case("local", "42.zip-style nesting")
def _(c):
    inner = b"\0" * (1 << 20)
    for level in range(6):
        buffer = tempfile.SpooledTemporaryFile()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for index in range(8):
                archive.writestr(f"l{level}-{index}.zip", inner)
        buffer.seek(0)
        inner = buffer.read()
    return expect(c.run(["scan", write(os.path.join(c.work, "nested.zip"), inner)]), {0, 1})


@case("local", "a ZIP member escaping the folder")
def _(c):
    path = os.path.join(c.work, "model.zip")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../../etc/evil.pkl", EVIL_PICKLE)
    return expect(c.run(["scan", path]), {1})


@case("local", "a 512 MiB bzip2 bomb")
def _(c):
    compressor = bz2.BZ2Compressor(9)
    data = b""
    chunk = b"\0" * (1 << 24)
    for _ in range(32):
        data += compressor.compress(chunk)
    data += compressor.flush()
    return expect(c.run(["scan", write(os.path.join(c.work, "model.joblib.bz2"), data)]), {0, 1})


def periodic_bzip2():
    compressor = bz2.BZ2Compressor(9)
    chunk = (b"abcdefghijklmnopqrstuvwxyz0123456789" * 30000)[:1 << 20]
    return b"".join(compressor.compress(chunk) for _ in range(512)) + compressor.flush()


@case("local", "a 512 MiB bzip2 bomb of a periodic text")
def _(c):
    return expect(c.run(["scan", write(os.path.join(c.work, "model.pkl.bz2"), periodic_bzip2())]), {0, 1})


@case("local", "a folder of 30 bzip2 bombs (rate)")
def _(c):
    bomb = periodic_bzip2()
    folder = model_folder(c.work, extra={f"part{index}.pkl.bz2": bomb for index in range(30)})
    return expect(c.run(["rate", folder]), {0, 1})


@case("local", "a folder of 30 bzip2 bombs (scan)")
def _(c):
    bomb = periodic_bzip2()
    folder = model_folder(c.work, extra={f"part{index}.pkl.bz2": bomb for index in range(30)})
    return expect(c.run(["scan", folder]), {0, 1})


@case("local", "a 1 GiB gzip bomb")
def _(c):
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1 << 24)
    data = b"".join(compressor.compress(chunk) for _ in range(64)) + compressor.flush()
    return expect(c.run(["scan", write(os.path.join(c.work, "model.pkl.gz"), data)]), {0, 1})


@case("local", "a 1 GiB xz bomb")
def _(c):
    compressor = lzma.LZMACompressor()
    chunk = b"\0" * (1 << 24)
    data = b"".join(compressor.compress(chunk) for _ in range(64)) + compressor.flush()
    return expect(c.run(["scan", write(os.path.join(c.work, "model.pkl.xz"), data)]), {0, 1})


@case("local", "a 100 MB safetensors header of 1.6M tensors")
def _(c):
    entries = []
    offset = 0
    size = 2
    for index in range(1_600_000):
        entry = f'"{index:x}":{{"dtype":"U8","shape":[],"data_offsets":[{offset},{offset + 1}]}}'
        size += len(entry) + 1
        if size > 99_999_000:
            break
        entries.append(entry)
        offset += 1
    text = ("{" + ",".join(entries) + "}").encode()
    text += b" " * (-len(text) % 8)
    path = os.path.join(c.work, "model.safetensors")
    with open(path, "wb") as handle:
        handle.write(struct.pack("<Q", len(text)) + text)
        handle.truncate(8 + len(text) + offset)
    return expect(c.run(["rate", path]), {0})


@case("local", "a safetensors header length past the file")
def _(c):
    path = write(os.path.join(c.work, "model.safetensors"), struct.pack("<Q", 1 << 40) + b"{}")
    return expect(c.run(["rate", path]), {0})


@case("local", "a safetensors header length near 2^64")
def _(c):
    path = write(os.path.join(c.work, "model.safetensors"), struct.pack("<Q", (1 << 64) - 8) + b"{}")
    return expect(c.run(["rate", path]), {0})


@case("local", "safetensors offsets that overflow")
def _(c):
    header = json.dumps({"w": {"dtype": "F32", "shape": [4611686018427387904, 4], "data_offsets": [0, 18446744073709551615]}}).encode()
    path = write(os.path.join(c.work, "model.safetensors"), struct.pack("<Q", len(header)) + header)
    return expect(c.run(["rate", path]), {0, 1})


@case("local", "a config nested 100,000 deep")
def _(c):
    folder = model_folder(c.work, extra={"config.json": b"[" * 100_000 + b"]" * 100_000})
    return expect(c.run(["rate", folder]), {0})


@case("local", "a YAML alias bomb in the card")
def _(c):
    lines = ["---", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        lines.append(f"{chr(97 + level)}: &{chr(97 + level)} [*{chr(96 + level)}, *{chr(96 + level)}, *{chr(96 + level)}, "
                     f"*{chr(96 + level)}, *{chr(96 + level)}, *{chr(96 + level)}, *{chr(96 + level)}, *{chr(96 + level)}]")
    lines += ["license: mit", "---", "# x"]
    folder = model_folder(c.work, extra={"README.md": "\n".join(lines).encode()})
    return expect(c.run(["rate", folder]), {0})


@case("local", "YAML front matter nested 100,000 deep")
def _(c):
    folder = model_folder(c.work, extra={"README.md": b"---\nx: " + b"[" * 100_000 + b"]" * 100_000 + b"\n---\n# x\n"})
    return expect(c.run(["rate", folder]), {0})


@case("local", "a 200 MB card")
def _(c):
    folder = model_folder(c.work)
    with open(os.path.join(folder, "README.md"), "wb") as handle:
        handle.write(CARD)
        handle.write(b"word " * (40 << 20))
    return expect(c.run(["rate", folder]), {0})


@case("local", "a card of one 4 MB line")
def _(c):
    folder = model_folder(c.work, extra={"README.md": CARD + b"a" * 4_000_000})
    return expect(c.run(["rate", folder]), {0})


@case("local", "a card of 200,000 headings")
def _(c):
    folder = model_folder(c.work, extra={"README.md": CARD + b"## h\n" * 200_000})
    return expect(c.run(["rate", folder]), {0})


@case("local", "a card of 100,000 links")
def _(c):
    folder = model_folder(c.work, extra={"README.md": CARD + b"[a](https://example.com/x) " * 100_000})
    return expect(c.run(["rate", folder]), {0})


@case("local", "a card of nested brackets")
def _(c):
    folder = model_folder(c.work, extra={"README.md": CARD + b"[" * 1_000_000 + b"](" * 100_000})
    return expect(c.run(["rate", folder]), {0})


@case("local", "a 4 MB table row")
def _(c):
    folder = model_folder(c.work, extra={"README.md": CARD + b"|" * 4_000_000 + b"\n"})
    return expect(c.run(["rate", folder]), {0})


@case("local", "a LICENSE of 4 MB of words")
def _(c):
    folder = model_folder(c.work, extra={"LICENSE": b"permission granted free of charge " * 120_000})
    return expect(c.run(["rate", folder]), {0})


@case("local", "a LICENSE of 1 GiB (sparse)")
def _(c):
    folder = model_folder(c.work)
    sparse(os.path.join(folder, "LICENSE"), 1 << 30)
    return expect(c.run(["rate", folder]), {0})


@case("local", "100 LICENSE-like files of 4 MB")
def _(c):
    folder = model_folder(c.work)
    text = b"You may not use the model for commercial purposes. " * 78_000
    for index in range(100):
        write(os.path.join(folder, f"LICENSE-{index}"), text)
    return expect(c.run(["rate", folder]), {0})


@case("local", "600 code files of 4 MB")
def _(c):
    folder = model_folder(c.work)
    code = b"x = 1\n" * 690_000
    for index in range(600):
        write(os.path.join(folder, f"m{index}.py"), code)
    return expect(c.run(["rate", folder]), {0})


@case("local", "an unreadable file (mode 000)")
def _(c):
    folder = model_folder(c.work, extra={"notes.md": b"# notes"})
    os.chmod(os.path.join(folder, "notes.md"), 0)
    return expect(c.run(["rate", folder], user=65534 if os.geteuid() == 0 else None), {0})


@case("local", "an unreadable folder (mode 000)")
def _(c):
    folder = model_folder(c.work)
    os.makedirs(os.path.join(folder, "sub"))
    write(os.path.join(folder, "sub", "x.pkl"), EVIL_PICKLE)
    os.chmod(os.path.join(folder, "sub"), 0)
    result = c.run(["rate", folder, "--format", "json"], user=65534 if os.geteuid() == 0 else None)
    os.chmod(os.path.join(folder, "sub"), 0o755)
    problems = expect(result, {0, 1})
    try:
        if json.loads(result.stdout).get("coverage") == 1:
            problems.append("coverage 100% with an unlisted folder")
    except ValueError:
        problems.append("no JSON")
    return problems


@case("local", "a file truncated while it is hashed")
def _(c):
    folder = model_folder(c.work)
    big = sparse(os.path.join(folder, "shard.bin"), 6 << 30)

    def truncate():
        time.sleep(0.5)
        os.truncate(big, 1 << 20)
    thread = threading.Thread(target=truncate)
    thread.start()
    result = c.run(["rate", folder, "--format", "json"])
    thread.join()
    problems = expect(result, {0, 1})
    try:
        rating = json.loads(result.stdout)
    except ValueError:
        return problems + ["no JSON"]
    shard = [f for f in rating.get("files", []) if f.get("path") == "shard.bin"]
    if shard and shard[0].get("sha256"):
        problems.append("a digest was recorded for a file that changed while it was read")
    if rating.get("subject", {}).get("digest"):
        problems.append("a subject digest was recorded over a file that changed while it was read")
    if b"changed while" not in result.stdout:
        problems.append("no problem recorded for the changing file")
    return problems


@case("local", "a cache entry whose snapshot links outside the cache")
def _(c):
    outside = model_folder(c.work, "outside")
    entry = os.path.join(c.work, "cache", "models--acme--tiny")
    os.makedirs(os.path.join(entry, "snapshots"))
    os.makedirs(os.path.join(entry, "refs"))
    write(os.path.join(entry, "refs", "main"), SHA.encode())
    os.symlink(outside, os.path.join(entry, "snapshots", SHA))
    by_folder = c.run(["rate", entry])
    by_name = c.run(["rate", "acme/tiny", "--offline"], env={"HF_HUB_CACHE": os.path.join(c.work, "cache")})
    return expect(by_folder, {2}) + expect(by_name, {2})


@case("local", "a cache snapshot file linking outside the cache")
def _(c):
    entry = os.path.join(c.work, "cache", "models--acme--tiny")
    snapshot = os.path.join(entry, "snapshots", SHA)
    os.makedirs(snapshot)
    write(os.path.join(entry, "refs", "main"), SHA.encode())
    write(os.path.join(snapshot, "README.md"), CARD)
    os.symlink("/etc/passwd", os.path.join(snapshot, "LICENSE"))
    result = c.run(["rate", entry, "--format", "json"])
    problems = expect(result, {0})
    if b"root:" in result.stdout:
        problems.append("read outside the cache")
    return problems


@case("local", "a cache ref that is not a commit")
def _(c):
    entry = os.path.join(c.work, "cache", "models--acme--tiny")
    os.makedirs(os.path.join(entry, "snapshots", SHA))
    write(os.path.join(entry, "refs", "main"), b"../../../../etc")
    return expect(c.run(["rate", entry]), {2})


@case("local", "a cache ref of 1 GiB (sparse)")
def _(c):
    entry = os.path.join(c.work, "cache", "models--acme--tiny")
    os.makedirs(os.path.join(entry, "snapshots", SHA))
    sparse(os.path.join(entry, "refs", "main"), 1 << 30)
    return expect(c.run(["rate", entry]), {2})


@case("local", "a FIFO as a cache ref")
def _(c):
    entry = os.path.join(c.work, "cache", "models--acme--tiny")
    os.makedirs(os.path.join(entry, "snapshots", SHA))
    os.makedirs(os.path.join(entry, "refs"))
    os.mkfifo(os.path.join(entry, "refs", "main"))
    return expect(c.run(["rate", entry]), {2})


@case("local", "a ModelScope .mv that is a FIFO")
def _(c):
    folder = model_folder(c.work)
    os.mkfifo(os.path.join(folder, ".mv"))
    return expect(c.run(["rate", folder]), {0})


def name_folder(c, name):
    folder = model_folder(c.work)
    write(os.path.join(folder.encode(), name), b"x")
    return folder


@case("terminal", "a file name with escape sequences (rate)")
def _(c):
    folder = name_folder(c, b"\x1b]0;owned\x07\x1b[2J\x1b[31mred.bin")
    result = c.run(["rate", folder, "--verbose"])
    return expect(result, {0}) + no_raw_controls(result)


@case("terminal", "a file name that forges a report line (rate)")
def _(c):
    folder = name_folder(c, "x\nGrade  A    score 100\u2215100   coverage 100%\n.bin".encode())
    result = c.run(["rate", folder, "--verbose"])
    problems = expect(result, {0}) + no_raw_controls(result)
    if any(line.startswith(b"Grade  A    score 100") for line in result.stdout.split(b"\n")):
        problems.append("a forged report line")
    return problems


@case("terminal", "a file name with escape sequences (scan)")
def _(c):
    folder = name_folder(c, b"\x1b[2Jevil\x9b31m.pkl")
    write(os.path.join(folder.encode(), b"\x1b[2Jevil.pkl"), EVIL_PICKLE)
    result = c.run(["scan", folder])
    return expect(result, {1}) + no_raw_controls(result)


@case("terminal", "bidi overrides in a file name (scan)")
def _(c):
    folder = model_folder(c.work)
    write(os.path.join(folder, "\u202egnp.pkl"), EVIL_PICKLE)
    result = c.run(["scan", folder])
    return expect(result, {1}) + no_raw_controls(result)


@case("terminal", "escape sequences in the card (rate)")
def _(c):
    folder = model_folder(c.work, extra={"README.md": b"---\nlicense: \"\\e[2Jmit\"\nbase_model: \"\x1b[31mx\"\n---\n# \x1b]0;t\x07x\n\n## Uses\n\n\x1b[5mblink\n"})
    result = c.run(["rate", folder, "--verbose"])
    return expect(result, {0}) + no_raw_controls(result)


@case("terminal", "escape sequences in a licence (license)")
def _(c):
    path = write(os.path.join(c.work, "LICENSE"), b"\x1b[2J MIT License \x1b]0;x\x07\nPermission is hereby granted")
    result = c.run(["license", path])
    return expect(result, {0}) + no_raw_controls(result)


@case("terminal", "escape sequences in a missing path (error line)")
def _(c):
    result = c.run(["rate", "nothing\x1b[2J\x1b]0;x\x07here"])
    return expect(result, {2}) + no_raw_controls(result)


@case("terminal", "escape sequences in GGUF metadata (inspect)")
def _(c):
    key = b"general.name"
    value = b"\x1b[2J\x1b]0;owned\x07name"
    data = b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", len(key)) + key + struct.pack("<IQ", 8, len(value)) + value
    result = c.run(["inspect", write(os.path.join(c.work, "m.gguf"), data)])
    return expect(result, {0}) + no_raw_controls(result)


# --- policies, MOT files, keys and attestations ----------------------------------------------------------------

@case("inputs", "a 1.5 GiB policy file")
def _(c):
    folder = model_folder(c.work)
    policy = sparse(os.path.join(c.work, "policy.yaml"), 3 << 29)
    return expect(c.run(["check", folder, "--policy", policy]), {2})


@case("inputs", "a FIFO as the policy")
def _(c):
    folder = model_folder(c.work)
    return expect(c.run(["check", folder, "--policy", fifo(c)]), {2})


@case("inputs", "a policy with a YAML alias bomb")
def _(c):
    folder = model_folder(c.work)
    lines = ["version: 1", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        p = chr(96 + level)
        lines.append(f"{chr(97 + level)}: &{chr(97 + level)} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]")
    policy = write(os.path.join(c.work, "policy.yaml"), "\n".join(lines).encode())
    return expect(c.run(["check", folder, "--policy", policy]), {2})


@case("inputs", "a policy nested 100,000 deep")
def _(c):
    folder = model_folder(c.work)
    policy = write(os.path.join(c.work, "policy.yaml"), b"version: 1\nrules: " + b"[" * 100_000 + b"]" * 100_000)
    return expect(c.run(["check", folder, "--policy", policy]), {2})


@case("inputs", "a 1.5 GiB Model Openness Tool file")
def _(c):
    return expect(c.run(["mof", sparse(os.path.join(c.work, "model.yml"), 3 << 29)]), {2})


@case("inputs", "a FIFO as the Model Openness Tool file")
def _(c):
    return expect(c.run(["mof", fifo(c)]), {2})


@case("inputs", "a MOT file with a YAML alias bomb")
def _(c):
    lines = ["framework: {name: Model Openness Framework}", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        p = chr(96 + level)
        lines.append(f"{chr(97 + level)}: &{chr(97 + level)} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]")
    return expect(c.run(["mof", write(os.path.join(c.work, "model.yml"), "\n".join(lines).encode())]), {2})


@case("inputs", "a 1.5 GiB attestation")
def _(c):
    key = os.path.join(c.work, "k")
    c.run(["keygen", "--out", key])
    return expect(c.run(["verify", sparse(os.path.join(c.work, "a.json"), 3 << 29), "--key", key + ".pub"]), {2})


@case("inputs", "a FIFO as the attestation key")
def _(c):
    folder = model_folder(c.work)
    return expect(c.run(["attest", folder, "--key", fifo(c), "-o", os.path.join(c.work, "out.json")]), {2})


@case("inputs", "a 1 GiB key file")
def _(c):
    folder = model_folder(c.work)
    return expect(c.run(["attest", folder, "--key", sparse(os.path.join(c.work, "k.key"), 1 << 30), "-o", os.path.join(c.work, "o.json")]), {2})


@case("inputs", "an attestation nested 100,000 deep")
def _(c):
    key = os.path.join(c.work, "k")
    c.run(["keygen", "--out", key])
    path = write(os.path.join(c.work, "a.json"), b"[" * 100_000 + b"]" * 100_000)
    return expect(c.run(["verify", path, "--key", key + ".pub"]), {1, 2})


@case("inputs", "a token file of 1 GiB (sparse)")
def _(c):
    hub = c.hub(Repo().answer)
    home = os.path.join(c.work, "home")
    sparse(os.path.join(home, ".cache", "huggingface", "token"), 1 << 30)
    result = c.run(["rate", "acme/tiny"], env={"HF_ENDPOINT": hub.endpoint, "HOME": home})
    return expect(result, {0, 2})


@case("inputs", "a FIFO as the token file")
def _(c):
    hub = c.hub(Repo().answer)
    home = os.path.join(c.work, "home")
    os.makedirs(os.path.join(home, ".cache", "huggingface"))
    os.mkfifo(os.path.join(home, ".cache", "huggingface", "token"))
    return expect(c.run(["rate", "acme/tiny"], env={"HF_ENDPOINT": hub.endpoint, "HOME": home}), {0, 2})


# --- evidence bundles ---------------------------------------------------------------------------------------------

def saved_bundle(c):
    hub = c.hub(Repo().answer)
    bundle = os.path.join(c.work, "bundle")
    result = c.run(["rate", "acme/tiny", "--format", "json", "--save-evidence", bundle], env=c.hub_env(hub))
    if result.status != 0:
        raise RuntimeError(f"could not save a bundle: {result.stderr!r}")
    return bundle, result


def edit_manifest(bundle, change):
    path = os.path.join(bundle, "bundle.json")
    with open(path) as handle:
        manifest = json.load(handle)
    change(manifest)
    with open(path, "w") as handle:
        json.dump(manifest, handle)


@case("bundle", "a bundle whose api/model-info.json was edited")
def _(c):
    bundle, _ = saved_bundle(c)
    path = os.path.join(bundle, "api", "model-info.json")
    with open(path, "rb") as handle:
        data = handle.read()
    write(path, data.replace(b'"downloads": 10', b'"downloads": 99999999'))
    return expect(c.run(["rate", "--evidence", bundle]), {2})


@case("bundle", "a bundle whose tree page was edited")
def _(c):
    bundle, _ = saved_bundle(c)
    path = os.path.join(bundle, "api", "tree-0.json")
    with open(path, "rb") as handle:
        data = handle.read()
    write(path, data.replace(b"README.md", b"READMX.md"))
    return expect(c.run(["rate", "--evidence", bundle]), {2})


@case("bundle", "a bundle whose manifest file digest was edited")
def _(c):
    bundle, _ = saved_bundle(c)

    def change(manifest):
        for entry in manifest["files"]:
            if entry.get("lfsSHA256"):
                entry["lfsSHA256"] = "0" * 64
    edit_manifest(bundle, change)
    return expect(c.run(["rate", "--evidence", bundle]), {2})


@case("bundle", "a bundle whose manifest commit was edited")
def _(c):
    bundle, _ = saved_bundle(c)
    edit_manifest(bundle, lambda manifest: manifest.__setitem__("commit", "cd" * 20))
    return expect(c.run(["rate", "--evidence", bundle]), {2})


@case("bundle", "a bundle whose blob was flipped")
def _(c):
    bundle, _ = saved_bundle(c)
    blobs = os.path.join(bundle, "blobs")
    name = sorted(os.listdir(blobs))[0]
    with open(os.path.join(blobs, name), "r+b") as handle:
        byte = handle.read(1)
        handle.seek(0)
        handle.write(bytes([byte[0] ^ 1]))
    return expect(c.run(["rate", "--evidence", bundle]), {2})


@case("bundle", "a bundle with a range offset near 2^64")
def _(c):
    bundle, _ = saved_bundle(c)

    def change(manifest):
        for entry in manifest["ranges"]:
            entry["offset"] = (1 << 64) - 2
    edit_manifest(bundle, change)
    return expect(c.run(["rate", "--evidence", bundle]), {0, 2})


@case("bundle", "a bundle with 300,000 ranges of one blob")
def _(c):
    bundle, _ = saved_bundle(c)

    def change(manifest):
        first = manifest["ranges"][0]
        manifest["ranges"] = [dict(first, offset=index) for index in range(300_000)]
    edit_manifest(bundle, change)
    return expect(c.run(["rate", "--evidence", bundle]), {0, 2})


@case("bundle", "a bundle whose blob name climbs out")
def _(c):
    bundle, _ = saved_bundle(c)
    edit_manifest(bundle, lambda manifest: manifest["ranges"][0].__setitem__("sha256", "../../../../etc/passwd"))
    result = c.run(["rate", "--evidence", bundle])
    return expect(result, {2})


@case("bundle", "a bundle whose blob is a symlink out")
def _(c):
    bundle, _ = saved_bundle(c)
    blobs = os.path.join(bundle, "blobs")
    name = sorted(os.listdir(blobs))[0]
    os.remove(os.path.join(blobs, name))
    os.symlink("/etc/passwd", os.path.join(blobs, name))
    return expect(c.run(["rate", "--evidence", bundle]), {2})


@case("bundle", "a bundle with a traversal file path")
def _(c):
    bundle, _ = saved_bundle(c)

    def change(manifest):
        manifest["files"].append({"path": "../../etc/passwd", "size": 10})
    edit_manifest(bundle, change)
    return expect(c.run(["rate", "--evidence", bundle]), {2})


@case("bundle", "a bundle.json of 1 GiB (sparse)")
def _(c):
    bundle = os.path.join(c.work, "bundle")
    sparse(os.path.join(bundle, "bundle.json"), 1 << 30)
    return expect(c.run(["rate", "--evidence", bundle]), {2})


@case("bundle", "a bundle blob of 1 GiB (sparse)")
def _(c):
    bundle, _ = saved_bundle(c)
    blobs = os.path.join(bundle, "blobs")
    name = sorted(os.listdir(blobs))[0]
    os.remove(os.path.join(blobs, name))
    sparse(os.path.join(blobs, name), 1 << 30)
    return expect(c.run(["rate", "--evidence", bundle]), {2})


@case("bundle", "a FIFO as bundle.json")
def _(c):
    bundle = os.path.join(c.work, "bundle")
    os.makedirs(bundle)
    os.mkfifo(os.path.join(bundle, "bundle.json"))
    return expect(c.run(["rate", "--evidence", bundle]), {2})


@case("bundle", "a re-rated bundle gives the same bytes")
def _(c):
    bundle, online = saved_bundle(c)
    offline = c.run(["rate", "--evidence", bundle, "--format", "json"])
    problems = expect(offline, {0})
    if offline.stdout != online.stdout:
        problems.append("the re-rating differs from the live rating")
    return problems


def planted(c, plant):
    """--save-evidence into a folder with something planted in it; nothing may change outside."""
    hub = c.hub(Repo().answer)
    bundle = os.path.join(c.work, "bundle")
    outside = os.path.join(c.work, "outside")
    os.makedirs(bundle)
    os.makedirs(outside)
    victim = write(os.path.join(outside, "victim"), b"precious")
    plant(bundle, outside, victim)
    before = sorted(os.listdir(outside))
    result = c.run(["rate", "acme/tiny", "--save-evidence", bundle], env=c.hub_env(hub))
    problems = expect(result, {0, 2})
    with open(victim, "rb") as handle:
        if handle.read() != b"precious":
            problems.append("a file outside the evidence folder was overwritten")
    if sorted(os.listdir(outside)) != before:
        problems.append(f"files appeared outside the evidence folder: {sorted(set(os.listdir(outside)) - set(before))}")
    return problems


@case("writes", "--save-evidence with api/ linked outside")
def _(c):
    return planted(c, lambda bundle, outside, victim: os.symlink(outside, os.path.join(bundle, "api")))


@case("writes", "--save-evidence with blobs/ linked outside")
def _(c):
    return planted(c, lambda bundle, outside, victim: os.symlink(outside, os.path.join(bundle, "blobs")))


@case("writes", "--save-evidence with bundle.json linked to a file outside")
def _(c):
    return planted(c, lambda bundle, outside, victim: os.symlink(victim, os.path.join(bundle, "bundle.json")))


@case("writes", "--save-evidence with api/model-info.json linked outside")
def _(c):
    def plant(bundle, outside, victim):
        os.makedirs(os.path.join(bundle, "api"))
        os.symlink(victim, os.path.join(bundle, "api", "model-info.json"))
        os.symlink(os.path.join(outside, "new"), os.path.join(bundle, "api", "tree-0.json"))
    return planted(c, plant)


@case("writes", "--save-evidence with a blob hard-linked to a file outside")
def _(c):
    def plant(bundle, outside, victim):
        os.makedirs(os.path.join(bundle, "blobs"))
        os.link(victim, os.path.join(bundle, "bundle.json"))
    return planted(c, plant)


@case("writes", "--save-evidence with a dangling link as a blob")
def _(c):
    def plant(bundle, outside, victim):
        os.makedirs(os.path.join(bundle, "blobs"))
        digest = hashlib.sha256(CARD).hexdigest()
        os.symlink(os.path.join(outside, "created"), os.path.join(bundle, "blobs", digest))
    return planted(c, plant)


@case("writes", "attest -o onto a planted symlink is the user's path")
def _(c):
    folder = model_folder(c.work)
    key = os.path.join(c.work, "k")
    c.run(["keygen", "--out", key])
    result = c.run(["attest", folder, "--key", key + ".key", "-o", os.path.join(c.work, "out.json")])
    return expect(result, {0})


# --- a hostile Hub ------------------------------------------------------------------------------------------------

def leak_check(catcher):
    leaked = [r for r in catcher.requests if TOKEN in json.dumps(r)]
    return [f"the token reached {catcher.endpoint}: {leaked[0]['target']}"] if leaked else []


def lookalike(c, route):
    """The Hub on port P; a catcher on port P1 (P's digits then 1), whose URL starts with the Hub's text."""
    port, other = free_prefix_ports()
    catcher = c.hub(lambda request: ("respond", 404, {}, b""), port=other)
    repo = Repo()
    target = f"http://127.0.0.1:{other}"

    def behaviour(request):
        return route(request, repo, target) or repo.answer(request)
    hub = c.hub(behaviour, port=port)
    return hub, catcher


@case("token", "a redirect to a look-alike origin (model info)")
def _(c):
    hub, catcher = lookalike(c, lambda request, repo, target: ("respond", 302, {"Location": target + request["target"]}, b"")
                             if is_api(request, "revision") else None)
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2}) + leak_check(catcher)


@case("token", "a CDN redirect to a look-alike origin (resolve)")
def _(c):
    hub, catcher = lookalike(c, lambda request, repo, target: ("respond", 302, {"Location": target + "/cdn" + request["path"]}, b"")
                             if is_resolve(request) else None)
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2}) + leak_check(catcher)


@case("token", "a tree Link: next to a look-alike origin")
def _(c):
    def route(request, repo, target):
        if is_api(request, "tree") and "cursor" not in request["query"]:
            return ("respond", 200, {"Link": f"<{target}/api/models/acme/tiny/tree/{SHA}?recursive=true&cursor=2>; rel=\"next\""},
                    json.dumps(repo.tree_items()).encode())
    hub, catcher = lookalike(c, route)
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2}) + leak_check(catcher)


def userinfo(c, route):
    port, _ = free_prefix_ports()
    catcher = c.hub(lambda request: ("respond", 404, {}, b""), host="127.0.0.2")
    repo = Repo()
    target = f"http://127.0.0.1:{port}@127.0.0.2:{catcher.port}"

    def behaviour(request):
        return route(request, repo, target) or repo.answer(request)
    hub = c.hub(behaviour, port=port)
    return hub, catcher


@case("token", "a redirect hiding another host behind userinfo")
def _(c):
    hub, catcher = userinfo(c, lambda request, repo, target: ("respond", 302, {"Location": target + request["target"]}, b"")
                            if is_api(request, "revision") else None)
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2}) + leak_check(catcher)


@case("token", "a CDN redirect hiding another host behind userinfo")
def _(c):
    hub, catcher = userinfo(c, lambda request, repo, target: ("respond", 302, {"Location": target + "/cdn" + request["path"]}, b"")
                            if is_resolve(request) else None)
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2}) + leak_check(catcher)


@case("token", "a tree Link: next hiding another host behind userinfo")
def _(c):
    def route(request, repo, target):
        if is_api(request, "tree") and "cursor" not in request["query"]:
            return ("respond", 200, {"Link": f"<{target}/api/models/acme/tiny/tree/{SHA}?cursor=2>; rel=\"next\""},
                    json.dumps(repo.tree_items()).encode())
    hub, catcher = userinfo(c, route)
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2}) + leak_check(catcher)


@case("token", "a plain cross-host redirect")
def _(c):
    catcher = c.hub(lambda request: ("respond", 404, {}, b""), host="127.0.0.2")
    repo = Repo()
    hub = c.hub(lambda request: ("respond", 302, {"Location": catcher.endpoint + request["target"]}, b"")
                if is_resolve(request) else repo.answer(request))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2}) + leak_check(catcher)


@case("token", "a redirect to another scheme")
def _(c):
    repo = Repo()
    hub = c.hub(lambda request: ("respond", 302, {"Location": "file:///etc/passwd"}, b"") if is_resolve(request) else repo.answer(request))
    result = c.run(["rate", "acme/tiny", "--format", "json"], env=c.hub_env(hub))
    problems = expect(result, {0, 2})
    if b"root:" in result.stdout:
        problems.append("followed a redirect to file://")
    return problems


@case("token", "a redirect to the same host on another port")
def _(c):
    catcher = c.hub(lambda request: ("respond", 404, {}, b""))
    repo = Repo()
    hub = c.hub(lambda request: ("respond", 307, {"Location": catcher.endpoint + request["target"]}, b"")
                if is_api(request, "revision") else repo.answer(request))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2}) + leak_check(catcher)


@case("token", "a redirect to the https origin of the same host")
def _(c):
    repo = Repo()
    hub = c.hub(lambda request: ("respond", 302, {"Location": "https://127.0.0.1:1" + request["target"]}, b"")
                if is_api(request, "revision") else repo.answer(request))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})


@case("token", "a redirect loop")
def _(c):
    hub = c.hub(lambda request: ("respond", 302, {"Location": request["target"]}, b""))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})


@case("token", "the token is sent to the endpoint itself")
def _(c):
    repo = Repo()
    hub = c.hub(repo.answer)
    problems = expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0})
    if not any(r["headers"].get("authorization") == f"Bearer {TOKEN}" for r in hub.requests):
        problems.append("the token was not sent to the configured endpoint")
    return problems


def retry_after(value):
    def case_function(c):
        hub = c.hub(lambda request: ("respond", 429, {"Retry-After": value}, b"slow down"))
        return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})
    return case_function


for value in ["inf", "1e308", "nan", "-1", "99999999999999999999999", "-inf", "0x10", "Wed, 21 Oct 2099 07:28:00 GMT", "1" * 400]:
    case("hub", f"Retry-After: {value[:30]}")(retry_after(value))


@case("hub", "RateLimit t=1e308")
def _(c):
    hub = c.hub(lambda request: ("respond", 429, {"RateLimit": '"api";r=0;t=1e308'}, b""))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})


@case("hub", "429 with Retry-After: 29 on every request")
def _(c):
    hub = c.hub(lambda request: ("respond", 429, {"Retry-After": "29"}, b"Too Many Requests"))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})


@case("hub", "503 with Retry-After: 29 on every request")
def _(c):
    hub = c.hub(lambda request: ("respond", 503, {"Retry-After": "29"}, b"Service Unavailable"))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})


@case("hub", "503 with Retry-After: 29 on every file")
def _(c):
    repo = Repo(files={"README.md": CARD, "config.json": CONFIG, "model.safetensors": safetensors(),
                       **{f"m{index}.py": b"x = 1\n" for index in range(30)}})
    hub = c.hub(lambda request: ("respond", 503, {"Retry-After": "29"}, b"") if is_resolve(request) else repo.answer(request))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2})


@case("hub", "a server that drips a byte a second")
def _(c):
    repo = Repo()
    hub = c.hub(lambda request: ("drip",) + repo.answer(request)[1:] + (1.0,))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})


@case("hub", "a server that drips every file")
def _(c):
    repo = Repo(files={"README.md": CARD, "config.json": CONFIG, "model.safetensors": safetensors(),
                       **{f"m{index}.py": b"x = 1\n" * 20 for index in range(30)}})

    def behaviour(request):
        answer = repo.answer(request)
        return ("drip",) + answer[1:] + (1.0,) if is_resolve(request) else answer
    hub = c.hub(behaviour)
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2})


@case("hub", "a server that stalls after its headers")
def _(c):
    hub = c.hub(lambda request: ("stall", 200, {"Content-Length": "1000"}))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})


@case("hub", "a server that stalls on every weight header")
def _(c):
    repo = Repo(files={"README.md": CARD, "config.json": CONFIG,
                       **{f"model-{index:05d}.safetensors": safetensors() for index in range(40)}})
    hub = c.hub(lambda request: ("stall", 206, {"Content-Length": "1000"}) if is_resolve(request) and "safetensors" in request["path"]
                else repo.answer(request))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2})


@case("hub", "a server that accepts and never answers")
def _(c):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    c.cleanup.append(listener.close)
    return expect(c.run(["rate", "acme/tiny"], env={"HF_ENDPOINT": f"http://127.0.0.1:{listener.getsockname()[1]}", "HF_TOKEN": TOKEN}), {2})


@case("hub", "an endless body")
def _(c):
    hub = c.hub(lambda request: ("endless", 200, {}))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})


@case("hub", "a lying Content-Length")
def _(c):
    repo = Repo()
    hub = c.hub(lambda request: ("respond", 200, {"Content-Length": "100000"}, repo.info()) if is_api(request, "revision") else repo.answer(request))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})


@case("hub", "10 MB of response headers")
def _(c):
    hub = c.hub(lambda request: ("raw", b"HTTP/1.1 200 OK\r\n" + b"X-Junk: " + b"a" * (10 << 20) + b"\r\n\r\n{}"))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})


@case("hub", "100,000 response header lines")
def _(c):
    hub = c.hub(lambda request: ("raw", b"HTTP/1.1 200 OK\r\n" + b"X-J: a\r\n" * 100_000 + b"\r\n{}"))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})


@case("hub", "not HTTP at all")
def _(c):
    hub = c.hub(lambda request: ("raw", b"\x00\xff" * 100_000))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})


def gzip_bomb(size):
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b" " * (1 << 24)
    return b"".join(compressor.compress(chunk) for _ in range(size >> 24)) + compressor.flush()


GZIP_BOMB = None


def bomb():
    global GZIP_BOMB
    if GZIP_BOMB is None:
        GZIP_BOMB = gzip_bomb(3 << 30)
    return GZIP_BOMB


@case("hub", "a gzip bomb as the model info")
def _(c):
    bomb()  # built before the server starts: a slow answer would be a timeout, not a bomb
    repo = Repo()
    hub = c.hub(lambda request: ("respond", 200, {"Content-Encoding": "gzip"}, bomb()) if is_api(request, "revision") else repo.answer(request))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})


@case("hub", "a gzip bomb as the tree")
def _(c):
    bomb()
    repo = Repo()
    hub = c.hub(lambda request: ("respond", 200, {"Content-Encoding": "gzip"}, bomb()) if is_api(request, "tree") else repo.answer(request))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})


@case("hub", "a gzip bomb as the README")
def _(c):
    bomb()
    repo = Repo()
    hub = c.hub(lambda request: ("respond", 200, {"Content-Encoding": "gzip"}, bomb()) if is_resolve(request, "README.md") else repo.answer(request))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2})


@case("hub", "a gzip bomb as a range answer")
def _(c):
    bomb()
    repo = Repo()
    hub = c.hub(lambda request: ("respond", 206, {"Content-Encoding": "gzip", "Content-Range": "bytes 0-100/100"}, bomb())
                if is_resolve(request, "model.safetensors") else repo.answer(request))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2})


@case("hub", "a gzip-encoded model info that is fine")
def _(c):
    repo = Repo()
    hub = c.hub(lambda request: ("respond", 200, {"Content-Encoding": "gzip"}, gzip.compress(repo.info())) if is_api(request, "revision")
                else repo.answer(request))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2})


@case("hub", "a range answered 200 with a 4 GB body")
def _(c):
    big = Repo(files={"README.md": CARD, "model.safetensors": safetensors()})
    tree = big.tree_items()
    for item in tree:
        if item["path"] == "model.safetensors":
            item["size"] = 1 << 40
            item["lfs"]["size"] = 1 << 40

    def behaviour(request):
        if is_api(request, "tree"):
            return ("respond", 200, {}, json.dumps(tree).encode())
        if is_resolve(request, "model.safetensors"):
            return ("endless", 200, {"Content-Length": str(4 << 30)})
        return big.answer(request)
    hub = c.hub(behaviour)
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2})


@case("hub", "a range answered 200 for a file listed at 2^64-1 bytes")
def _(c):
    big = Repo(files={"README.md": CARD, "model.safetensors": safetensors()})
    tree = big.tree_items()
    for item in tree:
        if item["path"] == "model.safetensors":
            item["size"] = (1 << 64) - 1

    def behaviour(request):
        if is_api(request, "tree"):
            return ("respond", 200, {}, json.dumps(tree).encode())
        if is_resolve(request, "model.safetensors"):
            return ("respond", 200, {}, safetensors())
        return big.answer(request)
    hub = c.hub(behaviour)
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2})


@case("hub", "a range answer of the wrong range")
def _(c):
    repo = Repo()
    hub = c.hub(lambda request: ("respond", 206, {"Content-Range": "bytes 5-10/100"}, b"x" * 6) if is_resolve(request, "model.safetensors")
                else repo.answer(request))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0})


@case("hub", "40 tree pages of 50 MB")
def _(c):
    page = (b"[" + b" " * (50 << 20) + b"]")

    def behaviour(request):
        if is_api(request, "tree"):
            cursor = int(request["query"].split("cursor=")[-1]) if "cursor=" in request["query"] else 0
            headers = {"Link": f"<{hub.endpoint}/api/models/acme/tiny/tree/{SHA}?recursive=true&cursor={cursor + 1}>; rel=\"next\""} if cursor < 39 else {}
            return ("respond", 200, headers, page)
        return Repo().answer(request)
    hub = c.hub(behaviour)
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2})


@case("hub", "10,000 tree pages of one file each")
def _(c):
    def behaviour(request):
        if is_api(request, "tree"):
            cursor = int(request["query"].split("cursor=")[-1]) if "cursor=" in request["query"] else 0
            item = [{"type": "file", "oid": "0" * 40, "size": 1, "path": f"f{cursor}.txt"}]
            return ("respond", 200, {"Link": f"<{hub.endpoint}/api/models/acme/tiny/tree/{SHA}?recursive=true&cursor={cursor + 1}>; rel=\"next\""},
                    json.dumps(item).encode())
        return Repo().answer(request)
    hub = c.hub(behaviour)
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2})


def paged_tree(c, count):
    """A Hub whose tree lists `count` small Markdown files, 1,000 a page, as the Hub pages a recursive tree."""
    files = {f"docs/{index // 1000}/n{index}.md": b"# n\n" for index in range(count)}
    repo = Repo(files=dict(files, **{"README.md": CARD}))
    items = repo.tree_items()
    pages = [json.dumps(items[start:start + 1000]).encode() for start in range(0, len(items), 1000)]

    def behaviour(request):
        if is_api(request, "tree"):
            cursor = int(request["query"].split("cursor=")[-1]) if "cursor=" in request["query"] else 0
            headers = {"Link": f"<{hub.endpoint}/api/models/acme/tiny/tree/{SHA}?recursive=true&cursor={cursor + 1}>; rel=\"next\""} \
                if cursor + 1 < len(pages) else {}
            return ("respond", 200, headers, pages[cursor])
        return repo.answer(request)
    hub = c.hub(behaviour)
    return hub


@case("hub", "a tree of 150,000 files")
def _(c):
    result = c.run(["rate", "acme/tiny"], env=c.hub_env(paged_tree(c, 150_000)))
    problems = expect(result, {0, 2})
    if result.status == 2 and b"files" not in result.stderr:
        problems.append(f"unclear refusal: {result.stderr!r}")
    return problems


@case("hub", "a tree of 90,000 small text files")
def _(c):
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(paged_tree(c, 90_000))), {0, 2})


@case("hub", "a tree of 5,000 weight shards")
def _(c):
    shard = safetensors()
    repo = Repo(files=dict({f"model-{index:05d}.safetensors": shard for index in range(5_000)}, **{"README.md": CARD}))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(c.hub(repo.answer))), {0, 2})


@case("hub", "a tree entry of 10 MB path")
def _(c):
    repo = Repo()

    def behaviour(request):
        if is_api(request, "tree"):
            return ("respond", 200, {}, json.dumps(repo.tree_items() + [{"type": "file", "oid": "0" * 40, "size": 1, "path": "a" * (10 << 20)}]).encode())
        return repo.answer(request)
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(c.hub(behaviour))), {0, 2})


def traversal(c, name):
    repo = Repo(files={"README.md": CARD, "config.json": CONFIG, name: b"x = 1\n"})
    hub = c.hub(repo.answer)
    result = c.run(["rate", "acme/tiny"], env=c.hub_env(hub))
    problems = expect(result, {0, 2})
    prefix = f"/acme/tiny/resolve/{SHA}/"
    strays = [r["target"] for r in hub.requests if not r["path"].startswith("/api/models/acme/tiny/") and not (
        r["path"].startswith(prefix) and ".." not in r["path"].split("/") and "%2e%2e" not in r["target"].lower())]
    if strays:
        problems.append(f"requested outside the repository: {strays[:3]}")
    return problems


for name in ["../../../tmp/x.py", "a/../../../../etc/x.py", "/etc/x.py", "./x.py", "a//b.py", "..\\..\\x.py", "a/%2e%2e/x.py", "a/\x00.py", "..", "a/."]:
    case("hub", f"a tree path {name!r}")(lambda c, name=name: traversal(c, name))


@case("terminal", "escape sequences in remote file names")
def _(c):
    repo = Repo(files={"README.md": CARD, "config.json": CONFIG, "\x1b[2J\x1b]0;x\x07evil.py": b"x = 1\n",
                       "x\nGrade  A    score 100\u2215100\n.py": b"y = 2\n"})
    result = c.run(["rate", "acme/tiny", "--verbose"], env=c.hub_env(c.hub(repo.answer)))
    return expect(result, {0}) + no_raw_controls(result)


@case("terminal", "escape sequences in a Hub error message")
def _(c):
    hub = c.hub(lambda request: ("respond", 500, {"X-Error-Message": "\x1b[2J\x1b]0;owned\x07boom"}, b"\x1b[31mfail"))
    result = c.run(["rate", "acme/tiny"], env=c.hub_env(hub, {"HF_HUB_DOWNLOAD_TIMEOUT": "2"}))
    return expect(result, {2}) + no_raw_controls(result)


@case("terminal", "escape sequences in the repository id of the model info")
def _(c):
    repo = Repo()
    info = json.loads(repo.info())
    info["id"] = "acme/\x1b[2Jtiny"
    hub = c.hub(lambda request: ("respond", 200, {}, json.dumps(info).encode()) if is_api(request, "revision") else repo.answer(request))
    result = c.run(["rate", "acme/tiny"], env=c.hub_env(hub))
    return expect(result, {0, 2}) + no_raw_controls(result)


@case("hub", "model info that is not JSON")
def _(c):
    hub = c.hub(lambda request: ("respond", 200, {}, b"<html>oops</html>"))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})


@case("hub", "model info nested 100,000 deep")
def _(c):
    hub = c.hub(lambda request: ("respond", 200, {}, b"[" * 100_000 + b"]" * 100_000))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})


@case("hub", "model info with a commit that is not hex")
def _(c):
    repo = Repo()
    info = json.loads(repo.info())
    info["sha"] = "../../../../../../etc/passwd/xxxxxxxxxxxx"
    hub = c.hub(lambda request: ("respond", 200, {}, json.dumps(info).encode()) if is_api(request, "revision") else repo.answer(request))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {2})


@case("hub", "a model info id that climbs out")
def _(c):
    repo = Repo()
    info = json.loads(repo.info())
    info["id"] = "../../etc"
    hub = c.hub(lambda request: ("respond", 200, {}, json.dumps(info).encode()) if is_api(request, "revision") else repo.answer(request))
    result = c.run(["rate", "acme/tiny"], env=c.hub_env(hub))
    problems = expect(result, {0, 2})
    strays = [r["target"] for r in hub.requests if "/etc" in r["path"] or ".." in r["path"]]
    if strays:
        problems.append(f"requested {strays[:2]}")
    return problems


@case("hub", "a file whose content does not match its digest")
def _(c):
    repo = Repo()
    hub = c.hub(lambda request: ("respond", 200, {}, b"---\nlicense: mit\n---\n# other\n") if is_resolve(request, "README.md") else repo.answer(request))
    result = c.run(["rate", "acme/tiny", "--format", "json"], env=c.hub_env(hub))
    problems = expect(result, {0})
    if b"does not match" not in result.stdout and b"the server sent" not in result.stdout:
        problems.append("a file that does not match its git blob id was used without a problem")
    return problems


@case("hub", "a connection that dies mid-body")
def _(c):
    repo = Repo()
    hub = c.hub(lambda request: ("raw", b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nabc") if is_resolve(request) else repo.answer(request))
    return expect(c.run(["rate", "acme/tiny"], env=c.hub_env(hub)), {0, 2})


@case("hub", "a connection refused")
def _(c):
    return expect(c.run(["rate", "acme/tiny"], env={"HF_ENDPOINT": "http://127.0.0.1:9", "HF_TOKEN": TOKEN}), {2})


# --- ModelScope -------------------------------------------------------------------------------------------------

@case("hub", "ModelScope: Retry-After inf")
def _(c):
    hub = c.hub(lambda request: ("respond", 429, {"Retry-After": "inf"}, b""))
    return expect(c.run(["rate", "ms://acme/tiny"], env={"MODELSCOPE_ENDPOINT": hub.endpoint}), {2})


@case("token", "ModelScope: a redirect to a look-alike origin")
def _(c):
    port, other = free_prefix_ports()
    catcher = c.hub(lambda request: ("respond", 404, {}, b""), port=other)
    hub = c.hub(lambda request: ("respond", 302, {"Location": f"http://127.0.0.1:{other}" + request["target"]}, b""), port=port)
    result = c.run(["rate", "ms://acme/tiny"], env={"MODELSCOPE_ENDPOINT": hub.endpoint, "MODELSCOPE_API_TOKEN": TOKEN})
    return expect(result, {2}) + leak_check(catcher)


# ---------------------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "trustmark"))
    parser.add_argument("--only", action="append", default=[])
    parser.add_argument("--start", type=int, default=0, help="skip the first N selected cases (to resume a run)")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"no binary at {binary}: swift build -c release")
    # A copy, so that a rebuild while the battery runs does not change the binary under test.
    copy_folder = tempfile.mkdtemp(prefix="tm-hostile-bin-")
    shutil.copy2(binary, os.path.join(copy_folder, "trustmark"))
    for library in os.listdir(os.path.dirname(binary)):  # earlier builds loaded libTrustmarkHTTP.so from beside the binary
        if library.startswith("lib") and library.endswith(".so"):
            shutil.copy2(os.path.join(os.path.dirname(binary), library), copy_folder)
    binary = os.path.join(copy_folder, "trustmark")
    selected = [(g, n, f) for g, n, f in CASES if not arguments.only or any(o in n or o == g for o in arguments.only)]
    selected = selected[arguments.start:]
    failures, slowest, heaviest = [], (0, ""), (0, "")
    started = time.monotonic()
    for group, name, function in selected:
        work = tempfile.mkdtemp(prefix="tm-hostile-")
        os.chmod(work, 0o755)
        context = Context(binary, work)
        results = []
        original = context.run

        def recording(*args, **kwargs):
            result = original(*args, **kwargs)
            results.append(result)
            return result
        context.run = recording
        try:
            problems = function(context)
        except Exception as error:  # a battery bug, not a Trustmark result
            problems = [f"battery error: {error!r}"]
        finally:
            for stop in context.cleanup:
                try:
                    stop()
                except Exception:
                    pass
        for result in results:
            if result.timed_out or result.wall > TIME_LIMIT:
                problems.append(f"ran {result.wall:.1f} s (limit {TIME_LIMIT:.0f} s)")
            if result.rss_kb > MEMORY_LIMIT_KB:
                problems.append(f"peak memory {result.rss_kb / 1024:.0f} MiB (limit 512 MiB)")
            if result.signal is not None and not result.timed_out:
                problems.append(f"killed by signal {result.signal} (a crash)")
        wall = max((r.wall for r in results), default=0)
        rss = max((r.rss_kb for r in results), default=0)
        slowest = max(slowest, (wall, name))
        heaviest = max(heaviest, (rss, name))
        verdict = "FAIL" if problems else "ok  "
        print(f"{verdict} [{group}] {name}  ({wall:.2f} s, {rss / 1024:.0f} MiB)")
        for problem in problems:
            print(f"       - {problem}")
        if arguments.verbose and results:
            print("       stderr:", results[-1].stderr[:400])
        if problems:
            failures.append(name)
        if not arguments.keep:
            subprocess.run(["chmod", "-R", "u+rwx", work], stderr=subprocess.DEVNULL)
            shutil.rmtree(work, ignore_errors=True)
    print(f"\n{len(selected) - len(failures)}/{len(selected)} cases held in {time.monotonic() - started:.0f} s; "
          f"slowest {slowest[0]:.2f} s ({slowest[1]}); peak memory {heaviest[0] / 1024:.0f} MiB ({heaviest[1]})")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
