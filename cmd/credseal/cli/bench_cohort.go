package cli

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// maxCohort bounds bench cohort: ten million rows are about 4 GB of CSV.
const maxCohort = 10_000_000

func newBenchCohortCommand() *cobra.Command {
	return newCommand(&benchCohortOptions{}, &cobra.Command{
		Use:   "cohort --count N --out FILE",
		Short: "Write a synthetic registrar file of N distinct learners, for the intake benchmark",
		Long: `cohort writes a registrar file of --count learners in the columns of
docs/FORMAT.md, with names, achievements and dates drawn (reproducibly, from
--seed) from a small table like testdata/cohort.csv's. Every row has its own
identifier, so no two are duplicates. The file is CSV, or JSON lines when
FILE ends in .jsonl, .ndjson or .json; "-" writes CSV to standard output.

It is the input of 'make bench-million', which issues a million credentials
end to end on the dev chain and reports wall time and peak memory.`,
		Example: `  credseal bench cohort --count 1000000 --out /tmp/1M.csv
  credseal bench cohort --count 20000 --out /tmp/cohort.jsonl`,
		Args: cobra.NoArgs,
	})
}

type benchCohortOptions struct {
	count int
	out   string
	seed  uint64
}

func (o *benchCohortOptions) flags(f *pflag.FlagSet) {
	f.IntVar(&o.count, "count", 1000, "learners to write")
	f.StringVar(&o.out, "out", "", `file to write (CSV, or JSON lines for .jsonl/.ndjson/.json; "-": CSV on stdout)`)
	f.Uint64Var(&o.seed, "seed", 1, "seed of the pseudo-random choices; one seed, one file")
}

func (o *benchCohortOptions) run(cmd *cobra.Command, _ []string) (err error) {
	if o.count < 1 || o.count > maxCohort {
		return badInput(fmt.Errorf("--count must be 1..%d", maxCohort))
	}
	if o.out == "" {
		return badInput(errors.New("--out is required"))
	}
	var w io.Writer = cmd.OutOrStdout()
	jsonl := false
	if o.out != "-" {
		f, oerr := os.OpenFile(o.out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if oerr != nil {
			return fmt.Errorf("bench cohort: %w", oerr)
		}
		defer func() {
			if cerr := f.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("bench cohort: %w", cerr)
			}
		}()
		w = f
		switch strings.ToLower(filepath.Ext(o.out)) {
		case ".jsonl", ".ndjson", ".json":
			jsonl = true
		}
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := writeCohort(bw, o.count, o.seed, jsonl); err != nil {
		return fmt.Errorf("bench cohort: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("bench cohort: %w", err)
	}
	return nil
}

var cohortColumns = []string{"name", "identifier", "achievement", "achievementId", "description", "criteria",
	"credits", "level", "skills", "validFrom", "validUntil", "issuerName", "issuerUrl", "issuerId"}

var (
	cohortGiven = []string{"Zoë", "Åsa", "José", "Siobhán", "Łukasz", "Mai", "Chloé", "Björn", "Amélie", "Søren",
		"Ömer", "Renée", "François", "Małgorzata", "Jürgen", "Ana Luísa", "Tereza", "Mihaela", "Kenji", "Wei",
		"Priya", "Aarav", "Fatima Zahra", "Oluwaseun", "Thandiwe", "Mateo", "Inés", "Gaëlle", "Niamh", "Ada"}
	cohortFamily = []string{"Müller-Øberg", "Lindqvist", "Álvarez Ruiz", "Ní Bhriain", "Wróblewski", "Nguyễn",
		"Lefèvre", "Þórsson", "Dubois", "Kierkegård", "Yılmaz", "O'Connor", "Château", "Kowalczyk", "Groß",
		"Conceição", "Dvořák", "Ștefănescu", "Tanaka (田中)", "Li (李)", "Raghunathan", "Mehta", "El Amrani",
		"Adébáyọ̀", "Nkosi", "Fernández", "Peña", "Le Bihan", "Ó Súilleabháin", "Lovelace"}
	cohortAchievements = []struct{ name, id, description, criteria, credits, level, skills string }{
		{"Data Engineering Foundations", "de-101", "Design and operate reliable batch and streaming data pipelines.", "Four graded projects and a proctored exam with at least 70%.", "4.25", "EQF 6", "Apache Kafka; SQL; Data modelling"},
		{"Applied Machine Learning", "ml-210", "Train, evaluate and deploy supervised learning models responsibly.", "Capstone model card and oral defence.", "10", "EQF 7", "Python; scikit-learn; Model evaluation; Responsible AI"},
		{"Cloud Security Essentials", "sec-150", "Secure identity, networks and workloads in public clouds.", "Lab exercises and a timed practical assessment.", "5", "EQF 5", "Network security"},
		{"Academic Writing in English", "aw-100", "Structure, argue and cite in scholarly English.", "Portfolio of three essays assessed against the CEFR C1 rubric.", "3", "CEFR C1", "Editing; Citation; Argumentation"},
		{"Project Management Practice", "pm-120", "Plan, run and close projects with agile and classic methods.", "A project plan, a status report and a retrospective, each graded.", "6", "EQF 6", "Scrum; Risk management"},
		{"Sustainable Energy Systems", "en-300", "Model and assess renewable energy systems and storage.", "A techno-economic study of a local energy system.", "7.5", "EQF 7", "Energy modelling; Life-cycle assessment"},
	}
)

// writeCohort writes n learners as CSV (with its header row) or JSON lines.
func writeCohort(w io.Writer, n int, seed uint64, jsonl bool) error {
	rng := rand.New(rand.NewPCG(seed, 0x63726564))
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	cw := csv.NewWriter(w)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if !jsonl {
		if err := cw.Write(cohortColumns); err != nil {
			return err
		}
	}
	row := make([]string, len(cohortColumns))
	for i := range n {
		a := cohortAchievements[rng.IntN(len(cohortAchievements))]
		from := start.AddDate(0, 0, rng.IntN(365))
		until := ""
		if rng.IntN(3) == 0 {
			until = from.AddDate(4, 0, 0).Format(time.DateOnly)
		}
		copy(row, []string{
			cohortGiven[rng.IntN(len(cohortGiven))] + " " + cohortFamily[rng.IntN(len(cohortFamily))],
			"s" + strconv.Itoa(10_000_000+i) + "@student.example.edu",
			a.name, "https://registrar.example.edu/achievements/" + a.id, a.description, a.criteria, a.credits, a.level, a.skills,
			from.Format(time.DateOnly), until,
			"Université de Lumière", "https://registrar.example.edu", "did:web:registrar.example.edu",
		})
		if !jsonl {
			if err := cw.Write(row); err != nil {
				return err
			}
			continue
		}
		obj := make(map[string]string, len(row))
		for j, c := range cohortColumns {
			if row[j] != "" {
				obj[c] = row[j]
			}
		}
		if err := enc.Encode(obj); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
