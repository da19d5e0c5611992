package i18n

import (
	"html/template"
	"sync"
)

// Templates holds an html/template in each language, its T and Tf bound to
// that language's Printer. Each copy is made and escaped once, not per page.
type Templates struct {
	base   *template.Template
	once   sync.Once
	byLang map[string]*template.Template
	err    error
}

// NewTemplates wraps base, which must declare T and Tf (placeholders) among
// its funcs.
func NewTemplates(base *template.Template) *Templates { return &Templates{base: base} }

// In returns the templates in the language tag (matched as NewPrinter
// does) and the Printer bound to them.
func (s *Templates) In(tag string) (*template.Template, Printer, error) {
	s.once.Do(func() {
		s.byLang = map[string]*template.Template{}
		for _, l := range Languages() {
			t, err := s.base.Clone()
			if err != nil {
				s.err = err
				return
			}
			p := NewPrinter(l.Tag)
			s.byLang[l.Tag] = t.Funcs(template.FuncMap{"T": p.T, "Tf": p.Tf})
		}
	})
	p := NewPrinter(tag)
	if s.err != nil {
		return nil, p, s.err
	}
	return s.byLang[p.Lang], p, nil
}
