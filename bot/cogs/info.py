"""/help and /status."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.commandline import help_answer
from bot.render_discord import render_status
from bot.replies import send

if TYPE_CHECKING:
    from bot.app import TumenBot


class InfoCog(commands.Cog):
    """What the bot can do and what it is serving."""

    def __init__(self, bot: TumenBot) -> None:
        self.bot = bot

    @app_commands.command(name="help")
    async def help(self, interaction: discord.Interaction) -> None:
        """Show the commands and how to use them."""
        await self.bot.reply_answer(interaction, help_answer(), ephemeral=True)

    @app_commands.command(name="status")
    async def status(self, interaction: discord.Interaction) -> None:
        """Show the served index: generation, build time and counts."""
        status = await self.bot.run_blocking(interaction, self.bot.library.status)
        await send(interaction, embeds=render_status(status))


async def setup(bot: TumenBot) -> None:
    await bot.add_cog(InfoCog(bot))
