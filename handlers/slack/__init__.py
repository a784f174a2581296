"""The Slack desk: alerts and case updates out (outbound), people's actions in (actions, commands, home)."""
