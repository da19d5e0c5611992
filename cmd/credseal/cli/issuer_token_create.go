package cli

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/issuer/boltstore"
)

func newIssuerTokenCreateCommand(db *issuerDBOptions) *cobra.Command {
	return newCommand(&issuerTokenCreateOptions{db: db}, &cobra.Command{
		Use:   "create NAME",
		Short: "Create a token; it is printed once and only its hash is kept",
		Long: `create makes a registrar API token called NAME, with the scopes of --scope,
and prints it once: the database keeps only its SHA-256. While 'issuer
serve' runs, the server creates it, asked with an admin token.`,
		Example: `  credseal issuer token create registrar-office --scope issue,read
  credseal issuer token create backups --scope admin`,
		Args: cobra.ExactArgs(1),
	})
}

type issuerTokenCreateOptions struct {
	db     *issuerDBOptions // the token command's --dir and --token
	scopes []string
}

func (o *issuerTokenCreateOptions) flags(f *pflag.FlagSet) {
	f.StringSliceVar(&o.scopes, "scope", []string{string(issuer.ScopeIssue), string(issuer.ScopeRead)}, "what the token may do: issue, revoke, read, admin")
}

func (o *issuerTokenCreateOptions) run(cmd *cobra.Command, args []string) error {
	name := args[0]
	scopes, err := issuer.ParseScopes(o.scopes)
	if err != nil {
		return badInput(err)
	}
	out := cmd.OutOrStdout()
	return o.db.with(func(db *boltstore.DB) error {
		tok, _, err := issuer.CreateAPIToken(cmd.Context(), db, name, scopes, time.Now())
		if errors.Is(err, issuer.ErrBadToken) {
			return badInput(err)
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(out, tok)
		return nil
	}, func(base, admin string) error {
		var created struct{ Token string }
		body := map[string]any{"name": name, "scopes": scopes}
		if err := apiCall(cmd.Context(), http.MethodPost, base+"/api/v1/tokens", admin, body, &created); err != nil {
			return err
		}
		fmt.Fprintln(out, created.Token)
		return nil
	})
}
