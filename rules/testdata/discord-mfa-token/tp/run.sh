#!/bin/sh
export DISCORD_USER_TOKEN={{mfa._last}}
python selfbot.py
