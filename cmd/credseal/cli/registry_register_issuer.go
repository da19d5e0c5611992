package cli

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/pkg/chain"
)

func newRegistryRegisterIssuerCommand() *cobra.Command {
	return newCommand(&registryRegisterIssuerOptions{}, &cobra.Command{
		Use:     "register-issuer ADDRESS --name NAME --domain DOMAIN",
		Short:   "Accredit an issuer's address (owner only)",
		Example: `  credseal registry register-issuer 0x8f40…b64b --name "Université de Lumière" --domain example.edu`,
		Args:    cobra.ExactArgs(1),
	})
}

type registryRegisterIssuerOptions struct {
	registryTxOptions
	name, domain string
}

func (o *registryRegisterIssuerOptions) flags(f *pflag.FlagSet) {
	o.registryTxOptions.flags(f)
	f.StringVar(&o.name, "name", "", "the issuer's name, as verifiers will show it")
	f.StringVar(&o.domain, "domain", "", "the web domain its credentials' issuer URLs must be on")
	_ = cobra.MarkFlagRequired(f, "name")
	_ = cobra.MarkFlagRequired(f, "domain")
}

func (o *registryRegisterIssuerOptions) run(cmd *cobra.Command, args []string) error {
	return o.transactOnKeys(cmd, args, "registered issuer "+args[0], func(c *chain.Client, keys [][20]byte) (*chain.Receipt, error) {
		return c.RegisterIssuer(cmd.Context(), keys[0], o.name, o.domain)
	})
}
