"""The `recirc` command: demo, serve, migrate, createadmin, seed, check, valuation, and Django's own commands."""

from __future__ import annotations

import argparse
import os
import sys


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recirc.config.settings")
    import django

    django.setup()


def _call(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


def _serve(host: str, port: int, workers: int) -> None:
    from django.conf import settings

    print(f"Recirc is serving on http://{host}:{port}/  (Ctrl+C stops it)", flush=True)
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    argv = [gunicorn, "recirc.config.wsgi:application", "--bind", f"{host}:{port}", "--workers", str(workers),
            "--access-logfile", "-" if settings.DEBUG else os.devnull]
    os.execv(gunicorn, argv)  # noqa: S606  (replaces this process with the server)


def _valuation_args(options: argparse.Namespace) -> list[str]:
    """`recirc valuation <train|import|models>` -> the valuation_* management command and its options."""
    if options.valuation_command == "train":
        return ["valuation_train", "--category", options.category, "--notes", options.notes,
                *(["--quick"] if options.quick else []), *(["--activate"] if options.activate else [])]
    if options.valuation_command == "import":
        return ["valuation_import", options.file]
    return ["valuation_models", *(["--category", options.category] if options.category else [])]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="recirc", description="Recirc: second-hand goods circulation platform")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="migrate, load the demo pilot city if the database is empty, and serve it")
    serve = sub.add_parser("serve", help="serve the web application")
    for command in (demo, serve):
        command.add_argument("--host", default="127.0.0.1")
        command.add_argument("--port", type=int, default=8000)
        command.add_argument("--workers", type=int, default=2)
    demo.add_argument("--scale", type=float, default=1.0, help="size of the demo city (1 = default)")
    demo.add_argument("--no-serve", action="store_true", help="load the demo city but do not serve it")
    sub.add_parser("migrate", help="apply database migrations")
    sub.add_parser("createadmin", help="create a platform administrator interactively")
    seed = sub.add_parser("seed", help="load a deterministic demo pilot city")
    seed.add_argument("--scale", type=float, default=1.0, help="1 = about 46 operators and 3,000 items")
    seed.add_argument("--seed", type=int, default=2024, help="random seed (same seed, same city)")
    sub.add_parser("check", help="check the configuration (add --deploy for production checks)").add_argument(
        "--deploy", action="store_true")
    tac = sub.add_parser("import-tac", help="import a TAC database (Osmocom CSV) for IMEI identification")
    tac.add_argument("file", help="path to the CSV file (line 1 banner, line 2 header)")
    register = sub.add_parser("register", help="the acquisition register")
    register.add_argument("action", choices=["verify"], help="verify: check every outlet's hash chain")
    register.add_argument("--outlet", type=int, help="only this outlet's chain")
    valuation = sub.add_parser("valuation", help="price evaluation: train a model, import past prices, list models")
    valuation_sub = valuation.add_subparsers(dest="valuation_command", required=True)
    train = valuation_sub.add_parser("train", help="train a category's price model on its past prices")
    train.add_argument("--category", required=True, help="category code, e.g. mobile-phones")
    train.add_argument("--quick", action="store_true", help="a smaller hyper-parameter search (seconds)")
    train.add_argument("--activate", action="store_true", help="activate even if it does not beat the active one")
    train.add_argument("--notes", default="", help="kept with the registry entry")
    valuation_sub.add_parser("import", help="import past prices from CSV or XLSX").add_argument("file")
    valuation_sub.add_parser("models", help="list the model registry").add_argument("--category")
    sub.add_parser("worker", help="run background jobs (Celery worker with the periodic schedule)")
    manage = sub.add_parser("manage", help="run any Django management command")
    manage.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args(argv)
    _django()
    if options.command in {"demo", "migrate", "seed"}:
        _call("migrate", "--no-input", "-v", "0")
    if options.command == "demo":
        _call("demo_city", "--scale", str(options.scale), "--if-empty")
        if not options.no_serve:
            _serve(options.host, options.port, options.workers)
    elif options.command == "serve":
        _serve(options.host, options.port, options.workers)
    elif options.command == "createadmin":
        _call("createadmin")
    elif options.command == "seed":
        _call("demo_city", "--scale", str(options.scale), "--seed", str(options.seed))
    elif options.command == "check":
        _call("check", *(["--deploy"] if options.deploy else []))
    elif options.command == "import-tac":
        _call("import_tac", options.file)
    elif options.command == "register":
        _call("register_verify", *(["--outlet", str(options.outlet)] if options.outlet else []))
    elif options.command == "valuation":
        from django.core.management import CommandError

        try:
            _call(*_valuation_args(options))
        except CommandError as error:
            sys.exit(f"recirc valuation {options.valuation_command}: {error}")
    elif options.command == "worker":
        from recirc.config.celery import app

        app.worker_main(["worker", "--beat", "--loglevel", "INFO", "--concurrency", "2"])
    elif options.command == "manage":
        from django.core.management import execute_from_command_line

        execute_from_command_line(["recirc", *options.args])


if __name__ == "__main__":
    main()
