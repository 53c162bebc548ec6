"""demat user: the people and machines that may use `demat serve`."""

from __future__ import annotations

import sys


def register(sub, common) -> None:
    p = sub.add_parser("user", parents=[common], help="add web users, make API tokens, list users",
                       description="Roles: archivist (sees every department), accounting, staff (see only "
                                   "the departments given with --department).")
    actions = p.add_subparsers(dest="user_action", required=True, metavar="ACTION")
    add = actions.add_parser("add", parents=[common], help="add a user (asks for the password)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, help="archivist, accounting or staff")
    add.add_argument("--department", action="append", default=[], metavar="DEPARTMENT",
                     help="a department the user works for (repeat for several)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.set_defaults(handler=run_add)
    token = actions.add_parser("token", parents=[common],
                               help="print a new API token for a user (shown once, only its hash is kept)")
    token.add_argument("name", metavar="NAME")
    token.set_defaults(handler=run_token)
    listing = actions.add_parser("list", parents=[common], help="list users with role and departments")
    listing.set_defaults(handler=run_list)


def users(config):
    from indexer.catalog import Catalog
    from web.users import Users

    config.home.mkdir(parents=True, exist_ok=True)
    return Users(Catalog(config.catalog_path))


def run_add(args, config) -> int:
    import getpass

    from pipeline.errors import UsageError

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"Password for {args.name}: ")
        if getpass.getpass("Again: ") != password:
            raise UsageError("the two passwords differ")
    user = users(config).add(args.name, args.role, args.department, password)
    print(f"User {user.name} ({user.role}) sees: {', '.join(user.visible_departments())}")
    return 0


def run_token(args, config) -> int:
    print(users(config).new_token(args.name))
    return 0


def run_list(args, config) -> int:
    for user in users(config).all():
        print(f"{user.name:<20} {user.role:<11} {', '.join(user.visible_departments())}")
    return 0
