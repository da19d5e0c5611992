package credseal_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyDirection keeps the layering described under "Layering" in
// README.md true: formats at the bottom, domain packages in the middle,
// adapters and the CLI on top.
func TestDependencyDirection(t *testing.T) {
	const mod = "github.com/credseal/credseal/"
	rules := []struct {
		pkg       string
		forbidden []string // import path prefixes
		stdlib    bool     // only the standard library outside the module
	}{
		{pkg: "pkg/merkle", stdlib: true, forbidden: []string{mod + "pkg", mod + "issuer", mod + "verifier", mod + "cmd"}},
		// pkg/merkle and pkg/seal hash on internal/sha256simd, stdlib-only too.
		{pkg: "pkg/seal", stdlib: true, forbidden: []string{mod + "pkg", mod + "issuer", mod + "verifier", mod + "cmd"}},
		{pkg: "internal/sha256simd", stdlib: true, forbidden: []string{mod}},
		{pkg: "pkg/credential", forbidden: []string{mod + "pkg/bundle", mod + "issuer", mod + "verifier", mod + "cmd"}},
		{pkg: "pkg/bundle", forbidden: []string{mod + "issuer", mod + "verifier", mod + "cmd"}},
		{pkg: "pkg/vc", forbidden: []string{mod + "pkg/bundle", mod + "pkg/chain", mod + "issuer", mod + "verifier", mod + "cmd", "github.com/ethereum/go-ethereum"}},
		{pkg: "pkg/did", forbidden: []string{mod + "pkg/bundle", mod + "pkg/chain", mod + "issuer", mod + "verifier", mod + "cmd", "github.com/ethereum/go-ethereum"}},
		{pkg: "pkg/ob3", forbidden: []string{mod + "pkg/chain", mod + "issuer", mod + "verifier", mod + "cmd", "github.com/ethereum/go-ethereum"}},
		{pkg: "pkg/oa", forbidden: []string{mod + "issuer", mod + "verifier", mod + "cmd", "github.com/ethereum/go-ethereum"}},
		{pkg: "issuer", forbidden: []string{mod + "verifier", mod + "cmd", "github.com/labstack/echo", "go.etcd.io/bbolt", "github.com/ethereum/go-ethereum"}},
		{pkg: "verifier", forbidden: []string{mod + "issuer", mod + "cmd", "github.com/labstack/echo", "go.etcd.io/bbolt", "github.com/ethereum/go-ethereum"}},
		// Adapters: one technology each, never the other side's service.
		{pkg: "pkg/chain", forbidden: []string{mod + "issuer", mod + "verifier", mod + "cmd", "github.com/labstack/echo", "go.etcd.io/bbolt"}},
		{pkg: "issuer/boltstore", forbidden: []string{mod + "verifier", mod + "cmd", mod + "pkg/chain", "github.com/labstack/echo", "github.com/ethereum/go-ethereum"}},
		{pkg: "verifier/httpapi", forbidden: []string{mod + "issuer", mod + "cmd", mod + "pkg/chain", "go.etcd.io/bbolt", "github.com/ethereum/go-ethereum"}},
		{pkg: "issuer/httpapi", forbidden: []string{mod + "verifier", mod + "cmd", mod + "pkg/chain", "go.etcd.io/bbolt", "github.com/ethereum/go-ethereum"}},
		// Shared by both servers: neither side's service, no storage or chain.
		{pkg: "internal/httpx", forbidden: []string{mod, "go.etcd.io/bbolt", "github.com/ethereum/go-ethereum"}},
		{pkg: "pkg/bundle/hostile", forbidden: []string{mod + "issuer", mod + "verifier", mod + "cmd", mod + "pkg/chain"}},
	}
	for _, r := range rules {
		out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./"+r.pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", r.pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == mod+r.pkg {
				continue
			}
			if r.stdlib && !strings.HasPrefix(dep, mod) {
				t.Errorf("%s must use only the standard library, but imports %s", r.pkg, dep)
			}
			for _, f := range r.forbidden {
				if strings.HasPrefix(dep, f) {
					t.Errorf("%s must not depend on %s", r.pkg, dep)
				}
			}
		}
	}
}
