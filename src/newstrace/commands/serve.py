"""``newstrace serve``: the web UI and HTTP API over a store (read-only unless told otherwise)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import ConfigError, Errors
from .options import add_command, add_store, store_url, whole


def register(subparsers: Any) -> None:
    serve = add_command(
        subparsers,
        "serve",
        "web pages and an HTTP API over a store: read articles, speakers, outlets, stories, relays",
        "Serve the store read-only on http://127.0.0.1:8000 (pages at /, the API under /api, its "
        "description at /openapi.json); docs/web.md.",
        ("newstrace serve --db corpus.db", "newstrace serve --db corpus.db --port 8080"),
    )
    add_store(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine)")
    serve.add_argument("--port", type=whole(0, 65535), default=8000, help="port (default 8000)")
    serve.add_argument(
        "--allow-write",
        action="store_true",
        help="let POST /api/analyze store records (needs --token when --host is not loopback)",
    )
    serve.add_argument("--token", help="secret for writes, sent as 'Authorization: Bearer TOKEN'")
    serve.set_defaults(func=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from ..web import ServerConfig, create_app
    except ImportError as exc:
        raise ConfigError(Errors.E115.format(reason=exc)) from exc
    config = ServerConfig(db=store_url(args), host=args.host, allow_write=args.allow_write, token=args.token)
    app = create_app(config)
    print(f"newstrace: serving {config.db} on http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
