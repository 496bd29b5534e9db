package render

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/site"
)

// FactsText is a posting's facts in words, in one language, for the page's
// facts panel and for the feeds and the JSON-LD description. A field is ""
// when the posting does not give that fact.
type FactsText struct {
	Contract  string // "CDI", "Permanent contract (CDI)", "CDD de 12 mois"
	Hours     string // "Temps plein", "Full-time, 35 hours a week"
	WorkHours string // "35 heures par semaine"; "" when the posting does not say
	Salary    string // "24 000 € – 28 000 € bruts par an"; "" for volunteering
	Place     string // "Calais (62100), Hauts-de-France, France"; places separated by place.sep
	Remote    string // "Télétravail partiel"; "" when on site
	Start     string // "21 mai 2025", "Dès que possible"
	Posted    string // "22 avril 2025"
	Closes    string // the closing date alone, "30 juin 2025"; "" when none
	Expires   string // "Candidatures jusqu'au 30 juin 2025" or "Candidatures traitées au fil de l'eau"
	Required  string // languages a candidate must speak: "français et arabe"
	Plus      string // languages that are a plus
	Residence string // "Seules les personnes résidant en France peuvent postuler."
	Documents string // documents to attach: "lettre de motivation et CV"
}

// Facts returns the facts of p in words in lang, one of the site's languages.
// They are worked out once per posting and language: a posting is shown in
// its page, in up to three lists per language and in the job feed.
func (r *Renderer) Facts(p *site.Posting, lang string) FactsText {
	key := factsOf{p, lang}
	if v, ok := r.facts.Load(key); ok {
		return v.(FactsText)
	}
	ft := r.factsText(p, lang)
	r.facts.Store(key, ft)
	return ft
}

// Contract is p's contract in words in lang, as Facts gives it, worked
// out without keeping every fact of p: the search index asks it of every
// open posting, in a rebuild that renders none of their pages, where
// keeping their facts held 15,000 of them until the end of the build.
func (r *Renderer) Contract(p *site.Posting, lang string) string {
	if v, ok := r.facts.Load(factsOf{p, lang}); ok {
		return v.(FactsText).Contract
	}
	return r.contract(lang, p.Facts.Contract, p.Facts.DurationMonths)
}

// factsOf keys the facts the Renderer worked out: the Renderer lives for
// one build, and so do the site's postings.
type factsOf struct {
	p    *site.Posting
	lang string
}

func (r *Renderer) factsText(p *site.Posting, lang string) FactsText {
	f := &p.Facts
	ft := FactsText{
		Contract:  r.contract(lang, f.Contract, f.DurationMonths),
		Hours:     r.must(lang, "hours."+f.Hours),
		Place:     r.places(lang, f),
		Posted:    r.date(lang, f.Posted),
		Required:  r.languageList(lang, f.Languages.Required),
		Plus:      r.languageList(lang, f.Languages.Plus),
		Residence: r.residence(lang, f.Residence),
		Documents: r.documents(lang, f.Apply.Documents, ""),
	}
	if f.HoursPerWeek > 0 {
		ft.WorkHours = r.must(lang, "hours.perweek", r.number(lang, f.HoursPerWeek, false))
		ft.Hours += r.must(lang, "list.sep") + ft.WorkHours
	}
	if f.Salary != nil {
		ft.Salary = r.salary(lang, f.Salary)
	}
	if f.Remote == "hybrid" || f.Remote == "full" {
		ft.Remote = r.must(lang, "remote."+f.Remote)
	}
	if f.Start.ASAP {
		ft.Start = r.must(lang, "start.asap")
	} else {
		ft.Start = r.date(lang, f.Start.Date)
	}
	if closes := f.ClosingDay(); closes.IsZero() {
		ft.Expires = r.must(lang, "expires.none")
	} else {
		ft.Closes = r.date(lang, closes)
		ft.Expires = r.must(lang, "expires.on", ft.Closes)
	}
	return ft
}

func (r *Renderer) contract(lang string, c content.Contract, months int) string {
	s := r.must(lang, "contract."+string(c))
	if months > 0 {
		s = r.must(lang, "contract.duration", s, months)
	}
	return s
}

// places writes each place of work (see place), one after the other:
// "Calais (62100), France\u202F; Lille, France".
func (r *Renderer) places(lang string, f *content.Facts) string {
	if len(f.MoreLocations) == 0 {
		return r.place(lang, f.Location)
	}
	var parts []string
	for _, l := range f.Locations() {
		parts = append(parts, r.place(lang, l))
	}
	return strings.Join(parts, r.must(lang, "place.sep"))
}

// cities names the towns of the places of work, each once, as a list of
// the language: "Calais", "Calais et Lille".
// Cities is the towns of p's places in lang, as the lists show them:
// "Calais", or "Calais et Lyon".
func (r *Renderer) Cities(p *site.Posting, lang string) string { return r.cities(lang, &p.Facts) }

func (r *Renderer) cities(lang string, f *content.Facts) string {
	if len(f.MoreLocations) == 0 {
		return f.Location.City
	}
	var towns []string
	for _, l := range f.Locations() {
		if !slices.Contains(towns, l.City) {
			towns = append(towns, l.City)
		}
	}
	return r.list(lang, towns)
}

// place writes the town, its postal code, region and country:
// "Calais (62100), Hauts-de-France, France".
func (r *Renderer) place(lang string, l content.Location) string {
	parts := []string{l.City}
	if l.PostalCode != "" {
		parts[0] = r.must(lang, "place.postal", l.City, l.PostalCode)
	}
	if l.Region != "" && l.Region != l.City {
		parts = append(parts, l.Region)
	}
	if l.Country != "" {
		parts = append(parts, r.names.country(lang, l.Country))
	}
	return strings.Join(parts, ", ")
}

// salary formats a pay band for the locale: the number separators, the
// place of the currency sign and the words come from the language's
// strings ("24 000 € – 28 000 € bruts par an", "€24,000–€28,000 gross per
// year"). A band whose ends are equal is one amount.
func (r *Renderer) salary(lang string, s *content.Salary) string {
	amount := r.money(lang, s.Min, s.Currency)
	if s.Max != s.Min {
		amount = r.must(lang, "money.range", amount, r.money(lang, s.Max, s.Currency))
	}
	basis, period := s.Basis, s.Period
	if basis == "" {
		basis = "gross"
	}
	return r.must(lang, "salary."+basis+"."+period, amount)
}

// money writes an amount with its currency: a sign for the currencies that
// have a well-known one, else the ISO code ("CHF"), each with its own
// pattern so that "CHF 4,000" gets its space and "€4,000" does not.
func (r *Renderer) money(lang string, v float64, currency string) string {
	if currency == "" {
		currency = "EUR"
	}
	if sign, ok := currencySigns[currency]; ok {
		return r.must(lang, "money.symbol", r.number(lang, v, true), sign)
	}
	return r.must(lang, "money.code", r.number(lang, v, true), currency)
}

// currencySigns are the signs readers of every language know without
// ambiguity. A dollar or a yen sign alone would be ambiguous ($ in Canada,
// ¥ for the yuan), so those currencies are written with their code.
var currencySigns = map[string]string{"EUR": "€", "GBP": "£"}

// number writes v with the language's digit grouping and decimal sign.
// Whole numbers have no decimals; money has two ("11,65", "11,50") and
// other numbers as few as they need ("17,5" hours).
func (r *Renderer) number(lang string, v float64, money bool) string {
	group, dec := r.must(lang, "number.group"), r.must(lang, "number.decimal")
	cents := int64(math.Round(v * 100))
	digits := strconv.FormatInt(cents/100, 10)
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(c)
	}
	if frac := cents % 100; frac != 0 {
		f := strconv.FormatInt(100+frac, 10)[1:]
		if !money {
			f = strings.TrimSuffix(f, "0")
		}
		b.WriteString(dec + f)
	}
	return b.String()
}

// date writes a calendar day in words: "21 mai 2025", "1er juin 2025",
// "21 May 2025".
func (r *Renderer) date(lang string, d content.Date) string {
	key := "date"
	if d.Day == 1 {
		key = "date.first"
	}
	return r.must(lang, key, d.Day, r.must(lang, "month."+strconv.Itoa(int(d.Month))), d.Year)
}

// list joins items the way the language writes a list: "a, b et c".
func (r *Renderer) list(lang string, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	sep := r.must(lang, "list.sep")
	return strings.Join(items[:len(items)-1], sep) + r.must(lang, "list.and") + items[len(items)-1]
}

// languageName is the name of a language (BCP 47 code) in the language
// lang, from CLDR: "arabe", "pachto" in French; "Arabic" in English.
func languageName(lang, code string) string {
	t, err := language.Parse(code)
	if err != nil {
		return code
	}
	if n := display.Tags(language.Make(lang)).Name(t); n != "" {
		return n
	}
	if n := display.English.Tags().Name(t); n != "" {
		return n
	}
	return code
}

// selfName is a language's name in itself, capitalised as a menu item:
// "Français", "English", "العربية".
func selfName(code string) string {
	n := display.Self.Name(language.Make(code))
	if n == "" {
		return code
	}
	first, size := utf8.DecodeRuneInString(n)
	return string(unicode.ToUpper(first)) + n[size:]
}

func (r *Renderer) languageList(lang string, codes []string) string {
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = r.names.language(lang, c)
	}
	return r.list(lang, names)
}

// localeNames keeps the names of languages and countries, the writing
// direction and the Open Graph locale of languages, as they are worked
// out: golang.org/x/text parses the tags again at each call, which took
// ~2% of the CPU of a build (a dozen calls a posting page, for a handful
// of languages and countries in a whole site). Safe for concurrent use.
type localeNames struct {
	mu sync.RWMutex
	m  map[localeKey]string
}

type localeKey struct {
	what localeWhat
	a, b string
}

type localeWhat uint8

const (
	languageNameIn localeWhat = iota // languageName(a, b)
	selfNameOf                       // selfName(a)
	countryNameIn                    // countryName(a, b)
	dirOf                            // dir(a)
	ogLocaleOf                       // ogLocale(a)
)

func (n *localeNames) language(lang, code string) string {
	return n.get(localeKey{languageNameIn, lang, code})
}
func (n *localeNames) self(code string) string { return n.get(localeKey{selfNameOf, code, ""}) }
func (n *localeNames) country(lang, code string) string {
	return n.get(localeKey{countryNameIn, lang, code})
}
func (n *localeNames) dir(lang string) string      { return n.get(localeKey{dirOf, lang, ""}) }
func (n *localeNames) ogLocale(lang string) string { return n.get(localeKey{ogLocaleOf, lang, ""}) }

func (n *localeNames) get(k localeKey) string {
	n.mu.RLock()
	v, ok := n.m[k]
	n.mu.RUnlock()
	if ok {
		return v
	}
	switch k.what {
	case languageNameIn:
		v = languageName(k.a, k.b)
	case selfNameOf:
		v = selfName(k.a)
	case countryNameIn:
		v = countryName(k.a, k.b)
	case dirOf:
		v = dir(k.a)
	case ogLocaleOf:
		v = ogLocale(k.a)
	}
	n.mu.Lock()
	if n.m == nil {
		n.m = map[localeKey]string{}
	}
	n.m[k] = v
	n.mu.Unlock()
	return v
}

// countryName is the name of a country (ISO 3166 code) in the language
// lang, from CLDR.
func countryName(lang, code string) string {
	reg, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if n := display.Regions(language.Make(lang)).Name(reg); n != "" {
		return n
	}
	return code
}

// residence is the eligibility rule in a sentence: one country is named in
// the sentence ("résidant en France", "residents of France"), several are
// listed after it.
func (r *Renderer) residence(lang string, codes []string) string {
	switch len(codes) {
	case 0:
		return ""
	case 1:
		return r.must(lang, "residence.one", r.inCountry(lang, codes[0]))
	}
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = r.names.country(lang, c)
	}
	return r.must(lang, "residence.many", r.list(lang, names))
}

// inCountry is a country's name as it follows "résidant" or "residents
// of": French puts "en", "au" or "aux" before it, English "the" before some.
// Other languages take the name alone; their residence.one is written for it.
func (r *Renderer) inCountry(lang, code string) string {
	name := r.names.country(lang, code)
	switch language.Make(lang).String() {
	case "fr":
		return frenchIn(code, name)
	case "en":
		if englishThe[code] {
			return "the " + name
		}
	}
	return name
}

// englishThe lists the countries whose English name takes "the".
var englishThe = map[string]bool{"GB": true, "US": true, "NL": true, "AE": true, "PH": true, "CZ": true, "BS": true, "GM": true, "CD": true, "CF": true, "DO": true, "MV": true, "SC": true, "KM": true, "VA": true}

// frenchIn chooses the preposition of a French country name: "aux" for the
// plural names, "au" for the masculine ones, "en" for the feminine ones and
// those that start with a vowel.
func frenchIn(code, name string) string {
	switch {
	case frenchPlural[code]:
		return "aux " + name
	case frenchMasculine[code]:
		return "au " + name
	case frenchNoArticle[code]:
		return "à " + name
	}
	first, _ := utf8.DecodeRuneInString(name)
	if strings.ContainsRune("AEIOUÉÈÎÏÔ", unicode.ToUpper(first)) || strings.HasSuffix(name, "e") {
		return "en " + name
	}
	return "au " + name
}

var (
	frenchPlural    = map[string]bool{"US": true, "NL": true, "AE": true, "PH": true, "KM": true, "MV": true, "SC": true, "BS": true}
	frenchMasculine = map[string]bool{"MX": true, "KH": true, "MZ": true, "ZW": true, "BZ": true}
	frenchNoArticle = map[string]bool{"MC": true, "SG": true, "MT": true, "CY": true, "CU": true, "MG": true, "MU": true, "HK": true, "BH": true}
)

// documents lists the documents to attach, in the order the employer gave
// them; suffix ".mine" gives the possessive form used in the e-mail body
// ("mon CV et ma lettre de motivation").
func (r *Renderer) documents(lang string, docs []string, suffix string) string {
	names := make([]string, len(docs))
	for i, d := range docs {
		names[i] = r.must(lang, "doc."+d+suffix)
	}
	return r.list(lang, names)
}
