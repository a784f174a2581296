"""The CLI's commands, one module per concern; importing this package registers them on `cli`."""

from kuulo.bot.commands import (campaign_check, campaign_rescan, campaigns, caseops, demo, explain,  # noqa: F401
                                forms, ingest, ledger, poll, report, run, telegram)
