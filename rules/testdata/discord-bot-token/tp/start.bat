@echo off
set DISCORD_TOKEN={{bot.legacy.seg3_first}}
python bot.py
