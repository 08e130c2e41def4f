"""/when, /who and /timeline: events with their dates, people and sources."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import budget
from bot.replies import defer
from bot.timeline_image import render_timeline_png
from index.answers.completion import topic_choices
from index.answers.timespan import timeline_range

if TYPE_CHECKING:
    from bot.app import TumenBot


def _topic_choices(current: str) -> list[app_commands.Choice[str]]:
    """Actor and place names from the gazetteer, and action words, matching what was typed."""
    out = topic_choices(current, budget.CHOICES)
    return [app_commands.Choice(name=budget.trim(n, budget.CHOICE_NAME), value=n[:100])
            for n in out]


class EventsCog(commands.Cog):
    """Questions about events: when, who, and in what order."""

    def __init__(self, bot: TumenBot) -> None:
        self.bot = bot

    @app_commands.command(name="when")
    @app_commands.describe(topic="What happened, e.g. debt, Sochi, Trutnev, military exercises")
    async def when(self, interaction: discord.Interaction,
                   topic: app_commands.Range[str, 1, 300]) -> None:
        """When did it happen? Dates with their precision, and every source that says so."""
        answer = await self.bot.run_blocking(interaction, self.bot.library.when, topic)
        await self.bot.reply_answer(interaction, answer)

    @app_commands.command(name="who")
    @app_commands.describe(query="An action and optionally a time, e.g. visited 2014, "
                                 "signed since 2019, planned visit 2015")
    async def who(self, interaction: discord.Interaction,
                  query: app_commands.Range[str, 1, 300]) -> None:
        """Who did it? People and bodies behind the matching events."""
        answer = await self.bot.run_blocking(interaction, self.bot.library.who, query)
        await self.bot.reply_answer(interaction, answer)

    @app_commands.command(name="timeline")
    @app_commands.describe(topic="Only events about this (default: all); years after it are "
                                 "from and to, e.g. debt 2014 2016",
                           start="From this time on, e.g. 2014 or May 2015",
                           end="Up to this time, e.g. 2015")
    @app_commands.rename(start="from", end="to")
    async def timeline(self, interaction: discord.Interaction,
                       topic: app_commands.Range[str, 0, 300] = "",
                       start: app_commands.Range[str, 0, 40] = "",
                       end: app_commands.Range[str, 0, 40] = "") -> None:
        """The matching events in date order, as a picture and a list."""
        # A from/to that is no time is refused at once (parsing them is quick, needs no index).
        timeline_range(topic, start, end)
        # Drawing takes up to a second: say "thinking…" at once rather than risk the deadline.
        await defer(interaction)
        answer = await self.bot.run_blocking(interaction, self.bot.library.timeline, topic,
                                             start, end)
        image = await asyncio.to_thread(render_timeline_png, answer) if answer.items else None
        await self.bot.reply_answer(interaction, answer, image=image)

    @when.autocomplete("topic")
    async def when_autocomplete(self, interaction: discord.Interaction,
                                current: str) -> list[app_commands.Choice[str]]:
        return _topic_choices(current)

    @who.autocomplete("query")
    async def who_autocomplete(self, interaction: discord.Interaction,
                               current: str) -> list[app_commands.Choice[str]]:
        return _topic_choices(current)


async def setup(bot: TumenBot) -> None:
    await bot.add_cog(EventsCog(bot))
