"""demat user: the people and machines that may use `demat serve`."""

from __future__ import annotations

import sys


def register(sub, common) -> None:
    p = sub.add_parser("user", parents=[common], help="add, change and remove web users; make and revoke API tokens",
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
    password = actions.add_parser("password", parents=[common],
                                  help="set a new password (asks for it); the user's browser sessions end")
    password.add_argument("name", metavar="NAME")
    password.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    password.set_defaults(handler=run_password)
    delete = actions.add_parser("delete", parents=[common],
                                help="remove a user with their API tokens and browser sessions")
    delete.add_argument("name", metavar="NAME")
    delete.set_defaults(handler=run_delete)
    token = actions.add_parser("token", parents=[common],
                               help="print a new API token for a user (shown once, only its hash is kept)")
    token.add_argument("name", metavar="NAME")
    token.set_defaults(handler=run_token)
    tokens = actions.add_parser("tokens", parents=[common], help="list a user's API tokens by id and date")
    tokens.add_argument("name", metavar="NAME")
    tokens.set_defaults(handler=run_tokens)
    revoke = actions.add_parser("revoke-token", parents=[common],
                                help="revoke one API token of a user (its id from `demat user tokens`), or --all")
    revoke.add_argument("name", metavar="NAME")
    revoke.add_argument("token_id", nargs="?", metavar="ID")
    revoke.add_argument("--all", action="store_true", help="revoke every token of the user")
    revoke.set_defaults(handler=run_revoke)
    listing = actions.add_parser("list", parents=[common], help="list users with role and departments")
    listing.set_defaults(handler=run_list)


def users(config):
    from demat.indexer.catalog import open_catalog
    from demat.web.users import Users

    config.home.mkdir(parents=True, exist_ok=True)
    return Users(open_catalog(config))


def run_add(args, config) -> int:
    user = users(config).add(args.name, args.role, args.department, read_password(args))
    print(f"User {user.name} ({user.role}) sees: {', '.join(user.visible_departments())}")
    return 0


def run_password(args, config) -> int:
    registry = users(config)
    registry.existing(args.name)  # before asking for a password to no one
    registry.set_password(args.name, read_password(args))
    print(f"New password for {args.name}; their browser sessions have ended.")
    return 0


def run_delete(args, config) -> int:
    users(config).delete(args.name)
    print(f"User {args.name} deleted, with their API tokens and browser sessions.")
    return 0


def read_password(args) -> str:
    """Asked twice at a terminal; otherwise the first line of standard input (`--password-stdin`, a pipe)."""
    import getpass

    from demat.kernel.errors import N_, UsageError

    if args.password_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\n")
        if not password:
            raise UsageError(N_("no password on standard input"),
                             N_("Run the command at a terminal, or pipe the password in: "
                                "`echo PASSWORD | demat user add NAME ... --password-stdin`."))
        return password
    password = getpass.getpass(f"Password for {args.name}: ")
    if getpass.getpass("Again: ") != password:
        raise UsageError(N_("the two passwords differ"))
    return password


def run_token(args, config) -> int:
    print(users(config).new_token(args.name))
    return 0


def run_tokens(args, config) -> int:
    registry = users(config)
    registry.existing(args.name)
    for token in registry.tokens(args.name):
        print(f"{token['id']}  made {token['created_at']}")
    return 0


def run_revoke(args, config) -> int:
    from demat.kernel.errors import UsageError

    if (args.token_id is None) == (not args.all):
        raise UsageError("give either a token ID (from `demat user tokens NAME`) or --all, not both")
    gone = users(config).revoke_tokens(args.name, None if args.all else args.token_id)
    print(f"{gone} token{'s' if gone != 1 else ''} of {args.name} revoked.")
    return 0


def run_list(args, config) -> int:
    for user in users(config).all():
        print(f"{user.name:<20} {user.role:<11} {', '.join(user.visible_departments())}")
    return 0
