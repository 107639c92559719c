package config

var endpoint = "https://discord.com/api/" + "v10/" + "channels/" + channelID + "/messages"
