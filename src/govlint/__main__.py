"""``python -m govlint`` is the ``govlint`` command."""

import sys

from govlint.cli import main

sys.exit(main())
