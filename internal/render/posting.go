package render

import (
	"html/template"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/jobboard/jobboard/internal/apply"
	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/site"
)

// PostingView is what a posting layout receives as .Posting.
type PostingView struct {
	Title   string
	Org     string // the employer's name in the page's language
	City    string
	OrgURL  string
	OrgHTML template.HTML
	Closed  bool
	Status  string // "open" or "closed", for data-status
	Facts   FactsText
	Body    template.HTML
	Apply   *ApplyView  // nil once closed
	JSONLD  template.JS // the JobPosting; "" once closed
	OG      OpenGraph
}

// OpenGraph is the link-preview metadata of a posting page.
type OpenGraph struct {
	Locale     string   // "fr_FR"
	Alternates []string // the locales of the other translations
	Image      string   // absolute; "" when the employer has no logo
}

// ApplyView is the apply block: the employer's rule in words, the
// addresses and the subject as text, and the mailto link.
type ApplyView struct {
	Rule         string    // "Envoyez votre candidature par e-mail aux deux adresses ci-dessous."
	To           []string  // every address, in the employer's order
	Addresses    []Address // the same, split, so a line can break after the @
	CopyTo       string    // the addresses as one line, for the copy button
	Subject      string    // verbatim; "" when the employer requires none
	SubjectLang  string    // the site's default language, the subject's own
	SubjectLabel string    // "Objet obligatoire, à recopier tel quel :"
	Attach       string    // "Joignez : lettre de motivation et CV." or ""
	Strict       string    // "Les candidatures incomplètes ou envoyées à une seule adresse ne sont pas traitées." or ""
	Href         string    // the mailto link (RFC 6068)
	Link         string    // what the link does: "Écrire aux deux adresses avec l'objet prérempli"
}

// postingView is what a posting page's layout receives as .Posting;
// keying: without Body, OrgHTML, Facts, Apply and JSONLD (see KeyView).
func (r *Renderer) postingView(s *site.Site, pg *site.Page, keying bool) (*PostingView, error) {
	p, tr, lang := pg.Posting, pg.Translation, pg.Lang
	cs := s.Content
	org := cs.Organizations[p.Facts.Organization]
	pv := &PostingView{
		Title:  frenchText(tr.Lang, tr.Title),
		City:   r.cities(lang, &p.Facts),
		Closed: p.Expired,
		Status: "open",
		OG:     OpenGraph{Locale: r.names.ogLocale(lang)},
	}
	if !keying {
		pv.Facts = r.Facts(p, lang)
		pv.Body = r.BodyHTML(tr)
	}
	if org != nil {
		pv.OrgURL = org.URL
		if !keying {
			pv.OrgHTML = r.OrganizationHTML(org, lang)
		}
		pv.Org = orgName(org, lang, cs.DefaultLanguage())
		if org.Logo != "" {
			logo, ok := r.opt.Assets[org.Logo]
			if !ok {
				logo = s.Href("/assets/" + org.Logo)
			}
			// logo is an address from the host's root: make it absolute.
			pv.OG.Image = s.URL(strings.TrimPrefix(logo, strings.TrimSuffix(s.Content.BasePath(), "/")))
		}
	}
	for _, l := range p.Langs {
		if l != lang {
			pv.OG.Alternates = append(pv.OG.Alternates, r.names.ogLocale(l))
		}
	}
	if p.Expired {
		pv.Status = "closed"
		return pv, nil
	}
	if keying {
		return pv, nil
	}
	av, err := r.applyView(cs.DefaultLanguage(), p, lang)
	if err != nil {
		return nil, err
	}
	pv.Apply = av
	js, err := r.jsonLD(s, pg, pv)
	if err != nil {
		return nil, err
	}
	pv.JSONLD = js
	return pv, nil
}

// orgName is the employer's name in the first of langs it has.
func orgName(org *content.Organization, langs ...string) string {
	for _, l := range langs {
		if ot := org.Text[l]; ot != nil {
			return ot.Name
		}
	}
	return org.Key
}

// Address is an e-mail address in two parts, either side of its last @.
type Address struct{ Local, Domain string }

// HTML is the address as the apply block shows it: it may wrap after its @
// and after its dots (<wbr>), and an address too long for the line may
// wrap anywhere else (the style sheet's overflow-wrap), but never after a
// hyphen, where a candidate would read "responsable-calais@ecpat-" as the
// end of it: each hyphen is kept with the character after it in a
// <span class="nw"> that does not wrap. Nothing is added to the text, so
// that an address selected and copied by hand is the address.
func (a Address) HTML() template.HTML {
	var b strings.Builder
	writeUnbroken(&b, a.Local+"@")
	for _, part := range strings.SplitAfter(a.Domain, ".") {
		b.WriteString("<wbr>")
		writeUnbroken(&b, part)
	}
	return template.HTML(b.String())
}

// writeUnbroken writes s escaped, each hyphen with the characters either
// side of it in a span that does not wrap: a line may end neither just
// after a hyphen nor just before one.
func writeUnbroken(b *strings.Builder, s string) {
	for {
		i := strings.IndexByte(s, '-')
		if i < 0 || i == len(s)-1 {
			b.WriteString(template.HTMLEscapeString(s))
			return
		}
		_, before := utf8.DecodeLastRuneInString(s[:i])
		_, after := utf8.DecodeRuneInString(s[i+1:])
		b.WriteString(template.HTMLEscapeString(s[:i-before]))
		b.WriteString(`<span class="nw">` + template.HTMLEscapeString(s[i-before:i+1+after]) + "</span>")
		s = s[i+1+after:]
	}
}

// applyView builds the apply block of posting p in lang. The rule, the
// documents and the link text are generated from the facts, so the
// languages cannot disagree; the subject stays the employer's, verbatim.
func (r *Renderer) applyView(defLang string, p *site.Posting, lang string) (*ApplyView, error) {
	a := p.Facts.Apply
	// The wording depends on the number of addresses: "one", "both" or
	// "all"; only the "all" texts show the number, as %d.
	n := len(a.To)
	count, num := "one", []any(nil)
	switch {
	case n == 2:
		count = "both"
	case n > 2:
		count, num = "all", []any{n}
	}
	av := &ApplyView{
		To:          a.To,
		CopyTo:      strings.Join(a.To, ", "),
		Addresses:   make([]Address, len(a.To)),
		Subject:     a.Subject,
		SubjectLang: defLang,
		Rule:        r.must(lang, "apply.rule."+count, num...),
	}
	if a.Subject != "" {
		av.Link = r.must(lang, "apply.link."+count, num...)
		if lang == defLang {
			av.SubjectLabel = r.must(lang, "apply.subject")
		} else {
			av.SubjectLabel = r.must(lang, "apply.subject.foreign", r.names.language(lang, defLang))
		}
	} else {
		av.Link = r.must(lang, "apply.link."+count+".nosubject", num...)
	}
	for i, to := range a.To {
		at := strings.LastIndexByte(to, '@')
		av.Addresses[i] = Address{to[:at], to[at+1:]}
	}
	docs := len(a.Documents) > 0
	if docs {
		av.Attach = r.must(lang, "apply.attach", r.documents(lang, a.Documents, ""))
	}
	// The sentence is the employer's rule, said only when the posting
	// says so (apply.strict: true): the site must not invent it.
	switch {
	case !a.Strict:
	case n > 1 && docs:
		av.Strict = r.must(lang, "apply.strict."+count, num...)
	case n > 1:
		av.Strict = r.must(lang, "apply.strict."+count+".nodocs", num...)
	case docs:
		av.Strict = r.must(lang, "apply.strict.docs")
	}
	href, err := apply.Mailto(apply.Request{To: a.To, Subject: a.Subject, Body: r.mailBody(lang, a.Documents)})
	if err != nil {
		return nil, err
	}
	av.Href = href
	return av, nil
}

// mailBody is the e-mail the link starts, in the page's language: a
// greeting and a reminder of what to attach. It is "" when the posting asks
// for no document, and short, so that the link stays far below
// apply.MaxLength.
func (r *Renderer) mailBody(lang string, docs []string) string {
	if len(docs) == 0 {
		return ""
	}
	return r.must(lang, "apply.body.greeting") + "\n\n" +
		r.must(lang, "apply.body.attached", r.documents(lang, docs, ".mine")) + "\n\n"
}

// ogLocale is the Open Graph locale of a language: language_TERRITORY.
// French and English pages name France and the United Kingdom, the
// audience of a French employer; other languages their most likely region.
func ogLocale(lang string) string {
	t := language.Make(lang)
	base, _ := t.Base()
	reg, conf := t.Region()
	switch {
	case conf == language.Exact:
	case base.String() == "fr":
		reg = language.MustParseRegion("FR")
	case base.String() == "en":
		reg = language.MustParseRegion("GB")
	}
	return base.String() + "_" + reg.String()
}
