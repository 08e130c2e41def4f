"""Discord's published payload limits, checked the way the API would (discord.py checks few).

Each checker returns a list of `Problem`s; `error_body` turns them into the
`{"code": 50035, "message": "Invalid Form Body", "errors": {...}}` body Discord answers with.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

IS_COMPONENTS_V2 = 1 << 15
SELECT_TYPES = {3, 5, 6, 7, 8}


class Problem(NamedTuple):
    """One limit violation: dotted path into the payload, Discord error code, human message."""

    path: str
    code: str
    message: str


def _length(path: str, value: Any, low: int, high: int) -> list[Problem]:
    """Check a string (or list) length; None/absent counts as length 0."""
    size = len(value) if value is not None else 0
    if low <= size <= high:
        return []
    if low and size == 0:
        return [Problem(path, "BASE_TYPE_REQUIRED", "This field is required")]
    if low == 0:
        return [Problem(path, "BASE_TYPE_MAX_LENGTH", f"Must be {high} or fewer in length.")]
    return [Problem(path, "BASE_TYPE_BAD_LENGTH", f"Must be between {low} and {high} in length.")]


def _join(prefix: str, key: str | int) -> str:
    return f"{prefix}.{key}" if prefix else str(key)


def check_message(
    payload: dict[str, Any], *, prefix: str = "", creating: bool = True, file_count: int = 0
) -> list[Problem]:
    """Limits of a message create/edit body (also the `data` of callback types 4 and 7)."""
    problems = _length(_join(prefix, "content"), payload.get("content"), 0, 2000)
    embeds = payload.get("embeds") or []
    problems += _length(_join(prefix, "embeds"), embeds, 0, 10)
    problems += check_embeds(embeds, _join(prefix, "embeds"))
    problems += check_components(
        payload.get("components") or [],
        _join(prefix, "components"),
        v2=bool((payload.get("flags") or 0) & IS_COMPONENTS_V2),
    )
    attachments = payload.get("attachments") or []
    problems += _length(_join(prefix, "attachments"), attachments, 0, 10)
    problems += check_allowed_mentions(payload.get("allowed_mentions"), prefix)
    has_body = any(
        payload.get(k) for k in ("content", "embeds", "components", "poll", "sticker_ids")
    )
    if creating and not (has_body or attachments or file_count):
        problems.append(Problem(prefix or "message", "50006", "Cannot send an empty message"))
    return problems


def check_embeds(embeds: list[dict[str, Any]], prefix: str) -> list[Problem]:
    """Per-embed limits plus the 6000-character total across all embeds of a message."""
    problems: list[Problem] = []
    total = 0
    for i, embed in enumerate(embeds):
        path = _join(prefix, i)
        problems += _length(f"{path}.title", embed.get("title"), 0, 256)
        problems += _length(f"{path}.description", embed.get("description"), 0, 4096)
        fields = embed.get("fields") or []
        problems += _length(f"{path}.fields", fields, 0, 25)
        for j, fld in enumerate(fields):
            for key, high in (("name", 256), ("value", 1024)):
                text = fld.get(key)
                # Discord strips a field's text first: whitespace alone is no text at all.
                stripped = text.strip() if isinstance(text, str) and len(text) <= high else text
                problems += _length(f"{path}.fields.{j}.{key}", stripped, 1, high)
        if "footer" in embed:
            problems += _length(f"{path}.footer.text", embed["footer"].get("text"), 1, 2048)
        if "author" in embed:
            problems += _length(f"{path}.author.name", embed["author"].get("name"), 1, 256)
        color = embed.get("color")
        if color is not None and not 0 <= color <= 0xFFFFFF:
            problems.append(Problem(f"{path}.color", "NUMBER_TYPE_MAX", "Int value too large"))
        total += sum(len(embed.get(k) or "") for k in ("title", "description"))
        total += sum(len(f.get("name") or "") + len(f.get("value") or "") for f in fields)
        total += len((embed.get("footer") or {}).get("text") or "")
        total += len((embed.get("author") or {}).get("name") or "")
    if total > 6000:
        problems.append(
            Problem(
                prefix,
                "MAX_EMBED_SIZE_EXCEEDED",
                f"Embed size exceeds maximum size of 6000 ({total})",
            )
        )
    return problems


def check_components(components: list[dict[str, Any]], prefix: str, *, v2: bool) -> list[Problem]:
    """Action rows, buttons and selects; components v2 layouts are only checked for their items."""
    if v2:
        return _length(prefix, components, 0, 40) + _check_items(components, prefix)
    problems = _length(prefix, components, 0, 5)
    for i, row in enumerate(components):
        path = _join(prefix, i)
        if row.get("type") != 1:
            problems.append(
                Problem(f"{path}.type", "UNION_TYPE_CHOICES", "Value must be an action row")
            )
            continue
        children = row.get("components") or []
        problems += _length(f"{path}.components", children, 1, 5)
        kinds = {c.get("type") for c in children}
        if kinds & SELECT_TYPES and len(children) > 1:
            problems.append(
                Problem(
                    f"{path}.components", "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "Select must be alone"
                )
            )
        if 1 in kinds:
            problems.append(
                Problem(f"{path}.components", "UNION_TYPE_CHOICES", "Nested action row")
            )
        problems += _check_items(children, f"{path}.components")
    return problems


def _check_items(items: Iterable[dict[str, Any]], prefix: str) -> list[Problem]:
    problems: list[Problem] = []
    for i, item in enumerate(items):
        path = _join(prefix, i)
        kind = item.get("type")
        if kind == 2:
            problems += _check_button(item, path)
        elif kind in SELECT_TYPES:
            problems += _check_select(item, path)
        elif kind == 4:
            problems += _length(f"{path}.custom_id", item.get("custom_id"), 1, 100)
            problems += _length(f"{path}.label", item.get("label"), 0, 45)
        if item.get("components"):
            problems += _check_items(item["components"], f"{path}.components")
        if isinstance(item.get("accessory"), dict):
            problems += _check_items([item["accessory"]], f"{path}.accessory")
    return problems


def _check_button(button: dict[str, Any], path: str) -> list[Problem]:
    problems = _length(f"{path}.label", button.get("label"), 0, 80)
    style = button.get("style")
    if style == 5:
        if not button.get("url"):
            problems.append(Problem(f"{path}.url", "BASE_TYPE_REQUIRED", "This field is required"))
    elif style != 6:
        problems += _length(f"{path}.custom_id", button.get("custom_id"), 1, 100)
    if style != 6 and not button.get("label") and not button.get("emoji"):
        problems.append(Problem(path, "BUTTON_COMPONENT_INVALID", "A label or emoji is required"))
    return problems


def _check_select(select: dict[str, Any], path: str) -> list[Problem]:
    problems = _length(f"{path}.custom_id", select.get("custom_id"), 1, 100)
    problems += _length(f"{path}.placeholder", select.get("placeholder"), 0, 150)
    if select.get("type") == 3:
        options = select.get("options") or []
        problems += _length(f"{path}.options", options, 1, 25)
        for j, opt in enumerate(options):
            problems += _length(f"{path}.options.{j}.label", opt.get("label"), 1, 100)
            problems += _length(f"{path}.options.{j}.value", opt.get("value"), 1, 100)
            problems += _length(f"{path}.options.{j}.description", opt.get("description"), 0, 100)
    for key in ("min_values", "max_values"):
        value = select.get(key)
        if value is not None and not 0 <= value <= 25:
            problems.append(Problem(f"{path}.{key}", "NUMBER_TYPE_MAX", "Must be between 0 and 25"))
    return problems


def check_allowed_mentions(mentions: dict[str, Any] | None, prefix: str) -> list[Problem]:
    """`parse` entries must be known and not combined with an explicit list of the same kind."""
    if not mentions:
        return []
    path = _join(prefix, "allowed_mentions")
    parse = mentions.get("parse") or []
    problems = [
        Problem(f"{path}.parse", "BASE_TYPE_CHOICES", f"Value {p!r} is not a valid enum value")
        for p in parse
        if p not in ("users", "roles", "everyone")
    ]
    for kind in ("users", "roles"):
        problems += _length(f"{path}.{kind}", mentions.get(kind), 0, 100)
        if kind in parse and mentions.get(kind):
            problems.append(
                Problem(
                    path, "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", f"parse:[{kind}] with {kind}"
                )
            )
    return problems


def check_autocomplete(data: dict[str, Any], prefix: str = "data") -> list[Problem]:
    """Callback type 8: at most 25 choices, names 1–100, string values ≤ 100."""
    choices = data.get("choices")
    if choices is None:
        return [Problem(f"{prefix}.choices", "BASE_TYPE_REQUIRED", "This field is required")]
    return _length(f"{prefix}.choices", choices, 0, 25) + _check_choices(
        choices, f"{prefix}.choices"
    )


def check_modal(data: dict[str, Any], prefix: str = "data") -> list[Problem]:
    """Callback type 9: title ≤ 45, custom_id 1–100, 1–5 components."""
    problems = _length(f"{prefix}.title", data.get("title"), 1, 45)
    problems += _length(f"{prefix}.custom_id", data.get("custom_id"), 1, 100)
    components = data.get("components") or []
    problems += _length(f"{prefix}.components", components, 1, 5)
    return problems + _check_items(components, f"{prefix}.components")


def _check_choices(choices: list[dict[str, Any]], prefix: str) -> list[Problem]:
    problems: list[Problem] = []
    for i, choice in enumerate(choices):
        problems += _length(f"{prefix}.{i}.name", choice.get("name"), 1, 100)
        if isinstance(choice.get("value"), str):
            problems += _length(f"{prefix}.{i}.value", choice["value"], 0, 100)
    return problems


def _valid_chat_name(name: str) -> bool:
    # Discord: ^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$, lowercase where a letter has case.
    return all(c.isalnum() or c in "-_'" for c in name) and name == name.lower()


def _check_name(path: str, name: Any, *, chat: bool) -> list[Problem]:
    problems = _length(path, name, 1, 32)
    if chat and name and not _valid_chat_name(str(name)):
        problems.append(Problem(path, "APPLICATION_COMMAND_INVALID_NAME", f"Invalid name {name!r}"))
    return problems


def check_commands(commands: list[dict[str, Any]]) -> list[Problem]:
    """A bulk overwrite: ≤ 100 chat commands, ≤ 15 user and 15 message commands, valid shapes."""
    problems: list[Problem] = []
    by_type: dict[int, list[str]] = {}
    for i, command in enumerate(commands):
        kind = command.get("type", 1)
        by_type.setdefault(kind, []).append(command.get("name", ""))
        problems += _check_command(command, str(i), chat=kind == 1)
    for kind, names in by_type.items():
        problems += _length(f"type{kind}", names, 0, 100 if kind == 1 else 15)
        if len(set(names)) != len(names):
            problems.append(
                Problem(
                    f"type{kind}", "APPLICATION_COMMANDS_DUPLICATE_NAME", "Duplicate command name"
                )
            )
    return problems


def _check_command(command: dict[str, Any], path: str, *, chat: bool) -> list[Problem]:
    problems = _check_name(f"{path}.name", command.get("name"), chat=chat)
    if chat:
        problems += _length(f"{path}.description", command.get("description"), 1, 100)
    elif command.get("description"):
        problems.append(Problem(f"{path}.description", "BASE_TYPE_MAX_LENGTH", "Must be empty"))
    problems += _check_options(command.get("options") or [], f"{path}.options")
    size = _command_size(command)
    if size > 4000:
        problems.append(
            Problem(path, "APPLICATION_COMMAND_TOO_LARGE", f"Command too large ({size})")
        )
    return problems


def _check_options(options: list[dict[str, Any]], prefix: str) -> list[Problem]:
    problems = _length(prefix, options, 0, 25)
    seen_optional = False
    names = [o.get("name") for o in options]
    if len(set(names)) != len(names):
        problems.append(
            Problem(prefix, "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", "Duplicate")
        )
    for i, option in enumerate(options):
        path = _join(prefix, i)
        problems += _check_name(f"{path}.name", option.get("name"), chat=True)
        problems += _length(f"{path}.description", option.get("description"), 1, 100)
        choices = option.get("choices") or []
        problems += _length(f"{path}.choices", choices, 0, 25) + _check_choices(
            choices, f"{path}.choices"
        )
        if option.get("autocomplete") and choices:
            problems.append(Problem(path, "AUTOCOMPLETE_AND_CHOICES", "Autocomplete with choices"))
        if choices and option.get("type") not in (3, 4, 10):
            problems.append(Problem(f"{path}.choices", "APPLICATION_COMMAND_OPTION_CHOICES_TYPE",
                                    "Only string, integer and number options have choices"))
        problems += _option_lengths(option, path)
        if option.get("type") in (1, 2):
            problems += _check_options(option.get("options") or [], f"{path}.options")
        elif option.get("required"):
            if seen_optional:
                problems.append(
                    Problem(
                        path,
                        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                        "Required after optional",
                    )
                )
        else:
            seen_optional = True
    return problems


def _option_lengths(option: dict[str, Any], path: str) -> list[Problem]:
    """A string option's min_length is 0–6000 and its max_length 1–6000."""
    problems: list[Problem] = []
    for key, low in (("min_length", 0), ("max_length", 1)):
        value = option.get(key)
        if value is not None and not low <= value <= 6000:
            problems.append(Problem(f"{path}.{key}", "NUMBER_TYPE_MAX",
                                    f"Must be between {low} and 6000"))
    return problems


def _command_size(item: dict[str, Any]) -> int:
    # Discord counts name, description and choice names/values, recursively, towards 4000.
    size = len(item.get("name") or "") + len(item.get("description") or "")
    for choice in item.get("choices") or []:
        size += len(choice.get("name") or "") + len(str(choice.get("value") or ""))
    return size + sum(_command_size(o) for o in item.get("options") or [])


def error_body(problems: list[Problem]) -> dict[str, Any]:
    """Discord's nested 'Invalid Form Body' error object for these problems."""
    errors: dict[str, Any] = {}
    for problem in problems:
        node = errors
        for part in problem.path.split("."):
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append({"code": problem.code, "message": problem.message})
    return {"code": 50035, "message": "Invalid Form Body", "errors": errors}
