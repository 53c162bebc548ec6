"""demat serve: the web pages and the JSON API over this home."""

from __future__ import annotations

import os


def register(sub, common) -> None:
    p = sub.add_parser("serve", parents=[common], help="serve the web pages and the JSON API",
                       description="Search, documents, review, department queues, accounting exports, uploads "
                                   "and the audit log in the browser; a JSON API for machines (/api/openapi.json). "
                                   "Make users first with `demat user add`. Listens on the loopback only unless "
                                   "--host says otherwise; put it behind an https proxy to serve a network.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="server processes (default: one per core)")
    p.add_argument("--proxy", metavar="ADDRESS", default=None,
                   help="trust X-Forwarded-Proto/For from this https proxy (e.g. 127.0.0.1)")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    import uvicorn

    from demat.web.app import create_app

    app = create_app(config)  # also makes the session secret, before any worker starts
    users = len(app.state.web.users.all())
    print(f"demat serve: http://{args.host}:{args.port}/ ({users} users; home {config.home}). Ctrl-C stops.",
          flush=True)
    if not users:
        print("No users yet: `demat user add NAME --role archivist` makes the first one.", flush=True)
    options = dict(host=args.host, port=args.port, log_level="warning", proxy_headers=args.proxy is not None,
                   forwarded_allow_ips=args.proxy)
    if args.workers > 1:
        os.environ["DEMAT_HOME"] = str(config.home)  # each worker process builds its own app from it
        uvicorn.run("demat.web.app:from_environment", factory=True, workers=args.workers, **options)
    else:
        uvicorn.run(app, **options)
    return 0
