package hooks

func URL(id, token string) string {
	return fmt.Sprintf("https://discord.com/api/webhooks/%s/%s", id, token)
}
