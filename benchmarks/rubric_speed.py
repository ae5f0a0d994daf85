"""How fast the offline RuleJudge is, per message, on short and very long trainee messages.

    .venv/bin/python benchmarks/rubric_speed.py [--rounds 2000]

Prints microseconds per judgement (median and p99) for typical messages and for a message at
the 4,096-character limit, and the peak memory the judging took (tracemalloc).
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc

from rubric import Exchange
from rubric.rules import RuleJudge

TYPICAL = [
    "What would you like to focus on today?",
    "You need to go to a meeting every day. What do you think?",
    "It's your decision. What would you want to tell your landlord?",
    "I'll call your caseworker and sort it out for you.",
    "That sounds exhausting, a whole week of that.",
    "Honestly you should take the flat, it beats a shelter. But what's your gut saying?",
    "You're allowed to ask for a second opinion, and you can say no to a dose change.",
    "How many times did she call you last week?",
]


def _time(judge: RuleJudge, exchanges: list[Exchange], rounds: int) -> list[float]:
    timings = []
    for i in range(rounds):
        exchange = exchanges[i % len(exchanges)]
        start = time.perf_counter_ns()
        judge.judge(exchange)
        timings.append((time.perf_counter_ns() - start) / 1000)
    return timings


def _report(label: str, timings: list[float]) -> None:
    timings.sort()
    p99 = timings[int(len(timings) * 0.99) - 1]
    print(
        f"{label:<28} median {statistics.median(timings):8.1f} µs   p99 {p99:8.1f} µs"
        f"   ({len(timings)} judgements)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2000)
    args = parser.parse_args()
    judge = RuleJudge()
    client = "My sister keeps saying I should be in rehab already."
    typical = [Exchange(t, client) for t in TYPICAL]
    sentence = "You need to listen to me and what would you like to do about it? "
    longest = [Exchange((sentence * 100)[:4096], client)]
    words = [Exchange(("you what would you need to " * 200)[:4096] + "?", client)]
    _time(judge, typical, 200)  # warm the regex caches
    _report("typical message", _time(judge, typical, args.rounds))
    _report("4,096 chars, many sentences", _time(judge, longest, max(args.rounds // 10, 20)))
    _report("4,096 chars, one sentence", _time(judge, words, max(args.rounds // 10, 20)))
    tracemalloc.start()
    _time(judge, typical + longest + words, 50)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory while judging: {peak / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
