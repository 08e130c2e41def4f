"""What users do in the fake: run commands, autocomplete, click buttons, submit modals."""

from __future__ import annotations

from collections.abc import Iterable
from types import EllipsisType
from typing import TYPE_CHECKING, Any

from . import events, payloads
from .models import AttachmentRecord, InteractionRecord, MessageRecord, UserSpec, next_id

if TYPE_CHECKING:
    from .server import FakeDiscord


class UserActions:
    """Mixed into FakeDiscord: each method builds an interaction, pushes it, and waits."""

    async def invoke(
        self: FakeDiscord,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        user: UserSpec | None = None,
        guild_id: int | EllipsisType | None = ...,
        channel_id: int | None = None,
        member_roles: Iterable[int] = (),
        permissions: int | None = None,
        app_permissions: int | None = None,
        locale: str = "en-US",
        timeout: float = 5.0,
        quiet: float = 0.05,
        wait: bool = True,
    ) -> InteractionRecord:
        """Run slash command `name` ("group sub" for subcommands) as `user`; await the answer.

        `guild_id` defaults to the first guild (None = DM). With `wait`, returns once the bot
        responded, a deferral was resolved, and `quiet` seconds passed without activity.
        """
        actor = self._actor(
            user, guild_id, channel_id, member_roles, permissions, app_permissions, locale
        )
        top, *path = name.split()
        guild_key = actor.guild.id if actor.guild else None
        command = events.find_command(self.synced_commands, top, guild_key)
        granted = self.command_grants.get((guild_key, top), frozenset())
        events.check_visible(command, actor, frozenset(granted))
        data = events.command_data(
            command,
            path,
            options or {},
            actor.guild,
            base_url=self.base_url,
            channel_id=actor.channel_id,
        )
        record = await self.push_interaction(2, data, actor)
        return await record.wait_settled(timeout, quiet) if wait else record

    async def invoke_message_command(
        self: FakeDiscord,
        name: str,
        content: str,
        *,
        author: UserSpec | None = None,
        user: UserSpec | None = None,
        guild_id: int | EllipsisType | None = ...,
        timeout: float = 5.0,
        quiet: float = 0.05,
    ) -> InteractionRecord:
        """Run message context-menu command `name` on a message `author` posted with `content`
        (Apps → name on the message); await the answer as `invoke` does."""
        actor = self._actor(user, guild_id, None, (), None, None, "en-US")
        guild_key = actor.guild.id if actor.guild else None
        command = events.find_command(self.synced_commands, name, guild_key, kind=3)
        events.check_visible(command, actor)
        target = MessageRecord(next_id(), actor.channel_id, guild_key, None, content=content)
        raw = payloads.message(target, author or UserSpec(username="poster"),
                               app_id=self.app_id, base_url=self.base_url)
        raw.pop("webhook_id")
        raw.pop("application_id")  # a member's message, not the bot's
        data: dict[str, Any] = {"id": command["id"], "name": name, "type": 3,
                                "target_id": str(target.id),
                                "resolved": {"messages": {str(target.id): raw}}}
        if "guild_id" in command:
            data["guild_id"] = command["guild_id"]
        record = await self.push_interaction(2, data, actor)
        return await record.wait_settled(timeout, quiet)

    def grant(self: FakeDiscord, guild_id: int, command: str, *ids: int) -> None:
        """A server admin allows `command` to these roles or users (Integrations settings)."""
        self.command_grants.setdefault((guild_id, command), set()).update(ids)

    def upload(
        self: FakeDiscord, filename: str, data: bytes, content_type: str | None = None
    ) -> AttachmentRecord:
        """A user's file for an attachment option (pass it as the value); served back by URL."""
        record = AttachmentRecord(next_id(), filename, content_type, data)
        self.uploads[record.id] = record
        return record

    async def autocomplete(
        self: FakeDiscord,
        name: str,
        focused: str,
        value: str,
        options: dict[str, Any] | None = None,
        *,
        user: UserSpec | None = None,
        guild_id: int | EllipsisType | None = ...,
        timeout: float = 5.0,
    ) -> list[dict[str, Any]]:
        """Ask for autocomplete of option `focused` typed as `value`; return the choices."""
        actor = self._actor(user, guild_id, None, (), None, None, "en-US")
        top, *path = name.split()
        guild_key = actor.guild.id if actor.guild else None
        command = events.find_command(self.synced_commands, top, guild_key)
        data = events.command_data(
            command, path, {**(options or {}), focused: value}, actor.guild, focused
        )
        record = await self.push_interaction(4, data, actor)
        await record.wait_settled(timeout, quiet=0)
        if record.choices is None:
            raise AssertionError(
                f"autocomplete got no choices: {record.callbacks} {record.rejected}"
            )
        return record.choices

    async def click(
        self: FakeDiscord,
        message: MessageRecord,
        custom_id: str,
        *,
        values: list[str] | None = None,
        user: UserSpec | None = None,
        member_roles: Iterable[int] = (),
        permissions: int | None = None,
        timeout: float = 5.0,
        quiet: float = 0.05,
    ) -> InteractionRecord:
        """Click button `custom_id` on `message` (or pick `values` in a string select)."""
        component = events.find_component(message.components, custom_id)
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component["type"]}
        if values is not None:
            data["values"] = values
        actor = self._actor(
            user, message.guild_id, message.channel_id, member_roles, permissions, None, "en-US"
        )
        raw = payloads.message(message, self.bot_user, app_id=self.app_id, base_url=self.base_url)
        record = await self.push_interaction(3, data, actor, raw)
        return await record.wait_settled(timeout, quiet)

    async def submit_modal(
        self: FakeDiscord,
        shown: InteractionRecord,
        values: dict[str, str | list[str]],
        *,
        user: UserSpec | None = None,
        timeout: float = 5.0,
        quiet: float = 0.05,
    ) -> InteractionRecord:
        """Submit the modal the bot showed (callback 9) on `shown`, text inputs by custom_id."""
        if shown.callback_type != 9:
            raise LookupError(f"interaction {shown.id} did not open a modal: {shown.summary()}")
        modal = shown.callback_data
        data = {
            "custom_id": modal["custom_id"],
            "components": events.modal_answers(modal.get("components", []), values),
        }
        payload = shown.payload
        guild_id = int(payload["guild_id"]) if payload.get("guild_id") else None
        actor = self._actor(user, guild_id, int(payload["channel"]["id"]), (), None, None, "en-US")
        record = await self.push_interaction(5, data, actor, payload.get("message"))
        return await record.wait_settled(timeout, quiet)
