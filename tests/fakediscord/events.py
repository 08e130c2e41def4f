"""Builders of INTERACTION_CREATE payloads (types 2, 3, 4, 5) from the commands the bot synced."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import payloads
from .models import ADMINISTRATOR, AttachmentRecord, ChannelSpec, GuildSpec, RoleSpec, UserSpec

# Option types: 1 subcommand, 2 group, 3 string, 4 integer, 5 boolean, 6 user, 7 channel,
# 8 role, 9 mentionable, 10 number, 11 attachment.
_SCALARS = {3: str, 4: int, 5: bool, 10: float}


@dataclass
class Actor:
    """Who triggers an interaction, and where."""

    user: UserSpec
    guild: GuildSpec | None
    channel_id: int
    roles: list[int] = field(default_factory=list)
    permissions: int = 0
    app_permissions: int = 0
    locale: str = "en-US"


def find_command(
    synced: dict[int | None, list[dict[str, Any]]], name: str, guild_id: int | None, kind: int = 1
) -> dict[str, Any]:
    """The synced command named `name` visible in `guild_id` (guild commands shadow global)."""
    for scope in ([guild_id] if guild_id is not None else []) + [None]:
        for command in synced.get(scope, []):
            if command["name"] == name and command.get("type", 1) == kind:
                return command
    known = sorted({c["name"] for cmds in synced.values() for c in cmds})
    raise LookupError(f"no synced command {name!r} for guild {guild_id}; synced: {known}")


def check_visible(
    command: dict[str, Any], actor: Actor, granted: frozenset[int] = frozenset()
) -> None:
    """Refuse what Discord's client would not even offer: hidden by permissions or context.

    `granted`: role and user ids a server admin allowed the command to in Server Settings →
    Integrations; they see it whatever its default member permissions.
    """
    contexts = command.get("contexts")
    context = 0 if actor.guild is not None else 1
    if contexts is not None and context not in contexts:
        raise PermissionError(f"{command['name']!r} is not available in context {context}")
    raw = command.get("default_member_permissions")
    if actor.guild is None or raw is None or actor.permissions & ADMINISTRATOR:
        return
    if granted & {actor.user.id, *actor.roles}:
        return
    required = int(raw)
    # "0" means admins only; otherwise the member needs every listed permission.
    if required == 0 or actor.permissions & required != required:
        raise PermissionError(
            f"{command['name']!r} needs permissions {required:#x}; member has "
            f"{actor.permissions:#x} (roles {actor.roles})"
        )


def command_data(
    command: dict[str, Any],
    path: list[str],
    options: dict[str, Any],
    guild: GuildSpec | None,
    focused: str | None = None,
    *,
    base_url: str = "",
    channel_id: int = 0,
) -> dict[str, Any]:
    """`data` of a chat-input interaction: command id/name, (sub)options, resolved objects.

    Attachment options take an `AttachmentRecord` (see `FakeDiscord.upload`); its URL in
    `resolved.attachments` is built from `base_url` and `channel_id`, as Discord's CDN URL is.
    """
    resolved: dict[str, dict[str, Any]] = {}
    where = (base_url, channel_id)
    schema = command.get("options") or []
    chain: list[dict[str, Any]] = []
    for sub in path:
        match = next((o for o in schema if o["name"] == sub and o["type"] in (1, 2)), None)
        if match is None:
            raise LookupError(f"{command['name']!r} has no subcommand {sub!r}")
        chain.append(match)
        schema = match.get("options") or []
    missing = [o["name"] for o in schema if o.get("required") and o["name"] not in options]
    if missing and focused is None:
        # Discord's client cannot send a command without its required options.
        raise ValueError(f"{command['name']!r} needs options {missing}")
    leaf = [_option(schema, k, v, guild, resolved, k == focused, where) for k, v in options.items()]
    for sub in reversed(chain):
        leaf = [{"name": sub["name"], "type": sub["type"], "options": leaf}]
    data: dict[str, Any] = {
        "id": command["id"],
        "name": command["name"],
        "type": command.get("type", 1),
        "options": leaf,
    }
    if "guild_id" in command:
        data["guild_id"] = command["guild_id"]
    if resolved:
        data["resolved"] = resolved
    return data


def _option(
    schema: list[dict[str, Any]],
    name: str,
    value: Any,
    guild: GuildSpec | None,
    resolved: dict[str, dict[str, Any]],
    focused: bool,
    where: tuple[str, int] = ("", 0),
) -> dict[str, Any]:
    spec = next((o for o in schema if o["name"] == name), None)
    if spec is None:
        raise LookupError(f"unknown option {name!r}; known: {[o['name'] for o in schema]}")
    kind = spec["type"]
    item: dict[str, Any] = {"name": name, "type": kind}
    if focused:
        # Discord sends what the user has typed so far, always as a string.
        item.update(value=str(value), focused=True)
    elif kind in _SCALARS:
        item["value"] = _SCALARS[kind](value)
    elif kind in (6, 9) and isinstance(value, UserSpec):
        item["value"] = str(value.id)
        resolved.setdefault("users", {})[str(value.id)] = payloads.user(value)
        if guild is not None:
            data = payloads.member(value, [])
            del data["user"]
            resolved.setdefault("members", {})[str(value.id)] = data
    elif kind in (8, 9) and isinstance(value, RoleSpec):
        item["value"] = str(value.id)
        resolved.setdefault("roles", {})[str(value.id)] = payloads.role(value)
    elif kind == 7 and isinstance(value, ChannelSpec) and guild is not None:
        item["value"] = str(value.id)
        channel = payloads.text_channel(value, guild.id)
        resolved.setdefault("channels", {})[str(value.id)] = {**channel, "permissions": "0"}
    elif kind == 11 and isinstance(value, AttachmentRecord):
        item["value"] = str(value.id)
        base_url, channel_id = where
        resolved.setdefault("attachments", {})[str(value.id)] = payloads.attachment(
            value, base_url, channel_id
        )
    else:
        raise NotImplementedError(f"option {name!r} of type {kind} with value {value!r}")
    return item


def interaction(
    *,
    interaction_id: int,
    token: str,
    kind: int,
    data: dict[str, Any],
    app_id: int,
    actor: Actor,
    message: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A complete INTERACTION_CREATE payload (guild or DM)."""
    user, guild = actor.user, actor.guild
    payload: dict[str, Any] = {
        "id": str(interaction_id),
        "application_id": str(app_id),
        "type": kind,
        "data": data,
        "token": token,
        "version": 1,
        "channel_id": str(actor.channel_id),
        "app_permissions": str(actor.app_permissions),
        "locale": actor.locale,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "attachment_size_limit": 10 * 1024 * 1024,
    }
    if guild is not None:
        channel = guild.channel(actor.channel_id)
        payload.update(
            guild_id=str(guild.id),
            guild={"id": str(guild.id), "locale": "en-US", "features": []},
            guild_locale="en-US",
            channel={
                **payloads.text_channel(channel, guild.id),
                "permissions": str(actor.permissions),
            },
            member=payloads.member(user, actor.roles, actor.permissions),
            authorizing_integration_owners={"0": str(guild.id)},
            context=0,
        )
    else:
        payload.update(
            channel=payloads.dm_channel(actor.channel_id, user),
            user=payloads.user(user),
            authorizing_integration_owners={"1": str(user.id)},
            context=1,
        )
    if message is not None:
        payload["message"] = message
    return payload


def modal_answers(
    components: list[dict[str, Any]], values: dict[str, str | list[str]]
) -> list[dict[str, Any]]:
    """A modal submit's `components`, mirroring the modal's rows/labels with the user's input."""
    answers: list[dict[str, Any]] = []
    for item in components:
        kind = item.get("type")
        if kind == 1:  # action row of text inputs (classic modals)
            answers.append({"type": 1, "components": modal_answers(item["components"], values)})
        elif kind == 18:  # label wrapping one component (newer modals)
            (inner,) = modal_answers([item["component"]], values)
            answers.append({"type": 18, "component": inner})
        elif kind == 4:
            value = values.get(item["custom_id"], item.get("value") or "")
            answers.append({"type": 4, "custom_id": item["custom_id"], "value": value})
        elif kind == 3:
            picked = values.get(item["custom_id"], [])
            answers.append({"type": 3, "custom_id": item["custom_id"], "values": picked})
    return answers


def find_component(components: list[dict[str, Any]], custom_id: str) -> dict[str, Any]:
    """The component (at any depth) with that custom_id."""
    stack = list(components)
    while stack:
        item = stack.pop(0)
        if item.get("custom_id") == custom_id:
            return item
        stack.extend(item.get("components", []))
    raise LookupError(f"no component {custom_id!r} on the message")
