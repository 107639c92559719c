package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/leakcord/leakcord/rules"
)

func (a *app) rulesCmd() *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "rules",
		Short: "List the rules, their IDs, severities and help",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			var infos []rules.Info
			for _, r := range rules.All() {
				infos = append(infos, r.Info())
			}
			switch format {
			case "json":
				type out struct {
					ID          string `json:"id"`
					Name        string `json:"name"`
					Title       string `json:"title"`
					Severity    string `json:"severity"`
					Description string `json:"description"`
					Remediation string `json:"remediation"`
				}
				var list []out
				for _, i := range infos {
					list = append(list, out{i.ID, i.Name, i.Title, string(i.Severity), i.Description, i.Remediation})
				}
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(list)
			case "text":
				tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "RULE\tSEVERITY\tFINDS")
				for _, i := range infos {
					fmt.Fprintf(tw, "%s\t%s\t%s\n", i.ID, i.Severity, i.Title)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				for _, i := range infos {
					fmt.Fprintf(a.stdout, "\n%s\n  %s\n  What to do: %s\n", i.ID, i.Description, i.Remediation)
				}
				return nil
			}
			return usageError{err: fmt.Errorf("unknown format %q (valid: text, json)", format), cmd: c.CommandPath()}
		},
	}
	c.Flags().StringVarP(&format, "format", "f", "text", "text or json")
	return c
}
