package cli

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/issuer/boltstore"
)

func newIssuerTokenListCommand(db *issuerDBOptions) *cobra.Command {
	return newCommand(&issuerTokenListOptions{db: db}, &cobra.Command{
		Use:   "list",
		Short: "List tokens by name, with their scopes",
		Long: `list prints a line a token: its name, whether it is active or revoked, its
scopes and when it was created. The tokens themselves are not kept, so they
cannot be shown.`,
		Example: `  credseal issuer token list
  CREDSEAL_API_TOKEN=cst_… credseal issuer token list   # while serve runs`,
		Args: cobra.NoArgs,
	})
}

type issuerTokenListOptions struct {
	db *issuerDBOptions // the token command's --dir and --token
}

// flags: the token command's --dir and --token are all it takes.
func (o *issuerTokenListOptions) flags(*pflag.FlagSet) {}

func (o *issuerTokenListOptions) run(cmd *cobra.Command, _ []string) error {
	out := cmd.OutOrStdout()
	return o.db.with(func(db *boltstore.DB) error {
		toks, err := db.APITokens(cmd.Context())
		printTokens(out, toks)
		return err
	}, func(base, admin string) error {
		var list struct{ Tokens []issuer.APIToken }
		if err := apiCall(cmd.Context(), http.MethodGet, base+"/api/v1/tokens", admin, nil, &list); err != nil {
			return err
		}
		printTokens(out, list.Tokens)
		return nil
	})
}

// printTokens prints a line a token: its name, state, scopes and creation.
func printTokens(out io.Writer, toks []issuer.APIToken) {
	for _, t := range toks {
		state := "active"
		if t.Revoked {
			state = "revoked"
		}
		scopes := make([]string, len(t.Scopes))
		for i, s := range t.Scopes {
			scopes[i] = string(s)
		}
		fmt.Fprintf(out, "%-24s %-8s %-24s created %s\n", t.Name, state, strings.Join(scopes, ","), t.Created.Format(time.RFC3339))
	}
}
