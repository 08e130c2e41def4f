"""Discord limit checks of the fake, one limit at a time."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fakediscord import limits


def _button(label: str = "ok", custom_id: str = "b") -> dict[str, Any]:
    return {"type": 2, "style": 1, "label": label, "custom_id": custom_id}


def _row(*items: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": list(items)}


def _codes(problems: list[limits.Problem]) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in problems]


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"content": "x" * 2000}, []),
        ({"content": "x" * 2001}, [("content", "BASE_TYPE_MAX_LENGTH")]),
        ({"embeds": [{"title": "t"}] * 11}, [("embeds", "BASE_TYPE_MAX_LENGTH")]),
        ({"embeds": [{"title": "x" * 257}]}, [("embeds.0.title", "BASE_TYPE_MAX_LENGTH")]),
        (
            {"embeds": [{"description": "x" * 4097}]},
            [("embeds.0.description", "BASE_TYPE_MAX_LENGTH")],
        ),
        (
            {"embeds": [{"fields": [{"name": "n", "value": "v"}] * 26}]},
            [("embeds.0.fields", "BASE_TYPE_MAX_LENGTH")],
        ),
        (
            {"embeds": [{"fields": [{"name": "x" * 257, "value": "v" * 1025}]}]},
            [
                ("embeds.0.fields.0.name", "BASE_TYPE_BAD_LENGTH"),
                ("embeds.0.fields.0.value", "BASE_TYPE_BAD_LENGTH"),
            ],
        ),
        (
            {"embeds": [{"fields": [{"name": "", "value": "v"}]}]},
            [("embeds.0.fields.0.name", "BASE_TYPE_REQUIRED")],
        ),
        (
            {"embeds": [{"footer": {"text": "x" * 2049}}]},
            [("embeds.0.footer.text", "BASE_TYPE_BAD_LENGTH")],
        ),
        (
            {"embeds": [{"author": {"name": "x" * 257}}]},
            [("embeds.0.author.name", "BASE_TYPE_BAD_LENGTH")],
        ),
        (
            {"embeds": [{"description": "x" * 3000}, {"description": "y" * 3001}]},
            [("embeds", "MAX_EMBED_SIZE_EXCEEDED")],
        ),
        ({"components": [_row(_button())] * 6}, [("components", "BASE_TYPE_MAX_LENGTH")]),
        (
            {"components": [_row(*[_button()] * 6)]},
            [("components.0.components", "BASE_TYPE_BAD_LENGTH")],
        ),
        (
            {"components": [_row(_button(label="x" * 81))]},
            [("components.0.components.0.label", "BASE_TYPE_MAX_LENGTH")],
        ),
        (
            {"components": [_row(_button(custom_id="x" * 101))]},
            [("components.0.components.0.custom_id", "BASE_TYPE_BAD_LENGTH")],
        ),
        ({"components": [_button()]}, [("components.0.type", "UNION_TYPE_CHOICES")]),
        ({"content": "x", "allowed_mentions": {"parse": []}}, []),
        (
            {"content": "x", "allowed_mentions": {"parse": ["users"], "users": ["1"]}},
            [("allowed_mentions", "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE")],
        ),
        (
            {"embeds": [{"fields": [{"name": "   ", "value": "\n\t "}]}]},
            [
                ("embeds.0.fields.0.name", "BASE_TYPE_REQUIRED"),
                ("embeds.0.fields.0.value", "BASE_TYPE_REQUIRED"),
            ],
        ),
        ({"content": "x", "allowed_mentions": {"parse": [], "users": ["1"] * 100}}, []),
        (
            {"content": "x", "allowed_mentions": {"parse": [], "users": ["1"] * 101}},
            [("allowed_mentions.users", "BASE_TYPE_MAX_LENGTH")],
        ),
        ({}, [("message", "50006")]),
        ({"attachments": [{"id": 0, "filename": "a.png"}]}, []),
    ],
)
def test_message_limits(payload: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    assert _codes(limits.check_message(payload)) == expected


def test_edit_may_be_partial() -> None:
    assert limits.check_message({}, creating=False) == []


def test_autocomplete_limits() -> None:
    ok = [{"name": f"c{i}", "value": f"v{i}"} for i in range(25)]
    assert limits.check_autocomplete({"choices": ok}) == []
    too_many = [*ok, {"name": "c", "value": "v"}]
    assert _codes(limits.check_autocomplete({"choices": too_many})) == [
        ("data.choices", "BASE_TYPE_MAX_LENGTH")
    ]
    long_name = [{"name": "x" * 101, "value": "v"}]
    assert _codes(limits.check_autocomplete({"choices": long_name})) == [
        ("data.choices.0.name", "BASE_TYPE_BAD_LENGTH")
    ]


def _command(**overrides: Any) -> dict[str, Any]:
    return {"type": 1, "name": "when", "description": "Timeline", "options": []} | overrides


def _option(name: str = "topic", required: bool = True) -> dict[str, Any]:
    return {"type": 3, "name": name, "description": "d", "required": required}


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (_command(), []),
        (_command(name="When"), [("0.name", "APPLICATION_COMMAND_INVALID_NAME")]),
        (_command(name="x" * 33), [("0.name", "BASE_TYPE_BAD_LENGTH")]),
        (_command(description="x" * 101), [("0.description", "BASE_TYPE_BAD_LENGTH")]),
        (_command(description=""), [("0.description", "BASE_TYPE_REQUIRED")]),
        (
            _command(options=[_option(f"o{i}", False) for i in range(26)]),
            [("0.options", "BASE_TYPE_MAX_LENGTH")],
        ),
        (
            _command(options=[_option("a", False), _option("b", True)]),
            [("0.options.1", "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID")],
        ),
        ({"type": 3, "name": "Translate This", "description": ""}, []),
        (_command(options=[_option() | {"max_length": 6000, "min_length": 0}]), []),
        (
            _command(options=[_option() | {"max_length": 6001}]),
            [("0.options.0.max_length", "NUMBER_TYPE_MAX")],
        ),
        (
            _command(options=[_option() | {"type": 5, "choices": [{"name": "y", "value": True}]}]),
            [("0.options.0.choices", "APPLICATION_COMMAND_OPTION_CHOICES_TYPE")],
        ),
    ],
)
def test_command_limits(command: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    assert _codes(limits.check_commands([command])) == expected


def test_command_count_limit() -> None:
    commands = [_command(name=f"c{i}") for i in range(101)]
    assert _codes(limits.check_commands(commands)) == [("type1", "BASE_TYPE_MAX_LENGTH")]


def test_error_body_is_nested_like_discord() -> None:
    body = limits.error_body([limits.Problem("data.embeds.0.title", "X", "too long")])
    assert body == {
        "code": 50035,
        "message": "Invalid Form Body",
        "errors": {
            "data": {
                "embeds": {"0": {"title": {"_errors": [{"code": "X", "message": "too long"}]}}}
            }
        },
    }
