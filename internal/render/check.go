package render

import (
	"bufio"
	"bytes"
	"io/fs"
	"slices"
	"strings"

	"github.com/jobboard/jobboard/internal/apply"
	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/msg"
	"github.com/jobboard/jobboard/internal/site"
)

// Check finds, before any page is written, what would make a page fail a
// candidate: for every open posting and language, the apply link must
// build, give back the addresses and the subject exactly when read back,
// and stay under apply.MaxLength (a warning: some mail apps cut longer
// links). Problems point at the apply: line of the posting's facts file.
//
// It also reads the Markdown of every posting, closed ones too (their page
// stays), and of their employers, in every language: an image that is not
// a file of assets/ or has no alt text, raw HTML, and a link that would
// lead nowhere (javascript:) are reported at their line (see
// checkMarkdown).
func (r *Renderer) Check(s *site.Site) content.Diagnostics {
	var ds content.Diagnostics
	orgs := map[string]bool{}
	for _, p := range s.Postings {
		for _, l := range p.Langs {
			if tr := p.Translations[l]; tr != nil {
				if src, ok := r.source(tr); ok {
					ds = append(ds, r.checkMarkdown(tr.File, tr.BodyLine, src)...)
				}
			}
		}
		orgs[p.Facts.Organization] = true
	}
	for _, key := range sorted(orgs) {
		org := s.Content.Organizations[key]
		if org == nil {
			continue
		}
		for _, l := range s.Content.Languages {
			if ot := org.Text[l]; ot != nil {
				ds = append(ds, r.checkMarkdown(ot.File, ot.BodyLine, ot.Body)...)
			}
		}
	}
	for _, p := range s.Postings {
		if p.Expired {
			continue
		}
		line := -1 // read from the file at the first problem only
		report := func(sev content.Severity, format string, args ...any) {
			if line < 0 {
				line = r.keyLine(p.FactsFile, "apply")
			}
			ds = append(ds, content.Diagnostic{File: p.FactsFile, Line: line, Field: "apply", Severity: sev, Msg: msg.New(format, args...)})
		}
		for _, lang := range p.Langs {
			av, err := r.applyView(s.Content.DefaultLanguage(), p, lang)
			if err != nil {
				report(content.Error, "the %s page cannot offer an apply link: %v", lang, err)
				continue
			}
			back, err := apply.Parse(av.Href)
			if err != nil || !slices.Equal(back.To, p.Facts.Apply.To) || back.Subject != p.Facts.Apply.Subject {
				report(content.Error, "the apply link of the %s page does not give back the addresses and subject (%s); please report this bug", lang, av.Href)
			}
			if apply.TooLong(av.Href) {
				report(content.Warning, "the apply link of the %s page is %d characters long; some mail apps cut links longer than %d, so shorten the subject or the list of addresses", lang, len(av.Href), apply.MaxLength)
			}
		}
	}
	return ds
}

// keyLine is the line of file where the top-level front-matter key starts,
// or 0 when it cannot be found.
func (r *Renderer) keyLine(file, key string) int {
	data, err := fs.ReadFile(r.root, file)
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		if strings.HasPrefix(sc.Text(), key+":") || strings.HasPrefix(sc.Text(), key+" =") {
			return n
		}
	}
	return 0
}
