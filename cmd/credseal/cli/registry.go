package cli

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/pkg/chain"
)

// newRegistryCommand groups the accreditation authority's and operators'
// commands on a CredentialRegistry.
func newRegistryCommand() *cobra.Command {
	return newGroupCommand(&cobra.Command{
		Use:   "registry",
		Short: "Deploy a CredentialRegistry and manage its issuers (accreditation authority)",
		Long: `registry deploys the CredentialRegistry contract on any EVM chain and lets its
owner, the accreditation authority, accredit, suspend and reinstate issuers,
move an issuer to a new key, and set the minimum seal difficulty. issuer and batch read the registry.

Every subcommand takes --rpc and --registry (default: the local dev chain's);
transactions are signed with --keystore and its passphrase.`,
		Example: `  credseal registry deploy --rpc http://127.0.0.1:8545 --keystore owner.json --passphrase-file pass.txt
  credseal registry register-issuer 0x8f40…b64b --name "Université de Lumière" --domain example.edu \
      --rpc http://127.0.0.1:8545 --registry 0x5FbD…0aa3 --keystore owner.json
  credseal registry issuer 0x8f40…b64b`,
	}, newRegistryDeployCommand(), newRegistryRegisterIssuerCommand(), newRegistrySuspendIssuerCommand(),
		newRegistryReinstateIssuerCommand(), newRegistryRotateKeyCommand(), newRegistrySetDifficultyCommand(), newRegistryIssuerCommand(),
		newRegistryBatchCommand())
}

// registryReadOptions are the flags of a registry subcommand that only
// reads: the chain's, without a key.
type registryReadOptions struct {
	chain chainOptions
}

func (o *registryReadOptions) flags(f *pflag.FlagSet) {
	o.chain.flags(f, false)
}

// read connects without a signer and runs one read.
func (o *registryReadOptions) read(cmd *cobra.Command, read func(*chain.Client) error) error {
	c, closeChain, err := o.chain.connect(cmd.Context(), false)
	if err != nil {
		return err
	}
	defer closeChain()
	return read(c)
}

// registryTxOptions are the flags of a registry subcommand that sends a
// transaction: the chain's, with the signing key.
type registryTxOptions struct {
	chain chainOptions
}

func (o *registryTxOptions) flags(f *pflag.FlagSet) {
	o.chain.flags(f, true)
}

// transactOnKeys reads every argument as an account address, then sends
// one transaction about those keys, as transact does.
func (o *registryTxOptions) transactOnKeys(cmd *cobra.Command, args []string, done string,
	send func(c *chain.Client, keys [][20]byte) (*chain.Receipt, error)) error {
	keys := make([][20]byte, len(args))
	for i, a := range args {
		var err error
		if keys[i], err = parseAddress(a); err != nil {
			return err
		}
	}
	return o.transact(cmd, done, func(c *chain.Client) (*chain.Receipt, error) { return send(c, keys) })
}

// transact connects with a signer, sends one transaction and reports it
// with done.
func (o *registryTxOptions) transact(cmd *cobra.Command, done string, send func(*chain.Client) (*chain.Receipt, error)) error {
	c, closeChain, err := o.chain.connect(cmd.Context(), true)
	if err != nil {
		return err
	}
	defer closeChain()
	r, err := send(c)
	if err != nil {
		return err
	}
	fmt.Fprintf(cmd.OutOrStdout(), "%s in block %d, tx 0x%x\n", done, r.Block, r.Tx)
	return nil
}
