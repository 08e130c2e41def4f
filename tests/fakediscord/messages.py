"""Interaction callbacks, webhook follow-ups/edits, channel messages: validate, record, answer."""

from __future__ import annotations

import copy
import time
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import limits, payloads
from .models import (
    EPHEMERAL,
    LOADING,
    AttachmentRecord,
    InteractionRecord,
    MessageRecord,
    next_id,
)
from .wire import FileUpload, json_response, read_body

if TYPE_CHECKING:
    from .server import FakeDiscord

# Flags a bot may set when creating a message: suppress embeds, ephemeral, silent, components v2.
_SETTABLE_FLAGS = (1 << 2) | EPHEMERAL | (1 << 12) | (1 << 15)
# Which callback types Discord accepts for each interaction type.
_ALLOWED_CALLBACKS = {2: {4, 5, 9}, 3: {4, 5, 6, 7, 9}, 4: {8}, 5: {4, 5, 6, 7}}


def apply_payload(record: MessageRecord, body: dict[str, Any], files: list[FileUpload]) -> None:
    """Merge a create/edit body into `record` with Discord's PATCH semantics (absent = keep)."""
    for key in ("content", "embeds", "components", "allowed_mentions"):
        if key in body:
            value = body[key]
            setattr(record, key, value if value is not None else ([] if key != "content" else ""))
    if body.get("flags") is not None:
        # Ephemeral/loading are fixed at creation; the bot can only change the other bits.
        keep = record.flags & (EPHEMERAL | LOADING)
        record.flags = keep | (body["flags"] & _SETTABLE_FLAGS & ~EPHEMERAL)
    by_index = {f.index: f for f in files}
    if "attachments" in body:
        kept: list[AttachmentRecord] = []
        existing = {a.id: a for a in record.attachments}
        for entry in body["attachments"] or []:
            entry_id = int(entry["id"])
            if entry_id in existing:
                kept.append(existing[entry_id])
            elif entry_id in by_index:
                upload = by_index.pop(entry_id)
                kept.append(_attachment(upload, entry.get("filename"), entry.get("description")))
        record.attachments = kept
    record.attachments += [_attachment(f) for f in by_index.values()]
    snapshot = dict(body)
    if files:
        snapshot["files"] = [f.filename for f in files]
    record.payloads.append(snapshot)


def _attachment(
    upload: FileUpload, filename: str | None = None, description: str | None = None
) -> AttachmentRecord:
    return AttachmentRecord(
        next_id(), filename or upload.filename, upload.content_type, upload.data, description
    )


def _embedded(record: MessageRecord) -> set[str]:
    """File names the message's embeds show (as ``attachment://name`` images)."""
    urls = [(e.get(k) or {}).get("url") or ""
            for e in record.embeds for k in ("image", "thumbnail")]
    return {u.removeprefix("attachment://") for u in urls if u.startswith("attachment://")}


def _is_empty(record: MessageRecord) -> bool:
    return not (record.content or record.embeds or record.components or record.attachments)


class MessageStore:
    """Handlers that create and edit messages, shared by interactions and channel routes."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    # -- helpers -------------------------------------------------------------------------

    def _reject(
        self,
        request: web.Request,
        problems: list[limits.Problem],
        interaction: InteractionRecord | None,
        status: int = 400,
    ) -> web.Response:
        """Record the violations and answer like Discord."""
        route = f"{request.method} {request.path}"
        self.fake.record_violations(route, problems)
        if len(problems) == 1 and problems[0].code.isdigit():
            body: dict[str, Any] = {"code": int(problems[0].code), "message": problems[0].message}
        else:
            body = limits.error_body(problems)
        if interaction is not None:
            interaction.rejected.append((route, body))
            interaction.touch()
        return json_response(body, status)

    def _message_json(self, record: MessageRecord, edited: bool = False) -> dict[str, Any]:
        fake = self.fake
        return payloads.message(
            record, fake.bot_user, app_id=fake.app_id, base_url=fake.base_url, edited=edited
        )

    def _new_message(self, interaction: InteractionRecord | None, channel_id: int) -> MessageRecord:
        guild_id = None
        if interaction is not None:
            raw = interaction.payload.get("guild_id")
            guild_id = int(raw) if raw else None
        record = MessageRecord(
            next_id(), channel_id, guild_id, interaction.id if interaction else None
        )
        self.fake.messages[record.id] = record
        return record

    def _edit(
        self,
        request: web.Request,
        record: MessageRecord,
        body: dict[str, Any],
        files: list[FileUpload],
        interaction: InteractionRecord | None,
        prefix: str = "",
    ) -> web.Response | None:
        """Validate and apply an edit; None on success, else the error response."""
        problems = limits.check_message(body, prefix=prefix, creating=False)
        trial = copy.deepcopy(record)
        apply_payload(trial, body, files)
        if not problems and _is_empty(trial):
            problems = [
                limits.Problem(prefix or "message", "50006", "Cannot send an empty message")
            ]
        if problems:
            return self._reject(request, problems, interaction)
        unshown = _embedded(record) - _embedded(trial)
        if loose := {a.filename for a in trial.attachments} & unshown:
            self.fake.warnings.append(
                f"message {record.id}: the edit keeps {sorted(loose)} but no embed shows it "
                "any more; Discord shows it as a loose file under the message"
            )
        apply_payload(record, body, files)
        record.flags &= ~LOADING  # the first edit resolves "thinking…"
        return None

    # -- interaction callback ------------------------------------------------------------

    async def callback(self, request: web.Request) -> web.Response:
        """POST /interactions/{id}/{token}/callback?with_response=1."""
        arrived = time.monotonic()
        body, files = await read_body(request)
        rec = self.fake.interactions.get(int(request.match_info["interaction_id"]))
        if rec is None or rec.token != request.match_info["token"]:
            return self._reject(
                request, [limits.Problem("", "10062", "Unknown interaction")], rec, 404
            )
        if rec.callback_at is None:
            rec.callback_at = arrived
        if arrived - rec.pushed_at > self.fake.callback_deadline:
            # Too late: Discord has already shown the user "The application did not respond".
            problem = limits.Problem("", "10062", "Unknown interaction")
            return self._reject(request, [problem], rec, 404)
        if rec.callbacks:
            problem = limits.Problem("", "40060", "Interaction has already been acknowledged.")
            return self._reject(request, [problem], rec)
        kind, data = body.get("type"), body.get("data") or {}
        if kind not in _ALLOWED_CALLBACKS.get(rec.type, set()):
            problem = limits.Problem("type", "50035", f"Callback type {kind} invalid here")
            return self._reject(request, [problem], rec)
        channel_id = int(rec.payload["channel"]["id"])
        message: MessageRecord | None = None
        if kind in (4, 5):
            problems = limits.check_message(data, prefix="data", file_count=len(files))
            if kind == 5:
                problems = [p for p in problems if p.code != "50006"]  # a deferral has no body
            if problems:
                return self._reject(request, problems, rec)
            message = self._new_message(rec, channel_id)
            apply_payload(message, data, files)
            message.flags = (data.get("flags") or 0) & _SETTABLE_FLAGS
            if kind == 5:
                message.flags = (message.flags & EPHEMERAL) | LOADING
            rec.original = message
        elif kind in (6, 7):
            message = self._component_message(rec)
            if kind == 7:
                if message is None:
                    problem = limits.Problem("", "10008", "Unknown Message")
                    return self._reject(request, [problem], rec, 404)
                failure = self._edit(request, message, data, files, rec, prefix="data")
                if failure:
                    return failure
            rec.original = message
        elif kind == 8:
            if problems := limits.check_autocomplete(data):
                return self._reject(request, problems, rec)
        elif kind == 9 and (problems := limits.check_modal(data)):
            return self._reject(request, problems, rec)
        rec.callbacks.append((kind, data))
        rec.touch()
        self.fake._notify()
        answer: dict[str, Any] = {
            "interaction": {
                "id": str(rec.id),
                "type": rec.type,
                "response_message_loading": kind == 5,
                "response_message_ephemeral": bool(message and message.ephemeral),
            },
            "resource": {"type": kind},
        }
        if message is not None:
            answer["interaction"]["response_message_id"] = str(message.id)
            answer["resource"]["message"] = self._message_json(message)
        if request.query.get("with_response") not in ("1", "true", "True"):
            return web.Response(status=204)  # what Discord does without ?with_response
        return json_response(answer)

    def _component_message(self, rec: InteractionRecord) -> MessageRecord | None:
        raw = rec.payload.get("message")
        return self.fake.messages.get(int(raw["id"])) if raw else None

    # -- webhooks (follow-ups and edits) ---------------------------------------------------

    def _webhook_interaction(self, request: web.Request) -> InteractionRecord | None:
        if int(request.match_info["app_id"]) != self.fake.app_id:
            return None
        return self.fake.interactions_by_token.get(request.match_info["token"])

    def _token_expired(self, request: web.Request, rec: InteractionRecord) -> web.Response | None:
        """Discord's answer once an interaction token has outlived its 15 minutes."""
        if time.monotonic() - rec.pushed_at <= self.fake.token_lifetime:
            return None
        problem = limits.Problem("", "50027", "Invalid Webhook Token")
        return self._reject(request, [problem], rec, 401)

    def _webhook_target(
        self, request: web.Request
    ) -> tuple[InteractionRecord | None, MessageRecord | None, web.Response | None]:
        rec = self._webhook_interaction(request)
        if rec is None:
            problem = limits.Problem("", "10015", "Unknown Webhook")
            return None, None, self._reject(request, [problem], None, 404)
        if expired := self._token_expired(request, rec):
            return rec, None, expired
        wanted = request.match_info["message_id"]
        if wanted == "@original":
            target = rec.original
        else:
            target = next((m for m in rec.messages if str(m.id) == wanted), None)
        if target is None or target.deleted:
            problem = limits.Problem("", "10008", "Unknown Message")
            return rec, None, self._reject(request, [problem], rec, 404)
        return rec, target, None

    async def followup(self, request: web.Request) -> web.Response:
        """POST /webhooks/{app_id}/{token}: a follow-up message."""
        body, files = await read_body(request)
        rec = self._webhook_interaction(request)
        if rec is None or not rec.callbacks:
            # Before the interaction is acknowledged its webhook does not exist yet.
            return self._reject(request, [limits.Problem("", "10015", "Unknown Webhook")], rec, 404)
        if expired := self._token_expired(request, rec):
            return expired
        if problems := limits.check_message(body, file_count=len(files)):
            return self._reject(request, problems, rec)
        flags = (body.get("flags") or 0) & _SETTABLE_FLAGS
        if rec.original is not None and rec.original.loading and not rec.original.deleted:
            # After a "thinking" deferral the first follow-up completes the deferred message
            # (same id) and keeps the deferral's visibility, whatever the follow-up asked for.
            message = rec.original
            if bool(flags & EPHEMERAL) != message.ephemeral:
                self.fake.warnings.append(
                    f"interaction {rec.id}: follow-up asked ephemeral={bool(flags & EPHEMERAL)} "
                    f"but completes a deferral with ephemeral={message.ephemeral}; Discord "
                    "keeps the deferral's visibility"
                )
            apply_payload(message, body, files)
            message.flags = (message.flags & EPHEMERAL) | (flags & ~EPHEMERAL)
        else:
            message = self._new_message(rec, int(rec.payload["channel"]["id"]))
            apply_payload(message, body, files)
            message.flags = flags
            rec.followups.append(message)
        rec.touch()
        self.fake._notify()
        if request.query.get("wait") in ("1", "true", "True"):
            return json_response(self._message_json(message))
        return web.Response(status=204)

    async def get_webhook_message(self, request: web.Request) -> web.Response:
        """GET /webhooks/{app_id}/{token}/messages/{id|@original}."""
        _, target, failure = self._webhook_target(request)
        return failure or json_response(self._message_json(target))  # type: ignore[arg-type]

    async def edit_webhook_message(self, request: web.Request) -> web.Response:
        """PATCH /webhooks/{app_id}/{token}/messages/{id|@original}."""
        body, files = await read_body(request)
        rec, target, failure = self._webhook_target(request)
        if failure:
            return failure
        assert target is not None and rec is not None
        if failure := self._edit(request, target, body, files, rec):
            return failure
        rec.touch()
        self.fake._notify()
        return json_response(self._message_json(target, edited=True))

    async def delete_webhook_message(self, request: web.Request) -> web.Response:
        """DELETE /webhooks/{app_id}/{token}/messages/{id|@original}."""
        rec, target, failure = self._webhook_target(request)
        if failure:
            return failure
        assert target is not None and rec is not None
        target.deleted = True
        rec.touch()
        self.fake._notify()
        return web.Response(status=204)

    # -- plain channel messages -------------------------------------------------------------

    async def channel_send(self, request: web.Request) -> web.Response:
        """POST /channels/{id}/messages."""
        body, files = await read_body(request)
        if problems := limits.check_message(body, file_count=len(files)):
            return self._reject(request, problems, None)
        message = self._new_message(None, int(request.match_info["channel_id"]))
        message.guild_id = self.fake.guild_of_channel(message.channel_id)
        apply_payload(message, body, files)
        message.flags = (body.get("flags") or 0) & _SETTABLE_FLAGS & ~EPHEMERAL
        self.fake._notify()
        return json_response(self._message_json(message))

    def _channel_message(self, request: web.Request) -> MessageRecord | None:
        record = self.fake.messages.get(int(request.match_info["message_id"]))
        if record is None or record.deleted:
            return None
        return record if str(record.channel_id) == request.match_info["channel_id"] else None

    async def channel_edit(self, request: web.Request) -> web.Response:
        """PATCH /channels/{id}/messages/{id}."""
        body, files = await read_body(request)
        record = self._channel_message(request)
        if record is None:
            return self._reject(
                request, [limits.Problem("", "10008", "Unknown Message")], None, 404
            )
        if failure := self._edit(request, record, body, files, None):
            return failure
        self.fake._notify()
        return json_response(self._message_json(record, edited=True))

    async def channel_delete(self, request: web.Request) -> web.Response:
        """DELETE /channels/{id}/messages/{id}."""
        record = self._channel_message(request)
        if record is None:
            return self._reject(
                request, [limits.Problem("", "10008", "Unknown Message")], None, 404
            )
        record.deleted = True
        self.fake._notify()
        return web.Response(status=204)
