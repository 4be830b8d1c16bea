#!/usr/bin/env python3
"""A retraining worker for driftwatch's queue, in Python with psycopg 3, using the shipped SQL.

It claims one task at a time (sql/queries/queue/claim.postgresql.sql), keeps the lease alive from a
heartbeat thread while it retrains, then completes or fails the task. Every write presents the lease
token; an update count other than 1 means the lease was lost (the task was handed to another worker
after this one stalled), and the worker drops the task without writing anything else.

    pip install "psycopg[binary]>=3.1"
    DATABASE_URL=postgresql://driftwatch@db.internal/features python3 examples/python/poller.py

See docs/queue-protocol.md for the protocol.
"""

import json
import os
import random
import signal
import socket
import threading
import time
from pathlib import Path

import psycopg
from psycopg.rows import dict_row

SQL_DIR = Path(os.environ.get("DRIFTWATCH_QUEUE_SQL",
                              Path(__file__).resolve().parents[2] / "sql" / "queries" / "queue"))
LEASE_SECONDS = 300          # a task is handed on when no heartbeat came for this long
HEARTBEAT_SECONDS = 60       # well within the lease: a few missed beats are survivable
POLL_SECONDS = 5             # idle wait when nothing is available
INITIAL_DELAY, MAX_DELAY, JITTER = 60.0, 3600.0, 0.1   # the Java client's RetryPolicy.DEFAULT


def load(name):
    """One shipped statement, without its comment lines (psycopg would parse %(...)s in comments too)."""
    lines = (SQL_DIR / name).read_text().splitlines()
    return "\n".join(l for l in lines if not l.strip().startswith("--")).strip().rstrip(";")


CLAIM = load("claim.postgresql.sql")
HEARTBEAT = load("heartbeat.sql")
COMPLETE = load("complete.sql")
FAIL = load("fail.postgresql.sql")     # returns the state it left the task in
RELEASE = load("release.sql")
REAP = [load("reap_expired.sql"), load("reap_exhausted.sql")]


class LeaseLost(Exception):
    """A fenced write changed nothing: this worker no longer holds the task. Stop; do not retry."""


def fenced(conn, sql, params, what):
    """Runs a fenced write; its update count must be exactly 1. Returns the row fail returns, else None."""
    with conn.cursor() as cur:
        cur.execute(sql, params)
        if cur.rowcount != 1:
            raise LeaseLost(f"{what} of retraining task {params['id']} changed nothing "
                            f"(update count {cur.rowcount}): the lease was lost")
        return cur.fetchone() if cur.description else None


def retry_delay(attempt):
    """min(MAX_DELAY, INITIAL_DELAY * 2^(attempt-1)) * (1 + JITTER * u), u uniform in [-1, 1)."""
    nominal = min(MAX_DELAY, INITIAL_DELAY * 2 ** (attempt - 1))
    return nominal * (1 + JITTER * random.uniform(-1, 1))


class Heartbeat(threading.Thread):
    """Extends the lease every HEARTBEAT_SECONDS on its own connection; sets `lost` when refused."""

    def __init__(self, dsn, task):
        super().__init__(daemon=True)
        self.dsn, self.task = dsn, task
        self.stop, self.lost = threading.Event(), threading.Event()

    def run(self):
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            while not self.stop.wait(HEARTBEAT_SECONDS):
                try:
                    fenced(conn, HEARTBEAT, {"id": self.task["id"], "lease_token": self.task["lease_token"],
                                             "lease_seconds": LEASE_SECONDS}, "heartbeat")
                except LeaseLost as e:
                    print(e, flush=True)
                    self.lost.set()
                    return
                except psycopg.OperationalError as e:   # a blip: the next beat may get through
                    print(f"heartbeat of task {self.task['id']} failed: {e}", flush=True)


def retrain(task, lost):
    """Your pipeline goes here. Check `lost` between steps and stop when it is set."""
    evidence = json.loads(task["evidence"])
    print(f"retraining {task['model']} (task {task['id']}, attempt {task['attempts']} of "
          f"{task['max_attempts']}): {task['reason']}; evidence keys {sorted(evidence)}", flush=True)
    for _ in range(3):
        if lost.is_set():
            raise LeaseLost(f"task {task['id']} was handed on while retraining")
        time.sleep(1)


def work_on(conn, dsn, task):
    """Runs one claimed task to its end; returns False when the worker is shutting down."""
    ids = {"id": task["id"], "lease_token": task["lease_token"]}
    beat = Heartbeat(dsn, task)
    beat.start()
    running = True
    try:
        retrain(task, beat.lost)
        write = (COMPLETE, ids, "complete")
    except LeaseLost as e:
        print(e, flush=True)
        return True
    except KeyboardInterrupt:   # shutting down: give the task back without using up an attempt
        write, running = (RELEASE, {**ids, "delay_seconds": 0}, "release"), False
    except Exception as e:      # noqa: BLE001 - any failure of the pipeline is the task's failure
        write = (FAIL, {**ids, "error": f"{type(e).__name__}: {e}", "retryable": True,
                        "retry_delay_seconds": retry_delay(task["attempts"])}, "fail")
    finally:
        beat.stop.set()
        beat.join()
    try:
        left = fenced(conn, *write)
        state = f" -> {left['status']}" if left else ""    # fail says RETRYABLE (retried later) or FAILED
        print(f"{write[2]}: task {task['id']}{state}", flush=True)
    except LeaseLost as e:
        print(e, flush=True)
    return running


def main():
    dsn = os.environ["DATABASE_URL"]
    worker = f"{socket.gethostname()}/{os.getpid()}"
    signal.signal(signal.SIGTERM, signal.default_int_handler)   # SIGTERM releases like Ctrl-C
    with psycopg.connect(dsn, autocommit=True, row_factory=dict_row) as conn:
        while True:
            with conn.cursor() as cur:
                for statement in REAP:           # any worker may run the reaper; it is idempotent
                    cur.execute(statement)
                cur.execute(CLAIM, {"limit": 1, "worker": worker, "lease_seconds": LEASE_SECONDS})
                tasks = cur.fetchall()
            if not tasks:
                time.sleep(POLL_SECONDS)
                continue
            for task in tasks:
                if not work_on(conn, dsn, task):
                    return


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
