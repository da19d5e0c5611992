package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func newVersionCommand() *cobra.Command {
	return newCommand(&versionOptions{info: buildInfo}, &cobra.Command{
		Use:   "version",
		Short: "Print credseal's version, the revision it was built from and the Go version",
		Long: `version prints what the build recorded in the binary: the module version
(a release tag, or "(devel)" for a build from a checkout), the VCS revision
and commit time of the checkout, whether it had uncommitted changes, and the
Go toolchain. 'credseal --version' prints the same.`,
		Example: "  credseal version\n  credseal --version",
		Args:    cobra.NoArgs,
	})
}

type versionOptions struct {
	info func() *debug.BuildInfo // the build's record; nil when the binary has none
}

// flags: version has none.
func (o *versionOptions) flags(*pflag.FlagSet) {}

func (o *versionOptions) run(cmd *cobra.Command, _ []string) error {
	_, err := fmt.Fprint(cmd.OutOrStdout(), versionText(o.info()))
	return err
}

// buildInfo is the binary's build record, or nil.
func buildInfo() *debug.BuildInfo {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return nil
	}
	return info
}

// versionText is what version and --version print: the module version, the
// VCS revision, whether the tree was modified, the commit time and the Go
// version. What the build did not record is "unknown".
func versionText(info *debug.BuildInfo) string {
	version, goVersion := "unknown", runtime.Version()
	vcs := map[string]string{}
	if info != nil {
		if info.Main.Version != "" {
			version = info.Main.Version
		}
		if info.GoVersion != "" {
			goVersion = info.GoVersion
		}
		for _, s := range info.Settings {
			if name, ok := strings.CutPrefix(s.Key, "vcs."); ok {
				vcs[name] = s.Value
			}
		}
	}
	revision := vcs["revision"]
	switch {
	case revision == "":
		revision = "unknown"
	case vcs["modified"] == "true":
		revision += " (modified)"
	}
	committed := vcs["time"]
	if committed == "" {
		committed = "unknown"
	}
	return fmt.Sprintf("credseal %s\n  revision  %s\n  committed %s\n  go        %s\n", version, revision, committed, goVersion)
}
