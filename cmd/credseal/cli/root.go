// Package cli holds credseal's cobra commands, one file each. Commands parse
// flags, wire packages together and print; the domain logic lives in
// issuer/, verifier/ and pkg/.
//
// # Basics
//
// The registrar runs `credseal batch` on a CSV to get one proof bundle and
// one QR code per learner; anyone runs `credseal verify` on a bundle, a QR
// image or a CS1 string.
//
// # Caveats
//
// Until a registry is configured, verify reports the chain checks as not
// checked and the credential as not verified (exit code 4): a bundle that
// passes the offline checks can be made by anyone.
package cli

import (
	"github.com/spf13/cobra"
)

// Exit codes main returns.
const (
	ExitOK         = 0
	ExitFailure    = 1 // an operation failed, or a credential did not verify
	ExitBadInput   = 2 // the command line or an input file is wrong
	ExitIncomplete = 3 // nothing failed, but some checks could not be made
	ExitOffline    = 4 // nothing failed, but no registry was checked: not verified
	ExitPending    = 5 // nothing failed, but the record is not yet confirmed deep enough
)

// ExitError carries the exit code for main; Err, when set, is printed.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return "exit status"
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// badInput marks err as the user's input being wrong (exit code 2).
func badInput(err error) error { return &ExitError{Code: ExitBadInput, Err: err} }

// NewRootCommand builds the credseal command tree.
func NewRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "credseal",
		Short: "Issue and verify tamper-evident academic micro-credentials",
		Long: `credseal issues micro-credentials whose proofs are salted per field (so a
learner can hide fields), batched in an RFC 6962 Merkle tree and sealed with
proof of work, and verifies them from a bundle file, a QR code or a CS1 string.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newBatchCommand(), newVerifyCommand(), newDiscloseCommand(), newRevokeCommand(), newDevchainCommand(), newRegistryCommand(),
		newIssuerCommand(), newIssueCommand(), newExportCommand(), newVerifierCommand(), newBenchCommand())
	return root
}
