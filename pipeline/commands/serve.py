"""demat serve: the web pages and the JSON API over this home."""

from __future__ import annotations


def register(sub, common) -> None:
    p = sub.add_parser("serve", parents=[common], help="serve the web pages and the JSON API",
                       description="Search, documents, review, department queues, accounting exports, uploads "
                                   "and the audit log in the browser; a JSON API for machines (/api/openapi.json). "
                                   "Make users first with `demat user add`. Listens on the loopback only unless "
                                   "--host says otherwise; put it behind an https proxy to serve a network.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--proxy", metavar="ADDRESS", default=None,
                   help="trust X-Forwarded-Proto/For from this https proxy (e.g. 127.0.0.1)")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    import uvicorn

    from web.app import create_app

    app = create_app(config)
    users = len(app.state.web.users.all())
    print(f"demat serve: http://{args.host}:{args.port}/ ({users} users; home {config.home}). Ctrl-C stops.",
          flush=True)
    if not users:
        print("No users yet: `demat user add NAME --role archivist` makes the first one.", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning",
                proxy_headers=args.proxy is not None, forwarded_allow_ips=args.proxy)
    return 0
