package verifier

import (
	"testing"
	"time"

	"github.com/credseal/credseal/internal/i18n"
)

// TestSentencesInEachLanguage: dates, lists and field labels inside a
// reason are written in the reader's language, and a name that is not a
// message (a JSON pointer a bundle chose, "%" and all) prints as it is.
func TestSentencesInEachLanguage(t *testing.T) {
	first, second := day(time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)), day(time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
	names := wordList{term("the end date"), term("/credentialSubject/100%s"), term("the start date")}
	for lang, want := range map[string][3]string{
		"en": {"1 January 2026", "2 December 2026", "the end date, /credentialSubject/100%s and the start date"},
		"fr": {"1er janvier 2026", "2 décembre 2026", "la date de fin, /credentialSubject/100%s et la date de début"},
		"de": {"1. Januar 2026", "2. Dezember 2026", "das Enddatum, /credentialSubject/100%s und das Anfangsdatum"},
		"es": {"1 de enero de 2026", "2 de diciembre de 2026", "la fecha de fin, /credentialSubject/100%s y la fecha de inicio"},
	} {
		p := i18n.NewPrinter(lang)
		for i, got := range []string{say("%s", first).localize(p), say("%s", second).localize(p), say("%s", names).localize(p)} {
			if got != want[i] {
				t.Errorf("%s: %q, want %q", lang, got, want[i])
			}
		}
	}
	if got := say("%s", names).String(); got != "the end date, /credentialSubject/100%s and the start date" {
		t.Errorf("English: %q", got)
	}
}
