"""Settings from the environment (prefix ``TUMEN_``) and an optional ``.env`` file.

Built by `get_settings()` on demand, never at import, so nothing needs a dummy token.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

IdList = Annotated[list[int], NoDecode]


class Settings(BaseSettings):
    """Every setting Tumen reads. Lists of ids are comma-separated in the environment."""

    # hide_input_in_errors: a validation error must never echo a value back (it could be the
    # token, pasted into the wrong variable).
    model_config = SettingsConfigDict(env_prefix="TUMEN_", env_file=".env",
                                      env_file_encoding="utf-8", extra="ignore",
                                      hide_input_in_errors=True)

    discord_token: SecretStr | None = None
    guild_ids: IdList = Field(default_factory=list)
    admin_role_ids: IdList = Field(default_factory=list)
    admin_user_ids: IdList = Field(default_factory=list)
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path(".tumen/index")
    log_level: str = "INFO"
    max_article_bytes: int = Field(default=5 * 1024 * 1024, gt=0)
    discord_api_base: str | None = None
    discord_gateway_url: str | None = None
    # Per-user command budget across all commands: `cooldown_rate` per `cooldown_per_s` seconds
    # (0 turns it off).
    cooldown_rate: int = Field(default=5, ge=0)
    cooldown_per_s: float = Field(default=10.0, gt=0)
    # `/corpus add url:` downloads: at most this many bytes, this many seconds in all (redirects
    # included), and never from private, loopback or link-local addresses unless allowed (tests
    # and intranet deployments only: otherwise the bot could be used to probe the local network).
    fetch_max_bytes: int = Field(default=5 * 1024 * 1024, gt=0)
    fetch_timeout_s: float = Field(default=15.0, gt=0)
    fetch_allow_private: bool = False
    # On SIGTERM, how long commands in flight (a build among them) may run before the bot
    # stops them; `docker stop` kills after 10 s unless given a longer -t.
    shutdown_grace_s: float = Field(default=5.0, ge=0)
    # "Wrong citation?" reports, one JSON object a line (`tumen feedback` lists them).
    feedback_file: Path = Path(".tumen/feedback.jsonl")

    @field_validator("guild_ids", "admin_role_ids", "admin_user_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [v for v in value.replace(" ", "").split(",") if v]
            if not all(p.isdigit() for p in parts):
                # Not int()'s message: it would quote the value, which may be a misplaced token.
                raise ValueError("must be comma-separated numeric ids")
            return [int(p) for p in parts]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level


def get_settings(**overrides: object) -> Settings:
    """Read the settings now (environment, then ``.env``); keyword overrides win."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
