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
base_url: https://emplois.example.org/
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
	var st Stats
	if opt.Now.IsZero() {
		opt.Now = DefaultNow
	}
	for _, d := range []string{"content/postings", "content/organizations"} {
		if err := os.RemoveAll(filepath.Join(dir, d)); err != nil {
			return st, err
		}
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return st, err
		}
	}
	// Files are dated the day before the build day, as content written
	// earlier is (a Loader trusts the size and time of files older than a
	// few seconds), and so that the same options give the same tree.
	mtime := time.Date(opt.Now.Year(), opt.Now.Month(), opt.Now.Day()-1, 12, 0, 0, 0, time.UTC)
	var werr error
	write := func(rel, text string) {
		if werr != nil {
			return
		}
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if werr = os.WriteFile(p, []byte(text), 0o644); werr == nil {
			werr = os.Chtimes(p, mtime, mtime)
		}
		st.Files++
		st.Bytes += int64(len(text))
	}
	site := siteYAML
	if opt.PageSize > 0 {
		site += fmt.Sprintf("page_size: %d\n", opt.PageSize)
	}
	write("content/site.yaml", site)

	r := rand.New(rand.NewPCG(opt.Seed, 0x6a6f62626f617264))
	nOrgs := min(50, opt.N/20+1)
	orgKey := func(i int) string { return fmt.Sprintf("association-%02d", i) }
	for i := range nOrgs {
		for li, c := range codes {
			fm := fmt.Sprintf("---\nname: \"Association %02d\"\n", i)
			if li == 0 {
				fm += fmt.Sprintf("url: https://association-%02d.example.org/\n", i)
			}
			fm += "---\n\n" + paragraph(r, langs[c], 4) + "\n"
			write("content/organizations/"+orgKey(i)+"."+c+".md", fm)
		}
	}
	st.Organizations = nOrgs

	now := time.Date(opt.Now.Year(), opt.Now.Month(), opt.Now.Day(), 0, 0, 0, 0, time.UTC)
	date := func(t time.Time) string { return t.Format(time.DateOnly) }
	fold := strings.NewReplacer("é", "e", "ç", "c", "è", "e", "ô", "o", "î", "i", "'", "-", " ", "-")
	for i := range opt.N {
		j := jobs[r.IntN(len(jobs))]
		pl := places[r.IntN(len(places))]
		org := r.IntN(nOrgs)
		slug := fmt.Sprintf("%s-%s-%d", j.slug, fold.Replace(strings.ToLower(pl.city)), i)
		contract := contracts[r.IntN(len(contracts))]
		hours := "full-time"
		if r.IntN(4) == 0 {
			hours = "part-time"
		}
		smin := 20000 + 500*r.IntN(40)
		smax := smin + 1000*(2+r.IntN(7))
		// Published in the 180 days before now, open 60 to 240 days: about
		// one posting in five is closed on the build day.
		posted := now.AddDate(0, 0, -r.IntN(181))
		start := posted.AddDate(0, 0, 14+r.IntN(60))
		expires := posted.AddDate(0, 0, 60+r.IntN(181))
		a1 := fmt.Sprintf("recrutement@association-%02d.example.org", org)
		a2 := fmt.Sprintf("direction+%d@association-%02d.example.org", i%7, org)
		target := 4096 + r.IntN(2048)
		withSummary := r.IntN(2) == 0
		var facts strings.Builder
		fmt.Fprintf(&facts, "organization: %s\ncontract: %s\n", orgKey(org), contract)
		switch contract {
		case "CDD", "stage", "alternance", "volontariat":
			fmt.Fprintf(&facts, "duration_months: %d\n", 3+r.IntN(22))
		}
		fmt.Fprintf(&facts, "hours: %s\n", hours)
		if hours == "part-time" {
			fmt.Fprintf(&facts, "hours_per_week: %d\n", 17+r.IntN(12))
		}
		fmt.Fprintf(&facts, "salary: {min: %d, max: %d, currency: EUR, period: year, basis: gross}\n", smin, smax)
		fmt.Fprintf(&facts, "location: {city: %s, postal_code: \"%s\", region: \"%s\", country: FR}\n", pl.city, pl.postal, pl.region)
		switch r.IntN(3) {
		case 0:
			facts.WriteString("remote: hybrid\n")
		case 1:
			facts.WriteString("remote: \"no\"\n")
		}
		fmt.Fprintf(&facts, "eligibility: {residence: [FR]}\nstart: %s\nposted: %s\nexpires: %s\n", date(start), date(posted), date(expires))
		fmt.Fprintf(&facts, "apply:\n  to: [%s, %s]\n  subject: \"%s\"\n  documents: [cv, cover-letter]\n", a1, a2, j.subject)
		facts.WriteString("languages: {required: [fr], plus: [ar, ps, fa]}\n")
		orgURL := fmt.Sprintf("https://association-%02d.example.org/", org)
		for li, c := range codes {
			l := langs[c]
			title, summary := j.fr, "Poste à pourvoir à "+pl.city+" : rejoignez une équipe engagée auprès des personnes exilées."
			if c == "en" {
				title, summary = j.en, "A vacancy in "+pl.city+": join a team committed to people in exile."
			}
			var b strings.Builder
			fmt.Fprintf(&b, "---\ntitle: \"%s %d\"\n", title, i)
			if withSummary {
				fmt.Fprintf(&b, "summary: \"%s\"\n", summary)
			}
			if li == 0 {
				b.WriteString(facts.String())
			}
			b.WriteString("---\n\n")
			b.WriteString(body(r, l, target, j.subject, orgURL))
			write("content/postings/"+slug+"."+c+".md", b.String())
		}
	}
	st.Postings = opt.N
	if werr != nil {
		return st, werr
	}
	if opt.Theme != "" {
		for _, d := range []string{"layouts", "assets"} {
			if err := os.RemoveAll(filepath.Join(dir, d)); err != nil {
				return st, err
			}
			if err := copyTree(filepath.Join(opt.Theme, d), filepath.Join(dir, d)); err != nil {
				return st, err
			}
		}
	}
	return st, nil
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
