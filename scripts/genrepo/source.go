package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// A language makes the lines of one kind of source file. Templates are
// ordinary text with slots: {w} a lower-case word, {W} a capitalised one,
// {n} a small number, {p} a short phrase. Filler never holds a
// credential, a 32-character run or a long number, so that only the plants
// are findings.
type language struct {
	ext  string
	dirs []string // folders its files live in
	// header starts a new file; {name} is the file's stem.
	header []string
	// lines are single lines; blocks are runs of lines kept together.
	lines  []string
	blocks [][]string
	// secret formats a line that holds a credential, by family (bot,
	// webhook, secret, mfa); %s is the value.
	secret map[string]string
	// fake formats a line with a look-alike that no rule reports.
	fake string
}

var languages = []*language{
	{
		ext:  ".py",
		dirs: []string{"bot", "bot/cogs", "bot/utils", "tests"},
		header: []string{
			`"""{p}."""`, "", "import asyncio", "import logging", "", "import discord",
			"from discord.ext import commands", "", "log = logging.getLogger(__name__)", "",
		},
		lines: []string{
			"    {w} = await self.{w}.fetch_{w}({w}_id)",
			"    log.info(\"{p}: %s\", {w})",
			"    if not {w}.{w}:",
			"        return None",
			"    # {p}.",
			"    {w}s = [{w} for {w} in {w}.{w}s if {w}.{w}]",
			"    self.{w}[{w}.id] = {w}",
			"    await ctx.send(f\"{p} {{{w}}}\")",
			"",
		},
		blocks: [][]string{
			{"", "", "class {W}{W}(commands.Cog):", "    \"\"\"{p}.\"\"\"", "", "    def __init__(self, bot):", "        self.bot = bot", "        self.{w} = {}"},
			{"", "    @commands.command(name=\"{w}\")", "    async def {w}(self, ctx, *, {w}: str):", "        \"\"\"{p}.\"\"\"", "        await ctx.reply({w})"},
			{"", "", "def {w}_{w}({w}, {w}={n}):", "    \"\"\"{p}.\"\"\"", "    for {w} in {w}:", "        yield {w} * {n}"},
		},
		secret: map[string]string{
			"bot":     `DISCORD_TOKEN = "%s"`,
			"webhook": `WEBHOOK_URL = "%s"`,
			"secret":  `DISCORD_CLIENT_SECRET = "%s"`,
			"mfa":     `USER_TOKEN = "%s"`,
		},
		fake: `# example: bot.run("YOUR_BOT_TOKEN_HERE")`,
	},
	{
		ext:    ".go",
		dirs:   []string{"internal/gateway", "internal/store", "cmd/relay", "pkg/discord"},
		header: []string{"// Package {name} {p}.", "package {name}", "", "import (", "\t\"context\"", "\t\"fmt\"", "\t\"net/http\"", ")", ""},
		lines: []string{
			"\t{w}, err := c.{W}(ctx, {w}ID)",
			"\tif err != nil {",
			"\t\treturn nil, fmt.Errorf(\"{p}: %w\", err)",
			"\t}",
			"\t// {p}.",
			"\t{w}.{W} = append({w}.{W}, {w})",
			"\tdefer {w}.Close()",
			"\treturn {w}, nil",
			"",
		},
		blocks: [][]string{
			{"", "// {W}{W} {p}.", "func (c *Client) {W}{W}(ctx context.Context, id string) (*{W}, error) {", "\treq, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+\"/{w}s/\"+id, nil)", "\tif err != nil {", "\t\treturn nil, err", "\t}", "\treturn c.do{W}(req)", "}"},
			{"", "// {W} {p}.", "type {W} struct {", "\tID   string `json:\"id\"`", "\t{W} int `json:\"{w}\"`", "\t{W} string `json:\"{w}_{w}\"`", "}"},
		},
		secret: map[string]string{
			"bot":     `const botToken = "%s"`,
			"webhook": `var webhookURL = "%s"`,
			"secret":  `const discordClientSecret = "%s"`,
			"mfa":     `var userToken = "%s"`,
		},
		fake: `// token := os.Getenv("DISCORD_TOKEN") // never "YOUR_TOKEN_HERE"`,
	},
	{
		ext:    ".ts",
		dirs:   []string{"web/src", "web/src/commands", "web/src/lib"},
		header: []string{"import { Client, GatewayIntentBits } from 'discord.js';", "import { {w} } from './{w}';", "", "// {p}.", ""},
		lines: []string{
			"  const {w} = await this.{w}.fetch({w}Id);",
			"  if (!{w}.{w}) return;",
			"  this.{w}.set({w}.id, {w});",
			"  // {p}.",
			"  await interaction.reply({ content: `{p} ${{w}}`, ephemeral: true });",
			"  {w}s.push(...{w}.{w}s.filter(({w}) => {w}.{w} > {n}));",
			"}",
			"",
		},
		blocks: [][]string{
			{"", "export async function {w}{W}({w}: string, {w}: number): Promise<{W}> {", "  const res = await fetch(`/api/{w}s/${{w}}`);", "  if (!res.ok) throw new Error('{p}');", "  return (await res.json()) as {W};", "}"},
			{"", "export interface {W} {", "  id: string;", "  {w}: number;", "  {w}?: string;", "}"},
		},
		secret: map[string]string{
			"bot":     `const token: string = "%s";`,
			"webhook": `export const WEBHOOK = '%s';`,
			"secret":  `const discordClientSecret = "%s";`,
			"mfa":     `const userToken = "%s";`,
		},
		fake: `// client.login(process.env.DISCORD_TOKEN) // not 'YOUR_BOT_TOKEN'`,
	},
	{
		ext:    ".js",
		dirs:   []string{"web/public/js", "scripts/js"},
		header: []string{"'use strict';", "", "const { Client } = require('discord.js');", "const {w} = require('./{w}');", ""},
		lines: []string{
			"  const {w} = {w}.{w}.get({w}Id);",
			"  if (!{w}) return null;",
			"  // {p}.",
			"  {w}.on('{w}', async ({w}) => {",
			"  });",
			"  module.exports.{w} = {w};",
			"",
		},
		blocks: [][]string{
			{"", "function {w}{W}({w}, {w}) {", "  // {p}.", "  return {w}.map(({w}) => {w} * {n});", "}"},
		},
		secret: map[string]string{
			"bot":     `client.login("%s");`,
			"webhook": `const hook = new WebhookClient({ url: '%s' });`,
			"secret":  `const discordClientSecret = '%s';`,
			"mfa":     `const userToken = '%s';`,
		},
		fake: `// client.login('<your token>')`,
	},
	{
		ext:    ".java",
		dirs:   []string{"java/src/main/java/com/example/bot", "java/src/test/java/com/example/bot"},
		header: []string{"package com.example.bot;", "", "import java.util.List;", "import net.dv8tion.jda.api.JDA;", "", "/** {p}. */", "public class {name} {"},
		lines: []string{
			"    private final {W}{W} {w};",
			"        {W} {w} = this.{w}.get{W}({w}Id);",
			"        if ({w} == null) {",
			"            return List.of();",
			"        }",
			"        // {p}.",
			"        log.info(\"{p}: {}\", {w});",
			"",
		},
		blocks: [][]string{
			{"", "    /** {p}. */", "    public {W} {w}{W}(String {w}) {", "        return {w}.stream().filter({w} -> {w}.is{W}()).findFirst().orElse(null);", "    }"},
		},
		secret: map[string]string{
			"bot":     `    private static final String TOKEN = "%s";`,
			"webhook": `    private static final String WEBHOOK_URL = "%s";`,
			"secret":  `    private static final String DISCORD_CLIENT_SECRET = "%s";`,
			"mfa":     `    private static final String USER_TOKEN = "%s";`,
		},
		fake: `    // String token = System.getenv("DISCORD_TOKEN");`,
	},
	{
		ext:    ".rs",
		dirs:   []string{"crates/relay/src", "crates/proto/src"},
		header: []string{"//! {p}.", "", "use serenity::prelude::*;", "use std::collections::HashMap;", ""},
		lines: []string{
			"    let {w} = ctx.{w}.get(&{w}_id).await?;",
			"    if {w}.is_empty() {",
			"        return Ok(());",
			"    }",
			"    // {p}.",
			"    {w}.insert({w}.id, {w}.clone());",
			"",
		},
		blocks: [][]string{
			{"", "/// {p}.", "pub async fn {w}_{w}(ctx: &Context, {w}: u64) -> Result<{W}, Error> {", "    let {w} = ctx.http.get_{w}({w}).await?;", "    Ok({W}::from({w}))", "}"},
		},
		secret: map[string]string{
			"bot":     `const TOKEN: &str = "%s";`,
			"webhook": `const WEBHOOK_URL: &str = "%s";`,
			"secret":  `const DISCORD_CLIENT_SECRET: &str = "%s";`,
			"mfa":     `const USER_TOKEN: &str = "%s";`,
		},
		fake: `// let token = env::var("DISCORD_TOKEN").expect("set DISCORD_TOKEN");`,
	},
	{
		ext:    ".yaml",
		dirs:   []string{"deploy", "deploy/k8s", ".github/workflows"},
		header: []string{"# {p}", "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: {w}-{w}", "spec:"},
		lines: []string{
			"  {w}: {n}",
			"    - name: {w}-{w}",
			"      image: registry.example.com/{w}:{n}.{n}",
			"      {w}: \"{w}\"",
			"# {p}",
		},
		blocks: [][]string{
			{"  template:", "    metadata:", "      labels:", "        app: {w}", "    spec:", "      containers:", "        - name: {w}", "          env:", "            - name: {W}_{W}", "              value: \"{w}\""},
		},
		secret: map[string]string{
			"bot":     `  DISCORD_TOKEN: "%s"`,
			"webhook": `  webhook_url: %s`,
			"secret":  `  DISCORD_CLIENT_SECRET: "%s"`,
			"mfa":     `  user_token: "%s"`,
		},
		fake: `  DISCORD_TOKEN: ${DISCORD_TOKEN}`,
	},
	{
		ext:    ".md",
		dirs:   []string{"docs", "docs/guide"},
		header: []string{"# {W} {p}", "", "{p}.", ""},
		lines: []string{
			"{p}, {p}.",
			"- {p}",
			"",
			"## {W} {W}",
			"See `{w}.{w}` for {p}.",
		},
		blocks: [][]string{
			{"", "```sh", "{w} --{w} {n} ./{w}", "```", ""},
		},
		secret: map[string]string{
			"bot":     `    export DISCORD_TOKEN=%s`,
			"webhook": `Post alerts to %s`,
			"secret":  `    DISCORD_CLIENT_SECRET=%s`,
			"mfa":     `    export USER_TOKEN=%s`,
		},
		fake: `    export DISCORD_TOKEN=YOUR_BOT_TOKEN_HERE`,
	},
	{
		ext:    ".sh",
		dirs:   []string{"scripts", "deploy/bin"},
		header: []string{"#!/usr/bin/env bash", "# {p}.", "set -euo pipefail", ""},
		lines: []string{
			"{w}=\"${{W}:-{w}}\"",
			"echo \"{p}: ${w}\"",
			"if [[ -z ${w} ]]; then",
			"  exit {n}",
			"fi",
			"# {p}.",
			"",
		},
		blocks: [][]string{
			{"", "{w}_{w}() {", "  local {w}=$1", "  {w} --{w} \"${w}\" | {w} -n {n}", "}"},
		},
		secret: map[string]string{
			"bot":     `export DISCORD_TOKEN="%s"`,
			"webhook": `curl -X POST -H 'Content-Type: application/json' -d '{"content":"deployed"}' "%s"`,
			"secret":  `export DISCORD_CLIENT_SECRET="%s"`,
			"mfa":     `export USER_TOKEN="%s"`,
		},
		fake: `export DISCORD_TOKEN="${DISCORD_TOKEN:?set it}"`,
	},
}

var words = strings.Fields(`guild channel message member role embed reaction thread voice
	stage invite emoji sticker webhook interaction command option choice modal button select
	cache shard gateway session heartbeat intent presence status activity audit ban kick mute
	queue track player playlist volume level rank xp reward ticket config setting prefix locale
	logger metric counter timer retry backoff limit bucket route request response payload event
	handler listener store record user owner admin moderator report note reminder schedule task`)

// fill renders one template.
func fill(r *rand.Rand, tmpl, name string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 || i+2 >= len(tmpl) || tmpl[i+2] != '}' {
			if i >= 0 && strings.HasPrefix(tmpl[i:], "{name}") {
				b.WriteString(tmpl[:i])
				b.WriteString(name)
				tmpl = tmpl[i+len("{name}"):]
				continue
			}
			if i < 0 {
				b.WriteString(tmpl)
				return b.String()
			}
			b.WriteString(tmpl[:i+1])
			tmpl = tmpl[i+1:]
			continue
		}
		b.WriteString(tmpl[:i])
		switch tmpl[i+1] {
		case 'w':
			b.WriteString(words[r.IntN(len(words))])
		case 'W':
			w := words[r.IntN(len(words))]
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		case 'n':
			fmt.Fprint(&b, r.IntN(500))
		case 'p':
			n := 3 + r.IntN(6)
			for j := range n {
				if j > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(words[r.IntN(len(words))])
			}
		default:
			b.WriteString(tmpl[i : i+3])
		}
		tmpl = tmpl[i+3:]
	}
}

// chunk returns a few lines of new code: one line or a block.
func (l *language) chunk(r *rand.Rand) []string {
	if r.IntN(4) == 0 {
		b := l.blocks[r.IntN(len(l.blocks))]
		out := make([]string, len(b))
		for i, t := range b {
			out[i] = fill(r, t, "")
		}
		return out
	}
	n := 1 + r.IntN(4)
	out := make([]string, n)
	for i := range out {
		out[i] = fill(r, l.lines[r.IntN(len(l.lines))], "")
	}
	return out
}

// newFile returns the lines of a new file of about size bytes.
func (l *language) newFile(r *rand.Rand, name string, size int) []string {
	var out []string
	n := 0
	for _, t := range l.header {
		s := fill(r, t, name)
		out = append(out, s)
		n += len(s) + 1
	}
	for n < size {
		for _, s := range l.chunk(r) {
			out = append(out, s)
			n += len(s) + 1
		}
	}
	return out
}
