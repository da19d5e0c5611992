package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/credseal/credseal/internal/i18n"
)

// addLangFlag binds --lang, the language of what the command writes for
// people (what names it: "the result", "the certificates").
func addLangFlag(f *pflag.FlagSet, lang *string, what string) {
	f.StringVar(lang, "lang", "en", fmt.Sprintf("language of %s: %s", what, languageList()))
}

// checkLang returns the catalogue's tag for lang, or a usage error naming
// the languages there are. Case and region do not matter: FR and fr-CA
// are French.
func checkLang(lang string) (string, error) {
	if tag, ok := i18n.Supported(lang); ok {
		return tag, nil
	}
	return "", badInput(fmt.Errorf("--lang %q: credseal speaks %s", lang, languageList()))
}

func languageList() string {
	var tags []string
	for _, l := range i18n.Languages() {
		tags = append(tags, l.Tag)
	}
	return strings.Join(tags, ", ")
}

// T marks an English message for the catalogues (internal/i18n); it is
// translated where it is printed.
func T(english string) string { return english }
