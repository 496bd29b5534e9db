package render

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/jsonld"
	"github.com/jobboard/jobboard/internal/site"
)

// jsonLD is the JobPosting of an open posting page, for its
// <script type="application/ld+json">. jsonld.Marshal escapes <, > and &,
// so the bytes can go into the script element as they are.
func (r *Renderer) jsonLD(s *site.Site, pg *site.Page, pv *PostingView) (template.JS, error) {
	in := jsonld.Input{
		Site:        s.Content,
		Posting:     pg.Posting.Posting,
		Lang:        pg.Lang,
		PageURL:     s.URL(pg.Path),
		Title:       pv.Title,
		Description: string(r.description(pg.Lang, pv)),
		OrgName:     pv.Org,
		LogoURL:     pv.OG.Image,
		WorkHours:   pv.Facts.WorkHours,
	}
	b, err := jsonld.Marshal(jsonld.Build(in))
	if err != nil {
		return "", err
	}
	js := template.JS(b)
	r.ldHashes.Store(pg.Path, dataHash(js))
	return js, nil
}

// DataHash is a hash of the JobPosting of a posting page as the page
// publishes it, "" for a closed posting (its page has none), for the
// record jobboard notify reads: a page whose hash changed is sent to the
// search engines again. The hash of a page this Renderer rendered is the
// one it remembered then (RenderedDataHash); another's is worked out,
// rendering the posting's body again.
func (r *Renderer) DataHash(s *site.Site, pg *site.Page) (string, error) {
	if pg.Posting.Expired {
		return "", nil
	}
	if h, ok := r.RenderedDataHash(pg); ok {
		return h, nil
	}
	pv, err := r.postingView(s, pg, false)
	if err != nil {
		return "", err
	}
	return dataHash(pv.JSONLD), nil
}

// RenderedDataHash is the DataHash of a page this Renderer rendered (or
// worked out), if it did.
func (r *Renderer) RenderedDataHash(pg *site.Page) (string, bool) {
	h, ok := r.ldHashes.Load(pg.Path)
	if !ok {
		return "", false
	}
	return h.(string), true
}

// dataHash is the FileHash of the JSON-LD bytes, which a build computes
// for every open posting page: a hash of 64 bits is plenty to tell a
// change, and costs next to nothing beside the rendering.
func dataHash(js template.JS) string {
	return fmt.Sprintf("%016x", content.FileHash([]byte(js)))
}

// description is the posting as job search engines show it, which is all
// they show: the facts, the body, then how to apply, in the page's language.
func (r *Renderer) description(lang string, pv *PostingView) template.HTML {
	var b strings.Builder
	b.Grow(len(pv.Body) + 2048) // the body and a few lines of facts and how to apply
	esc := template.HTMLEscapeString
	b.WriteString("<ul>")
	for _, f := range r.factLines(lang, pv.Facts) {
		b.WriteString("<li>" + esc(f) + "</li>")
	}
	b.WriteString("</ul>")
	b.WriteString(string(pv.Body))
	if a := pv.Apply; a != nil {
		b.WriteString("<h2>" + esc(r.must(lang, "apply.heading")) + "</h2><p>" + esc(a.Rule) + "</p><ul>")
		for _, to := range a.To {
			b.WriteString("<li>" + esc(to) + "</li>")
		}
		b.WriteString("</ul>")
		for _, p := range []string{labelled(a.SubjectLabel, a.Subject), a.Attach, a.Strict} {
			if p != "" {
				b.WriteString("<p>" + esc(p) + "</p>")
			}
		}
	}
	return template.HTML(b.String())
}

func labelled(label, value string) string {
	if value == "" {
		return ""
	}
	return label + " " + value
}

// factLines are the facts as "label: value" lines in lang, in the order of
// the page's facts panel, leaving out those the posting does not give.
func (r *Renderer) factLines(lang string, f FactsText) []string {
	pairs := []struct{ key, value string }{
		{"fact.contract", f.Contract},
		{"fact.hours", f.Hours},
		{"fact.salary", f.Salary},
		{"fact.place", f.Place},
		{"fact.remote", f.Remote},
		{"fact.start", f.Start},
		{"fact.deadline", f.Closes},
		{"fact.required", f.Required},
		{"fact.plus", f.Plus},
	}
	var lines []string
	for _, p := range pairs {
		if p.value != "" {
			lines = append(lines, r.must(lang, "fact.line", r.must(lang, p.key), p.value))
		}
	}
	if f.Closes == "" {
		lines = append(lines, f.Expires)
	}
	if f.Residence != "" {
		lines = append(lines, f.Residence)
	}
	return lines
}
