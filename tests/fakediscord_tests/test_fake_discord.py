"""End to end: the real discord.py client against FakeDiscord over loopback HTTP + websocket."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Iterator

import aiohttp
import discord
import pytest
from discord import app_commands

from tests.fakediscord import (
    FakeDiscord,
    GuildSpec,
    RoleSpec,
    UserSpec,
    fake_discord_fixture,
    running_client,
)

MANAGE_GUILD = 1 << 5
GUILD = GuildSpec(
    id=900_000_000_000_000_001,
    name="Tumen Test",
    roles=[RoleSpec(name="analyst"), RoleSpec(name="mods", permissions=MANAGE_GUILD)],
)
APP_ID = 900_000_000_000_000_100
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
TOPICS = ["debt", "defence pact", "dprk troops", "energy", "rail link"]

fake_discord = fake_discord_fixture(app_id=APP_ID, guilds=[GUILD])


class Counter(discord.ui.View):
    """A one-button view; clicking edits the message in place (callback type 7)."""

    @discord.ui.button(label="More", custom_id="more")
    async def more(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.edit_message(content=f"clicked by {interaction.user.id}")


class Feedback(discord.ui.Modal, title="Feedback"):
    """A one-field modal; submitting replies with what was typed."""

    text: discord.ui.TextInput = discord.ui.TextInput(label="What was wrong?", custom_id="text")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks: {self.text.value}", ephemeral=True)


class MiniBot(discord.Client):
    """The smallest realistic bot: a command tree synced to one guild."""

    def __init__(self, intents: discord.Intents | None = None) -> None:
        super().__init__(
            intents=discord.Intents.default() if intents is None else intents,
            chunk_guilds_at_startup=False,
            member_cache_flags=discord.MemberCacheFlags.none(),
            guild_ready_timeout=0.05,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        self.tree = app_commands.CommandTree(self)
        self.guild_obj = discord.Object(GUILD.id)
        self._add_commands()

    async def setup_hook(self) -> None:
        await self.tree.sync(guild=self.guild_obj)
        await self.tree.sync()  # the global "about" command

    def _add_commands(self) -> None:
        guild = self.guild_obj

        @self.tree.command(description="Reply at once", guild=guild)
        async def ping(interaction: discord.Interaction) -> None:
            embed = discord.Embed(title="Pong", description="latency fine")
            await interaction.response.send_message("pong", embed=embed)

        @self.tree.command(description="Defer then edit", guild=guild)
        @app_commands.describe(topic="What to look up")
        async def when(interaction: discord.Interaction, topic: str, limit: int = 3) -> None:
            await interaction.response.defer(thinking=True)
            await interaction.edit_original_response(content=f"{topic}:{limit}")

        @self.tree.command(description="Defer privately, answer with a follow-up", guild=guild)
        async def brief(interaction: discord.Interaction) -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)
            await interaction.followup.send("done")  # completes the private "thinking" message
            await interaction.followup.send("and more", ephemeral=True)

        @when.autocomplete("topic")
        async def topic_choices(
            interaction: discord.Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            if current == "*":  # a bug on purpose: Discord allows at most 25 choices
                return [app_commands.Choice(name=f"t{i}", value=f"t{i}") for i in range(30)]
            return [app_commands.Choice(name=t, value=t) for t in TOPICS if current in t]

        @self.tree.command(description="Reply and follow up", guild=guild)
        async def multi(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("first")
            await interaction.followup.send("second", ephemeral=True)

        @self.tree.command(description="Only you can see this", guild=guild)
        async def secret(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("hidden", ephemeral=True)

        @self.tree.command(description="A reply with a button", guild=guild)
        async def buttons(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("press it", view=Counter(timeout=None))

        @self.tree.command(description="A chart", guild=guild)
        async def chart(interaction: discord.Interaction) -> None:
            await interaction.response.send_message(file=discord.File(io.BytesIO(PNG), "chart.png"))

        @self.tree.command(description="Too big an embed", guild=guild)
        async def huge(interaction: discord.Interaction) -> None:
            await interaction.response.send_message(embed=discord.Embed(description="x" * 5000))

        @self.tree.command(description="Reply, edit with a file, follow up, delete", guild=guild)
        async def lifecycle(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("v1")
            original = await interaction.original_response()
            png = discord.File(io.BytesIO(PNG), "v2.png")
            await interaction.edit_original_response(
                content=f"v2 of {original.id}", attachments=[png]
            )
            temp = await interaction.followup.send("temporary", wait=True)
            await temp.delete()
            assert interaction.channel is not None and hasattr(interaction.channel, "send")
            await interaction.channel.send("posted in channel")

        @self.tree.command(description="Pick one", guild=guild)
        async def pick(interaction: discord.Interaction) -> None:
            view = discord.ui.View(timeout=None)
            select: discord.ui.Select = discord.ui.Select(
                custom_id="pick", options=[discord.SelectOption(label=t) for t in TOPICS]
            )

            async def chosen(inner: discord.Interaction) -> None:
                await inner.response.defer()  # type 6: acknowledge, no visible change
                await inner.followup.send(f"chose {select.values[0]}", ephemeral=True)

            select.callback = chosen
            view.add_item(select)
            await interaction.response.send_message("pick a topic", view=view)

        @self.tree.command(description="Moderators only", guild=guild)
        @app_commands.default_permissions(manage_guild=True)
        async def reindex(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("reindexing", ephemeral=True)

        @self.tree.command(description="Send feedback", guild=guild)
        async def feedback(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(Feedback())

        @self.tree.command(description="Who am I", guild=guild)
        async def whoami(interaction: discord.Interaction) -> None:
            member = interaction.user
            assert isinstance(member, discord.Member)
            roles = ",".join(r.name for r in member.roles)
            await interaction.response.send_message(f"{member.id}|{roles}|{interaction.guild_id}")

        @self.tree.command(description="About the bot (global, works in DMs)")
        async def about(interaction: discord.Interaction) -> None:
            await interaction.response.send_message(f"dm={interaction.guild_id is None}")


@pytest.fixture(autouse=True)
def _fake_stays_healthy(fake_discord: FakeDiscord) -> Iterator[None]:
    """Every test here must only use routes the fake has, without crashing it."""
    yield
    assert fake_discord.unhandled == [] and fake_discord.server_errors == []


@pytest.fixture
async def bot(fake_discord: FakeDiscord) -> AsyncIterator[MiniBot]:
    client = MiniBot()
    async with running_client(client, fake_discord):
        yield client


async def test_login_gateway_and_sync(fake_discord: FakeDiscord, bot: MiniBot) -> None:
    await bot.wait_until_ready()
    assert bot.user is not None and bot.user.id == APP_ID
    assert bot.get_guild(GUILD.id) is not None  # GUILD_CREATE was parsed
    query = fake_discord.gateway_queries[0]
    assert query["v"] == "10" and query["encoding"] == "json"
    assert query["compress"] in ("zlib-stream", "zstd-stream")
    commands = {c["name"]: c for c in await fake_discord.wait_synced(GUILD.id)}
    assert "when" in commands and "about" not in commands
    assert [c["name"] for c in fake_discord.synced_commands[None]] == ["about"]
    (guild_id, raw), *_ = fake_discord.command_puts
    assert guild_id == GUILD.id
    when = next(c for c in raw if c["name"] == "when")
    assert when["description"] == "Defer then edit"
    assert [(o["name"], o["type"], o["required"]) for o in when["options"]] == [
        ("topic", 3, True),
        ("limit", 4, False),
    ]
    assert when["options"][0]["autocomplete"] is True
    assert fake_discord.violations == [] and fake_discord.unhandled == []


async def test_reply_with_embed(fake_discord: FakeDiscord, bot: MiniBot) -> None:
    rec = await fake_discord.invoke("ping")
    assert rec.callback_type == 4
    msg = rec.final_message
    assert msg is not None and msg.content == "pong" and not msg.ephemeral
    assert msg.embeds[0]["title"] == "Pong"
    assert msg.allowed_mentions == {"parse": []}
    assert fake_discord.violations == []


async def test_deferred_then_edit(fake_discord: FakeDiscord, bot: MiniBot) -> None:
    rec = await fake_discord.invoke("when", {"topic": "debt", "limit": 5})
    assert rec.callback_type == 5
    assert rec.original is not None and not rec.original.loading
    assert rec.original.content == "debt:5"
    assert len(rec.original.edits) == 1


async def test_followup_and_ephemeral(fake_discord: FakeDiscord, bot: MiniBot) -> None:
    rec = await fake_discord.invoke("multi")
    assert [m.content for m in rec.messages] == ["first", "second"]
    assert [m.ephemeral for m in rec.messages] == [False, True]
    rec = await fake_discord.invoke("secret")
    assert rec.original is not None and rec.original.ephemeral
    assert rec.original.content == "hidden"


async def test_autocomplete(fake_discord: FakeDiscord, bot: MiniBot) -> None:
    choices = await fake_discord.autocomplete("when", "topic", "d")
    assert [c["name"] for c in choices] == ["debt", "defence pact", "dprk troops"]
    assert fake_discord.violations == []


async def test_too_many_autocomplete_choices(fake_discord: FakeDiscord, bot: MiniBot) -> None:
    with pytest.raises(AssertionError, match="no choices"):
        await fake_discord.autocomplete("when", "topic", "*")
    assert [(v.path, v.code) for v in fake_discord.violations] == [
        ("data.choices", "BASE_TYPE_MAX_LENGTH")
    ]


async def test_button_click_updates_message(fake_discord: FakeDiscord, bot: MiniBot) -> None:
    rec = await fake_discord.invoke("buttons")
    message = rec.final_message
    assert message is not None and message.custom_ids() == ["more"]
    clicker = UserSpec(username="clicker")
    click = await fake_discord.click(message, "more", user=clicker)
    assert click.callback_type == 7
    assert message.content == f"clicked by {clicker.id}"
    assert fake_discord.violations == []


async def test_file_attachment(fake_discord: FakeDiscord, bot: MiniBot) -> None:
    rec = await fake_discord.invoke("chart")
    message = rec.final_message
    assert message is not None
    (attachment,) = message.attachments
    assert attachment.filename == "chart.png" and attachment.data == PNG
    # The attachment URL the fake hands out serves the bytes back.
    url = f"{fake_discord.base_url}/attachments/{message.channel_id}/{attachment.id}/chart.png"
    async with aiohttp.ClientSession() as session, session.get(url) as resp:
        assert await resp.read() == PNG


async def test_member_roles_and_user(fake_discord: FakeDiscord, bot: MiniBot) -> None:
    analyst = GUILD.roles[0]
    user = UserSpec(username="ana")
    rec = await fake_discord.invoke("whoami", user=user, member_roles=[analyst.id])
    assert rec.final_message is not None
    assert rec.final_message.content == f"{user.id}|@everyone,analyst|{GUILD.id}"


async def test_over_limit_embed_is_a_violation(fake_discord: FakeDiscord, bot: MiniBot) -> None:
    rec = await fake_discord.invoke("huge")
    assert rec.callback_type is None and rec.rejected
    (violation,) = fake_discord.violations
    assert violation.path == "data.embeds.0.description"
    assert violation.code == "BASE_TYPE_MAX_LENGTH"
    _route, body = rec.rejected[0]
    assert body["code"] == 50035 and "errors" in body


async def test_edit_with_file_followup_delete_and_channel_send(
    fake_discord: FakeDiscord, bot: MiniBot
) -> None:
    rec = await fake_discord.invoke("lifecycle")
    assert rec.original is not None
    assert rec.original.content == f"v2 of {rec.original.id}"
    assert [a.filename for a in rec.original.attachments] == ["v2.png"]
    (temp,) = rec.followups
    assert temp.content == "temporary" and temp.deleted
    (posted,) = [m for m in fake_discord.messages.values() if m.interaction_id is None]
    assert posted.content == "posted in channel" and posted.channel_id == GUILD.channels[0].id
    assert fake_discord.violations == [] and fake_discord.unhandled == []


async def test_select_menu_deferred_update(fake_discord: FakeDiscord, bot: MiniBot) -> None:
    message = await (await fake_discord.invoke("pick")).final()
    click = await fake_discord.click(message, "pick", values=["energy"])
    assert click.callback_type == 6
    (reply,) = click.followups
    assert reply.content == "chose energy" and reply.ephemeral
    assert message.content == "pick a topic"  # type 6 leaves the message alone


async def test_dm_invocation_of_global_command(fake_discord: FakeDiscord, bot: MiniBot) -> None:
    message = await (await fake_discord.invoke("about", guild_id=None)).final()
    assert message.content == "dm=True" and message.guild_id is None


async def test_client_without_guilds_intent(fake_discord: FakeDiscord) -> None:
    client = MiniBot(intents=discord.Intents.none())
    async with running_client(client, fake_discord):
        message = await (await fake_discord.invoke("ping")).final()
    assert message.content == "pong"
    assert not any(f.get("t") == "GUILD_CREATE" for _, f in fake_discord.gateway_log)


async def test_first_followup_completes_deferral(fake_discord: FakeDiscord, bot: MiniBot) -> None:
    rec = await fake_discord.invoke("brief")
    assert rec.callback_type == 5
    assert rec.original is not None and not rec.original.loading
    assert (rec.original.content, rec.original.ephemeral) == ("done", True)
    assert [(m.content, m.ephemeral) for m in rec.followups] == [("and more", True)]
    (warning,) = fake_discord.warnings  # "done" did not ask for ephemeral but stays private
    assert "ephemeral=False" in warning


async def test_default_member_permissions(fake_discord: FakeDiscord, bot: MiniBot) -> None:
    with pytest.raises(PermissionError):
        await fake_discord.invoke("reindex")  # Discord would not even show the command
    mods = GUILD.roles[1]
    message = await (await fake_discord.invoke("reindex", member_roles=[mods.id])).final()
    assert message.content == "reindexing" and message.ephemeral


async def test_concurrent_interactions(fake_discord: FakeDiscord, bot: MiniBot) -> None:
    records = await asyncio.gather(
        *(fake_discord.invoke("when", {"topic": t}) for t in TOPICS),
        fake_discord.invoke("ping"),
    )
    contents = [r.final_message.content for r in records if r.final_message]
    assert contents == [f"{t}:3" for t in TOPICS] + ["pong"]
    assert fake_discord.violations == []


class _TextOnlyContext:
    """Stands in for zstd: the fake cannot compress zstd, so it must send text frames."""

    COMPRESSION_TYPE = "zstd-stream"

    def decompress(self, data: bytes, /) -> str | None:
        raise AssertionError("fake sent a binary frame to a zstd client")


async def test_zstd_client_gets_text_frames(
    fake_discord: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(discord.utils, "_ActiveDecompressionContext", _TextOnlyContext)
    async with running_client(MiniBot(), fake_discord):
        message = await (await fake_discord.invoke("ping")).final()
    assert fake_discord.gateway_queries[0]["compress"] == "zstd-stream"
    assert message.content == "pong"


async def test_modal_round_trip(fake_discord: FakeDiscord, bot: MiniBot) -> None:
    shown = await fake_discord.invoke("feedback")
    assert shown.callback_type == 9 and shown.callback_data["title"] == "Feedback"
    submitted = await fake_discord.submit_modal(shown, {"text": "dates off by one"})
    message = await submitted.final()
    assert (message.content, message.ephemeral) == ("thanks: dates off by one", True)
    assert fake_discord.violations == [] and fake_discord.server_errors == []
