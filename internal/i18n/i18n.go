// Package i18n holds credseal's translations: one catalogue file per
// language in locales/ (fr.json, de.json, es.json; English is the source
// language and needs none), each mapping an English message, printf verbs
// and all, to its translation. Adding a language is adding its file.
//
// The verifier's reasons, the verifier page, the learner portal and the
// certificate print through a Printer from here; golang.org/x/text picks
// the language (Accept-Language, or the one a user chose) and formats
// numbers as that language does.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

//go:embed locales/*.json
var locales embed.FS

// Catalogue is one language's file.
type Catalogue struct {
	Language string            `json:"language"` // a BCP 47 tag: "fr"
	Name     string            `json:"name"`     // the language's own name: "Français"
	Messages map[string]string `json:"messages"` // English → translation
}

// Language is one the catalogues offer, for a language switch.
type Language struct {
	Tag  string `json:"tag"`  // "en", "fr"
	Name string `json:"name"` // in the language itself
}

var (
	load     sync.Once
	builder  *catalog.Builder
	tags     []language.Tag
	langs    []Language
	matcher  language.Matcher
	loadErr  error
	messages map[string]map[string]string // tag → English → translation
)

func loadAll() {
	builder = catalog.NewBuilder(catalog.Fallback(language.English))
	tags = []language.Tag{language.English}
	langs = []Language{{Tag: "en", Name: "English"}}
	messages = map[string]map[string]string{}
	files, _ := fs.Glob(locales, "locales/*.json")
	slices.Sort(files)
	for _, f := range files {
		c, err := ReadCatalogue(f)
		if err != nil {
			loadErr = err
			return
		}
		tag := language.MustParse(c.Language)
		for en, tr := range c.Messages {
			if tr == "" {
				continue // not translated yet: English
			}
			if err := builder.SetString(tag, en, tr); err != nil {
				loadErr = fmt.Errorf("%s: %q: %w", f, en, err)
				return
			}
		}
		tags = append(tags, tag)
		langs = append(langs, Language{Tag: c.Language, Name: c.Name})
		messages[c.Language] = c.Messages
	}
	matcher = language.NewMatcher(tags)
}

// ReadCatalogue reads one embedded catalogue file (locales/xx.json).
func ReadCatalogue(name string) (*Catalogue, error) {
	b, err := locales.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var c Catalogue
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if _, err := language.Parse(c.Language); err != nil || c.Language != strings.TrimSuffix(path.Base(name), ".json") {
		return nil, fmt.Errorf("%s: language %q must be the file's name", name, c.Language)
	}
	return &c, nil
}

// ID is a number that names something, a block or a chain: printed in
// every language without grouping, as people type it into an explorer.
type ID uint64

// Format prints the number's digits whatever the verb.
func (n ID) Format(f fmt.State, _ rune) { fmt.Fprint(f, strconv.FormatUint(uint64(n), 10)) }

// Languages lists the languages there are catalogues for, English first.
func Languages() []Language {
	load.Do(loadAll)
	return slices.Clone(langs)
}

// Match picks the language to use: the first of preferred (a tag a user
// chose, then an Accept-Language header's value; either may be empty)
// that a catalogue offers, else English. It returns the tag ("fr").
func Match(preferred ...string) string {
	load.Do(loadAll)
	if loadErr != nil {
		return "en"
	}
	for _, p := range preferred {
		if p == "" {
			continue
		}
		wanted, _, err := language.ParseAcceptLanguage(p)
		if err != nil || len(wanted) == 0 {
			continue
		}
		_, i, conf := matcher.Match(wanted...)
		// High or better: fr-CH is French; Low would give Spanish to
		// someone asking for Portuguese.
		if conf >= language.High {
			base, _ := tags[i].Base()
			return base.String()
		}
	}
	return "en"
}

// Supported reports whether tag (any case, any region: "FR", "fr-CA")
// names a language there is a catalogue for, and returns that catalogue's
// tag ("fr").
func Supported(tag string) (string, bool) {
	t, err := language.Parse(tag)
	if err != nil {
		return "", false
	}
	base, _ := t.Base()
	if m := Match(tag); m == base.String() {
		return m, true
	}
	return "", false
}

// Printer prints messages in one language: Sprintf looks the format up in
// the catalogue (a message it lacks prints as written) and formats numbers
// as the language does.
type Printer struct {
	Lang string
	p    *message.Printer
}

// NewPrinter prints in the language of tag, matched as Match does: a tag
// there is no catalogue for prints English, and says so in Lang.
func NewPrinter(tag string) Printer {
	tag = Match(tag)
	return Printer{Lang: tag, p: message.NewPrinter(language.MustParse(tag), message.Catalog(builder))}
}

// Sprintf prints the message format in the printer's language.
func (p Printer) Sprintf(format string, args ...any) string { return p.p.Sprintf(format, args...) }

// Tf is Sprintf, named for the catalogue test, which finds every message
// by its call: Tf("…", args) and T("…").
func (p Printer) Tf(format string, args ...any) string { return p.p.Sprintf(format, args...) }

// T is one message without arguments.
func (p Printer) T(english string) string { return Translate(p.Lang, english) }

// Translate is one message in the language tag, without formatting: for
// templates and scripts that hold the English text as their key.
func Translate(tag, english string) string {
	load.Do(loadAll)
	if tr, ok := messages[tag][english]; ok && tr != "" {
		return tr
	}
	return english
}

// Messages is every translation of the language tag (nil for English),
// for a page's script.
func Messages(tag string) map[string]string {
	load.Do(loadAll)
	return messages[tag]
}

// Err reports a catalogue that could not be loaded (tests).
func Err() error {
	load.Do(loadAll)
	return loadErr
}
