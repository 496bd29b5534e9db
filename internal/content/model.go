package content

import (
	"net/url"
	"time"
)

// Site is the whole validated content of a site: its settings, its
// employers and its postings, ready for the later stages.
type Site struct {
	BaseURL     string   // absolute, always ends with "/"
	Languages   []string // the first is the default language
	Title       map[string]string
	Description map[string]string // optional, per language
	TimeZone    *time.Location
	IndexNowKey string // "" when site.yaml gives none; build publishes it as <key>.txt
	// ListingDays is how many days after posted a posting with no expires
	// is warned about as left open (listing_days, 60 by default).
	ListingDays int
	// PageSize is how many postings a page of a list shows (page_size,
	// DefaultPageSize by default); longer lists go on over numbered pages.
	PageSize int

	// initMarks are the values of site.yaml still marked CHANGE ME by
	// jobboard init.
	initMarks []fieldMark
	Editor    *Editor // the browser editor's settings; nil for none

	Organizations map[string]*Organization // by key
	Postings      []*Posting               // sorted by slug; drafts only when loaded with Drafts
}

// DefaultLanguage is the first language of site.yaml.
func (s *Site) DefaultLanguage() string { return s.Languages[0] }

// BasePath is the path of BaseURL, "/" for a site at the root of its host
// and "/jobs/" for one published below a folder (as GitHub Pages publishes
// a project): links between pages start with it.
func (s *Site) BasePath() string {
	u, err := url.Parse(s.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// Organization is an employer, from organizations/<key>.<lang>.md.
type Organization struct {
	Key  string
	URL  string // absolute
	Logo string // path under assets/, "" when none
	Text map[string]*OrganizationText
}

// OrganizationText is the translatable part of an organization.
type OrganizationText struct {
	Lang     string
	File     string
	Name     string
	Body     []byte // Markdown
	BodyLine int

	// The values and the line of the text still marked CHANGE ME by
	// jobboard init (see reportInitMarks).
	marks    []fieldMark
	markLine int
}

// Posting is one job, in one or more languages. Its facts are
// language-neutral and written once; its text is per language.
type Posting struct {
	Slug         string
	Facts        Facts
	FactsFile    string                  // file the facts were read from
	CityLines    []int                   // line of each place's city in FactsFile, in Facts.Locations' order, for messages about places
	Translations map[string]*Translation // by language
	Langs        []string                // languages present, in site order
}

// Translation is the text of a posting in one language.
type Translation struct {
	Lang     string
	File     string // slash path from the site root: "content/postings/x.fr.md"
	Title    string
	Summary  string // "" when the front matter gives none
	Body     []byte // Markdown, front matter removed; nil when loaded with NoBodies
	BodyLen  int    // of Body, also when it was not kept: the end of File
	BodyLine int    // line of File where Body starts
	Hash     uint64 // of the whole file, for incremental rebuilds
}

// Contract is the French contract type, the employer's own vocabulary.
type Contract string

const (
	CDI         Contract = "CDI"
	CDD         Contract = "CDD"
	Stage       Contract = "stage"
	Alternance  Contract = "alternance"
	Interim     Contract = "interim"
	Freelance   Contract = "freelance"
	Volontariat Contract = "volontariat"
	Benevolat   Contract = "benevolat"
)

// Contracts lists every contract in the order forms and filters show them.
var Contracts = []Contract{CDI, CDD, Interim, Alternance, Stage, Freelance, Volontariat, Benevolat}

// NeedsDuration reports whether a posting of this contract must give duration_months.
func (c Contract) NeedsDuration() bool {
	switch c {
	case CDD, Stage, Alternance, Volontariat:
		return true
	}
	return false
}

// Facts are the language-neutral fields of a posting.
type Facts struct {
	Organization   string
	Contract       Contract
	DurationMonths int        // 0 when absent
	Hours          string     // "full-time" or "part-time"
	HoursPerWeek   float64    // 0 when absent
	Salary         *Salary    // nil for bénévolat
	Location       Location   // the place of work, the first when location lists several
	MoreLocations  []Location // the other places of work, when location lists several
	Remote         string     // "no", "hybrid" or "full"
	Residence      []string   // eligibility.residence: ISO 3166-1 alpha-2 codes
	Start          Start
	Posted         Date
	Expires        Date // zero when the posting gives no closing date
	Filled         Date // the day the job was filled, which closes the posting before Expires; zero: not filled
	Apply          Apply
	Languages      LanguageSkills
	Draft          bool
}

// Salary is a pay band.
type Salary struct {
	Min, Max float64
	Currency string // ISO 4217
	Period   string // "year", "month" or "hour"
	Basis    string // "gross" or "net"
}

// Locations are the places of work: Location, then MoreLocations.
func (f *Facts) Locations() []Location {
	return append([]Location{f.Location}, f.MoreLocations...)
}

// Location is where the job is done.
type Location struct {
	City       string
	PostalCode string
	Region     string
	Country    string // ISO 3166-1 alpha-2
}

// Start is the start date, or as soon as possible.
type Start struct {
	ASAP bool
	Date Date
}

// Apply says how to apply: by e-mail to every address, with the subject verbatim.
type Apply struct {
	To        []string
	Subject   string // "" when the employer demands none
	Documents []string
	// Strict: the employer says that applications incomplete or not sent
	// to every address are not processed (apply.strict: true). The site
	// says so only then: it must not invent a rule.
	Strict bool
}

// Documents lists the document kinds apply.documents accepts, in display order.
var Documents = []string{"cv", "cover-letter", "portfolio", "references", "diploma"}

// LanguageSkills lists the languages a candidate must or may speak (BCP 47).
type LanguageSkills struct {
	Required []string
	Plus     []string
}

// Expired reports whether the posting is closed on the day today: from
// the day the job was filled, or after its expires day, in the site's
// calendar.
func (p *Posting) Expired(today Date) bool {
	f := p.Facts
	return !f.Filled.IsZero() && !today.Before(f.Filled) || !f.Expires.IsZero() && today.After(f.Expires)
}

// ClosingDay is the day the posting closes, as its pages say it: the day
// the job was filled, else its expires day; zero when it gives neither.
func (f Facts) ClosingDay() Date {
	if !f.Filled.IsZero() {
		return f.Filled
	}
	return f.Expires
}

// Date is a calendar day, without time or zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads "YYYY-MM-DD" and refuses days that do not exist.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, err
	}
	return DateOf(t), nil
}

// DateOf is the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY-MM-DD, and the zero Date (no date) as "".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.In(time.UTC).Format(time.DateOnly)
}

// In is the first instant of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// EndIn is the last second of d in loc (23:59:59), for validThrough.
func (d Date) EndIn(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 23, 59, 59, 0, loc)
}

func (d Date) Before(e Date) bool { return d.In(time.UTC).Before(e.In(time.UTC)) }
func (d Date) After(e Date) bool  { return e.Before(d) }
