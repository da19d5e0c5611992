// Package cli holds credseal's cobra commands, one file each, named after
// the command: issuer_serve.go is `credseal issuer serve`, and a group's
// file (issuer.go, registry.go) holds what its subcommands share. Each
// command has an options struct whose flags method declares its flags and
// whose run method is its RunE; newXxxCommand hands the options and the help
// to newCommand. Commands parse flags, wire packages together and print;
// the domain logic lives in issuer/, verifier/ and pkg/ (keys and their
// accreditation in pkg/chain/keys and pkg/chain/devchain).
//
// Helpers several commands share have files of their own: the chain flags
// (chainflags.go), the issuer's data directory (issuerconfig.go), the
// registrar API client (issuerapi.go), the servers' flags (serveflags.go),
// the verifier's flags (verifierflags.go), the progress bar (progress.go),
// safe printing (safetext.go) and the adapters between the chain and the
// services (wire.go).
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
	"github.com/spf13/pflag"
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
		Version:       versionText(buildInfo()),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("{{.Version}}")
	root.AddCommand(newBatchCommand(), newVerifyCommand(), newDiscloseCommand(), newRevokeCommand(), newDevchainCommand(), newRegistryCommand(),
		newIssuerCommand(), newIssueCommand(), newExportCommand(), newVerifierCommand(), newBenchCommand(), newVersionCommand())
	return root
}

// options is what every command's options struct implements: flags
// declares the command's flags, and run is its RunE.
type options interface {
	flags(f *pflag.FlagSet)
	run(cmd *cobra.Command, args []string) error
}

// newCommand completes cmd, which holds the command's help, with o's flags
// and run.
func newCommand(o options, cmd *cobra.Command) *cobra.Command {
	o.flags(cmd.Flags())
	cmd.RunE = o.run
	return cmd
}

// newGroupCommand makes a command that only groups subcommands: run
// without one, it prints its help.
func newGroupCommand(cmd *cobra.Command, subcommands ...*cobra.Command) *cobra.Command {
	cmd.AddCommand(subcommands...)
	return cmd
}
