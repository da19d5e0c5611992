package cli

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/issuer/boltstore"
)

func newIssuerTokenRevokeCommand(db *issuerDBOptions) *cobra.Command {
	return newCommand(&issuerTokenRevokeOptions{db: db}, &cobra.Command{
		Use:   "revoke NAME",
		Short: "Revoke a token, at once",
		Long: `revoke revokes the token called NAME: from then on the registrar API
refuses it, also in a running 'issuer serve'. It cannot be undone; create
another token instead.`,
		Example: `  credseal issuer token revoke registrar-office
  credseal issuer token revoke registrar-office --token cst_…   # while serve runs`,
		Args: cobra.ExactArgs(1),
	})
}

type issuerTokenRevokeOptions struct {
	db *issuerDBOptions // the token command's --dir and --token
}

// flags: the token command's --dir and --token are all it takes.
func (o *issuerTokenRevokeOptions) flags(*pflag.FlagSet) {}

func (o *issuerTokenRevokeOptions) run(cmd *cobra.Command, args []string) error {
	name := args[0]
	err := o.db.with(func(db *boltstore.DB) error {
		if err := db.RevokeAPIToken(cmd.Context(), name); errors.Is(err, issuer.ErrNotFound) {
			return badInput(err)
		} else if err != nil {
			return err
		}
		return nil
	}, func(base, admin string) error {
		return apiCall(cmd.Context(), http.MethodPost, base+"/api/v1/tokens/"+url.PathEscape(name)+"/revoke", admin, nil, nil)
	})
	if err == nil {
		fmt.Fprintf(cmd.OutOrStdout(), "revoked %s\n", name)
	}
	return err
}
