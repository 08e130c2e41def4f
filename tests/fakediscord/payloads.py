"""Builders of complete Discord API objects, shaped as Discord sends them (API v10).

discord.py indexes many keys without `.get`, so every builder fills all the fields a real
payload carries, not just the ones a test cares about.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from .models import (
    AttachmentRecord,
    ChannelSpec,
    GuildSpec,
    MessageRecord,
    RoleSpec,
    UserSpec,
)

EPOCH = "2024-01-01T00:00:00.000000+00:00"


def now_iso() -> str:
    """Current time as Discord formats timestamps."""
    return datetime.datetime.now(datetime.UTC).isoformat()


def user(spec: UserSpec) -> dict[str, Any]:
    """A user object."""
    return {
        "id": str(spec.id),
        "username": spec.username,
        "discriminator": "0",
        "global_name": spec.global_name,
        "avatar": None,
        "avatar_decoration_data": None,
        "banner": None,
        "accent_color": None,
        "public_flags": 0,
        "flags": 0,
        "bot": spec.bot,
        "system": False,
        "primary_guild": None,
        "collectibles": None,
    }


def client_user(spec: UserSpec) -> dict[str, Any]:
    """The bot's own user (`GET /users/@me`, READY.user)."""
    return {**user(spec), "verified": True, "mfa_enabled": False, "locale": "en-US", "email": None}


def application(app_id: int, bot: UserSpec, owner: UserSpec) -> dict[str, Any]:
    """`GET /oauth2/applications/@me`; interactions_endpoint_url must be null for the gateway."""
    return {
        "id": str(app_id),
        "name": bot.username,
        "icon": None,
        "description": "",
        "summary": "",
        "type": None,
        "bot_public": False,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "owner": user(owner),
        "team": None,
        "flags": 0,
        "tags": [],
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "role_connections_verification_url": None,
        "approximate_guild_count": 1,
        "bot": client_user(bot),
        "integration_types_config": {"0": {}},
    }


def role(spec: RoleSpec, position: int = 1) -> dict[str, Any]:
    """A role object."""
    return {
        "id": str(spec.id),
        "name": spec.name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": position,
        "permissions": str(spec.permissions),
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def text_channel(spec: ChannelSpec, guild_id: int, position: int = 0) -> dict[str, Any]:
    """A guild text channel (type 0)."""
    return {
        "id": str(spec.id),
        "type": 0,
        "guild_id": str(guild_id),
        "name": spec.name,
        "position": position,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
    }


def dm_channel(channel_id: int, recipient: UserSpec) -> dict[str, Any]:
    """A DM channel (type 1) with the invoking user."""
    return {"id": str(channel_id), "type": 1, "recipients": [user(recipient)], "flags": 0}


def member(spec: UserSpec, roles: list[int], permissions: int | None = None) -> dict[str, Any]:
    """A guild member; `permissions` is only present on interaction payloads."""
    data: dict[str, Any] = {
        "user": user(spec),
        "nick": None,
        "avatar": None,
        "banner": None,
        "roles": [str(r) for r in roles],
        "joined_at": EPOCH,
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "communication_disabled_until": None,
        "avatar_decoration_data": None,
    }
    if permissions is not None:
        data["permissions"] = str(permissions)
    return data


def unavailable_guild(spec: GuildSpec) -> dict[str, Any]:
    """How READY lists guilds: only ids, the real data follows in GUILD_CREATE."""
    return {"id": str(spec.id), "unavailable": True}


def guild_create(spec: GuildSpec, bot: UserSpec) -> dict[str, Any]:
    """A GUILD_CREATE dispatch: the full guild with channels, roles and the bot as member."""
    everyone = spec.role(spec.id)
    return {
        "id": str(spec.id),
        "name": spec.name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(spec.owner_id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "widget_enabled": False,
        "widget_channel_id": None,
        "verification_level": 0,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "roles": [role(everyone, 0)] + [role(r, i + 1) for i, r in enumerate(spec.roles)],
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "application_id": None,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "max_presences": None,
        "max_members": 500000,
        "vanity_url_code": None,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "max_video_channel_users": 25,
        "max_stage_video_channel_users": 50,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "incidents_data": None,
        "joined_at": EPOCH,
        "large": False,
        "unavailable": False,
        "member_count": 2,
        "voice_states": [],
        "members": [member(bot, [])],
        "channels": [text_channel(c, spec.id, i) for i, c in enumerate(spec.channels)],
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def attachment(record: AttachmentRecord, base_url: str, channel_id: int) -> dict[str, Any]:
    """An attachment object; its URL is served by the fake so bots can read files back."""
    url = f"{base_url}/attachments/{channel_id}/{record.id}/{record.filename}"
    return {
        "id": str(record.id),
        "filename": record.filename,
        "size": record.size,
        "url": url,
        "proxy_url": url,
        "content_type": record.content_type,
        "description": record.description,
        "flags": 0,
    }


def message(
    record: MessageRecord,
    author: UserSpec,
    *,
    app_id: int,
    base_url: str,
    edited: bool = False,
) -> dict[str, Any]:
    """A message object for the current state of `record` (type 20 = chat input reply)."""
    data: dict[str, Any] = {
        "id": str(record.id),
        "type": 20 if record.interaction_id else 0,
        "channel_id": str(record.channel_id),
        "author": user(author),
        "content": record.content,
        "timestamp": now_iso(),
        "edited_timestamp": now_iso() if edited else None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "mention_channels": [],
        "attachments": [attachment(a, base_url, record.channel_id) for a in record.attachments],
        "embeds": record.embeds,
        "components": record.components,
        "reactions": [],
        "pinned": False,
        "flags": record.flags,
        "webhook_id": str(app_id) if record.interaction_id else None,
        "application_id": str(app_id),
    }
    if record.guild_id is not None:
        data["guild_id"] = str(record.guild_id)
    return data


def application_command(raw: dict[str, Any], app_id: int, guild_id: int | None) -> dict[str, Any]:
    """What Discord answers for a command the bot registered: the input plus server fields."""
    data: dict[str, Any] = {
        "type": 1,
        "description": "",
        "options": [],
        "default_member_permissions": None,
        "nsfw": False,
        "contexts": None,
        "integration_types": [0],
        **raw,
        "id": raw.get("id") or str(_command_id(app_id, guild_id, raw)),
        "application_id": str(app_id),
        "version": "1",
    }
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
    return data


def _command_id(app_id: int, guild_id: int | None, raw: dict[str, Any]) -> int:
    # Stable per (scope, type, name) so a re-sync keeps ids, like Discord's bulk overwrite.
    key = f"{app_id}:{guild_id}:{raw.get('type', 1)}:{raw.get('name')}"
    digest = hashlib.sha256(key.encode()).digest()
    return 1_200_000_000_000_000_000 + int.from_bytes(digest[:8], "big") % 10**17
