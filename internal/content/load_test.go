package content

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jobboard/jobboard/internal/msg"
)

// TestAllErrorsInOneRun proves that one Load reports every problem of the
// site, in every file, sorted by file, line and field.
func TestAllErrorsInOneRun(t *testing.T) {
	files := map[string]string{
		siteFile: edit(validSite, "Europe/Paris", "Paris"),
		postingFR: fr(
			"contract: CDI", "contract: CDX",
			"  min: 24000", "  min: 30000",
			"posted: 2025-04-22", "posted: 2025-02-30",
			"expires:", "expire:"),
		postingEN:                          "---\nsumary: The job\n---\nThe job.\n",
		orgFR:                              edits(validOrgFR, "https://acme.example.org/", "acme.example.org", "img/acme.svg", "img/acme.png"),
		"content/postings/other.fr.md":     "---\ntitle: Autre\n",
		"content/postings/Other.fr.md":     validPostingFR,
		"content/postings/second.en.md":    validPostingEN,
		"content/organizations/x.de.md":    validOrgEN,
		"content/organizations/nope.fr.md": "name: x\n",
	}
	want := []string{
		"content/organizations/acme.fr.md:3: url: \"acme.example.org\" is not an absolute web address; write it in full, like https://example.org/",
		"content/organizations/nope.fr.md:1: no front matter: the file must start with a line \"---\", then its fields (title: …), then a line \"---\"",
		"content/organizations/x.de.md: language \"de\" is not one of the site's languages (fr, en) in content/site.yaml",
		"content/postings/Other.fr.md: \"Other\" cannot be used in a web address: use lower-case letters a-z, digits and single hyphens, like mediateur-interculturel-calais",
		"content/postings/job.en.md:1: title: missing; every language file needs the job title",
		"content/postings/job.en.md:2: sumary: unknown field; did you mean summary?",
		at(1, "warning: expires: no closing date: the posting stays open until you add one (expires: YYYY-MM-DD) or delete it"),
		at(lContract, `contract: "CDX" is not allowed; use one of: CDI, CDD, interim, alternance, stage, freelance, volontariat, benevolat`),
		at(lMin, "salary: min 30000 is above max 28000"),
		at(lPosted, "posted: 2025-02-30 is not a real calendar date"),
		at(lExpires, "expire: unknown field; did you mean expires?"),
		"content/postings/other.fr.md:1: the front matter that starts here is never closed: add a line \"---\" after the last field",
		"content/postings/second.en.md: warning: no French version (content/postings/second.fr.md): the posting is published in English only",
		"content/postings/second.en.md:1: apply: missing; say how to apply: apply: {to: [address], subject: …}",
		"content/postings/second.en.md:1: contract: missing; give the contract: CDI, CDD, interim, alternance, stage, freelance, volontariat, benevolat",
		"content/postings/second.en.md:1: hours: missing; give the hours: full-time or part-time",
		"content/postings/second.en.md:1: location: missing; give the place of work: location: {city: …, postal_code: …, country: FR}",
		"content/postings/second.en.md:1: organization: missing; give the employer's key (its file name in content/organizations/, like ecpat-france)",
		"content/postings/second.en.md:1: posted: missing; give the date the posting is published (YYYY-MM-DD)",
		"content/postings/second.en.md:1: start: missing; give the start date (YYYY-MM-DD) or asap",
		"content/postings/second.en.md:1: warning: expires: no closing date: the posting stays open until you add one (expires: YYYY-MM-DD) or delete it",
		"content/site.yaml:6: timezone: \"Paris\" is not a time zone; use a name like Europe/Paris",
	}
	// The logo is checked against the files: a missing one is one more error.
	want = slices.Insert(want, 1, "content/organizations/acme.fr.md:4: logo: assets/img/acme.png does not exist; put the image in assets/ and give its path from there")
	// The missing logo and the relative url belong to the same file; so do
	// all the others: sorting is by file, then line, then field.
	want = sortedCopy(want)
	runLoadCases(t, []loadCase{{name: "everything at once", files: files, want: want}})

	_, ds := Load(testSite(files), Options{})
	if ds.Errors() < 15 || ds.Warnings() != 3 {
		t.Errorf("%d errors, %d warnings", ds.Errors(), ds.Warnings())
	}
	if got := ds.Summary(msg.English); got != "20 errors and 3 warnings in 9 files" {
		t.Errorf("Summary() = %q", got)
	}
	err := ds.Err()
	if err == nil {
		t.Fatal("Err() = nil")
	}
	ce, ok := err.(*ContentError)
	if !ok || len(ce.Diagnostics) != len(ds) {
		t.Fatalf("Err() = %T", err)
	}
}

func sortedCopy(want []string) []string {
	// Rebuild the Diagnostics to sort them the way Load does.
	var ds Diagnostics
	for _, w := range want {
		ds = append(ds, parseDiagnostic(w))
	}
	ds.Sort()
	return strs(ds)
}

// parseDiagnostic reads back "file:line: [warning: ]field: message" for
// the tests above (the field is the text before the first ": " when it has
// no space).
func parseDiagnostic(s string) Diagnostic {
	var d Diagnostic
	file, rest, _ := strings.Cut(s, ": ")
	d.File = file
	for i := len(file) - 1; i >= 0; i-- {
		if file[i] == ':' {
			n := 0
			for _, c := range file[i+1:] {
				n = n*10 + int(c-'0')
			}
			d.File, d.Line = file[:i], n
			break
		}
		if file[i] < '0' || file[i] > '9' {
			break
		}
	}
	if r, ok := strings.CutPrefix(rest, "warning: "); ok {
		d.Severity, rest = Warning, r
	}
	if f, m, ok := strings.Cut(rest, ": "); ok && !strings.ContainsAny(f, " \"") {
		d.Field, rest = f, m
	}
	d.Msg = msg.Plain(rest)
	return d
}

func TestDiagnosticString(t *testing.T) {
	for _, d := range []Diagnostic{
		{File: "content/postings/x.fr.md", Line: 7, Field: "salary", Msg: msg.Plain("min 30000 is above max 28000")},
		{File: "content/postings/x.fr.md", Line: 1, Field: "expires", Msg: msg.Plain("no closing date"), Severity: Warning},
		{File: "content/postings/x.fr.md", Msg: msg.Plain("no English version"), Severity: Warning},
		{File: "content/postings/X.fr.md", Msg: msg.Plain(`"X" cannot be used`)},
	} {
		if got := parseDiagnostic(d.String()); got.File != d.File || got.Line != d.Line || got.Field != d.Field || got.Severity != d.Severity || got.Msg.String() != d.Msg.String() {
			t.Errorf("%q read back as %+v", d.String(), got)
		}
	}
	d := Diagnostic{File: "content/postings/x.fr.md", Line: 7, Field: "salary", Msg: msg.Plain("min 30000 is above max 28000")}
	if got, want := d.String(), "content/postings/x.fr.md:7: salary: min 30000 is above max 28000"; got != want {
		t.Errorf("String() = %q, want %q (the spec's example)", got, want)
	}
}

// TestLoaderReuse checks that a Loader parses again only the files whose
// bytes changed, and that its result is the one of a fresh load.
func TestLoaderReuse(t *testing.T) {
	fsys := testSite(map[string]string{"content/postings/second.fr.md": validPostingFR, "content/postings/second.en.md": validPostingEN})
	var ld Loader
	check := func(step string, wantParsed int) {
		t.Helper()
		site, ds := ld.Load(fsys, Options{})
		freshSite, freshDs := Load(fsys, Options{})
		if !reflect.DeepEqual(site, freshSite) || !reflect.DeepEqual(ds, freshDs) {
			t.Errorf("%s: reused Loader differs from a fresh load:\n%v\n%v", step, strs(ds), strs(freshDs))
		}
		if ld.parsed != wantParsed {
			t.Errorf("%s: parsed %d files, want %d", step, ld.parsed, wantParsed)
		}
	}
	check("first load", 6)
	check("nothing changed", 0)

	fsys[postingEN] = &fstest.MapFile{Data: []byte(edit(validPostingEN, "Intercultural", "Cross-cultural"))}
	check("one translation edited", 1)
	site, _ := ld.Load(fsys, Options{})
	if got := site.Postings[0].Translations["en"].Title; got != "Cross-cultural mediator" {
		t.Errorf("title after edit = %q", got)
	}

	fsys[postingFR] = &fstest.MapFile{Data: []byte(fr("contract: CDI", "contract: CDX"))}
	check("an error introduced", 1)
	fsys[postingFR] = &fstest.MapFile{Data: []byte(validPostingFR)}
	check("the error fixed", 1)

	fsys[orgEN] = &fstest.MapFile{Data: []byte(edit(validOrgEN, "charity", "NGO"))}
	check("an employer edited", 1)

	delete(fsys, "content/postings/second.en.md")
	check("a file deleted", 0)
	fsys["content/postings/second.en.md"] = &fstest.MapFile{Data: []byte(validPostingEN)}
	check("a file added back", 1)

	// Options are not part of the cache: drafts come and go without parsing.
	fsys[postingFR] = &fstest.MapFile{Data: []byte(fr("hours_per_week: 35", "draft: true"))}
	check("a draft", 1)
	site, _ = ld.Load(fsys, Options{Drafts: true})
	if len(site.Postings) != 2 || ld.parsed != 0 {
		t.Errorf("with drafts: %d postings, %d parsed", len(site.Postings), ld.parsed)
	}
	// The Site must not share state between loads: editing the result of
	// one load leaves the next one intact.
	site.Postings[0].Facts.Apply.To[0] = "changed@example.org"
	site.Postings[0].Translations["fr"].Body[0] = 'X'
	again, _ := ld.Load(fsys, Options{Drafts: true})
	if got := again.Postings[0].Facts.Apply.To[0]; got != "jobs@example.org" {
		t.Errorf("a change to a loaded Site leaked into the cache: %q", got)
	}
	if got := again.Postings[0].Translations["fr"].Body[0]; got != 'T' {
		t.Errorf("a change to a loaded body leaked into the cache: %q", got)
	}
}

// TestExampleSite loads the repository's own example site: the seed
// posting, published faithfully.
func TestExampleSite(t *testing.T) {
	site, ds := Load(os.DirFS("../.."), Options{})
	want := []string{"content/postings/mediateur-interculturel-calais.fr.md:1: warning: expires: no closing date: the posting stays open until you add one (expires: YYYY-MM-DD) or delete it"}
	if got := strs(ds); !slices.Equal(got, want) {
		t.Fatalf("diagnostics:\n got: %s\nwant: %s", fmtList(got), fmtList(want))
	}
	if site.BaseURL != "https://emplois.ecpat-france.org/" || !slices.Equal(site.Languages, []string{"fr", "en"}) || site.TimeZone.String() != "Europe/Paris" {
		t.Errorf("site: %s %v %s", site.BaseURL, site.Languages, site.TimeZone)
	}
	if len(site.Postings) != 1 {
		t.Fatalf("%d postings", len(site.Postings))
	}
	p := site.Postings[0]
	f := p.Facts
	if p.Slug != "mediateur-interculturel-calais" || !slices.Equal(p.Langs, []string{"fr", "en"}) {
		t.Errorf("posting %s in %v", p.Slug, p.Langs)
	}
	if !slices.Equal(f.Apply.To, []string{"mhugeux@ecpat-france.org", "responsable-calais@ecpat-france.org"}) {
		t.Errorf("apply.to = %q", f.Apply.To)
	}
	if f.Apply.Subject != "candidature médiateur.rice interculturel.le" {
		t.Errorf("apply.subject = %q", f.Apply.Subject)
	}
	if f.Contract != CDI || f.Hours != "full-time" || f.DurationMonths != 0 {
		t.Errorf("contract %s, hours %s, duration %d", f.Contract, f.Hours, f.DurationMonths)
	}
	if f.Salary == nil || *f.Salary != (Salary{Min: 24000, Max: 28000, Currency: "EUR", Period: "year", Basis: "gross"}) {
		t.Errorf("salary = %+v", f.Salary)
	}
	if f.Location.City != "Calais" || f.Location.PostalCode != "62100" || f.Location.Country != "FR" {
		t.Errorf("location = %+v", f.Location)
	}
	if f.Start != (Start{Date: Date{2025, 5, 21}}) {
		t.Errorf("start = %+v", f.Start)
	}
	if !slices.Equal(f.Residence, []string{"FR"}) || f.Remote != "no" {
		t.Errorf("residence %v, remote %q", f.Residence, f.Remote)
	}
	if !f.Expires.IsZero() || f.Posted.IsZero() || f.Posted.After(Date{2025, 5, 21}) {
		t.Errorf("posted %s, expires %s", f.Posted, f.Expires)
	}
	docs := slices.Clone(f.Apply.Documents)
	slices.Sort(docs)
	if !slices.Equal(docs, []string{"cover-letter", "cv"}) {
		t.Errorf("documents = %v", f.Apply.Documents)
	}
	if org := site.Organizations[f.Organization]; org == nil || org.Text["fr"] == nil || org.Text["en"] == nil || org.URL == "" {
		t.Errorf("organization %q = %+v", f.Organization, org)
	}
	for _, lang := range p.Langs {
		tr := p.Translations[lang]
		if tr.Title == "" || len(tr.Body) == 0 || tr.BodyLine < 2 {
			t.Errorf("%s translation: %+v", lang, tr)
		}
	}
}
