package cli

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// TestVersion: `credseal version` and `credseal --version` print the same
// build record, with the Go version.
func TestVersion(t *testing.T) {
	cmd, err := run(t, "version")
	if err != nil {
		t.Fatal(err)
	}
	flag, err := run(t, "--version")
	if err != nil {
		t.Fatal(err)
	}
	if cmd != flag {
		t.Fatalf("version printed\n%s--version printed\n%s", cmd, flag)
	}
	for _, want := range []string{"credseal ", "\n  revision  ", "\n  committed ", "\n  go        " + runtime.Version() + "\n"} {
		if !strings.Contains(cmd, want) {
			t.Errorf("version output lacks %q:\n%s", want, cmd)
		}
	}
}

func TestVersionText(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.1", Main: debug.Module{Path: "github.com/credseal/credseal", Version: "v1.4.0"},
		Settings: []debug.BuildSetting{{Key: "-trimpath", Value: "true"}, {Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "423e801c0ffee"}, {Key: "vcs.time", Value: "2026-05-04T09:10:11Z"}, {Key: "vcs.modified", Value: "true"}}}
	want := "credseal v1.4.0\n  revision  423e801c0ffee (modified)\n  committed 2026-05-04T09:10:11Z\n  go        go1.26.1\n"
	if got := versionText(info); got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
	info.Settings[4].Value = "false"
	if got := versionText(info); !strings.Contains(got, "revision  423e801c0ffee\n") {
		t.Errorf("an unmodified tree:\n%s", got)
	}
	if got := versionText(nil); got != "credseal unknown\n  revision  unknown\n  committed unknown\n  go        "+runtime.Version()+"\n" {
		t.Errorf("no build record:\n%s", got)
	}
}
