"""Stopping on SIGTERM (``docker stop``) without leaving anyone waiting or a build half-done.

On the signal the bot stops taking commands (each is answered "the bot is restarting"), gives
what is in flight `Settings.shutdown_grace_s` to finish, then asks a running build to stop
(it stops at its next article or stage, and the served index is untouched), answers whatever is
still running with the restarting sentence, closes the gateway, and the process exits 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import discord

from bot.replies import send
from index.errors import TumenError

if TYPE_CHECKING:
    from bot.app import TumenBot

log = logging.getLogger(__name__)

RESTARTING = "The bot is restarting; please run the command again in a minute."
# After the grace period, how long a build asked to stop has to reach its next step.
BUILD_STOP_S = 2.0


class BuildStopped(TumenError):
    """A build stopped because the bot is shutting down."""

    def __init__(self) -> None:
        super().__init__("the bot is restarting, so the build was stopped; the served index "
                         "is unchanged")


class Lifecycle:
    """Whether the bot is stopping, and the commands it is still running."""

    def __init__(self) -> None:
        self.stopping = False
        self.in_flight: dict[int, tuple[discord.Interaction, asyncio.Task[None]]] = {}
        # Set from the event loop, read by build threads between articles.
        self.stop_builds = threading.Event()

    def stoppable(self, progress: Callable[[int, int, str], None] | None = None,
                  ) -> Callable[[int, int, str], None]:
        """A build progress callback that raises `BuildStopped` once builds must stop."""

        def report(done: int, total: int, doing: str) -> None:
            if self.stop_builds.is_set():
                raise BuildStopped()
            if progress is not None:
                progress(done, total, doing)

        return report


async def _settle(tasks: list[asyncio.Task[None]], timeout: float) -> None:
    if tasks and timeout > 0:
        await asyncio.wait(tasks, timeout=timeout)


async def drain(bot: TumenBot) -> None:
    """Stop taking commands, let or make what is in flight finish, and close the client."""
    life = bot.lifecycle
    life.stopping = True
    tasks = [task for _, task in life.in_flight.values()]
    log.info("stopping: %d command(s) in flight", len(tasks))
    await _settle(tasks, bot.settings.shutdown_grace_s)
    life.stop_builds.set()
    await _settle([task for _, task in life.in_flight.values()], BUILD_STOP_S)
    for interaction, task in list(life.in_flight.values()):
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
        try:
            await send(interaction, RESTARTING, ephemeral=True)
        except discord.HTTPException:
            log.warning("could not tell interaction %s that the bot is restarting",
                        interaction.id)
    await bot.close()


async def serve(bot: TumenBot, token: str) -> None:
    """Run the bot until it stops or SIGTERM/SIGINT arrives; then `drain` it."""
    loop = asyncio.get_running_loop()
    signalled = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, signalled.set)
    async with bot:
        running = asyncio.create_task(bot.start(token))
        waiting = asyncio.create_task(signalled.wait())
        await asyncio.wait({running, waiting}, return_when=asyncio.FIRST_COMPLETED)
        if not running.done():
            log.info("stop signal received: finishing what is in flight, then closing")
            await drain(bot)
        waiting.cancel()
        await running  # re-raises what the client died of, if it did
