package cli

import (
	"github.com/spf13/cobra"
)

// newBenchCommand groups the measurements.
func newBenchCommand() *cobra.Command {
	return newGroupCommand(&cobra.Command{
		Use:   "bench",
		Short: "Measure credseal on this machine",
		Long: `bench runs measurements whose figures go into docs/PERFORMANCE.md. They are
bounded in time, and load tests only target this machine (loopback).`,
		Example: `  credseal bench seal
  credseal bench http --url http://127.0.0.1:8090/api/v1/verify --input grad.credseal.json --duration 30s`,
	}, newBenchHTTPCommand(), newBenchSealCommand(), newBenchCohortCommand())
}
