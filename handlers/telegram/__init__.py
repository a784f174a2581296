"""The Telegram desk: alerts and case updates out (outbound), buttons, replies and commands in (inbound), one
getUpdates loop (or a webhook) for the desk and the Telegram-group source."""
