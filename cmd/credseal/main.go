// Command credseal issues academic micro-credentials as salted, batched,
// sealed proofs and verifies them. Run `credseal --help` for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/credseal/credseal/cmd/credseal/cli"
	"github.com/credseal/credseal/pkg/credential"
)

func main() {
	// SIGTERM and SIGINT cancel the command's context: long-running commands
	// (issuer serve, devchain) shut down gracefully. The first signal also
	// restores the default handling, so a second one stops the process at
	// once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	err := cli.NewRootCommand().ExecuteContext(ctx)
	stop()
	if err == nil {
		return
	}
	// Errors may quote a hostile input (a bundle's member names): escaped.
	var exit *cli.ExitError
	if errors.As(err, &exit) {
		if exit.Err != nil {
			fmt.Fprintln(os.Stderr, "credseal:", credential.Printable(exit.Err.Error()))
		}
		os.Exit(exit.Code)
	}
	fmt.Fprintln(os.Stderr, "credseal:", credential.Printable(err.Error()))
	os.Exit(cli.ExitFailure)
}
