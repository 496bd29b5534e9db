package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jobboard/jobboard/internal/msg"
)

// The fixture: a valid two-language site (fr default, en) with one employer
// and one posting. Every line number in the tests below refers to these
// texts; the comments give the numbers so they can be checked by eye.

const (
	siteFile  = "content/site.yaml"
	orgFR     = "content/organizations/acme.fr.md"
	orgEN     = "content/organizations/acme.en.md"
	postingFR = "content/postings/job.fr.md"
	postingEN = "content/postings/job.en.md"
	logoFile  = "assets/img/acme.svg"
)

const validSite = `base_url: https://jobs.example.org/
languages: [fr, en]
title:
  fr: Offres d'emploi
  en: Jobs
timezone: Europe/Paris
`

// lines:     1    2                  3                                4                  5    6
const validOrgFR = "---\nname: Acme France\nurl: https://acme.example.org/\nlogo: img/acme.svg\n---\nAcme est une association.\n"

// lines:     1    2                  3    4
const validOrgEN = "---\nname: Acme France\n---\nAcme is a charity.\n"

const validPostingFR = `---
title: Médiateur interculturel
summary: Aller vers les enfants en transit.
organization: acme
contract: CDI
hours: full-time
hours_per_week: 35
salary:
  min: 24000
  max: 28000
  currency: EUR
  period: year
  basis: gross
location:
  city: Calais
  postal_code: "62100"
  region: Hauts-de-France
  country: FR
remote: "no"
eligibility:
  residence: [FR]
start: 2025-05-21
posted: 2025-04-22
expires: 2025-06-30
apply:
  to:
    - jobs@example.org
    - boss@example.org
  subject: candidature médiateur
  documents: [cv, cover-letter]
languages:
  required: [fr, ar]
  plus: [ps]
---
Texte de l'offre.
`

// Line numbers of validPostingFR, checked by TestFixtureLines.
const (
	lTitle       = 2
	lSummary     = 3
	lOrg         = 4
	lContract    = 5
	lHours       = 6
	lHoursPW     = 7
	lSalary      = 8
	lMin         = 9
	lMax         = 10
	lCurrency    = 11
	lPeriod      = 12
	lBasis       = 13
	lLocation    = 14
	lCity        = 15
	lPostal      = 16
	lRegion      = 17
	lCountry     = 18
	lRemote      = 19
	lEligibility = 20
	lResidence   = 21
	lStart       = 22
	lPosted      = 23
	lExpires     = 24
	lApply       = 25
	lTo          = 26
	lTo1         = 27
	lTo2         = 28
	lSubject     = 29
	lDocuments   = 30
	lLanguages   = 31
	lRequired    = 32
	lPlus        = 33
	lClose       = 34
	lBody        = 35
)

// lines:     1    2                              3    4
const validPostingEN = "---\ntitle: Intercultural mediator\n---\nThe job.\n"

// deleted, as the new text of a file, removes it from the fixture.
const deleted = "\x00deleted"

// testSite returns the fixture with some files replaced (or deleted).
func testSite(override map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		siteFile:  {Data: []byte(validSite)},
		orgFR:     {Data: []byte(validOrgFR)},
		orgEN:     {Data: []byte(validOrgEN)},
		postingFR: {Data: []byte(validPostingFR)},
		postingEN: {Data: []byte(validPostingEN)},
		logoFile:  {Data: []byte("<svg/>")},
	}
	for name, text := range override {
		if text == deleted {
			delete(fsys, name)
		} else {
			fsys[name] = &fstest.MapFile{Data: []byte(text)}
		}
	}
	return fsys
}

// edit replaces the only occurrence of old in text by new, or panics, so a
// test cannot silently edit nothing.
func edit(text, old, new string) string {
	if n := strings.Count(text, old); n != 1 {
		panic(fmt.Sprintf("edit: %q occurs %d times", old, n))
	}
	return strings.Replace(text, old, new, 1)
}

// fr edits the French posting; each pair is old, new.
func fr(pairs ...string) string { return edits(validPostingFR, pairs...) }

func edits(text string, pairs ...string) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		text = edit(text, pairs[i], pairs[i+1])
	}
	return text
}

// at formats a diagnostic of the French posting.
func at(line int, rest string) string { return fmt.Sprintf("%s:%d: %s", postingFR, line, rest) }

// strs renders diagnostics as their String forms.
func strs(ds Diagnostics) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}

// strsIn renders diagnostics as they print in language l.
func strsIn(ds Diagnostics, l msg.Lang) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.In(l)
	}
	return out
}

type loadCase struct {
	name  string
	files map[string]string
	opt   Options
	want  []string // every diagnostic, in order, as printed
	fr    []string // the same in French, when the case checks it
}

func runLoadCases(t *testing.T, cases []loadCase) {
	t.Helper()
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.name] {
			t.Fatalf("two cases named %q", c.name)
		}
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			site, ds := Load(testSite(c.files), c.opt)
			got := strs(ds)
			if !slices.Equal(got, c.want) {
				t.Errorf("diagnostics:\n got: %s\nwant: %s", fmtList(got), fmtList(c.want))
			}
			if got := strsIn(ds, msg.French); c.fr != nil && !slices.Equal(got, c.fr) {
				t.Errorf("diagnostics in French:\n got: %s\nwant: %s", fmtList(got), fmtList(c.fr))
			}
			if !slices.IsSortedFunc(ds, compareDiagnostics) {
				t.Errorf("diagnostics not sorted")
			}
			if (site == nil) != (ds.Errors() > 0) {
				t.Errorf("site nil = %v with %d errors", site == nil, ds.Errors())
			}
		})
	}
}

func fmtList(l []string) string {
	if len(l) == 0 {
		return "(none)"
	}
	return "\n\t" + strings.Join(l, "\n\t")
}
