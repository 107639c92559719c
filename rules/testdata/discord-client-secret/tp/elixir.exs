config :ueberauth, Ueberauth.Strategy.Discord.OAuth,
  client_secret: "{{secret}}"
