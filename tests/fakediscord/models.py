"""Specs of the fake world (guilds, users) and records of what the bot sent."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Discord snowflakes only need to be unique and increasing here; start high so they look real.
_ids = itertools.count(1_300_000_000_000_000_000)


def next_id() -> int:
    """Return a fresh, unique snowflake."""
    return next(_ids)


# Permission bits used for sensible defaults (see Discord's permission docs).
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
USE_APPLICATION_COMMANDS = 1 << 31
ADMINISTRATOR = 1 << 3
MEMBER_PERMISSIONS = (
    VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | USE_APPLICATION_COMMANDS
)

EPHEMERAL = 1 << 6
LOADING = 1 << 7


@dataclass
class UserSpec:
    """A Discord user the fake can make act (invoke commands, click buttons)."""

    id: int = field(default_factory=next_id)
    username: str = "tester"
    global_name: str | None = "Tester"
    bot: bool = False


@dataclass
class RoleSpec:
    """A guild role; `permissions` is the role's permission bitfield."""

    id: int = field(default_factory=next_id)
    name: str = "role"
    permissions: int = 0


@dataclass
class ChannelSpec:
    """A guild text channel."""

    id: int = field(default_factory=next_id)
    name: str = "general"


@dataclass
class GuildSpec:
    """A guild the bot is in; its @everyone role has the guild's id, as on Discord."""

    id: int = field(default_factory=next_id)
    name: str = "Test Guild"
    roles: list[RoleSpec] = field(default_factory=list)
    channels: list[ChannelSpec] = field(default_factory=lambda: [ChannelSpec()])
    owner_id: int = 1
    everyone_permissions: int = MEMBER_PERMISSIONS

    def channel(self, channel_id: int | None) -> ChannelSpec:
        """The channel with that id, or the first channel when `channel_id` is None."""
        if channel_id is None:
            return self.channels[0]
        for channel in self.channels:
            if channel.id == channel_id:
                return channel
        raise LookupError(f"guild {self.id} has no channel {channel_id}")

    def role(self, role_id: int) -> RoleSpec:
        """The role with that id (the @everyone role is the guild id)."""
        if role_id == self.id:
            return RoleSpec(id=self.id, name="@everyone", permissions=self.everyone_permissions)
        for role in self.roles:
            if role.id == role_id:
                return role
        raise LookupError(f"guild {self.id} has no role {role_id}")


@dataclass
class Violation:
    """A payload the bot sent that breaks a Discord limit (Discord answers 400)."""

    route: str
    path: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.route}: {self.path}: {self.message} ({self.code})"


@dataclass
class AttachmentRecord:
    """A file the bot uploaded."""

    id: int
    filename: str
    content_type: str | None
    data: bytes
    description: str | None = None

    @property
    def size(self) -> int:
        """Size in bytes."""
        return len(self.data)


@dataclass
class MessageRecord:
    """The current state of a message the bot created, plus its history."""

    id: int
    channel_id: int
    guild_id: int | None
    interaction_id: int | None
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    flags: int = 0
    attachments: list[AttachmentRecord] = field(default_factory=list)
    allowed_mentions: dict[str, Any] | None = None
    # Every payload that created or edited this message, in order (files replaced by records).
    payloads: list[dict[str, Any]] = field(default_factory=list)
    deleted: bool = False

    @property
    def ephemeral(self) -> bool:
        """Whether only the invoking user can see the message."""
        return bool(self.flags & EPHEMERAL)

    @property
    def loading(self) -> bool:
        """True while a deferred response still shows 'Bot is thinking…'."""
        return bool(self.flags & LOADING)

    @property
    def edits(self) -> list[dict[str, Any]]:
        """The edit payloads (everything after the creating one)."""
        return self.payloads[1:]

    def custom_ids(self) -> list[str]:
        """custom_id of every component, depth first."""
        found: list[str] = []

        def walk(items: list[dict[str, Any]]) -> None:
            for item in items:
                if "custom_id" in item:
                    found.append(item["custom_id"])
                walk(item.get("components", []))

        walk(self.components)
        return found


@dataclass
class InteractionRecord:
    """One interaction the fake pushed and everything the bot answered to it."""

    id: int
    token: str
    type: int
    payload: dict[str, Any]
    # (callback type, callback data) as posted to /interactions/{id}/{token}/callback.
    callbacks: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    original: MessageRecord | None = None
    followups: list[MessageRecord] = field(default_factory=list)
    # Requests about this interaction that the fake refused (400/401/404), as (route, body).
    rejected: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    last_activity: float = field(default_factory=time.monotonic)
    # time.monotonic() when the fake pushed INTERACTION_CREATE, and when the first callback POST
    # for it arrived (accepted or not): the response deadline runs from `pushed_at`.
    pushed_at: float = field(default_factory=time.monotonic)
    callback_at: float | None = None
    _changed: asyncio.Event = field(default_factory=asyncio.Event, repr=False)

    @property
    def callback_type(self) -> int | None:
        """4 reply, 5 deferred, 6 deferred update, 7 update, 8 autocomplete, 9 modal."""
        return self.callbacks[0][0] if self.callbacks else None

    @property
    def callback_data(self) -> dict[str, Any]:
        """The `data` of the first callback ({} if none)."""
        return self.callbacks[0][1] if self.callbacks else {}

    @property
    def choices(self) -> list[dict[str, Any]] | None:
        """Autocomplete choices, if the bot answered with type 8."""
        if self.callback_type != 8:
            return None
        return list(self.callback_data.get("choices", []))

    @property
    def responded(self) -> bool:
        """The bot called back, or tried to and was refused."""
        return bool(self.callbacks or self.rejected)

    @property
    def messages(self) -> list[MessageRecord]:
        """The original response (if any) then the follow-ups."""
        return ([self.original] if self.original else []) + self.followups

    @property
    def final_message(self) -> MessageRecord | None:
        """What the user ends up looking at: the last follow-up, else the original response."""
        if self.followups:
            return self.followups[-1]
        return self.original

    @property
    def settled(self) -> bool:
        """Responded, and a deferral (if any) was resolved by an edit, follow-up or refusal."""
        if not self.responded:
            return False
        if self.original is not None and self.original.loading:
            # A deleted "thinking…" is resolved by the follow-up that replaces it.
            return bool(self.rejected) or (self.original.deleted and bool(self.followups))
        return True

    @property
    def latency(self) -> float | None:
        """Seconds from the push to the first callback POST arriving; None without a callback."""
        return None if self.callback_at is None else self.callback_at - self.pushed_at

    def summary(self) -> str:
        """One line for error messages: name, callbacks, messages, refusals."""
        data = self.payload.get("data", {})
        messages = [(m.content[:40], m.loading) for m in self.messages]
        return (
            f"{data.get('name') or data.get('custom_id')!r} type={self.type} "
            f"callbacks={[c for c, _ in self.callbacks]} "
            f"messages(content, loading)={messages} rejected={self.rejected}"
        )

    def touch(self) -> None:
        """Mark activity and wake waiters."""
        self.last_activity = time.monotonic()
        self._changed.set()

    async def wait_for(
        self, predicate: Callable[[InteractionRecord], bool], timeout: float = 5.0
    ) -> InteractionRecord:
        """Wait until `predicate(self)` is true; raise TimeoutError with context otherwise."""
        async with asyncio.timeout(timeout):
            while not predicate(self):
                self._changed.clear()
                await self._changed.wait()
        return self

    async def wait_settled(self, timeout: float = 5.0, quiet: float = 0.05) -> InteractionRecord:
        """Wait until settled and then `quiet` seconds without new activity for this interaction."""
        try:
            await self.wait_for(lambda r: r.settled, timeout)
        except TimeoutError:
            raise TimeoutError(
                f"bot did not settle interaction {self.id} in {timeout}s: {self.summary()}"
            ) from None
        while (idle := time.monotonic() - self.last_activity) < quiet:
            await asyncio.sleep(quiet - idle)
        return self

    async def final(self, timeout: float = 5.0) -> MessageRecord:
        """Wait until settled and return `final_message`; fail loudly if there is none."""
        await self.wait_settled(timeout)
        if self.final_message is None:
            raise AssertionError(f"interaction {self.id} produced no message: {self.summary()}")
        return self.final_message
