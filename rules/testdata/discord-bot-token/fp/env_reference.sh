#!/bin/sh
: "${DISCORD_TOKEN:?set DISCORD_TOKEN}"
exec node index.js --token "$DISCORD_TOKEN"
