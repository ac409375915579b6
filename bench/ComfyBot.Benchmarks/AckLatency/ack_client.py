"""The peer of `ack-side-by-side`: a discord.py bot that answers every slash command with an ephemeral message.

It is what a discord.py bot does for a cheap command (the bot's /queue answers the same way), so that both clients
are measured on the same path: INTERACTION_CREATE read, parsed, dispatched, one interaction callback sent.
Configuration from the environment: FAKEDISCORD_API, FAKEDISCORD_GATEWAY, FAKEDISCORD_TOKEN.
"""
import asyncio
import os

import discord
import yarl

discord.http.Route.BASE = os.environ["FAKEDISCORD_API"].rstrip("/")
discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(os.environ["FAKEDISCORD_GATEWAY"])


class Bot(discord.Client):
    async def on_interaction(self, interaction: discord.Interaction):
        await interaction.response.send_message("You have no jobs in the queue.", ephemeral=True)


async def main():
    bot = Bot(intents=discord.Intents.default())
    async with bot:
        await bot.start(os.environ["FAKEDISCORD_TOKEN"], reconnect=True)


asyncio.run(main())
