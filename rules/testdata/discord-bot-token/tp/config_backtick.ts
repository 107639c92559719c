export const config = {
  token: `{{bot.2015cur}}`,
  guildId: process.env.GUILD_ID ?? "",
} as const;
