#!/usr/bin/env bash
set -euo pipefail
export DISCORD_TOKEN={{bot.seg3_last}}
exec python -m mybot
