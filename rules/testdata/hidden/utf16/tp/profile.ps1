# PowerShell profile saved by Out-File (UTF-16LE with a BOM)
$env:DISCORD_TOKEN = "{{bot}}"
Start-Process python bot.py
