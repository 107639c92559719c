#!/bin/sh
export DISCORD_CLIENT_SECRET='{{secret._first}}'
