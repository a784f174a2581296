"""The CLI's commands, one module per concern; importing this package registers them on `cli`."""

from kuulo.bot.commands import (campaigns, caseops, demo, explain, ingest, ledger, poll, report, run,  # noqa: F401
                                telegram)
