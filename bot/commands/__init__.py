"""The CLI's commands, one module per concern; importing this package registers them on `cli`."""

from kuulo.bot.commands import (campaign_check, campaigns, caseops, demo, explain, ingest, ledger, poll,  # noqa: F401
                                report, run, telegram)
