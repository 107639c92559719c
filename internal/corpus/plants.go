package corpus

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// plant is a snippet that carries one or more generated values ({{kind}},
// see kinds.go) in the syntax of one format. A "ˋ" stands for a backtick.
type plant struct {
	name   string // context label for reports, e.g. "python/client.run"
	format *format
	text   string
	real   bool // plants at least one real credential
}

// realPlants put real credentials in the contexts where they leak.
var realPlants = []struct {
	format *format
	plants map[string]string
}{
	{fmtPython, map[string]string{
		"client.run":          "intents = discord.Intents.default()\nintents.message_content = True\nclient = discord.Client(intents=intents)\nclient.run(\"{{bot}}\")\n\n",
		"const-single-quoted": "TOKEN = '{{bot.legacy}}'  # TODO: move to the environment\n\n",
		"bot-header":          "HEADERS = {\"Authorization\": \"Bot {{bot.2015}}\", \"Content-Type\": \"application/json\"}\n\n",
		"getenv-default":      "bot.run(os.getenv(\"DISCORD_TOKEN\", \"{{bot.new18}}\"))\n\n",
		"bearer-aiohttp":      "async with aiohttp.ClientSession(headers={\"Authorization\": \"Bearer {{bot.legacy2020}}\"}) as s:\n    me = await (await s.get(\"https://discord.com/api/v9/users/@me\")).json()\n\n",
		"mfa-selfbot":         "USER_TOKEN = \"{{mfa}}\"  # self-bot account, do not commit\n\n",
		"webhook-post":        "WEBHOOK_URL = \"{{webhook}}\"\nrequests.post(WEBHOOK_URL, json={\"content\": \"deploy finished\"}, timeout=10)\n\n",
		"webhook-lib":         "webhook = DiscordWebhook(url=\"{{webhook.canary}}\", content=\"nightly build failed\")\nwebhook.execute()\n\n",
		"client-secret-const": "# Discord OAuth2 application\nDISCORD_CLIENT_ID = \"{{fake.id}}\"\nCLIENT_SECRET = \"{{secret}}\"\n\n",
		"client-secret-dict":  "data = {\"client_id\": CLIENT_ID, \"client_secret\": \"{{secret}}\", \"grant_type\": \"authorization_code\", \"code\": code}\nr = requests.post(\"https://discord.com/api/oauth2/token\", data=data)\n\n",
	}},
	{fmtJS, map[string]string{
		"client.login":     "client.login('{{bot}}');\n\n",
		"const":            "const TOKEN = \"{{bot.2015cur}}\";\n\n",
		"template-literal": "const headers = { Authorization: ˋBot {{bot.recent}}ˋ };\n\n",
		"webhook-client":   "const hook = new WebhookClient({ url: '{{webhook.v10}}' });\n\n",
		"webhook-fetch":    "await fetch(\"{{webhook.ptb}}?wait=true\", { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });\n\n",
		"client-secret":    "passport.use(new DiscordStrategy({\n  clientID: process.env.CLIENT_ID,\n  clientSecret: '{{secret}}',\n  callbackURL: 'http://localhost:3000/auth/discord/callback',\n}, verify));\n\n",
	}},
	{fmtTS, map[string]string{
		"nullish-default": "const token: string = process.env.DISCORD_TOKEN ?? '{{bot.new18}}';\n\n",
		"rest-settoken":   "const rest = new REST({ version: '10' }).setToken(\"{{bot}}\");\n\n",
		"webhook-const":   "export const ALERT_WEBHOOK = '{{webhook.app}}' as const;\n\n",
		"app-secret":      "export const discordConfig = {\n  appId: '{{fake.id}}',\n  appSecret: \"{{secret}}\",\n};\n\n",
	}},
	{fmtGo, map[string]string{
		"discordgo":  "\tdg, err := discordgo.New(\"Bot \" + \"{{bot}}\")\n\n",
		"raw-string": "var token = ˋ{{bot.legacy}}ˋ\n\n",
		"webhook":    "const webhookURL = \"{{webhook.wwwcom}}\"\n\n",
		"oauth2-config": "var discordOAuth = &oauth2.Config{\n\tClientID:     \"{{fake.id}}\",\n\tClientSecret: \"{{secret}}\",\n" +
			"\tEndpoint:     oauth2.Endpoint{AuthURL: \"https://discord.com/oauth2/authorize\", TokenURL: \"https://discord.com/api/oauth2/token\"},\n}\n\n",
	}},
	{fmtJava, map[string]string{
		"jda":           "    private final JDA jda = JDABuilder.createDefault(\"{{bot}}\").build();\n\n",
		"webhook":       "    private static final String WEBHOOK = \"{{webhook.canaryapp}}\";\n\n",
		"client-secret": "    // discord oauth2\n    void configure(OAuthConfig config) {\n        config.setClientSecret(\"{{secret}}\");\n    }\n\n",
	}},
	{fmtCSharp, map[string]string{
		"login":         "        await _client.LoginAsync(TokenType.Bot, \"{{bot.2015}}\");\n\n",
		"webhook":       "        private readonly DiscordWebhookClient _hook = new(\"{{webhook.ptbapp}}\");\n\n",
		"client-secret": "        services.AddAuthentication().AddDiscord(options =>\n        {\n            options.ClientId = \"{{fake.id}}\";\n            options.ClientSecret = \"{{secret}}\";\n        });\n\n",
	}},
	{fmtPHP, map[string]string{
		"discordphp":    "$discord = new Discord(['token' => '{{bot}}']);\n\n",
		"webhook-http":  "$config = ['webhook_url' => '{{webhook.http}}'];\n\n",
		"client-secret": "$services = [\n    'discord' => [\n        'client_id' => '{{fake.id}}',\n        'client_secret' => '{{secret}}',\n        'redirect' => '/auth/discord/callback',\n    ],\n];\n\n",
	}},
	{fmtRuby, map[string]string{
		"discordrb":     "bot = Discordrb::Bot.new(token: '{{bot.legacy}}', intents: [:server_messages])\n\n",
		"webhook":       "client = Discordrb::Webhooks::Client.new(url: \"{{webhook}}\")\n\n",
		"client-secret": "Discord.configure do |config|\n  config.client_id = '{{fake.id}}'\n  config.client_secret = '{{secret}}'\nend\n\n",
	}},
	{fmtRust, map[string]string{
		"serenity": "let token = \"{{bot.2015cur}}\";\nlet mut client = Client::builder(token, intents).event_handler(Handler).await?;\n\n",
		"webhook":  "const WEBHOOK: &str = \"{{webhook.v10}}\";\n\n",
		"mfa":      "const USER_TOKEN: &str = \"{{mfa}}\";\n\n",
	}},
	{fmtShell, map[string]string{
		"export-unquoted": "export DISCORD_TOKEN={{bot}}\n\n",
		"curl-bot":        "curl -fsS -H \"Authorization: Bot {{bot.legacy2020}}\" https://discord.com/api/v9/users/@me\n\n",
		"curl-webhook":    "curl -X POST -H 'Content-Type: application/json' -d '{\"content\":\"backup done\"}' '{{webhook.bare}}'\n\n",
		"curl-oauth":      "curl -s -X POST https://discord.com/api/oauth2/token \\\n  -d client_id=\"$CLIENT_ID\" -d client_secret={{secret}} -d grant_type=client_credentials\n\n",
		"percent-encoded": "curl \"https://relay.example.com/send?payload=%7B%22token%22%3A%22{{bot}}%22%7D\"\n\n",
	}},
	{fmtYAML, map[string]string{
		"unquoted":       "discord:\n  token: {{bot}}\n  prefix: \"!\"\n\n",
		"workflow-env":   "env:\n  DISCORD_WEBHOOK_URL: \"{{webhook.canary}}\"\n\n",
		"client-secret":  "discord:\n  client_id: \"{{fake.id}}\"\n  client_secret: '{{secret}}'\n\n",
		"compose-env":    "services:\n  bot:\n    environment:\n      - DISCORD_TOKEN={{bot.recent}}\n\n",
		"webhook-legacy": "alerts:\n  discord: {{webhook.app}}\n\n",
	}},
	{fmtJSON, map[string]string{
		"config":         "    {\"discord\": {\"token\": \"{{bot}}\", \"prefix\": \"!\", \"owners\": [\"{{fake.id}}\"]}}",
		"webhooks":       "    {\"webhooks\": {\"alerts\": \"{{webhook.app}}\", \"deploys\": \"{{webhook.ptb}}\"}}",
		"client-secret":  "    {\"discord_oauth\": {\"client_id\": \"{{fake.id}}\", \"client_secret\": \"{{secret}}\"}}",
		"mfa":            "    {\"userToken\": \"{{mfa}}\"}",
		"unicode-escape": "    {\"serialized\": \"{\\u0022token\\u0022:\\u0022{{bot.legacy}}\\u0022}\"}",
	}},
	{fmtTOML, map[string]string{
		"discord-table": "[discord]\ntoken = \"{{bot.new18}}\"\napplication_id = {{fake.id}}\n\n",
		"client-secret": "[discord.oauth]\nclient_secret = \"{{secret}}\"\n\n",
		"webhook":       "[alerts]\ndiscord_webhook = '{{webhook.www}}'\n\n",
	}},
	{fmtEnv, map[string]string{
		"token":         "DISCORD_TOKEN={{bot}}\n",
		"token-quoted":  "DISCORD_BOT_TOKEN=\"{{bot.legacy}}\"\n",
		"client-secret": "DISCORD_CLIENT_ID={{fake.id}}\nDISCORD_CLIENT_SECRET={{secret}}\n",
		"webhook":       "DISCORD_WEBHOOK_URL={{webhook}}\n",
		"mfa":           "USER_TOKEN='{{mfa}}'\n",
	}},
	{fmtINI, map[string]string{
		"discord-section": "[discord]\ntoken = {{bot}}\nclient_secret = {{secret}}\n\n",
		"webhook":         "[notifications]\n; posts to #ops on discord\nwebhook = {{webhook.canary}}\n\n",
	}},
	{fmtProperties, map[string]string{
		"token":         "discord.bot.token={{bot.2015}}\n",
		"client-secret": "spring.security.oauth2.client.registration.discord.client-secret={{secret}}\n",
	}},
	{fmtMarkdown, map[string]string{
		"fenced-env":  "Invite the bot, then run:\n\n~~~bash\nDISCORD_TOKEN={{bot}} npm start\n~~~\n\n",
		"webhook":     "Alerts go to {{webhook}} (ask in #ops before changing it).\n\n",
		"inline-code": "Use ˋ{{bot.legacy}}ˋ as the staging bot token.\n\n",
	}},
	{fmtNotebook, map[string]string{
		"code-escaped":             "  {\"cell_type\": \"code\", \"execution_count\": 1, \"id\": \"c0ffee01\", \"metadata\": {}, \"outputs\": [], \"source\": [\"import discord\\n\", \"client = discord.Client(intents=discord.Intents.default())\\n\", \"client.run(\\\"{{bot}}\\\")\"]}",
		"code-single-quoted":       "  {\"cell_type\": \"code\", \"execution_count\": 2, \"id\": \"c0ffee02\", \"metadata\": {}, \"outputs\": [], \"source\": [\"TOKEN = '{{bot.legacy}}'\\n\"]}",
		"markdown-newline-webhook": "  {\"cell_type\": \"markdown\", \"id\": \"c0ffee03\", \"metadata\": {}, \"source\": \"Webhook for the results channel:\\n{{webhook.v10}}\\n\"}",
		"markdown-newline-token":   "  {\"cell_type\": \"markdown\", \"id\": \"c0ffee04\", \"metadata\": {}, \"source\": \"Bot token (rotate after the workshop):\\n{{bot.new18}}\"}",
		"output-newline-mfa":       "  {\"cell_type\": \"code\", \"execution_count\": 3, \"id\": \"c0ffee05\", \"metadata\": {}, \"outputs\": [{\"name\": \"stdout\", \"output_type\": \"stream\", \"text\": \"loaded user token\\n{{mfa}}\\n\"}], \"source\": [\"print(\\\"loaded user token\\\")\\n\", \"print(os.environ[\\\"USER_TOKEN\\\"])\"]}",
		"client-secret":            "  {\"cell_type\": \"code\", \"execution_count\": 4, \"id\": \"c0ffee06\", \"metadata\": {}, \"outputs\": [], \"source\": [\"# discord app\\n\", \"CLIENT_SECRET = \\\"{{secret}}\\\"\\n\"]}",
	}},
	{fmtMinJS, map[string]string{
		"object":         `const e={token:"{{bot}}",intents:3276799}`,
		"property":       `t.webhookUrl="{{webhook.app}}"`,
		"unicode-escape": `var s=JSON.parse("{\u0022token\u0022:\u0022{{bot.2015cur}}\u0022}")`,
		"login":          `n.login("{{bot.recent}}")`,
		"client-secret":  `const o={clientId:"{{fake.id}}",clientSecret:"{{secret}}",authUrl:"https://discord.com/oauth2/authorize"}`,
	}},
	{fmtLog, map[string]string{
		"auth-header": "2024-03-09T11:02:16Z DEBUG [http] GET https://discord.com/api/v10/users/@me Authorization: Bot {{bot}}\n",
		"webhook":     "2024-03-09T11:02:17Z INFO  [notify] posting to {{webhook}}\n",
	}},
}

// fakeValue is a look-alike in the place where a real value would be.
type fakeValue struct {
	key, value string
}

// fakeValues are look-alikes that no rule may report. Keys make them
// tempting: a client-secret key with "discord" in it, a token variable.
var fakeValues = []fakeValue{
	{"AUTH_HEADER", "Bearer {{fake.jwt}}"},
	{"JWT", "{{fake.jwt}}"},
	{"DISCORD_TOKEN", "{{fake.b64}}"},
	{"DISCORD_TOKEN", "{{fake.future}}"},
	{"DISCORD_TOKEN", "{{fake.prehist}}"},
	{"DISCORD_TOKEN", "{{fake.notdigits}}"},
	{"DISCORD_TOKEN", "{{fake.xfill}}"},
	{"DISCORD_TOKEN", "{{fake.seq}}"},
	{"DISCORD_TOKEN", "{{fake.seg3long}}"},
	{"DISCORD_TOKEN", "{{fake.seg3short}}"},
	{"DISCORD_TOKEN", "{{fake.seg1long}}"},
	{"DISCORD_TOKEN", "{{fake.dotted}}"},
	{"DISCORD_TOKEN", "{{fake.redacted}}"},
	{"DISCORD_TOKEN", "{{fake.ellipsis}}"},
	{"DISCORD_TOKEN", "{{fake.tokenword}}"},
	{"DISCORD_TOKEN", "{{fake.envref}}"},
	{"DISCORD_BOT_TOKEN", "{{fake.envref2}}"},
	{"GUILD_ID", "{{fake.id}}"},
	{"USER_TOKEN", "{{fake.mfashort}}"},
	{"USER_TOKEN", "{{fake.mfax}}"},
	{"WEBHOOK_URL", "{{fake.webhookshort}}"},
	{"WEBHOOK_URL", "{{fake.webhookid}}"},
	{"WEBHOOK_URL", "{{fake.webhookhost}}"},
	{"WEBHOOK_URL", "{{fake.webhooktmpl}}"},
	{"WEBHOOK_URL", "{{fake.webhookenv}}"},
	{"WEBHOOK_URL", "{{fake.webhookx}}"},
	{"WEBHOOK_URL", "{{fake.webhookseq}}"},
	{"DISCORD_CLIENT_SECRET", "{{fake.hex32}}"},
	{"DISCORD_CLIENT_SECRET", "{{fake.secretx}}"},
	{"DISCORD_CLIENT_SECRET", "{{fake.secretseq}}"},
	{"DISCORD_CLIENT_SECRET", "{{fake.secretword}}"},
	{"DISCORD_CLIENT_SECRET", "{{fake.secretenv}}"},
	{"SPOTIFY_CLIENT_SECRET", "{{fake.hex32}}"},
	{"GITHUB_CLIENT_SECRET", "{{fake.hex40}}"},
	{"GOOGLE_CLIENT_SECRET", "{{fake.google}}"},
	{"INVITE_URL", "{{fake.invite}}"},
	{"INVITE_URL", "{{fake.invite2}}"},
	{"BOT_INVITE_URL", "{{fake.oauthurl}}"},
	{"AVATAR_URL", "{{fake.avatar}}"},
	{"IMAGE_URL", "{{fake.cdn}}"},
	{"IMAGE_URL", "{{fake.media}}"},
	{"MESSAGE_LINK", "{{fake.msgurl}}"},
}

// fakeNotes are look-alikes in comments and prose.
var fakeNotes = []string{
	"Join us: {{fake.invite}}",
	"Screenshot of the bug: {{fake.cdn}}",
	"Webhook format: {{fake.webhooktmpl}}",
	"Redacted example token: {{fake.ellipsis}}",
	"Owner is <@{{fake.id}}>, emoji <:pepe:{{fake.id}}>",
	"A token looks like {{fake.xfill}} (three dot-separated parts)",
	"Session JWT for the dashboard: {{fake.jwt}}",
	"See {{fake.msgurl}} for the discussion",
}

// wrappers put a key and value (assign) or a note (comment) in the syntax
// of a format. Values and notes hold no quote or backslash.
var wrappers = []struct {
	format          *format
	assign, comment string
}{
	{fmtPython, "%s = \"%s\"\n\n", "# %s\n\n"},
	{fmtJS, "const %s = '%s';\n\n", "// %s\n\n"},
	{fmtTS, "export const %s = \"%s\";\n\n", "// %s\n\n"},
	{fmtGo, "const %s = \"%s\"\n\n", "// %s\n\n"},
	{fmtJava, "    private static final String %s = \"%s\";\n\n", "    // %s\n\n"},
	{fmtCSharp, "        private const string %s = \"%s\";\n\n", "        // %s\n\n"},
	{fmtPHP, "$%s = '%s';\n\n", "// %s\n\n"},
	{fmtRuby, "%s = '%s'\n\n", "# %s\n\n"},
	{fmtRust, "const %s: &str = \"%s\";\n\n", "// %s\n\n"},
	{fmtShell, "%s=\"%s\"\n\n", "# %s\n\n"},
	{fmtYAML, "%s: \"%s\"\n\n", "# %s\n\n"},
	{fmtJSON, "    {\"%s\": \"%s\"}", "    {\"_comment\": \"%s\"}"},
	{fmtTOML, "%s = \"%s\"\n\n", "# %s\n\n"},
	{fmtEnv, "%s=%s\n", "# %s\n"},
	{fmtINI, "%s = %s\n\n", "; %s\n\n"},
	{fmtProperties, "%s=%s\n", "# %s\n"},
	{fmtMarkdown, "Set ˋ%sˋ to ˋ%sˋ.\n\n", "%s\n\n"},
	{fmtNotebook,
		"  {\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"f00dfeed\", \"metadata\": {}, \"outputs\": [], \"source\": [\"%s = \\\"%s\\\"\\n\"]}",
		"  {\"cell_type\": \"markdown\", \"id\": \"f00dfee1\", \"metadata\": {}, \"source\": [\"%s\\n\"]}"},
	{fmtMinJS, "var %s=\"%s\"", "/* %s */"},
	{fmtLog, "2024-03-09T11:02:18Z INFO  [config] %s=%s\n", "2024-03-09T11:02:19Z INFO  [chat] %s\n"},
}

// docsFakes are look-alikes as documentation shows them.
var docsFakes = map[string]string{
	"placeholder-fence": "~~~python\nclient.run(\"YOUR_BOT_TOKEN\")\n~~~\n\n",
	"webhook-template":  "POST ˋhttps://discord.com/api/webhooks/{webhook.id}/{webhook.token}ˋ executes a webhook.\n\n",
	"token-shape":       "Your token looks like ˋ{{fake.xfill}}ˋ: the ID, a timestamp and an HMAC.\n\n",
	"webhook-example":   "Example: ˋ{{fake.webhookid}}ˋ\n\n",
	"oauth-invite":      "[Add the bot to your server]({{fake.oauthurl}}) or join {{fake.invite2}}.\n\n",
}

// allPlants returns every plant template, real ones first, in a stable order.
var allPlants = func() []*plant {
	var out []*plant
	for _, fp := range realPlants {
		for _, name := range sortedKeys(fp.plants) {
			out = append(out, &plant{name: fp.format.name + "/" + name, format: fp.format, text: backticks(fp.plants[name]), real: true})
		}
	}
	for _, w := range wrappers {
		for i, v := range fakeValues {
			out = append(out, &plant{
				name:   fmt.Sprintf("%s/fake-%02d-%s", w.format.name, i, strings.ToLower(v.key)),
				format: w.format, text: backticks(fmt.Sprintf(w.assign, v.key, v.value)),
			})
		}
		for i, n := range fakeNotes {
			out = append(out, &plant{
				name:   fmt.Sprintf("%s/note-%02d", w.format.name, i),
				format: w.format, text: backticks(fmt.Sprintf(w.comment, n)),
			})
		}
	}
	out = append(out, kindPlants()...)
	for _, name := range sortedKeys(docsFakes) {
		out = append(out, &plant{name: "markdown/" + name, format: fmtMarkdown, text: backticks(docsFakes[name])})
	}
	return out
}()

func backticks(s string) string { return strings.ReplaceAll(s, "ˋ", "`") }

func sortedKeys(m map[string]string) []string {
	keys := slices.Collect(maps.Keys(m))
	slices.Sort(keys)
	return keys
}

// kindPlants returns one plant per generator kind, spread over the formats
// round-robin, so that every real kind and look-alike of testtoken (which
// grows with the rules' vector files) is planted. Real values sit under a
// key of their family; look-alikes under DISCORD_TOKEN, which has no
// "secret" in it, so that a random 32-character look-alike is not a client
// secret by context.
func kindPlants() []*plant {
	var out []*plant
	names := slices.Sorted(maps.Keys(kinds))
	for i, kind := range names {
		w := wrappers[i%len(wrappers)]
		key, real := "DISCORD_TOKEN", true
		switch testtoken.Family(kind) {
		case "mfa":
			key = "USER_TOKEN"
		case "webhook":
			key = "DISCORD_WEBHOOK_URL"
		case "secret":
			key = "DISCORD_CLIENT_SECRET"
		case "fake":
			real = false
		}
		out = append(out, &plant{
			name:   fmt.Sprintf("%s/kind-%s", w.format.name, kind),
			format: w.format, text: backticks(fmt.Sprintf(w.assign, key, "{{"+kind+"}}")), real: real,
		})
	}
	return out
}
