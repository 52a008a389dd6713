"""The body of a Microsoft Graph admin submission request, and a PowerShell line to send it.

Microsoft Graph (beta only): ``POST /security/threatSubmission/emailThreats`` with an
``emailContentThreatSubmission``: ``category``, ``recipientEmailAddress`` and ``fileContent``,
the base64 of the message's MIME bytes (an .eml). Nothing is sent from here: the admin runs
the request (permission ThreatSubmission.ReadWrite). Source: Microsoft Graph's reference page
"Create threatSubmission: emailThreats" (beta).

The PowerShell line uses the SDK v2 cmdlet ``New-MgBetaSecurityThreatSubmissionEmailThreat``
(module Microsoft.Graph.Beta.Security): the API exists only in beta, and SDK v2 names every
beta cmdlet ``MgBeta``. ``New-MgSecurityThreatSubmissionEmailThreat`` was the SDK 1.x name (v1.0
and beta mixed in one module) and is not in today's v1.0 module.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from fopegui.core import catalogue
from fopegui.core.submission import plain_address
from fopegui.core.submission_plan import GRAPH_CATEGORY
from fopegui.core.texts import Text

GRAPH_URL = "https://graph.microsoft.com/beta/security/threatSubmission/emailThreats"
ODATA_TYPE = "#microsoft.graph.security.emailContentThreatSubmission"
CMDLET = "New-MgBetaSecurityThreatSubmissionEmailThreat"
MODULE = "Microsoft.Graph.Beta.Security"
SCOPE = "ThreatSubmission.ReadWrite"


class GraphRefused(ValueError):
    """The message cannot be sent as an emailContentThreatSubmission (e.g. a .msg file)."""

    def __init__(self, text: Any) -> None:
        from fopegui.core.texts import render

        super().__init__(render(text, "en"))
        self.text = text


def graph_request(data: bytes, kind: str, recipient: str) -> dict[str, str]:
    """The request body for the message ``data`` (``kind`` as core.source says) reported for
    ``recipient`` (the mailbox whose policy decided). ``fileContent`` decodes back to ``data``
    exactly. Raises GraphRefused for a .msg, ValueError for a recipient that is not one address.
    """
    if kind == "msg":
        raise GraphRefused(Text(catalogue.load("submission")["graph_msg_refused"]))
    return {
        "@odata.type": ODATA_TYPE,
        "category": GRAPH_CATEGORY,
        "recipientEmailAddress": plain_address(recipient, "recipientEmailAddress"),
        "fileContent": base64.b64encode(data).decode("ascii"),
    }


def request_bytes(request: dict[str, str]) -> bytes:
    """The request as the JSON file the admin runs (UTF-8, ASCII-only, one key a line)."""
    return (json.dumps(request, indent=2) + "\n").encode("ascii")


def powershell_line(request_path: str) -> str:
    """A PowerShell 7 line that signs in and sends the request saved at ``request_path``."""
    # A single-quoted literal expands nothing; PowerShell also takes the typographic single
    # quotes as quotes, so every one of them is doubled.
    quoted = "'" + re.sub("(['\u2018\u2019\u201a\u201b])", r"\1\1", request_path) + "'"
    return (
        f"Connect-MgGraph -Scopes {SCOPE}; {CMDLET} -BodyParameter "
        f"(Get-Content -Raw -LiteralPath {quoted} | ConvertFrom-Json -AsHashtable)"
    )


def graph_note() -> Text:
    """What the request does and what it needs (for the CLI and the wizard)."""
    return Text(catalogue.load("submission")["graph_note"], {"url": GRAPH_URL})
