"""`python -m fopegui` starts the desktop app (same as the `fopegui` command)."""

import sys

from fopegui.ui.app import main

sys.exit(main())
