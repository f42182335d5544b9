"""A real Celery worker process, fed through Redis, changing rows in PostgreSQL.

Everything else in the suite calls task functions directly (or eagerly in the embedded mode);
this module proves the production wiring end to end: ``celery -A worker`` builds the app from
``PORTAL_*`` variables, a prefork child disposes the inherited engines and opens its own
connection, a task sent by name through Redis runs inside the app context and its service
commits. The worker listens on a queue of its own, so no other worker or test takes its task.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest
import redis
from celery import Celery
from flask import Flask
from sqlalchemy import select

from portal.access import Role
from portal.extensions import db
from tests.conftest import TEST_DATABASE_URL, TEST_REDIS_URL

pytestmark = [
    pytest.mark.realworker,
    pytest.mark.skipif(
        not (TEST_DATABASE_URL and TEST_REDIS_URL),
        reason="PORTAL_TEST_DATABASE_URL and PORTAL_TEST_REDIS_URL are not both set: "
        "the real Celery worker test needs PostgreSQL and Redis",
    ),
]

REPO_ROOT = Path(__file__).resolve().parents[1]
PURGE_TASK = "portal.accounts.tasks.purge_expired_sessions"
READY_TIMEOUT = 90.0
EFFECT_TIMEOUT = 60.0


def wait_for(
    condition: Callable[[], bool], timeout: float, what: str, interval: float = 0.2
) -> None:
    """Poll ``condition`` until it holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


class WorkerProcess:
    """``celery -A worker worker`` in a subprocess, with its output kept for failure reports."""

    def __init__(self, queue: str, instance: Path, log_path: Path) -> None:
        self.queue = queue
        self.node = f"{queue}@portal-tests"
        self.log_path = log_path
        env = {key: value for key, value in os.environ.items() if not key.startswith("PORTAL_")}
        env.update(
            PORTAL_DATABASE_URL=TEST_DATABASE_URL,
            PORTAL_REDIS_URL=TEST_REDIS_URL,
            PORTAL_SECRET_KEY="real-worker-test-secret",
            PORTAL_INSTANCE_PATH=str(instance),
            PYTHONUNBUFFERED="1",
        )
        self._log: IO[bytes] = log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "worker",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "--queues",
                queue,
                "--hostname",
                self.node,
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its prefork children share a process group we can end
        )

    def output(self) -> str:
        self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-6000:]

    def wait_until_ready(self, control: Celery) -> None:
        def answers_ping() -> bool:
            if self.process.poll() is not None:
                pytest.fail(f"the worker exited early:\n{self.output()}")
            return bool(control.control.ping(destination=[self.node], timeout=0.5))

        wait_for(answers_ping, READY_TIMEOUT, f"worker {self.node} to answer a ping")

    def stop(self) -> int | None:
        """Warm shutdown (SIGTERM: finish the current task, then exit); kill if it hangs."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._log.close()
        return self.process.returncode


@pytest.fixture
def control() -> Iterator[Celery]:
    """A bare Celery client on the test Redis, for pings; not the app under test."""
    client = Celery("real-worker-control", broker=TEST_REDIS_URL, set_as_current=False)
    try:
        yield client
    finally:
        client.close()


def test_a_real_worker_purges_expired_sessions_through_redis(
    app: Flask, control: Celery, tmp_path: Path
) -> None:
    from portal.accounts.models import AuthSession, hash_session_token
    from portal.accounts.services import create_user
    from portal.models import utcnow

    now = utcnow()
    idle = dt.timedelta(seconds=int(app.config["AUTH_SESSION_IDLE_SECONDS"]))
    user = create_user(
        db.session,
        email="tran.thi.binh@example.vn",
        password="Mật-khẩu-thử-2025!",
        role=Role.WORKER,
        full_name="Trần Thị Bình",
    )
    expired_id = hash_session_token("expired-" + uuid.uuid4().hex)
    revoked_id = hash_session_token("revoked-" + uuid.uuid4().hex)
    fresh_id = hash_session_token("fresh-" + uuid.uuid4().hex)
    db.session.add_all(
        [
            AuthSession(
                id=expired_id,
                user_id=user.id,
                created_at=now - idle - dt.timedelta(hours=2),
                last_seen_at=now - idle - dt.timedelta(hours=1),
            ),
            AuthSession(
                id=revoked_id,
                user_id=user.id,
                created_at=now,
                last_seen_at=now,
                revoked_at=now,
            ),
            AuthSession(id=fresh_id, user_id=user.id, created_at=now, last_seen_at=now),
        ]
    )
    db.session.commit()

    def remaining() -> set[str]:
        db.session.rollback()  # a fresh snapshot: the worker commits in its own connection
        return set(db.session.scalars(select(AuthSession.id)))

    assert remaining() == {expired_id, revoked_id, fresh_id}

    queue = "realworker-" + uuid.uuid4().hex[:12]
    worker = WorkerProcess(queue, tmp_path / "worker-instance", tmp_path / "worker.log")
    exit_code = None
    try:
        worker.wait_until_ready(control)
        publisher: Celery = app.extensions["celery"]
        assert publisher.conf.task_always_eager is False  # really through the broker
        publisher.send_task(PURGE_TASK, queue=queue)

        wait_for(
            lambda: remaining() == {fresh_id},
            EFFECT_TIMEOUT,
            "the worker to delete the expired and revoked sessions",
        )
    except BaseException:
        print(worker.output())  # shown by pytest with the failure
        raise
    finally:
        exit_code = worker.stop()
        with redis.Redis.from_url(TEST_REDIS_URL) as broker:  # leave no queue behind
            broker.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")

    assert remaining() == {fresh_id}  # the fresh session survives the purge
    log = worker.log_path.read_text(encoding="utf-8", errors="replace")
    assert PURGE_TASK in log and "succeeded" in log, log[-3000:]
    assert exit_code == 0, log[-3000:]
