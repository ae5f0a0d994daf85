"""The composition root: reads Settings once, wires the parts, and runs a subcommand."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot import __version__

if TYPE_CHECKING:
    from bot.practice import PracticeService
    from bot.settings import Settings

log = logging.getLogger(__name__)

EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="peer-practice",
        description="Practise peer support with a simulated client, and get feedback.",
    )
    p.add_argument("--version", action="version", version=f"peer-practice {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    chat = sub.add_parser("chat", help="practise in the terminal")
    chat.add_argument("--persona", help="persona id (a list is shown when omitted)")
    chat.add_argument("--trainee", help="your name, to keep your sessions apart (default: $USER)")
    chat.add_argument("--new", action="store_true", help="start afresh instead of resuming")
    chat.add_argument("--jsonl", action="store_true", help="print one JSON object per event")

    personas = sub.add_parser("personas", help="persona files")
    psub = personas.add_subparsers(dest="personas_command", metavar="ACTION")
    check = psub.add_parser("check", help="validate persona YAML files")
    check.add_argument("directory", nargs="?", type=Path, help="default: PERSONAS_DIR")

    rubric = sub.add_parser("rubric", help="score or evaluate trainee messages")
    rsub = rubric.add_subparsers(dest="rubric_command", metavar="ACTION")
    score = rsub.add_parser("score", help="JSON Lines in, one scored JSON line out per input")
    score.add_argument("file", nargs="?", default="-", help="input file, or - for stdin")
    ev = rsub.add_parser("eval", help="compare with the labels in a JSON Lines file")
    ev.add_argument("file", type=Path)
    ev.add_argument("--json", action="store_true", help="print JSON instead of a table")

    db = sub.add_parser("db", help="database")
    dsub = db.add_subparsers(dest="db_command", metavar="ACTION")
    dsub.add_parser("upgrade", help="apply database migrations")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if args.command == "rubric" and args.rubric_command:
        return _rubric(args)
    settings = _settings()
    if settings is None:
        return EXIT_USAGE
    from bot.logging_setup import configure_logging

    configure_logging(settings.log_level, _secrets(settings))
    try:
        if args.command == "chat":
            return _chat(settings, args)
        if args.command == "personas" and args.personas_command == "check":
            return _personas_check(args.directory or settings.personas_dir)
        if args.command == "db" and args.db_command == "upgrade":
            return _db_upgrade(settings)
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    parser.parse_args([args.command, "--help"])
    return EXIT_USAGE


def _settings() -> Settings | None:
    from pydantic import ValidationError

    from bot.settings import Settings, describe_settings_error

    try:
        return Settings()
    except ValidationError as exc:
        print(describe_settings_error(exc), file=sys.stderr)
        return None


def _secrets(settings: Settings) -> list[str]:
    values = [settings.telegram_bot_token, settings.openai_api_key]
    return [v.get_secret_value() for v in values if v is not None]


def _personas_check(directory: Path) -> int:
    from bot.personas import check_report, load_catalog

    text, code = check_report(load_catalog(directory))
    print(text, file=sys.stdout if code == 0 else sys.stderr)
    return code


def _db_upgrade(settings: Settings) -> int:
    from bot.storage.db import DatabaseError, safe_url, upgrade_sync

    try:
        upgrade_sync(settings.database_url)
    except DatabaseError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Database is up to date: {safe_url(settings.database_url)}")
    return 0


def _rubric(args: argparse.Namespace) -> int:
    from bot.rubric_cli import run_eval, run_score

    if args.rubric_command == "eval":
        return run_eval(args.file, as_json=args.json, out=sys.stdout, err=sys.stderr)
    if args.file == "-":
        return run_score(sys.stdin, sys.stdout, sys.stderr)
    try:
        with open(args.file, encoding="utf-8") as fh:
            return run_score(fh, sys.stdout, sys.stderr)
    except OSError as exc:
        print(f"Cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE


def build_service(settings: Settings) -> PracticeService:
    """Wire storage, personas, engine and judge; migrations must already be applied."""
    from bot.client.scripted import ScriptedEngine
    from bot.personas import load_catalog
    from bot.practice import PracticeService
    from bot.storage import Database
    from rubric.rules import RuleJudge

    catalog = load_catalog(settings.personas_dir)
    for problem in catalog.problems:
        log.warning("persona problem: %s", problem)
    return PracticeService(
        db=Database(settings.database_url),
        catalog=catalog,
        engine=ScriptedEngine(),
        judge=RuleJudge(),
        max_message_chars=settings.max_message_chars,
    )


def _chat(settings: Settings, args: argparse.Namespace) -> int:
    from bot.console import Console, choose_persona, interactive_lines, stdin_lines
    from bot.practice import PracticeError
    from bot.storage.db import DatabaseError, upgrade_sync

    out: TextIO = sys.stdout
    interactive = sys.stdin.isatty() and not args.jsonl
    trainee = "console:" + (args.trainee or os.environ.get("USER") or _user() or "local")[:100]
    try:
        upgrade_sync(settings.database_url)
    except DatabaseError as exc:
        return _fail(out, args.jsonl, "database", str(exc), 1)
    service = build_service(settings)
    if not service.personas():
        problems = "\n".join(str(p) for p in service.catalog.problems)
        return _fail(out, args.jsonl, "no_personas", f"No usable personas.\n{problems}", 1)
    with asyncio.Runner() as runner:
        try:
            console = Console(
                service, runner, trainee, out, jsonl=args.jsonl, interactive=interactive
            )
            view = runner.run(service.current(trainee)) if not args.new else None
            if view is not None and args.persona and args.persona != view.persona.id:
                view = None
            if view is None:
                persona_id = args.persona
                if persona_id is None:
                    if not interactive:
                        ids = ", ".join(p.id for p in service.personas())
                        return _fail(
                            out,
                            args.jsonl,
                            "no_persona",
                            f"Choose a client with --persona ID ({ids}).",
                            EXIT_USAGE,
                        )
                    persona_id = choose_persona(service, out, sys.stdin)
                    if persona_id is None:
                        return 0
                view = runner.run(service.start(trainee, persona_id))
            console.show_session(view)
            lines = interactive_lines(out) if interactive else stdin_lines()
            return console.loop(lines)
        except PracticeError as exc:
            return _fail(out, args.jsonl, exc.code, str(exc), EXIT_USAGE)
        except KeyboardInterrupt:
            console.emit({"type": "saved", "message": "interrupted"}, "\n" + _saved())
            return 130
        finally:
            runner.run(service.db.dispose())


def _saved() -> str:
    from bot import texts

    return texts.SESSION_SAVED


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _fail(out: TextIO, jsonl: bool, code: str, message: str, exit_code: int) -> int:
    if jsonl:
        import json

        out.write(json.dumps({"type": "error", "code": code, "message": message}) + "\n")
    else:
        print(message, file=sys.stderr)
    return exit_code
