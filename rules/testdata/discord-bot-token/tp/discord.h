#pragma once
#define DISCORD_TOKEN "{{bot.2016}}"
