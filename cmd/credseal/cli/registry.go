package cli

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
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
owner, the accreditation authority, accredit, suspend and reinstate issuers,
move an issuer to a new key, and set the minimum seal difficulty. issuer and batch read the registry.

Every subcommand takes --rpc and --registry (default: the local dev chain's);
transactions are signed with --keystore and its passphrase.`,
		Example: `  credseal registry deploy --rpc http://127.0.0.1:8545 --keystore owner.json --passphrase-file pass.txt
  credseal registry register-issuer 0x8f40…b64b --name "Université de Lumière" --domain example.edu \
      --rpc http://127.0.0.1:8545 --registry 0x5FbD…0aa3 --keystore owner.json
  credseal registry issuer 0x8f40…b64b`,
	}
	cmd.AddCommand(newRegistryDeployCommand(), newRegistryRegisterCommand(), newRegistrySuspendCommand(true),
		newRegistrySuspendCommand(false), newRegistryRotateCommand(), newRegistryDifficultyCommand(), newRegistryIssuerCommand(),
		newRegistryBatchCommand())
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
	var from string
	use, short, verb := "suspend-issuer ADDRESS", "Suspend an issuer: it can no longer anchor, and its batches from --from-block on no longer verify (owner only)", "suspended"
	example := `  credseal registry suspend-issuer 0x8f40…b64b                      # every batch of the issuer stops verifying
  credseal registry suspend-issuer 0x8f40…b64b --from-block 18234567  # the key leaked at that block: earlier batches stay valid
  credseal registry suspend-issuer 0x8f40…b64b --from-block now`
	if !suspend {
		use, short, verb = "reinstate-issuer ADDRESS", "Lift an issuer's suspension: it anchors again and all its batches verify again (owner only)", "reinstated"
		example = "  credseal registry reinstate-issuer 0x8f40…b64b"
	}
	cmd := &cobra.Command{
		Use:     use,
		Short:   short,
		Example: example,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			addr, err := parseAddress(args[0])
			if err != nil {
				return err
			}
			return transactWith(cmd, o, func(c *chain.Client) (*chain.Receipt, error) {
				if !suspend {
					return c.ReinstateIssuer(cmd.Context(), addr)
				}
				block, err := fromBlock(cmd, c, from)
				if err != nil {
					return nil, err
				}
				return c.SuspendIssuer(cmd.Context(), addr, block)
			}, verb+" issuer "+args[0])
		},
	}
	o.AddFlags(cmd, true)
	if suspend {
		cmd.Flags().StringVar(&from, "from-block", "0", `first block whose batches stop counting: a number, "now" (the chain's head), or 0 for every batch`)
	}
	return cmd
}

// fromBlock reads --from-block: a block number or "now".
func fromBlock(cmd *cobra.Command, c *chain.Client, from string) (uint64, error) {
	if from == "now" {
		return c.Head(cmd.Context())
	}
	n, err := strconv.ParseUint(from, 10, 64)
	if err != nil {
		return 0, badInput(fmt.Errorf("--from-block %q is not a block number or \"now\"", from))
	}
	return n, nil
}

func newRegistryRotateCommand() *cobra.Command {
	o := &chainOptions{}
	cmd := &cobra.Command{
		Use:   "rotate-key OLD NEW",
		Short: "Move an issuer to a new key: NEW takes over its record and chain of seals, OLD can no longer anchor or revoke (owner only)",
		Long: `rotate-key moves an issuer from the key OLD to the key NEW, which must not be
registered. NEW takes over the issuer's name, domain, minimum difficulty and
chain of seals and may anchor at once; OLD can no longer anchor or revoke.
Batches anchored by OLD keep verifying, up to its cutoff if it was suspended
with --from-block first (after a key compromise: suspend from the block of
the leak, then rotate). Revocations by OLD and NEW both count.`,
		Example: `  credseal registry suspend-issuer 0x8f40…b64b --from-block 18234567
  credseal registry rotate-key 0x8f40…b64b 0x1c2d…77e0`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			oldKey, err := parseAddress(args[0])
			if err != nil {
				return err
			}
			newKey, err := parseAddress(args[1])
			if err != nil {
				return err
			}
			return transactWith(cmd, o, func(c *chain.Client) (*chain.Receipt, error) {
				return c.RotateIssuerKey(cmd.Context(), oldKey, newKey)
			}, "moved issuer "+args[0]+" to key "+args[1])
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
			n, err := strconv.ParseUint(args[0], 10, 8)
			if err != nil {
				return badInput(fmt.Errorf("difficulty %q is not a number from 8 to 127", args[0]))
			}
			d := uint8(n)
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
				fmt.Fprintf(out, "issuer %s\n  name            %s\n  domain          %s\n  active          %v\n  min difficulty  %d\n  registered at   block %d\n",
					common.Address(addr).Hex(), safeText(rec.Name), safeText(rec.Domain), rec.Active, rec.MinDifficulty, rec.RegisteredAt)
				if rec.Cutoff != chain.NoCutoff {
					fmt.Fprintf(out, "  suspended       batches from block %d on do not count\n", rec.Cutoff)
				}
				if rec.Rotated() {
					fmt.Fprintf(out, "  rotated to      %s (this key can no longer anchor or revoke)\n", common.Address(rec.Successor).Hex())
				} else {
					fmt.Fprintf(out, "  last seal       %x\n", last)
				}
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
