"""The sub-commands of ``fopegui-cli``: one module each, with ``add_parser(subparsers)`` and
``run(args) -> int``.

Their one-line summaries live here, so that ``fopegui-cli --help`` and ``--version`` list the
commands without importing them (dnsbl alone brings dnspython and asyncio: ~110 ms).
"""

SUMMARIES: dict[str, str] = {
    "analyze": "explain the filtering headers of messages",
    "dnsbl": "check an IP address, a host name or a message's sender on DNS blacklists",
    "submit": "write a false-positive submission draft (or a Graph request) with FILE unchanged",
    "triage": "one row per message of folders, mbox files and Outlook .pst files",
}
