@echo off
set DISCORD_TOKEN={{bot.2015}}
python bot.py
