package cli

import (
	"github.com/spf13/cobra"
)

// newIssuerCommand groups the commands that run a registrar's issuer.
func newIssuerCommand() *cobra.Command {
	return newGroupCommand(&cobra.Command{
		Use:   "issuer",
		Short: "Run an issuer: set up, status, the HTTP API and portal, tokens, backups",
		Long: `issuer manages a registrar's issuing service. Its state lives in a data
directory (--dir, default $CREDSEAL_ISSUER or ~/.local/share/credseal/issuer):
issuer.json (chain, registry, key, batching), issuer.db (bbolt: credentials,
seeds, batches, anchors, revocations, token hashes) and token.key (the secret
claim links derive from).

Credentials go in with 'credseal issue' or the HTTP API and move through
pending → batched → sealed → submitted → confirmed → final; a crash at any point
loses nothing and anchors nothing twice.`,
		Example: `  credseal issuer init --name "Université de Lumière" --url https://registrar.example.edu
  credseal issue --input testdata/cohort.csv --wait
  credseal issuer status
  credseal issuer serve --listen 127.0.0.1:8080`,
	}, newIssuerInitCommand(), newIssuerStatusCommand(), newIssuerServeCommand(), newIssuerTokenCommand(),
		newIssuerBackupCommand(), newIssuerRecoverCommand())
}
