package config

// Token is the bot token.
const Token = `{{bot.legacy.seg2-last}}`
