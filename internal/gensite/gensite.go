// Package gensite writes synthetic job-board sites in the repository's
// content format, for benchmarks: content/site.yaml, employers and postings
// in French and English (facts only in the French file, ~5 KB of Markdown
// each), and optionally a copy of a site's layouts/ and assets/. The same
// options always give byte-identical files.
package gensite

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Options say what to generate.
type Options struct {
	N     int       // postings, each in every language
	Seed  uint64    // same seed and options, same files
	Now   time.Time // the build day the site is made for: postings are published in the half-year before it, about a fifth of them closed by then
	Theme string    // folder whose layouts/ and assets/ are copied into the site; "" copies nothing

	PageSize int // page_size of site.yaml; 0 writes none (the default, 50)
}

// Stats tell what was written.
type Stats struct {
	Postings, Organizations, Files int
	Bytes                          int64
}

// DefaultNow is the day the benchmarks build for.
var DefaultNow = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

var codes = []string{"fr", "en"}

const siteYAML = `# Synthetic site written by internal/gensite, for benchmarks.
base_url: https://emplois.example.net/
languages: [fr, en]
title:
  fr: "Offres d'emploi — Réseau d'associations"
  en: "Jobs in a network of associations"
description:
  fr: "Les postes à pourvoir dans les associations du réseau."
  en: "Current vacancies in the network's associations."
timezone: Europe/Paris
`

// Write generates a site into dir (made if needed; existing content/
// postings and organizations are removed first, so a smaller -n leaves no
// stale files).
func Write(dir string, opt Options) (Stats, error) {
	if opt.Now.IsZero() {
		opt.Now = DefaultNow
	}
	for _, d := range []string{"content/postings", "content/organizations"} {
		if err := os.RemoveAll(filepath.Join(dir, d)); err != nil {
			return Stats{}, err
		}
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return Stats{}, err
		}
	}
	// Files are dated the day before the build day, as content written
	// earlier is (a Loader trusts the size and time of files older than a
	// few seconds), and so that the same options give the same tree.
	g := &generator{dir: dir,
		mtime: time.Date(opt.Now.Year(), opt.Now.Month(), opt.Now.Day()-1, 12, 0, 0, 0, time.UTC),
		now:   time.Date(opt.Now.Year(), opt.Now.Month(), opt.Now.Day(), 0, 0, 0, 0, time.UTC),
		r:     rand.New(rand.NewPCG(opt.Seed, 0x6a6f62626f617264)),
		nOrgs: min(50, opt.N/20+1)}
	site := siteYAML
	if opt.PageSize > 0 {
		site += fmt.Sprintf("page_size: %d\n", opt.PageSize)
	}
	g.write("content/site.yaml", site)
	g.organizations()
	for i := range opt.N {
		g.posting(i)
	}
	g.st.Postings = opt.N
	if g.err != nil {
		return g.st, g.err
	}
	if opt.Theme != "" {
		for _, d := range []string{"layouts", "assets"} {
			if err := os.RemoveAll(filepath.Join(dir, d)); err != nil {
				return g.st, err
			}
			if err := copyTree(filepath.Join(opt.Theme, d), filepath.Join(dir, d)); err != nil {
				return g.st, err
			}
		}
	}
	return g.st, nil
}

// A generator writes the content files of a site into dir, dated mtime,
// for the build day now, drawing from r: the same seed, the same draws in
// the same order, the same files. It stops writing at the first error,
// err; st counts what it wrote.
type generator struct {
	dir        string
	mtime, now time.Time
	r          *rand.Rand
	nOrgs      int // employers, association-00 to association-<nOrgs-1>
	st         Stats
	err        error
}

// write writes text to the file rel (a slash path from dir).
func (g *generator) write(rel, text string) {
	if g.err != nil {
		return
	}
	p := filepath.Join(g.dir, filepath.FromSlash(rel))
	if g.err = os.WriteFile(p, []byte(text), 0o644); g.err == nil {
		g.err = os.Chtimes(p, g.mtime, g.mtime)
	}
	g.st.Files++
	g.st.Bytes += int64(len(text))
}

// orgKey is the key of employer i.
func orgKey(i int) string { return fmt.Sprintf("association-%02d", i) }

// organizations writes the files of the employers, in every language.
func (g *generator) organizations() {
	for i := range g.nOrgs {
		for li, c := range codes {
			fm := fmt.Sprintf("---\nname: \"Association %02d\"\n", i)
			if li == 0 {
				fm += fmt.Sprintf("url: https://association-%02d.example.org/\n", i)
			}
			fm += "---\n\n" + paragraph(g.r, langs[c], 4) + "\n"
			g.write("content/organizations/"+orgKey(i)+"."+c+".md", fm)
		}
	}
	g.st.Organizations = g.nOrgs
}

// fold makes a town's name part of a slug.
var fold = strings.NewReplacer("é", "e", "ç", "c", "è", "e", "ô", "o", "î", "i", "'", "-", " ", "-")

// posting writes the files of posting i, in every language: the facts in
// the first, a body of about target bytes in each.
func (g *generator) posting(i int) {
	dp := g.drawPosting(i)
	orgURL := fmt.Sprintf("https://association-%02d.example.org/", dp.org)
	facts := dp.facts()
	for li, c := range codes {
		l := langs[c]
		title, summary := dp.job.fr, "Poste à pourvoir à "+dp.place.city+" : rejoignez une équipe engagée auprès des personnes exilées."
		if c == "en" {
			title, summary = dp.job.en, "A vacancy in "+dp.place.city+": join a team committed to people in exile."
		}
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: \"%s %d\"\n", title, i)
		if dp.withSummary {
			fmt.Fprintf(&b, "summary: \"%s\"\n", summary)
		}
		if li == 0 {
			b.WriteString(facts)
		}
		b.WriteString("---\n\n")
		b.WriteString(body(g.r, l, dp.target, dp.job.subject, orgURL))
		g.write("content/postings/"+dp.slug+"."+c+".md", b.String())
	}
}

// A drawnPosting is what the files of posting i say, drawn at random.
type drawnPosting struct {
	i                      int
	slug                   string
	job                    job
	place                  place
	org                    int
	contract, hours        string
	salaryMin, salaryMax   int
	posted, start, expires time.Time
	target                 int  // bytes of each body, about
	withSummary            bool // the files have a summary
	durationMonths         int  // 0: none (a contract of no set length)
	hoursPerWeek           int  // 0: none (full-time)
	remote                 int  // 0: hybrid, 1: "no", 2: not written
}

// drawPosting draws posting i, in the order the draws have always been
// made: a different order would give other files for the same seed.
func (g *generator) drawPosting(i int) drawnPosting {
	r := g.r
	dp := drawnPosting{i: i, job: jobs[r.IntN(len(jobs))], place: places[r.IntN(len(places))], org: r.IntN(g.nOrgs)}
	dp.slug = fmt.Sprintf("%s-%s-%d", dp.job.slug, fold.Replace(strings.ToLower(dp.place.city)), i)
	dp.contract = contracts[r.IntN(len(contracts))]
	dp.hours = "full-time"
	if r.IntN(4) == 0 {
		dp.hours = "part-time"
	}
	dp.salaryMin = 20000 + 500*r.IntN(40)
	dp.salaryMax = dp.salaryMin + 1000*(2+r.IntN(7))
	// Published in the 180 days before now, open 60 to 240 days: about
	// one posting in five is closed on the build day.
	dp.posted = g.now.AddDate(0, 0, -r.IntN(181))
	dp.start = dp.posted.AddDate(0, 0, 14+r.IntN(60))
	dp.expires = dp.posted.AddDate(0, 0, 60+r.IntN(181))
	dp.target = 4096 + r.IntN(2048)
	dp.withSummary = r.IntN(2) == 0
	switch dp.contract {
	case "CDD", "stage", "alternance", "volontariat":
		dp.durationMonths = 3 + r.IntN(22)
	}
	if dp.hours == "part-time" {
		dp.hoursPerWeek = 17 + r.IntN(12)
	}
	dp.remote = r.IntN(3)
	return dp
}

// facts are the front-matter lines of the facts of dp.
func (dp drawnPosting) facts() string {
	date := func(t time.Time) string { return t.Format(time.DateOnly) }
	var facts strings.Builder
	fmt.Fprintf(&facts, "organization: %s\ncontract: %s\n", orgKey(dp.org), dp.contract)
	if dp.durationMonths > 0 {
		fmt.Fprintf(&facts, "duration_months: %d\n", dp.durationMonths)
	}
	fmt.Fprintf(&facts, "hours: %s\n", dp.hours)
	if dp.hoursPerWeek > 0 {
		fmt.Fprintf(&facts, "hours_per_week: %d\n", dp.hoursPerWeek)
	}
	fmt.Fprintf(&facts, "salary: {min: %d, max: %d, currency: EUR, period: year, basis: gross}\n", dp.salaryMin, dp.salaryMax)
	fmt.Fprintf(&facts, "location: {city: %s, postal_code: \"%s\", region: \"%s\", country: FR}\n", dp.place.city, dp.place.postal, dp.place.region)
	switch dp.remote {
	case 0:
		facts.WriteString("remote: hybrid\n")
	case 1:
		facts.WriteString("remote: \"no\"\n")
	}
	fmt.Fprintf(&facts, "eligibility: {residence: [FR]}\nstart: %s\nposted: %s\nexpires: %s\n", date(dp.start), date(dp.posted), date(dp.expires))
	a1 := fmt.Sprintf("recrutement@association-%02d.example.org", dp.org)
	a2 := fmt.Sprintf("direction+%d@association-%02d.example.org", dp.i%7, dp.org)
	fmt.Fprintf(&facts, "apply:\n  to: [%s, %s]\n  subject: \"%s\"\n  documents: [cv, cover-letter]\n", a1, a2, dp.job.subject)
	facts.WriteString("languages: {required: [fr], plus: [ar, ps, fa]}\n")
	return facts.String()
}

// copyTree copies the regular files of src into dst, skipping hidden ones
// and editors' backups.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == src {
				return nil
			}
			return err
		}
		if p != src && (strings.HasPrefix(e.Name(), ".") || strings.HasSuffix(e.Name(), "~")) {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if e.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !e.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
