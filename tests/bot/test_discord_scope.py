"""Who may change the shared corpus, and which servers the bot serves (issue 16.1)."""

from __future__ import annotations

import logging

import pytest

from bot.settings import Settings
from tests.bot.conftest import ADMIN_ROLE, APP_ID, GUILD, PLAIN_ROLE, BotRunner
from tests.fakediscord import FakeDiscord, GuildSpec, UserSpec, events, fake_discord_fixture

MANAGER = 1 << 5 | 1 << 31 | 1 << 11  # Manage Server, Use Application Commands, Send Messages
OTHER = GuildSpec(id=910_000_000_000_000_777, name="Somebody else's server")

fake_discord = fake_discord_fixture(app_id=APP_ID, guilds=[GUILD, OTHER])


def unconfigured(settings: Settings) -> Settings:
    return settings.model_copy(update={"guild_ids": [], "admin_role_ids": [],
                                       "admin_user_ids": []})


async def test_admin_commands_are_off_until_admins_or_servers_are_configured(
        run_bot: BotRunner, fake_discord: FakeDiscord, bot_settings: Settings) -> None:
    async with run_bot(unconfigured(bot_settings)) as bot:
        before = bot.library.status()["generation"]
        for guild in (GUILD, OTHER):
            refused = await (await fake_discord.invoke(
                "corpus remove", {"id": "000"}, guild_id=guild.id, permissions=MANAGER)).final()
            assert refused.ephemeral and "Admin commands are turned off" in refused.content
        assert bot.library.status()["generation"] == before
    assert (bot_settings.corpus_dir / "000_991db22383b8adc6.md").exists()
    assert fake_discord.left_guilds == []  # no server list: every server is served
    assert fake_discord.violations == [] and fake_discord.warnings == []


async def test_manage_server_counts_only_in_an_allowed_server(
        run_bot: BotRunner, fake_discord: FakeDiscord, bot_settings: Settings) -> None:
    settings = unconfigured(bot_settings).model_copy(update={"guild_ids": [GUILD.id]})
    async with run_bot(settings):
        await fake_discord.wait_until(lambda: fake_discord.left_guilds == [OTHER.id])
        done = await (await fake_discord.invoke("reindex", guild_id=GUILD.id,
                                                permissions=MANAGER)).final()
    assert "Reindex finished" in done.content
    assert fake_discord.violations == [] and fake_discord.warnings == []


async def test_a_server_outside_the_list_is_left_and_its_commands_ignored(
        run_bot: BotRunner, fake_discord: FakeDiscord, bot_settings: Settings) -> None:
    from bot.tree import serves

    settings = bot_settings.model_copy(update={"guild_ids": [GUILD.id]})
    async with run_bot(settings):
        await fake_discord.wait_until(lambda: fake_discord.left_guilds == [OTHER.id])
        # A command that still arrives from there (sent before the bot left) is refused.
        actor = events.Actor(user=UserSpec(), guild=OTHER, channel_id=OTHER.channels[0].id,
                             permissions=MANAGER)
        command = events.find_command(fake_discord.synced_commands, "sources", GUILD.id)
        rec = await fake_discord.push_interaction(
            2, events.command_data(command, [], {}, OTHER), actor)
        refused = await (await rec.wait_settled()).final()
    assert refused.ephemeral and refused.content == "Tumen does not serve this server."
    assert OTHER.id not in fake_discord.synced_commands
    assert serves(settings, GUILD.id) and serves(settings, None)
    assert not serves(settings, OTHER.id)
    assert fake_discord.violations == [] and fake_discord.warnings == []


def test_readme_tells_deployers_to_turn_off_public_bot() -> None:
    from tests.conftest import SEED_CORPUS

    readme = (SEED_CORPUS.parent / "README.md").read_text(encoding="utf-8")
    assert "turn **Public Bot** off" in readme


async def test_an_unknown_server_id_is_skipped_with_a_log_line(
        run_bot: BotRunner, fake_discord: FakeDiscord, bot_settings: Settings,
        caplog: pytest.LogCaptureFixture) -> None:
    unknown = 910_000_000_000_000_999
    settings = bot_settings.model_copy(update={"guild_ids": [unknown, GUILD.id]})
    with caplog.at_level(logging.WARNING, logger="bot.app"):
        async with run_bot(settings) as bot:
            assert bot.synced == "partly"
            msg = await (await fake_discord.invoke("help", guild_id=GUILD.id)).final()
    assert "/search" in msg.embeds[0]["description"]
    assert GUILD.id in fake_discord.synced_commands
    (line,) = [r.getMessage() for r in caplog.records if str(unknown) in r.getMessage()]
    assert line.startswith(f"skipping server {unknown} of TUMEN_GUILD_IDS: Discord refused PUT")
    assert "HTTP 403" in line and "50001" in line
    assert fake_discord.violations == []


async def test_an_admin_role_member_without_manage_server_once_granted_in_integrations(
        run_bot: BotRunner, fake_discord: FakeDiscord) -> None:
    # Tumen's admin role, without Manage Server: Discord hides /reindex and /corpus from them
    # (default_member_permissions) until a server admin allows the commands to the role.
    member = UserSpec(username="editor")
    plain = 1 << 31 | 1 << 11  # Use Application Commands, Send Messages
    async with run_bot():
        with pytest.raises(PermissionError):
            await fake_discord.invoke("reindex", user=member, member_roles=[ADMIN_ROLE.id],
                                      permissions=plain)
        fake_discord.grant(GUILD.id, "reindex", ADMIN_ROLE.id)
        fake_discord.grant(GUILD.id, "corpus", ADMIN_ROLE.id)
        done = await (await fake_discord.invoke("reindex", user=member,
                                                member_roles=[ADMIN_ROLE.id],
                                                permissions=plain)).final()
        removed = await (await fake_discord.invoke("corpus remove", {"id": "zzz"}, user=member,
                                                   member_roles=[ADMIN_ROLE.id],
                                                   permissions=plain)).final()
        # A grant only shows the command; the run-time check still wants Tumen's admin role.
        with pytest.raises(PermissionError):
            await fake_discord.invoke("reindex", member_roles=[PLAIN_ROLE.id], permissions=plain)
        other = UserSpec(username="granted-but-not-admin")
        fake_discord.grant(GUILD.id, "reindex", other.id)
        outsider = await (await fake_discord.invoke("reindex", user=other,
                                                    member_roles=[PLAIN_ROLE.id],
                                                    permissions=plain)).final()
    assert "Reindex finished" in done.content
    assert "No article id starts with “zzz”" in removed.content  # ran, past the admin check
    assert outsider.ephemeral and "Only Tumen admins" in outsider.content
    assert fake_discord.violations == []


def test_readme_says_how_to_grant_admin_commands_to_a_role() -> None:
    from tests.conftest import SEED_CORPUS

    readme = (SEED_CORPUS.parent / "README.md").read_text(encoding="utf-8")
    assert "Server Settings → Integrations" in readme
