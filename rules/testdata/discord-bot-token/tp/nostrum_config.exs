import Config

config :nostrum,
  token: "{{bot.seg2_last}}",
  gateway_intents: [:guilds, :guild_messages]
