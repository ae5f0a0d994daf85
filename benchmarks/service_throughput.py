"""Exchanges per second through PracticeService on a real database (offline engine and judge).

    .venv/bin/python benchmarks/service_throughput.py [--trainees 50] [--exchanges 10]
        [--database-url sqlite+aiosqlite:///PATH | postgresql+asyncpg://...]

Prints the per-exchange latency (p50, p99) and throughput with N trainees in parallel, each
running one session. A fresh temporary SQLite database is used unless a URL is given.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bot.client.scripted import ScriptedEngine
from bot.personas import load_catalog
from bot.practice import PracticeService
from bot.settings import default_personas_dir
from bot.storage import Database
from bot.storage.db import upgrade
from rubric.rules import RuleJudge

MESSAGES = [
    "What would you like to talk about today?",
    "You need to call your caseworker tomorrow.",
    "It's your call. What would you want to say to the landlord?",
    "That sounds hard.",
    "Would it help to go over your options together, or would you rather start elsewhere?",
    "Why don't you just apply for the programme?",
]


async def trainee(service: PracticeService, key: str, persona: str, n: int) -> list[float]:
    await service.start(key, persona)
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        await service.exchange(key, MESSAGES[i % len(MESSAGES)])
        times.append(time.perf_counter() - t0)
    await service.end(key)
    return times


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trainees", type=int, default=50)
    ap.add_argument("--exchanges", type=int, default=10)
    ap.add_argument("--database-url")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        await upgrade(url)
        db = Database(url)
        catalog = load_catalog(default_personas_dir())
        service = PracticeService(
            db=db, catalog=catalog, engine=ScriptedEngine(), judge=RuleJudge()
        )
        ids = [p.id for p in catalog]
        t0 = time.perf_counter()
        results = await asyncio.gather(
            *(
                trainee(service, f"bench:{i}:{time.time_ns()}", ids[i % len(ids)], args.exchanges)
                for i in range(args.trainees)
            )
        )
        wall = time.perf_counter() - t0
        await db.dispose()
    lat = sorted(x for r in results for x in r)
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
    print(f"database      {url.split('://')[0]}")
    print(f"trainees      {args.trainees} in parallel, {args.exchanges} exchanges each")
    print(f"exchanges/s   {len(lat) / wall:.0f}  (including session start and end)")
    print(f"latency p50   {statistics.median(lat) * 1000:.1f} ms")
    print(f"latency p99   {p99 * 1000:.1f} ms")


if __name__ == "__main__":
    asyncio.run(main())
