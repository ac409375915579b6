// A small discord.js bot the conformance tests run against FakeDiscord.
//
// It uses only discord.js's public API, the way any bot would; the test side (C#) plays the Discord users and
// checks what arrived. Everything it does is printed as `STEP <name> <detail>` lines on stdout, so the test can
// wait on them and show them when a step fails. Configuration comes from the environment: FAKEDISCORD_API (REST
// base, e.g. http://127.0.0.1:5005/api/v10), FAKEDISCORD_TOKEN, FAKEDISCORD_GUILD.
'use strict';

const {
  ActionRowBuilder, AttachmentBuilder, ButtonBuilder, ButtonStyle, Client, Events, GatewayIntentBits, MessageFlags,
} = require('discord.js');

const api = process.env.FAKEDISCORD_API.replace(/\/+$/, '');
const guildId = process.env.FAKEDISCORD_GUILD;

// A 1x1 PNG, so the reply carries a real image.
const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489' +
  '0000000d4944415478da63f8cfc0f01f0005000201a3a2f6bf0000000049454e44ae426082', 'hex');

function step(name, detail = '') {
  process.stdout.write(`STEP ${name}${detail ? ' ' + detail : ''}\n`);
}

// Point the library at the fake: the REST base (its /v10 is added by discord.js); the gateway URL then comes
// from GET /gateway/bot.
const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  rest: { api: api.replace(/\/v10$/, '') },
});

let synced = false;

client.once(Events.ClientReady, async (ready) => {
  step('login', ready.application.id);
  step('ready', ready.user.username);
  if (!synced) {
    synced = true;
    const commands = await ready.application.commands.set([
      {
        name: 'imagine', description: 'Draw a picture', options: [
          { type: 3, name: 'prompt', description: 'What to draw', required: true },
          { type: 3, name: 'model', description: 'Which model', autocomplete: true },
        ],
      },
      { name: 'post', description: 'Post a channel message', options: [{ type: 3, name: 'text', description: 'What to post', required: true }] },
    ], guildId);
    step('commands', [...commands.values()].map((c) => c.name).sort().join(','));
  }
});

client.on(Events.ShardResume, () => step('resumed'));

client.on(Events.InteractionCreate, async (interaction) => {
  try {
    if (interaction.isAutocomplete()) {
      const current = interaction.options.getFocused();
      step('autocomplete', current);
      await interaction.respond(['sd15', 'sdxl', 'flux'].filter((m) => m.startsWith(current)).map((m) => ({ name: m, value: m })));
    } else if (interaction.isChatInputCommand() && interaction.commandName === 'imagine') {
      const prompt = interaction.options.getString('prompt');
      const model = interaction.options.getString('model') ?? 'sd15';
      await interaction.deferReply();
      step('deferred', prompt);
      const row = new ActionRowBuilder().addComponents(
        new ButtonBuilder().setCustomId('again').setLabel('Again').setStyle(ButtonStyle.Primary));
      await interaction.editReply({
        content: `done: ${prompt} (${model})`,
        files: [new AttachmentBuilder(png, { name: 'result.png' })],
        components: [row],
      });
      step('edited');
    } else if (interaction.isChatInputCommand() && interaction.commandName === 'post') {
      await interaction.reply({ content: 'posting', flags: MessageFlags.Ephemeral });
      const message = await interaction.channel.send(interaction.options.getString('text'));
      step('posted', message.id);
    } else if (interaction.isButton()) {
      step('click', interaction.customId);
      await interaction.reply({ content: 'only you see this', flags: MessageFlags.Ephemeral });
      step('ephemeral');
      await interaction.followUp({ content: 'a followup' });
      step('followup');
      await interaction.channel.send('a channel message');
      step('channel-message');
    }
  } catch (error) {
    process.stderr.write(`FAILED ${error.stack ?? error}\n`);
  }
});

process.on('unhandledRejection', (error) => process.stderr.write(`FAILED ${error.stack ?? error}\n`));
client.login(process.env.FAKEDISCORD_TOKEN).catch((error) => {
  process.stderr.write(`FAILED login: ${error.stack ?? error}\n`);
  process.exit(1);
});
