package report

import (
	"strconv"
	"strings"

	"github.com/leakcord/leakcord/rules"
)

// helpStep is one numbered step of a rule's help, in plain text and in
// Markdown.
type helpStep struct{ text, md string }

// revokeStep returns how to revoke the secret a rule finds. It is the
// first step of the rule's help; for a rule without a specific step it is
// the rule's own remediation.
func revokeStep(info rules.Info) helpStep {
	switch info.ID {
	case rules.IDBotToken:
		return helpStep{
			text: "Reset the token in the Discord Developer Portal (" + portalURL + "): Applications > " +
				"your app > Bot > Reset Token. The alert's message links the application's bot page " +
				"when the token names its ID (for most bots the user ID in the token is the application ID). " +
				"A user token is invalidated by changing the account's password.",
			md: "**Reset the token** in the [Discord Developer Portal](" + portalURL + "): " +
				"*Applications › your app › Bot › Reset Token*. The alert's message links the application's " +
				"bot page when the token names its ID (for most bots the user ID in the token is the " +
				"application ID). A user token is invalidated by changing the account's password.",
		}
	case rules.IDMFAToken:
		return helpStep{
			text: "Change the password of the account the token belongs to: that invalidates its tokens. " +
				"Never automate a user account; self-bots break Discord's terms of service.",
			md: "**Change the password** of the account the token belongs to: that invalidates its tokens. " +
				"Never automate a user account; self-bots break Discord's terms of service.",
		}
	case rules.IDWebhookURL:
		return helpStep{
			text: "Delete the webhook in Discord (Server Settings > Integrations > Webhooks) and create a new one. " +
				"There is no way to rotate a webhook's token in place.",
			md: "**Delete the webhook** in Discord (*Server Settings › Integrations › Webhooks*) and create " +
				"a new one. There is no way to rotate a webhook's token in place.",
		}
	case rules.IDClientSecret:
		return helpStep{
			text: "Reset the client secret in the Discord Developer Portal (" + portalURL + "): Applications > " +
				"your app > OAuth2 > Reset Secret.",
			md: "**Reset the client secret** in the [Discord Developer Portal](" + portalURL + "): " +
				"*Applications › your app › OAuth2 › Reset Secret*.",
		}
	}
	return helpStep{text: info.Remediation, md: info.Remediation}
}

// commonSteps are the steps every Discord credential shares after it is
// revoked.
var commonSteps = []helpStep{
	{
		text: "Removing the secret from the code does not revoke it. A secret deleted from HEAD is still in " +
			"git history, in every clone and fork, and in CI logs and caches, and scrapers collect " +
			"Discord credentials from public pushes within minutes. Treat it as leaked until it is " +
			"revoked; rewriting history afterwards (git filter-repo) is optional clean-up, not a fix.",
		md: "**Removing it from the code does not revoke it.** A secret deleted from `HEAD` is still in " +
			"git history, in every clone and fork, and in CI logs and caches, and scrapers collect " +
			"Discord credentials from public pushes within minutes. Treat it as leaked until it is " +
			"revoked; rewriting history afterwards (`git filter-repo`) is optional clean-up, not a fix.",
	},
	{
		text: "Keep the new secret out of the code: load it from an environment variable (for example " +
			"DISCORD_TOKEN) or a secret manager (GitHub Actions secrets, Vault, a cloud secret manager), " +
			"and keep local .env files in .gitignore.",
		md: "**Keep the new secret out of the code:** load it from an environment variable (for example " +
			"`DISCORD_TOKEN`) or a secret manager (GitHub Actions secrets, Vault, a cloud secret manager), " +
			"and keep local `.env` files in `.gitignore`.",
	},
	{
		text: "Limit what a leak can do: give the bot only the permissions it needs (never Administrator " +
			"by default) and only the gateway intents it uses, especially the privileged ones, and use " +
			"one webhook per purpose.",
		md: "**Limit what a leak can do:** give the bot only the permissions it needs (never " +
			"*Administrator* by default) and only the gateway intents it uses, especially the privileged " +
			"ones, and use one webhook per purpose.",
	},
	{
		text: "Handle authentication errors gracefully: when Discord answers 401 Unauthorized (or " +
			"Unknown Webhook), stop using the credential, log that it was rejected without logging the " +
			"credential itself, and alert someone instead of retrying in a loop; Discord temporarily " +
			"blocks clients that keep making invalid requests.",
		md: "**Handle authentication errors gracefully:** when Discord answers `401 Unauthorized` (or " +
			"*Unknown Webhook*), stop using the credential, log that it was rejected without logging the " +
			"credential itself, and alert someone instead of retrying in a loop; Discord temporarily " +
			"blocks clients that keep making invalid requests.",
	},
}

// ruleHelp returns a rule's help as plain text and as Markdown: what the
// rule finds, then numbered steps on what to do.
func ruleHelp(info rules.Info) (text, md string) {
	steps := append([]helpStep{revokeStep(info)}, commonSteps...)
	var t, m strings.Builder
	t.WriteString(info.Description + "\n\nWhat to do:\n")
	m.WriteString(info.Description + "\n\n## What to do\n\n")
	for i, s := range steps {
		n := strconv.Itoa(i+1) + ". "
		t.WriteString(n + s.text + "\n")
		m.WriteString(n + s.md + "\n")
	}
	return strings.TrimSuffix(t.String(), "\n"), strings.TrimSuffix(m.String(), "\n")
}
