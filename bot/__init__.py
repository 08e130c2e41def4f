"""Tumen: the Discord bot, the CLI and the offline console."""
