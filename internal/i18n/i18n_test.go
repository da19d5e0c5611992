package i18n_test

import (
	"encoding/json"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/credseal/credseal/internal/i18n"
	"github.com/credseal/credseal/pkg/credential"
	"github.com/credseal/credseal/verifier"
)

var update = flag.Bool("update", false, "add the missing messages to every catalogue, untranslated (\"\"), and drop unused ones")

// sourceMessages collects every message the code prints through a
// catalogue: say("…") in the verifier, T("…") in Go and templates, t("…")
// and data-i18n in the verifier page, and the verifier's MessageKeys.
func sourceMessages(t *testing.T) []string {
	t.Helper()
	set := map[string]bool{}
	for _, k := range verifier.MessageKeys() {
		set[k] = true
	}
	for _, h := range credential.Hideable {
		set[h.Label], set[h.Hidden] = true, true
	}
	goCalls := map[string]bool{"say": true, "T": true, "Tf": true}
	files, _ := filepath.Glob("../../verifier/*.go")
	more, _ := filepath.Glob("../../issuer/*.go")
	files = append(files, more...)
	more, _ = filepath.Glob("../../issuer/httpapi/*.go")
	files = append(files, more...)
	more, _ = filepath.Glob("../../verifier/httpapi/*.go")
	files = append(files, more...)
	more, _ = filepath.Glob("../../cmd/credseal/cli/*.go")
	files = append(files, more...)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			name := ""
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			}
			if !goCalls[name] {
				return true
			}
			for _, arg := range call.Args {
				if lit, ok := arg.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					set[s] = true
					break
				}
			}
			return true
		})
	}
	// Templates and the page's script: {{T "…"}} and {{Tf "…"}}, t("…") and
	// tf("…"), the text of elements marked data-i18n and the verifier
	// page's aria-labels.
	patterns := map[string][]*regexp.Regexp{
		"go": {regexp.MustCompile(`\{\{\s*Tf?\s+"((?:[^"\\]|\\.)*)"`)},
		"js": {regexp.MustCompile(`\btf?\("((?:[^"\\]|\\.)*)"`)},
		"html": {
			regexp.MustCompile(`\{\{\s*Tf?\s+"((?:[^"\\]|\\.)*)"`),
			regexp.MustCompile(`<\w+(?:\s[^>]*)?\sdata-i18n(?:\s[^>]*)?>([^<]*)<`),
			regexp.MustCompile(`\saria-label="([^"{]*)"`),
		},
	}
	var web []string
	for _, g := range []string{"../../verifier/web/*.html", "../../verifier/web/*.js", "../../issuer/httpapi/web/*.html", "../../issuer/*.go"} {
		m, _ := filepath.Glob(g)
		web = append(web, m...)
	}
	space := regexp.MustCompile(`\s+`)
	for _, f := range web {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range patterns[strings.TrimPrefix(filepath.Ext(f), ".")] {
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				s, err := strconv.Unquote(`"` + m[1] + `"`)
				if err != nil || strings.HasSuffix(f, ".html") {
					s = html.UnescapeString(space.ReplaceAllString(strings.TrimSpace(m[1]), " "))
				}
				set[s] = true
			}
		}
	}
	delete(set, "")
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestCataloguesComplete: every catalogue translates every message the
// code prints, and nothing else; translations keep the printf verbs of
// their message. With -update, missing messages are added untranslated.
func TestCataloguesComplete(t *testing.T) {
	if err := i18n.Err(); err != nil {
		t.Fatal(err)
	}
	keys := sourceMessages(t)
	if len(keys) < 100 {
		t.Fatalf("found only %d messages: is the scan broken?", len(keys))
	}
	verbs := regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)
	files, _ := filepath.Glob("locales/*.json")
	if len(files) < 3 {
		t.Fatalf("catalogues: %v", files)
	}
	for _, f := range files {
		c, err := i18n.ReadCatalogue(f)
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			next := map[string]string{}
			for _, k := range keys {
				next[k] = c.Messages[k]
			}
			c.Messages = next
			b, _ := json.MarshalIndent(c, "", "  ")
			b = []byte(strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(b)))
			if err := os.WriteFile(f, append(b, '\n'), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		for _, k := range keys {
			tr, ok := c.Messages[k]
			switch {
			case !ok || tr == "":
				t.Errorf("%s lacks %q", f, k)
			case countVerbs(verbs, k) != countVerbs(verbs, tr):
				t.Errorf("%s: %q keeps other printf verbs than %q", f, tr, k)
			}
		}
		for k := range c.Messages {
			if !slices.Contains(keys, k) {
				t.Errorf("%s translates %q, which nothing prints (go test -update drops it)", f, k)
			}
		}
	}
}

func countVerbs(re *regexp.Regexp, s string) int {
	n := 0
	for _, v := range re.FindAllString(s, -1) {
		if v != "%%" {
			n++
		}
	}
	return n
}

// TestMatch: Accept-Language and a chosen language pick a catalogue;
// anything else is English.
func TestMatch(t *testing.T) {
	for _, tc := range []struct{ chosen, accept, want string }{
		{"", "fr-CH, fr;q=0.9, en;q=0.8", "fr"},
		{"", "de-AT", "de"},
		{"", "es-419,es;q=0.9", "es"},
		{"", "ja, zh;q=0.5", "en"},
		{"", "", "en"},
		{"de", "fr", "de"},
		{"xx-not-a-tag", "es", "es"},
		{"", "*", "en"},
	} {
		if got := i18n.Match(tc.chosen, tc.accept); got != tc.want {
			t.Errorf("Match(%q, %q) = %q, want %q", tc.chosen, tc.accept, got, tc.want)
		}
	}
	if p := i18n.NewPrinter("fr"); p.Sprintf("December") != "décembre" {
		t.Errorf("French December: %q", p.Sprintf("December"))
	}
}
