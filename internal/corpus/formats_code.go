package corpus

// Filler for programming languages. See fill.go for the «slot» syntax.

var fmtPython = &format{
	name: "python",
	header: parseAll(`"""«S» for the «w» «w» service."""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass, field
from typing import Any, Optional

import discord
from discord.ext import commands

log = logging.getLogger(__name__)

`, `#!/usr/bin/env python3
# «S».
import json
import sys
import time
from pathlib import Path

import requests

SESSION = requests.Session()
SESSION.headers["User-Agent"] = "«id»/«ver» (+«url»)"

`),
	blocks: parseAll(`@dataclass
class «Id»:
    «id»: str
    «id»: int = «n»
    «id»: Optional[str] = None
    «id»: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"«id»": self.«id», "«id»": self.«id», "«w»": len(self.«id»)}

`, `class «Id»Cog(commands.Cog):
    """«S»."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self.«id»: dict[int, str] = {}

    @commands.command(name="«w»")
    async def «id»(self, ctx: commands.Context, *, «id»: str = "") -> None:
        if not «id»:
            await ctx.send("usage: !«w» <«w»>")
            return
        channel = ctx.guild.get_channel(«sf») if ctx.guild else None
        log.info("%s ran «w» in %s", ctx.author, channel)
        await ctx.reply(f"{ctx.author.mention} «s»")

`, `def «id»(«id»: list[dict[str, Any]], limit: int = «n») -> dict[str, int]:
    """«S».

    Args:
        «id»: «s».
        limit: «s».
    """
    counts: dict[str, int] = {}
    for item in «id»[:limit]:
        key = item.get("«w»") or item.get("«w»", "unknown")
        counts[key] = counts.get(key, 0) + 1
        if len(counts) > «n»:
            log.warning("too many «w» keys: %d", len(counts))
            break
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))

`, `async def fetch_«id»(session, channel_id: int) -> list[dict]:
    url = f"https://discord.com/api/v10/channels/{channel_id}/messages?limit=«n»"
    headers = {"Authorization": f"Bot {os.environ['DISCORD_TOKEN']}"}
    async with session.get(url, headers=headers) as resp:
        if resp.status == 429:
            await asyncio.sleep((await resp.json()).get("retry_after", 1.0))
            return await fetch_«id»(session, channel_id)
        resp.raise_for_status()
        return await resp.json()

`, `def test_«id»_«id»(tmp_path):
    path = tmp_path / "«w».json"
    path.write_text('{"«w»": «n», "«w»": "«w»"}')
    result = load_«id»(path)
    assert result["«w»"] == «n» or result
    assert "«w»" in result, "«s»"

`, `# «S».
«ID» = «n»
«ID» = "«w»-«w»"
«ID» = frozenset({"«w»", "«w»", "«w»"})
GUILD_ID = «sf»

`, `    def «id»(self, «id»: str, *, retries: int = «n») -> Optional[str]:
        # «s»
        for attempt in range(retries):
            try:
                value = self.«id».get(«id»)
                if value is not None:
                    return value.strip()
            except (KeyError, ValueError) as exc:
                log.debug("attempt %d: %s", attempt, exc)
                time.sleep(0.«n» * attempt)
        raise LookupError(f"«w» {«id»!r} not found")

`),
}

var fmtJS = &format{
	name: "javascript",
	header: parseAll(`'use strict';

const { Client, GatewayIntentBits, EmbedBuilder } = require('discord.js');
const path = require('node:path');
const fs = require('node:fs/promises');
const logger = require('../lib/logger');

`, `// «S».
import express from 'express';
import { «cid», «cid» } from './«w».js';

const router = express.Router();

`),
	blocks: parseAll(`class «Id» {
  constructor(«cid», options = {}) {
    this.«cid» = «cid»;
    this.«cid» = options.«cid» ?? «n»;
    this.cache = new Map();
  }

  async «cid»(id) {
    if (this.cache.has(id)) return this.cache.get(id);
    const result = await this.«cid».fetch(id, { force: false });
    this.cache.set(id, result);
    return result;
  }
}

`, `async function «cid»(interaction) {
  // «s»
  const «cid» = interaction.options.getString('«w»', true);
  const embed = new EmbedBuilder()
    .setTitle('«S»')
    .setColor(0x5865f2)
    .addFields({ name: '«w»', value: String(«cid»).slice(0, «n») });
  await interaction.reply({ embeds: [embed], ephemeral: true });
}

`, `module.exports.«cid» = function «cid»(items, limit = «n») {
  return items
    .filter((item) => item.«cid» && item.«cid».length > 0)
    .map((item) => ({ id: item.id, «cid»: item.«cid».trim(), at: Date.now() }))
    .slice(0, limit);
};

`, `client.on('«cid»', async (message) => {
  if (message.author.bot || !message.guild) return;
  const [command, ...args] = message.content.slice(1).split(/\s+/);
  logger.debug({ command, args, guild: message.guild.id }, '«s»');
  if (command === '«w»') {
    await message.channel.send(ˋ«S»: ${args.join(' ')}ˋ);
  }
});

`, `router.get('/«w»/:id', async (req, res, next) => {
  try {
    const «cid» = await db.«cid».findOne({ where: { id: req.params.id } });
    if (!«cid») return res.status(404).json({ error: '«w» not found' });
    res.json({ data: «cid», version: '«ver»' });
  } catch (err) {
    next(err);
  }
});

`, `const «ID» = Object.freeze({
  «cid»: «n»,
  «cid»: '«w»',
  «cid»: process.env.«ID» || '«w»',
  guildId: '«sf»',
});

`),
}

var fmtTS = &format{
	name: "typescript",
	header: parseAll(`import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import type { «Id», «Id» } from '../types';
import { logger } from './logger';

`, `// «S».
import { z } from 'zod';

`),
	blocks: parseAll(`export interface «Id» {
  id: string;
  «cid»: number;
  «cid»?: string | null;
  «cid»: ReadonlyArray<«Id»>;
  createdAt: Date;
}

`, `export async function «cid»(client: Client, guildId: string): Promise<«Id»[]> {
  const guild = await client.guilds.fetch(guildId);
  const members = await guild.members.fetch({ limit: «n» });
  return [...members.values()]
    .filter((m) => !m.user.bot)
    .map((m) => ({ id: m.id, «cid»: m.displayName, «cid»: m.roles.cache.size }));
}

`, `export class «Id»Service {
  private readonly cache = new Map<string, «Id»>();

  constructor(private readonly «cid»: «Id»Repository, private readonly ttlMs = «n») {}

  public async get(id: string): Promise<«Id» | undefined> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const value = await this.«cid».findById(id);
    if (value) this.cache.set(id, value);
    logger.info({ id, hit: false }, '«s»');
    return value;
  }
}

`, `export const «cid»Schema = z.object({
  «cid»: z.string().min(1).max(«n»),
  «cid»: z.number().int().nonnegative(),
  «cid»: z.enum(['«w»', '«w»', '«w»']).default('«w»'),
});
export type «Id» = z.infer<typeof «cid»Schema>;

`, `client.on(Events.InteractionCreate, async (interaction: Interaction) => {
  if (!interaction.isChatInputCommand()) return;
  if (interaction.commandName !== '«w»') return;
  await interaction.deferReply();
  const «cid» = interaction.options.getInteger('«w»') ?? «n»;
  await interaction.editReply(ˋ«S» (${«cid»})ˋ);
});

`),
}

var fmtGo = &format{
	name: "go",
	header: parseAll(`// Package «w» «s».
package «w»

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"
)

`),
	blocks: parseAll(`// «Id» «s».
type «Id» struct {
	ID        string    ˋjson:"id"ˋ
	«Id»      int       ˋjson:"«id»"ˋ
	«Id»      []string  ˋjson:"«id»,omitempty"ˋ
	CreatedAt time.Time ˋjson:"created_at"ˋ
}

`, `// «Id» «s».
func «Id»(ctx context.Context, c *http.Client, channelID string) ([]«Id», error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet,
		"https://discord.com/api/v10/channels/"+channelID+"/messages?limit=«n»", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bot "+os.Getenv("DISCORD_TOKEN"))
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch «w»: %w", err)
	}
	defer resp.Body.Close()
	var out []«Id»
	return out, json.NewDecoder(resp.Body).Decode(&out)
}

`, `func (s *«Id») «Id»(ctx context.Context, «cid» string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.«cid»[«cid»]; ok {
		return errors.New("«w»: already «s»")
	}
	s.«cid»[«cid»] = time.Now().Add(«n» * time.Millisecond)
	return nil
}

`, `var err«Id» = errors.New("«w»: «s»")

const (
	default«Id» = «n»
	max«Id»     = «n»
	guildID     = "«sf»"
)

`, `func Test«Id»(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"«w»", "«w»", «n»},
		{"«w»", "«w» «w»", «n»},
	}
	for _, tt := range tests {
		if got := «cid»(tt.in); got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, got, tt.want)
		}
	}
}

`),
}

var fmtJava = &format{
	name: "java",
	header: parseAll(`package com.«w».«w»;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** «S». */
public class «Id» {
    private static final Logger LOG = LoggerFactory.getLogger(«Id».class);

`),
	footer: "}\n",
	blocks: parseAll(`    /** «S». */
    public Optional<«Id»> «cid»(long guildId, String «cid») {
        if («cid» == null || «cid».isBlank()) {
            return Optional.empty();
        }
        LOG.debug("«w» {} in {}", «cid», guildId);
        return repository.findBy«Id»(guildId, «cid».trim());
    }

`, `    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        if (event.getAuthor().isBot()) return;
        String content = event.getMessage().getContentRaw();
        if (content.startsWith("!«w»")) {
            event.getChannel().sendMessage("«S»").queue();
        }
    }

`, `    private static final long «ID» = «sf»L;
    private static final int «ID» = «n»;
    private final Map<String, List<«Id»>> «cid» = new java.util.concurrent.ConcurrentHashMap<>();

`, `    public record «Id»(String id, int «cid», Instant «cid») {
        public «Id» {
            if («cid» < 0) throw new IllegalArgumentException("«w» must be positive");
        }
    }

`),
}

var fmtCSharp = &format{
	name: "csharp",
	header: parseAll(`using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Discord;
using Discord.WebSocket;
using Microsoft.Extensions.Logging;

namespace «Id».«Id»
{
    public sealed class «Id»
    {
`),
	footer: "    }\n}\n",
	blocks: parseAll(`        private readonly ILogger<«Id»> _logger;
        private readonly Dictionary<ulong, string> _«cid» = new();
        private const ulong GuildId = «sf»;

`, `        /// <summary>«S».</summary>
        public async Task «Id»Async(SocketMessage message)
        {
            if (message.Author.IsBot) return;
            _logger.LogInformation("«w» {Channel}", message.Channel.Name);
            await message.Channel.SendMessageAsync("«S»");
        }

`, `        public IReadOnlyList<«Id»> «Id»(IEnumerable<«Id»> items, int limit = «n»)
        {
            var result = new List<«Id»>();
            foreach (var item in items)
            {
                if (item.«Id» is null) continue;
                result.Add(item);
                if (result.Count >= limit) break;
            }
            return result;
        }

`),
}

var fmtPHP = &format{
	name: "php",
	header: parseAll(`<?php

declare(strict_types=1);

namespace App\«Id»;

use GuzzleHttp\Client;
use Psr\Log\LoggerInterface;

`),
	blocks: parseAll(`final class «Id»
{
    public function __construct(
        private readonly Client $http,
        private readonly LoggerInterface $logger,
        private int $«cid» = «n»,
    ) {}

    public function «cid»(string $channelId, string $content): void
    {
        $this->http->post("https://discord.com/api/v10/channels/{$channelId}/messages", [
            'headers' => ['Authorization' => 'Bot ' . getenv('DISCORD_TOKEN')],
            'json' => ['content' => $content],
        ]);
        $this->logger->info('«s»', ['channel' => $channelId]);
    }
}

`, `function «id»(array $«id», int $limit = «n»): array
{
    // «S».
    return array_slice(array_filter($«id», fn ($x) => !empty($x['«w»'])), 0, $limit);
}

`, `return [
    '«id»' => env('«ID»', '«w»'),
    '«id»' => (int) env('«ID»', «n»),
    'guild_id' => '«sf»',
];

`),
}

var fmtRuby = &format{
	name: "ruby",
	header: parseAll(`# frozen_string_literal: true

require 'discordrb'
require 'json'
require 'logger'

`),
	blocks: parseAll(`module «Id»
  # «S».
  class «Id»
    attr_reader :«id», :«id»

    def initialize(«id», «id»: «n»)
      @«id» = «id»
      @logger = Logger.new($stdout)
    end

    def «id»(event)
      return if event.user.bot_account?

      @logger.info("«s» #{event.channel.name}")
      event.respond('«S»')
    end
  end
end

`, `def «id»(items, limit: «n»)
  items
    .reject { |item| item[:«id»].nil? }
    .map { |item| item.merge(«id»: item[:«id»].to_s.strip) }
    .first(limit)
end

`, `«ID» = «n»
GUILD_ID = «sf»
«ID» = %w[«w» «w» «w»].freeze

`),
}

var fmtRust = &format{
	name: "rust",
	header: parseAll(`//! «S».

use serenity::async_trait;
use serenity::model::channel::Message;
use serenity::prelude::*;
use std::collections::HashMap;
use std::env;

`),
	blocks: parseAll(`/// «S».
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct «Id» {
    pub id: u64,
    pub «id»: String,
    pub «id»: Option<u32>,
}

`, `struct Handler;

#[async_trait]
impl EventHandler for Handler {
    async fn message(&self, ctx: Context, msg: Message) {
        if msg.content == "!«w»" {
            if let Err(why) = msg.channel_id.say(&ctx.http, "«S»").await {
                eprintln!("«w» failed: {why:?}");
            }
        }
    }
}

`, `pub fn «id»(items: &[«Id»], limit: usize) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for item in items.iter().take(limit) {
        *counts.entry(item.«id».clone()).or_insert(0) += «n»;
    }
    counts
}

`, `const «ID»: u64 = «sf»;
const «ID»: usize = «n»;

fn token_from_env() -> String {
    env::var("DISCORD_TOKEN").expect("DISCORD_TOKEN must be set")
}

`),
}

var fmtShell = &format{
	name: "shell",
	header: parseAll(`#!/usr/bin/env bash
# «S».
set -euo pipefail

`),
	blocks: parseAll(`«id»() {
  local «id»="$1"
  echo "«s»: ${«id»}" >&2
  if [[ -z "${DISCORD_TOKEN:-}" ]]; then
    echo "DISCORD_TOKEN is not set" >&2
    return 1
  fi
  curl -fsS -H "Authorization: Bot ${DISCORD_TOKEN}" \
    "https://discord.com/api/v10/guilds/«sf»/members?limit=«n»" | jq '.[].user.id'
}

`, `for «id» in «w» «w» «w»; do
  docker build -t "registry.example.com/${«id»}:«ver»" "./${«id»}"
  docker push "registry.example.com/${«id»}:«ver»"
done

`, `«ID»="${«ID»:-«w»}"
«ID»=«n»
if [ -f ".env" ]; then
  # shellcheck disable=SC1091
  . ./.env
fi

`),
}
