#!/bin/sh
echo '{{b64:envline:bot.2018cur}}' | base64 -d > .env
