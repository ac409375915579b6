"""A small discord.py bot the conformance tests run against FakeDiscord.

It uses only discord.py's public API, the way any bot would; the test side (C#) plays the Discord users and
checks what arrived. Everything it does is printed as `STEP <name> <detail>` lines on stdout, so the test can
wait on them and show them when a step fails. Configuration comes from the environment:
FAKEDISCORD_API (REST base, e.g. http://127.0.0.1:5005/api/v10), FAKEDISCORD_GATEWAY (ws://127.0.0.1:5005/gateway),
FAKEDISCORD_TOKEN, FAKEDISCORD_GUILD.
"""
import asyncio
import io
import os
import sys

import discord
import yarl
from discord import app_commands

API = os.environ["FAKEDISCORD_API"].rstrip("/")
TOKEN = os.environ["FAKEDISCORD_TOKEN"]
GUILD = discord.Object(id=int(os.environ["FAKEDISCORD_GUILD"]))

# Point the library at the fake: REST base, and the gateway (discord.py 2.1+ no longer asks GET /gateway/bot).
discord.http.Route.BASE = API
discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(os.environ["FAKEDISCORD_GATEWAY"])

# A 1x1 PNG, so the reply carries a real image.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f0005000201a3a2f6bf0000000049454e44ae426082")


def step(name, detail=""):
    print(f"STEP {name} {detail}".rstrip(), flush=True)


class Again(discord.ui.View):
    def __init__(self):
        super().__init__(timeout=None)

    @discord.ui.button(label="Again", style=discord.ButtonStyle.primary, custom_id="again")
    async def again(self, interaction: discord.Interaction, button: discord.ui.Button):
        step("click", interaction.data.get("custom_id", ""))
        await interaction.response.send_message("only you see this", ephemeral=True)
        step("ephemeral")
        await interaction.followup.send("a followup")
        step("followup")
        await interaction.channel.send("a channel message")
        step("channel-message")


class Bot(discord.Client):
    def __init__(self):
        super().__init__(intents=discord.Intents.default())
        self.tree = app_commands.CommandTree(self)
        self.synced = False

    async def setup_hook(self):
        step("login", str(self.application_id))

    async def on_ready(self):
        step("ready", self.user.name)
        if not self.synced:
            self.synced = True
            commands = await self.tree.sync(guild=GUILD)
            step("commands", ",".join(sorted(c.name for c in commands)))

    async def on_resumed(self):
        step("resumed")


bot = Bot()


@bot.tree.command(name="imagine", description="Draw a picture", guild=GUILD)
@app_commands.describe(prompt="What to draw", model="Which model")
async def imagine(interaction: discord.Interaction, prompt: str, model: str = "sd15"):
    await interaction.response.defer()
    step("deferred", prompt)
    await interaction.edit_original_response(
        content=f"done: {prompt} ({model})", attachments=[discord.File(io.BytesIO(PNG), "result.png")], view=Again())
    step("edited")


@imagine.autocomplete("model")
async def model_autocomplete(interaction: discord.Interaction, current: str):
    step("autocomplete", current)
    return [app_commands.Choice(name=m, value=m) for m in ("sd15", "sdxl", "flux") if m.startswith(current)]


@bot.tree.command(name="post", description="Post a channel message", guild=GUILD)
async def post(interaction: discord.Interaction, text: str):
    await interaction.response.send_message("posting", ephemeral=True)
    message = await interaction.channel.send(text)
    step("posted", str(message.id))


async def main():
    async with bot:
        await bot.start(TOKEN, reconnect=True)


try:
    asyncio.run(main())
except KeyboardInterrupt:
    pass
except Exception as error:  # shown in the test's failure message
    print(f"FAILED {type(error).__name__}: {error}", file=sys.stderr, flush=True)
    raise
