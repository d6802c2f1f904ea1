"""The web interface: ``newstrace serve`` (HTTP API and pages over a read-only store).

from newstrace.web import ServerConfig, create_app
app = create_app(ServerConfig(db="corpus.db"))    # an ASGI app: uvicorn, or Starlette's TestClient
"""

from __future__ import annotations

from .app import create_app
from .common import ServerConfig

__all__ = ["ServerConfig", "create_app"]
