package cli

import (
	"github.com/spf13/cobra"
)

// newVerifierCommand groups the commands of the employer's verification
// service.
func newVerifierCommand() *cobra.Command {
	return newGroupCommand(&cobra.Command{
		Use:   "verifier",
		Short: "Run the employer's verification page and API",
		Long: `verifier serves the page employers open to verify a credential (camera QR
scanning, QR photo upload, file drop, paste, and links of the form /#CS1:…)
and the API behind it, POST /api/v1/verify. It trusts only the registry given
by its flags (or the local dev chain's), exactly as 'credseal verify' does.`,
		Example: `  credseal verifier serve
  credseal verifier serve --listen 0.0.0.0:8090 --rpc https://rpc.example.org --registry 0x… --confirmations 12`,
	}, newVerifierServeCommand())
}
