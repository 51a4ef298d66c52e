"""Tiny check recorder shared by the Python conformance programs.

Every check prints one JSON line {"check", "ok", "detail"}; the runner (conformance.test.ts) reads
them. The process exits 1 when any check failed, so the program also works on its own.
"""
import json
import os
import sys
import time
import traceback


def env(name):
    value = os.environ.get(name)
    if not value:
        print(json.dumps({"check": "env:" + name, "ok": False, "detail": name + " is not set"}), flush=True)
        sys.exit(2)
    return value


def error_code(err):
    for attr in ("code", "error_code"):
        v = getattr(err, attr, None)
        if isinstance(v, str) and v:
            return v
    getter = getattr(err, "get_error_code", None)
    if callable(getter):
        return getter()
    return type(err).__name__


def error_status(err):
    getter = getattr(err, "get_http_status", None)
    if callable(getter):
        return getter()
    data = getattr(err, "data", None)
    if isinstance(data, dict):
        return data.get("httpCode")
    return None


class Checks:
    def __init__(self):
        self.failed = []
        self.last = time.monotonic()

    def record(self, name, ok, detail=""):
        now = time.monotonic()
        ms = int((now - self.last) * 1000)
        self.last = now
        print(json.dumps({"check": name, "ok": bool(ok), "detail": str(detail)[:2000], "ms": ms}), flush=True)
        if not ok:
            self.failed.append(name)

    def run(self, name, fn):
        """fn returns None/True on success or a string describing the mismatch."""
        try:
            result = fn()
        except Exception as err:  # the SDK's own exception types differ per package
            self.record(name, False, "%s: %s\n%s" % (error_code(err), err, traceback.format_exc(limit=4)))
            return
        if result is None or result is True:
            self.record(name, True)
        else:
            self.record(name, False, result)

    def expect_error(self, name, fn, codes, status=None):
        """The call must fail with one of `codes` (and the HTTP status, when given)."""
        codes = [codes] if isinstance(codes, str) else list(codes)
        try:
            fn()
        except Exception as err:
            code = error_code(err)
            got_status = error_status(err)
            ok = code in codes and (status is None or got_status == status)
            self.record(name, ok, "got %s (HTTP %s): %s; expected %s%s" % (
                code, got_status, str(err)[:300], " or ".join(codes), "" if status is None else " HTTP %s" % status))
            return
        self.record(name, False, "the call succeeded; expected %s" % " or ".join(codes))

    def expect_failure(self, name, fn, must_mention):
        """The call must fail (client-side, e.g. TLS) with a message containing one of the words."""
        try:
            fn()
        except Exception as err:
            text = "%s %s" % (type(err).__name__, err)
            ok = any(w.lower() in text.lower() for w in must_mention)
            self.record(name, ok, text[:500])
            return
        self.record(name, False, "the call succeeded; expected a failure mentioning %s" % " or ".join(must_mention))

    def output(self, **values):
        print(json.dumps({"output": values}), flush=True)

    def finish(self):
        if self.failed:
            print("FAILED: " + ", ".join(self.failed), file=sys.stderr, flush=True)
            sys.exit(1)
        sys.exit(0)
