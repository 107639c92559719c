// Command leakcord finds Discord credentials (bot and user tokens, mfa.
// tokens, webhook URLs and OAuth2 client secrets) in files, folders and
// stdin, decodes what they say offline, and reports them as text or JSON.
//
// Run "leakcord --help" for the commands and flags.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
