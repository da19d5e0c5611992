package cli

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/chain/keys"
)

func newRegistryDeployCommand() *cobra.Command {
	return newCommand(&registryDeployOptions{}, &cobra.Command{
		Use:   "deploy",
		Short: "Deploy a new CredentialRegistry owned by the signing key",
		Example: `  credseal registry deploy --rpc http://127.0.0.1:8545 --keystore owner.json --passphrase-file pass.txt
  credseal registry deploy --rpc https://sepolia.example.org --keystore owner.json --min-difficulty 20`,
		Args: cobra.NoArgs,
	})
}

type registryDeployOptions struct {
	registryTxOptions
	minDifficulty uint8
}

func (o *registryDeployOptions) flags(f *pflag.FlagSet) {
	o.registryTxOptions.flags(f)
	f.Uint8Var(&o.minDifficulty, "min-difficulty", 16, "minimum seal difficulty new issuers get (8..127): targets below 2^(256-d)")
}

func (o *registryDeployOptions) run(cmd *cobra.Command, _ []string) error {
	ctx := cmd.Context()
	if o.chain.rpc == "" || o.chain.keystore == "" {
		o.chain.registry = common.Address{}.Hex() // not needed to deploy
		if err := o.chain.resolve(); err != nil {
			return badInput(err)
		}
	}
	signer, err := keys.Load(o.chain.keystore, o.chain.passphraseFile)
	if err != nil {
		return badInput(err)
	}
	ec, id, err := o.chain.dial(ctx)
	if err != nil {
		return err
	}
	defer ec.Close()
	addr, r, err := chain.Deploy(ctx, ec, signer, o.minDifficulty, chain.TxOptions{Confirmations: o.chain.confirmations, Timeout: o.chain.timeout})
	if err != nil {
		return err
	}
	fmt.Fprintf(cmd.OutOrStdout(), "deployed CredentialRegistry on chain %d\n  registry  %s\n  owner     %s\n  block     %d\n  tx        0x%x\n",
		id, common.Address(addr).Hex(), common.Address(signer.Address()).Hex(), r.Block, r.Tx)
	return nil
}
