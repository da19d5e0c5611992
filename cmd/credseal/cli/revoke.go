package cli

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/bundle"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/verifier"
)

func newRevokeCommand() *cobra.Command {
	return newCommand(&revokeOptions{}, &cobra.Command{
		Use:   "revoke ARG --reason N",
		Short: "Revoke a credential (bundle file or digest) or a whole batch on the registry",
		Long: `revoke records on the registry that the issuer withdrew a credential or a
batch. ARG is a bundle file (its credential's digest, or with --batch its
batch's seal is revoked), a 64-hex-digit digest (or seal with --batch), or
the id of a credential in the issuer's database (--dir). Without --keystore
(and --rpc, --registry), the issuer of --dir revokes, with its own key and
registry, and the revocation is recorded in its database too.
Only the issuer that anchored a batch can revoke it, and verifiers honour a
credential's revocation only when that issuer made it. Revocation is final.`,
		Example: `  credseal revoke /tmp/c/0003-zoe-muller.credseal.json --reason 1
  credseal revoke 5f1c…e9 --reason 2
  credseal revoke urn:uuid:4b1e… --reason 4
  credseal revoke /tmp/c/0003-zoe-muller.credseal.json --batch --reason 1`,
		Args: cobra.ExactArgs(1),
	})
}

type revokeOptions struct {
	reason    uint8
	batch     bool
	chain     chainOptions
	issuerDir string
}

func (o *revokeOptions) flags(f *pflag.FlagSet) {
	f.Uint8Var(&o.reason, "reason", 0, "reason code 1..255 (1 issued in error, 2 superseded, 3 misconduct, 4 holder's request, 5 key compromised)")
	f.BoolVar(&o.batch, "batch", false, "revoke the whole batch (by the bundle's seal, or ARG as a seal)")
	f.StringVar(&o.issuerDir, "dir", defaultIssuerDir(), "issuer data directory, for revoking by credential id (env "+IssuerEnv+")")
	o.chain.flags(f, true)
	_ = cobra.MarkFlagRequired(f, "reason")
}

func (o *revokeOptions) run(cmd *cobra.Command, args []string) error {
	arg := args[0]
	if o.reason == 0 {
		return badInput(errors.New("--reason must be 1..255"))
	}
	ctx := cmd.Context()
	if _, statErr := os.Stat(arg); statErr != nil && !o.batch && !isHex32(arg) {
		return o.revokeIssued(cmd, arg)
	}
	id, hint, err := revocationTarget(arg, o.batch)
	if err != nil {
		return badInput(err)
	}
	if err := o.issuerDefaults(); err != nil {
		return err
	}
	c, closeChain, err := o.chain.connect(ctx, true)
	if err != nil {
		return err
	}
	defer closeChain()
	if hint != nil && (hint.ChainID != c.ChainID() || hint.Registry != c.Registry()) {
		// Verifiers look for the revocation where the bundle is anchored.
		return badInput(fmt.Errorf("the bundle is anchored on registry %s (chain %d), not on %s (chain %d): a revocation here would not count; give --rpc and --registry of its registry",
			hexAddr(hint.Registry), hint.ChainID, hexAddr(c.Registry()), c.ChainID()))
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "revoking as %s on registry %s (chain %d)\n", hexAddr(c.Account()), hexAddr(c.Registry()), c.ChainID())
	what := "credential"
	rev := c.Revoke
	if o.batch {
		what, rev = "batch", c.RevokeBatch
	}
	r, err := rev(ctx, id, o.reason)
	if err != nil {
		// Landed before (a timed-out earlier run) or just now, receipt
		// lost: the registry says; record it rather than fail.
		reason, rerr := revokedOnChain(ctx, c, id, o.batch)
		if rerr != nil || reason == 0 {
			return err
		}
		o.recordRevocation(cmd, c, issuer.RegistryRevocation{ID: id, Batch: o.batch, Reason: reason})
		if errors.Is(err, chain.ErrAlreadyRevoked) {
			return fmt.Errorf("%s %x was already revoked (%s): %w", what, id, verifier.ReasonText(reason), err)
		}
		fmt.Fprintf(cmd.OutOrStdout(), "revoked %s %x (%s); the receipt was lost but the registry holds it\n", what, id, verifier.ReasonText(reason))
		return nil
	}
	fmt.Fprintf(cmd.OutOrStdout(), "revoked %s %x (%s) in block %d, tx 0x%x\n", what, id, verifier.ReasonText(o.reason), r.Block, r.Tx)
	o.recordRevocation(cmd, c, issuer.RegistryRevocation{ID: id, Batch: o.batch, Reason: o.reason, Block: r.Block, Tx: r.Tx})
	return nil
}

// issuerDefaults makes the issuer of --dir revoke, with its own chain,
// registry and key, when no key, endpoint or registry is named: only its
// revocations count for its credentials.
func (o *revokeOptions) issuerDefaults() error {
	if o.chain.keystore != "" || o.chain.rpc != "" || o.chain.registry != "" {
		return nil
	}
	if _, err := os.Stat(filepath.Join(o.issuerDir, issuerConfigFile)); err != nil {
		return nil // no issuer there: the dev chain's defaults
	}
	cfg, err := readIssuerConfig(o.issuerDir)
	if err != nil {
		return err
	}
	o.chain.rpc, o.chain.keystore = cfg.RPC, cfg.Keystore
	o.chain.defaultRegistry(cfg.Registry, cfg.ChainID)
	if o.chain.passphraseFile == "" {
		o.chain.passphraseFile = cfg.PassphraseFile
	}
	if o.chain.maxFeeGwei == 0 {
		o.chain.maxFeeGwei = cfg.MaxFeeGwei
	}
	return nil
}

// revokedOnChain returns the reason the signer revoked a credential (or,
// with batch, a batch it anchored) with; 0 when it did not.
func revokedOnChain(ctx context.Context, c *chain.Client, id [32]byte, batch bool) (uint8, error) {
	if !batch {
		return c.OwnRevocation(ctx, id)
	}
	b, err := c.Batch(ctx, id)
	if err != nil || b.Issuer != c.Account() {
		return 0, err
	}
	return b.RevokedReason, nil
}

// recordRevocation records a revocation made on the registry in the
// issuer's database, when there is one in --dir for the key that revoked,
// so its portal shows the credential as revoked. When the running server
// holds the database it says how to catch up instead.
func (o *revokeOptions) recordRevocation(cmd *cobra.Command, c *chain.Client, ev issuer.RegistryRevocation) {
	by := c.Account()
	cfg, err := readIssuerConfig(o.issuerDir)
	if err != nil || !strings.EqualFold(cfg.Address, hexAddr(by)) || !strings.EqualFold(cfg.Registry, hexAddr(c.Registry())) ||
		cfg.ChainID != 0 && cfg.ChainID != c.ChainID() {
		return // no issuer here, or another key's or registry's: nothing of ours to record
	}
	stderr := cmd.ErrOrStderr()
	e, err := openIssuer(cmd.Context(), o.issuerDir, false)
	if err != nil {
		fmt.Fprintf(stderr, "credseal: the revocation is on the registry; issuer.db is not open to this command: %v\n"+
			"  (a running 'credseal issuer serve' records it within 5 minutes; otherwise 'credseal issuer recover' does)\n", err)
		return
	}
	defer e.close()
	n, err := e.svc.SyncRevocations(cmd.Context(), []issuer.RegistryRevocation{ev})
	if err != nil {
		fmt.Fprintf(stderr, "credseal: the revocation is on the registry, but issuer.db could not record it: %v\n", err)
		return
	}
	fmt.Fprintf(cmd.OutOrStdout(), "recorded in %s: %d credential(s) revoked\n", filepath.Join(o.issuerDir, issuerDBFile), n)
}

// revocationTarget reads the digest (or, for a batch, the seal) from a
// bundle file, with the bundle's anchor hint when it has one, or takes ARG
// as hex.
func revocationTarget(arg string, batch bool) ([32]byte, *bundle.Anchor, error) {
	var id [32]byte
	if h := strings.TrimPrefix(arg, "0x"); len(h) == 64 {
		if _, err := hex.Decode(id[:], []byte(h)); err == nil {
			return id, nil, nil
		}
	}
	data, err := os.ReadFile(arg)
	if err != nil {
		return id, nil, fmt.Errorf("%w (ARG is a bundle file or a 64-digit hex digest or seal)", err)
	}
	b, err := bundle.Parse(data)
	if err != nil {
		return id, nil, err
	}
	if batch {
		return b.Proof.Header.Hash(), b.Anchor, nil
	}
	fields, err := credential.Parse(b.Credential)
	if err != nil {
		return id, nil, err
	}
	id, err = credential.Digest(fields, b.Disclosure)
	return id, b.Anchor, err
}

func isHex32(s string) bool {
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	return err == nil && len(b) == 32
}

// revokeIssued revokes a credential of the issuer's database by its id.
func (o *revokeOptions) revokeIssued(cmd *cobra.Command, id string) error {
	return withIssuer(cmd.Context(), o.issuerDir, true, func(e *issuerEnv) error {
		r, err := e.svc.Revoke(cmd.Context(), id, o.reason)
		if errors.Is(err, issuer.ErrNotFound) {
			return badInput(fmt.Errorf("%s is not a file, a 64-digit hex digest or an issued credential's id", id))
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(cmd.OutOrStdout(), "revoked credential %s (%s), tx 0x%x\n", id, verifier.ReasonText(o.reason), r.RevokeTx)
		return nil
	})
}
