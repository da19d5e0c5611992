package cli

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spf13/cobra"

	"github.com/credseal/credseal/pkg/chain"
)

// newRegistryCommand groups the accreditation authority's and operators'
// commands on a CredentialRegistry.
func newRegistryCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "registry",
		Short: "Deploy a CredentialRegistry and manage its issuers (accreditation authority)",
		Long: `registry deploys the CredentialRegistry contract on any EVM chain and lets its
owner, the accreditation authority, accredit, suspend and reinstate issuers
and set the minimum seal difficulty. issuer and batch read the registry.

Every subcommand takes --rpc and --registry (default: the local dev chain's);
transactions are signed with --keystore and its passphrase.`,
		Example: `  credseal registry deploy --rpc http://127.0.0.1:8545 --keystore owner.json --passphrase-file pass.txt
  credseal registry register-issuer 0x8f40…b64b --name "Université de Lumière" --domain example.edu \
      --rpc http://127.0.0.1:8545 --registry 0x5FbD…0aa3 --keystore owner.json
  credseal registry issuer 0x8f40…b64b`,
	}
	cmd.AddCommand(newRegistryDeployCommand(), newRegistryRegisterCommand(), newRegistrySuspendCommand(true),
		newRegistrySuspendCommand(false), newRegistryDifficultyCommand(), newRegistryIssuerCommand(), newRegistryBatchCommand())
	return cmd
}

func newRegistryDeployCommand() *cobra.Command {
	o := &chainOptions{}
	var difficulty uint8
	cmd := &cobra.Command{
		Use:   "deploy",
		Short: "Deploy a new CredentialRegistry owned by the signing key",
		Example: `  credseal registry deploy --rpc http://127.0.0.1:8545 --keystore owner.json --passphrase-file pass.txt
  credseal registry deploy --rpc https://sepolia.example.org --keystore owner.json --min-difficulty 20`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if o.rpc == "" || o.keystore == "" {
				o.registry = common.Address{}.Hex() // not needed to deploy
				if err := o.resolve(); err != nil {
					return badInput(err)
				}
			}
			pass, err := chain.ReadPassphrase(o.passphraseFile)
			if err != nil {
				return badInput(err)
			}
			signer, err := chain.LoadSigner(o.keystore, pass)
			if err != nil {
				return badInput(err)
			}
			ec, id, err := chain.Dial(ctx, o.rpc, o.chainID)
			if err != nil {
				return err
			}
			defer ec.Close()
			addr, r, err := chain.Deploy(ctx, ec, signer, difficulty, chain.Options{Confirmations: o.confirmations, Timeout: o.timeout})
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "deployed CredentialRegistry on chain %d\n  registry  %s\n  owner     %s\n  block     %d\n  tx        0x%x\n",
				id, common.Address(addr).Hex(), common.Address(signer.Address()).Hex(), r.Block, r.Tx)
			return nil
		},
	}
	o.AddFlags(cmd, true)
	cmd.Flags().Uint8Var(&difficulty, "min-difficulty", 16, "minimum seal difficulty new issuers get (8..127): targets below 2^(256-d)")
	return cmd
}

func newRegistryRegisterCommand() *cobra.Command {
	o := &chainOptions{}
	var name, domain string
	cmd := &cobra.Command{
		Use:     "register-issuer ADDRESS --name NAME --domain DOMAIN",
		Short:   "Accredit an issuer's address (owner only)",
		Example: `  credseal registry register-issuer 0x8f40…b64b --name "Université de Lumière" --domain example.edu`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			addr, err := parseAddress(args[0])
			if err != nil {
				return err
			}
			return transactWith(cmd, o, func(c *chain.Client) (*chain.Receipt, error) {
				return c.RegisterIssuer(cmd.Context(), addr, name, domain)
			}, "registered issuer "+args[0])
		},
	}
	o.AddFlags(cmd, true)
	cmd.Flags().StringVar(&name, "name", "", "the issuer's name, as verifiers will show it")
	cmd.Flags().StringVar(&domain, "domain", "", "the web domain its credentials' issuer URLs must be on")
	_ = cmd.MarkFlagRequired("name")
	_ = cmd.MarkFlagRequired("domain")
	return cmd
}

func newRegistrySuspendCommand(suspend bool) *cobra.Command {
	o := &chainOptions{}
	use, short, verb := "suspend-issuer ADDRESS", "Suspend an issuer: it can no longer anchor, and verifiers fail its credentials (owner only)", "suspended"
	if !suspend {
		use, short, verb = "reinstate-issuer ADDRESS", "Lift an issuer's suspension (owner only)", "reinstated"
	}
	cmd := &cobra.Command{
		Use:     use,
		Short:   short,
		Example: "  credseal registry " + strings.Fields(use)[0] + " 0x8f40…b64b",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			addr, err := parseAddress(args[0])
			if err != nil {
				return err
			}
			return transactWith(cmd, o, func(c *chain.Client) (*chain.Receipt, error) {
				if suspend {
					return c.SuspendIssuer(cmd.Context(), addr)
				}
				return c.ReinstateIssuer(cmd.Context(), addr)
			}, verb+" issuer "+args[0])
		},
	}
	o.AddFlags(cmd, true)
	return cmd
}

func newRegistryDifficultyCommand() *cobra.Command {
	o := &chainOptions{}
	var issuerAddr string
	cmd := &cobra.Command{
		Use:   "set-difficulty D",
		Short: "Set the minimum seal difficulty (8..127) for new issuers, or for one with --issuer (owner only)",
		Example: `  credseal registry set-difficulty 20
  credseal registry set-difficulty 24 --issuer 0x8f40…b64b`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var d uint8
			if _, err := fmt.Sscan(args[0], &d); err != nil {
				return badInput(fmt.Errorf("difficulty %q: %w", args[0], err))
			}
			if issuerAddr == "" {
				return transactWith(cmd, o, func(c *chain.Client) (*chain.Receipt, error) {
					return c.SetMinDifficulty(cmd.Context(), d)
				}, "set the default minimum difficulty to "+args[0])
			}
			addr, err := parseAddress(issuerAddr)
			if err != nil {
				return err
			}
			return transactWith(cmd, o, func(c *chain.Client) (*chain.Receipt, error) {
				return c.SetIssuerMinDifficulty(cmd.Context(), addr, d)
			}, "set "+issuerAddr+"'s minimum difficulty to "+args[0])
		},
	}
	o.AddFlags(cmd, true)
	cmd.Flags().StringVar(&issuerAddr, "issuer", "", "set this issuer's minimum instead of the default")
	return cmd
}

func newRegistryIssuerCommand() *cobra.Command {
	o := &chainOptions{}
	cmd := &cobra.Command{
		Use:     "issuer ADDRESS",
		Short:   "Show an issuer's record and last seal",
		Example: "  credseal registry issuer 0x8f40…b64b",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			addr, err := parseAddress(args[0])
			if err != nil {
				return err
			}
			return readWith(cmd, o, func(c *chain.Client) error {
				rec, err := c.Issuer(cmd.Context(), addr)
				if err != nil {
					return err
				}
				last, err := c.LastSealOf(cmd.Context(), addr)
				if err != nil {
					return err
				}
				out := cmd.OutOrStdout()
				if !rec.Registered {
					fmt.Fprintf(out, "%s is not a registered issuer\n", args[0])
					return &ExitError{Code: ExitFailure}
				}
				fmt.Fprintf(out, "issuer %s\n  name            %s\n  domain          %s\n  active          %v\n  min difficulty  %d\n  registered at   block %d\n  last seal       %x\n",
					common.Address(addr).Hex(), rec.Name, rec.Domain, rec.Active, rec.MinDifficulty, rec.RegisteredAt, last)
				return nil
			})
		},
	}
	o.AddFlags(cmd, false)
	return cmd
}

func newRegistryBatchCommand() *cobra.Command {
	o := &chainOptions{}
	cmd := &cobra.Command{
		Use:     "batch SEAL",
		Short:   "Show the registry's record of a batch seal",
		Example: "  credseal registry batch 07900ef8…90000",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := hex.DecodeString(strings.TrimPrefix(args[0], "0x"))
			if err != nil || len(b) != 32 {
				return badInput(fmt.Errorf("seal %q is not 64 hex digits", args[0]))
			}
			s := [32]byte(b)
			return readWith(cmd, o, func(c *chain.Client) error {
				rec, err := c.Batch(cmd.Context(), s)
				if err != nil {
					return err
				}
				out := cmd.OutOrStdout()
				if !rec.Anchored {
					fmt.Fprintf(out, "seal %x is not anchored on this registry\n", s)
					return &ExitError{Code: ExitFailure}
				}
				fmt.Fprintf(out, "batch %x\n  issuer   %s\n  block    %d\n  time     %d\n  revoked  %v\n",
					s, common.Address(rec.Issuer).Hex(), rec.Block, rec.Time, rec.RevokedReason != 0)
				return nil
			})
		},
	}
	o.AddFlags(cmd, false)
	return cmd
}

// readWith connects without a signer and runs one read.
func readWith(cmd *cobra.Command, o *chainOptions, read func(*chain.Client) error) error {
	c, closeChain, err := o.connect(cmd.Context(), false)
	if err != nil {
		return err
	}
	defer closeChain()
	return read(c)
}

// transactWith connects with a signer, sends one transaction and reports it.
func transactWith(cmd *cobra.Command, o *chainOptions, send func(*chain.Client) (*chain.Receipt, error), done string) error {
	c, closeChain, err := o.connect(cmd.Context(), true)
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

func parseAddress(s string) ([20]byte, error) {
	if !common.IsHexAddress(s) {
		return [20]byte{}, badInput(errors.New("not an address: " + s))
	}
	return common.HexToAddress(s), nil
}
