package auth

const discordClientSecret = `{{secret.-last}}`
