package cli

import (
	"github.com/spf13/cobra"
)

// newIssuerTokenCommand groups the commands on registrar API tokens; their
// --dir and --token are its persistent flags, which they share.
func newIssuerTokenCommand() *cobra.Command {
	db := &issuerDBOptions{}
	cmd := newGroupCommand(&cobra.Command{
		Use:   "token",
		Short: "Create, list or revoke registrar API tokens",
		Long: `token manages the bearer tokens of the registrar API (/api/v1). A token is
printed once when created; the database keeps only its SHA-256, a name and
its scopes:

  issue    submit credentials
  revoke   revoke credentials
  read     read credentials, batches and /metrics
  admin    download backups and manage tokens; implies the others

While 'issuer serve' runs it holds the database, and these commands go
through its API instead, with an admin token (--token or $CREDSEAL_API_TOKEN).
Tokens created before scopes existed have issue and read.`,
		Example: `  credseal issuer token create registrar-office --scope issue,read
  credseal issuer token create backups --scope admin
  credseal issuer token list
  CREDSEAL_API_TOKEN=cst_… credseal issuer token revoke registrar-office   # while serve runs`,
	}, newIssuerTokenCreateCommand(db), newIssuerTokenListCommand(db), newIssuerTokenRevokeCommand(db))
	db.flags(cmd.PersistentFlags(), "admin API token, to manage tokens while 'issuer serve' runs (else $"+apiTokenEnv+")")
	return cmd
}
