package jsonld

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jobboard/jobboard/internal/content"
)

// Input is everything one posting page's JobPosting needs, already in the
// page's language.
type Input struct {
	Site    *content.Site
	Posting *content.Posting
	Lang    string
	PageURL string // absolute URL of this page
	Title   string // translation title, plain text
	// Description is the posting as HTML (goldmark's output is fine: Build
	// runs it through Simplify), including the facts as text, since Google's
	// job display shows nothing else: contract and duration, hours, salary
	// (amounts, period, gross or net), place and remote work, start and
	// closing dates, how to apply.
	Description string
	OrgName     string // organization name in this language
	LogoURL     string // absolute, "" when none
	WorkHours   string // e.g. "35 heures par semaine", "" when none; visible on the page too
}

// JobPosting is a schema.org JobPosting as Google's job search reads it.
// Field order is the output order.
type JobPosting struct {
	Context                       string          `json:"@context"`
	Type                          string          `json:"@type"`
	Title                         string          `json:"title"`
	Description                   string          `json:"description"`
	URL                           string          `json:"url,omitempty"`
	Identifier                    *PropertyValue  `json:"identifier,omitempty"`
	DatePosted                    string          `json:"datePosted"`
	ValidThrough                  string          `json:"validThrough,omitempty"`
	EmploymentType                []string        `json:"employmentType,omitempty"`
	HiringOrganization            *Organization   `json:"hiringOrganization"`
	JobLocation                   Places          `json:"jobLocation,omitempty"`
	JobLocationType               string          `json:"jobLocationType,omitempty"`
	ApplicantLocationRequirements []Country       `json:"applicantLocationRequirements,omitempty"`
	BaseSalary                    *MonetaryAmount `json:"baseSalary,omitempty"`
	SalaryCurrency                string          `json:"salaryCurrency,omitempty"`
	JobStartDate                  string          `json:"jobStartDate,omitempty"`
	JobImmediateStart             bool            `json:"jobImmediateStart,omitempty"`
	JobDuration                   string          `json:"jobDuration,omitempty"`
	WorkHours                     string          `json:"workHours,omitempty"`
	DirectApply                   bool            `json:"directApply"` // always written, false: applications go by e-mail
}

// PropertyValue is the employer's reference for the job.
type PropertyValue struct {
	Type  string `json:"@type"` // PropertyValue
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Organization is the hiring organization.
type Organization struct {
	Type   string `json:"@type"` // Organization
	Name   string `json:"name"`
	SameAs string `json:"sameAs,omitempty"`
	Logo   string `json:"logo,omitempty"`
}

// Place is where the employee reports to work.
// Places are the jobLocation of a posting: one Place, written as an
// object as before, or several, written as an array (Google reads one
// location per place where the employee reports to work).
type Places []Place

// MarshalJSON writes one place as an object, several as an array.
func (ps Places) MarshalJSON() ([]byte, error) {
	if len(ps) == 1 {
		return json.Marshal(ps[0])
	}
	return json.Marshal([]Place(ps))
}

// UnmarshalJSON reads an object or an array of them.
func (ps *Places) UnmarshalJSON(data []byte) error {
	if d := bytes.TrimSpace(data); len(d) > 0 && d[0] == '{' {
		var p Place
		err := json.Unmarshal(d, &p)
		*ps = Places{p}
		return err
	}
	return json.Unmarshal(data, (*[]Place)(ps))
}

type Place struct {
	Type    string        `json:"@type"` // Place
	Address PostalAddress `json:"address"`
}

// PostalAddress is a Place's address; empty parts are left out.
type PostalAddress struct {
	Type            string `json:"@type"` // PostalAddress
	AddressLocality string `json:"addressLocality,omitempty"`
	PostalCode      string `json:"postalCode,omitempty"`
	AddressRegion   string `json:"addressRegion,omitempty"`
	AddressCountry  string `json:"addressCountry,omitempty"` // ISO 3166-1 alpha-2
}

// Country is an applicantLocationRequirements entry.
type Country struct {
	Type string `json:"@type"` // Country
	Name string `json:"name"`  // ISO 3166-1 alpha-2
}

// MonetaryAmount is a baseSalary.
type MonetaryAmount struct {
	Type     string            `json:"@type"` // MonetaryAmount
	Currency string            `json:"currency"`
	Value    QuantitativeValue `json:"value"`
}

// QuantitativeValue is a pay band (MinValue, MaxValue) or a single amount
// (Value), per UnitText.
type QuantitativeValue struct {
	Type     string  `json:"@type"` // QuantitativeValue
	Value    float64 `json:"value,omitempty"`
	MinValue float64 `json:"minValue,omitempty"`
	MaxValue float64 `json:"maxValue,omitempty"`
	UnitText string  `json:"unitText,omitempty"` // YEAR, MONTH or HOUR
}

// Build assembles the JobPosting of one posting page. It does not check the
// content: the loader has validated it.
func Build(in Input) *JobPosting {
	f := in.Posting.Facts
	jp := &JobPosting{
		Context:     "https://schema.org",
		Type:        "JobPosting",
		Title:       in.Title,
		Description: Simplify(in.Description),
		URL:         in.PageURL,
		Identifier: &PropertyValue{
			Type:  "PropertyValue",
			Name:  defaultOrgName(in),
			Value: in.Posting.Slug,
		},
		DatePosted:     f.Posted.String(),
		EmploymentType: EmploymentType(f.Contract, f.Hours),
		HiringOrganization: &Organization{
			Type: "Organization",
			Name: cmp.Or(in.OrgName, defaultOrgName(in)),
			Logo: in.LogoURL,
		},
		WorkHours:   in.WorkHours,
		DirectApply: false,
	}
	if org := in.Site.Organizations[f.Organization]; org != nil {
		jp.HiringOrganization.SameAs = org.URL
	}
	if !f.Expires.IsZero() {
		tz := in.Site.TimeZone
		if tz == nil {
			tz = time.UTC
		}
		jp.ValidThrough = f.Expires.EndIn(tz).Format(time.RFC3339)
	}
	jp.addPlaces(f)
	if s := f.Salary; s != nil {
		jp.BaseSalary = baseSalary(s)
		jp.SalaryCurrency = jp.BaseSalary.Currency
	}
	switch {
	case f.Start.ASAP:
		jp.JobImmediateStart = true
	case !f.Start.Date.IsZero():
		jp.JobStartDate = f.Start.Date.String()
	}
	if f.DurationMonths > 0 {
		jp.JobDuration = fmt.Sprintf("P%dM", f.DurationMonths)
	}
	return jp
}

// addPlaces gives jp the places of work of f, whether the job is done
// remotely, and the countries an applicant may live in (for a job done
// fully remotely and no residence given: those of its places).
func (jp *JobPosting) addPlaces(f content.Facts) {
	for _, loc := range f.Locations() {
		jp.JobLocation = append(jp.JobLocation, Place{Type: "Place", Address: PostalAddress{
			Type:            "PostalAddress",
			AddressLocality: loc.City,
			PostalCode:      loc.PostalCode,
			AddressRegion:   loc.Region,
			AddressCountry:  loc.Country,
		}})
	}
	residence := f.Residence
	if f.Remote == "full" {
		jp.JobLocationType = "TELECOMMUTE"
		if len(residence) == 0 {
			for _, loc := range f.Locations() {
				residence = append(residence, loc.Country)
			}
		}
	}
	for _, c := range residence {
		if c == "" || slices.ContainsFunc(jp.ApplicantLocationRequirements, func(x Country) bool { return x.Name == c }) {
			continue
		}
		jp.ApplicantLocationRequirements = append(jp.ApplicantLocationRequirements, Country{Type: "Country", Name: c})
	}
}

// baseSalary is the pay of s: a band, or one amount when its bounds are
// equal, in euros unless s says otherwise.
func baseSalary(s *content.Salary) *MonetaryAmount {
	q := QuantitativeValue{Type: "QuantitativeValue", UnitText: unitText(s.Period)}
	if s.Min == s.Max {
		q.Value = s.Min
	} else {
		q.MinValue, q.MaxValue = s.Min, s.Max
	}
	return &MonetaryAmount{Type: "MonetaryAmount", Currency: cmp.Or(s.Currency, "EUR"), Value: q}
}

// defaultOrgName is the organization's name in the site's default language,
// so that identifier is the same on every language's page.
func defaultOrgName(in Input) string {
	if in.Site != nil && len(in.Site.Languages) > 0 {
		if org := in.Site.Organizations[in.Posting.Facts.Organization]; org != nil {
			if t := org.Text[in.Site.DefaultLanguage()]; t != nil && t.Name != "" {
				return t.Name
			}
		}
	}
	return in.OrgName
}

func unitText(period string) string {
	switch period {
	case "year", "month", "hour":
		return strings.ToUpper(period)
	}
	return ""
}

// Marshal writes jp as JSON for a <script type="application/ld+json">
// element, safe to write into it as is.
//
// A script element is ended by "</script" and changes state at "<!--"
// (HTML's script data states), whatever JSON says; nothing else in it is
// special. So "</" is written "<\/" and a "<" is escaped as \u003c only
// before "!" or an "s" (a "<script" would open the double-escaped state
// after a "<!--"), rather
// than everywhere as encoding/json's HTML escaping does: the description
// is the whole posting as HTML, and escaping every tag made the JSON-LD
// about 40% larger, on every posting page. encoding/json still escapes
// U+2028 and U+2029.
func Marshal(jp *JobPosting) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(jp); err != nil {
		return nil, err
	}
	return escapeScript(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), nil
}

// escapeScript writes "</" as "<\/" and "<!", "<s", "<S" as "\u003c!",
// "\u003cs", "\u003cS" in data, a JSON text. It jumps from one "<" to the
// next: a byte-by-byte copy of every description, which has "</p>" and so
// always needs one, was a sixth of the JSON-LD's CPU.
func escapeScript(data []byte) []byte {
	var out []byte // nil until the first change
	done := 0      // data[:done] is in out
	for i := 0; i+1 < len(data); i++ {
		j := bytes.IndexByte(data[i:len(data)-1], '<')
		if j < 0 {
			break
		}
		i += j
		c := data[i+1]
		if !breaksScript(c) {
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(data)+len(data)/64+8)
		}
		if c == '/' {
			// "</" inside a JSON string: "<\/" is the same string, one byte
			// longer, where "\u003c/" would be five.
			out = append(append(out, data[done:i+1]...), '\\', '/')
			done = i + 2
			i++
		} else {
			out = append(append(out, data[done:i]...), `\u003c`...)
			done = i + 1
		}
	}
	if out == nil {
		return data
	}
	return append(out, data[done:]...)
}

// breaksScript reports whether a "<" before c could end or change the state
// of a script element: "</", "<!", "<s", "<S".
func breaksScript(c byte) bool { return c == '/' || c == '!' || c == 's' || c == 'S' }

// EmploymentType maps a French contract and its hours ("full-time" or
// "part-time") to Google's employmentType values:
//
//	CDI                   FULL_TIME or PART_TIME
//	CDD, interim          TEMPORARY + FULL_TIME or PART_TIME
//	stage                 INTERN
//	alternance            FULL_TIME + INTERN (PART_TIME + INTERN when part-time,
//	                      so that the markup agrees with the page)
//	volontariat, benevolat VOLUNTEER
//	freelance             CONTRACTOR
//
// An unknown contract gives nil (no employmentType rather than a wrong one).
func EmploymentType(c content.Contract, hours string) []string {
	h := "FULL_TIME"
	if hours == "part-time" {
		h = "PART_TIME"
	}
	switch c {
	case content.CDI:
		return []string{h}
	case content.CDD, content.Interim:
		return []string{"TEMPORARY", h}
	case content.Stage:
		return []string{"INTERN"}
	case content.Alternance:
		return []string{h, "INTERN"}
	case content.Volontariat, content.Benevolat:
		return []string{"VOLUNTEER"}
	case content.Freelance:
		return []string{"CONTRACTOR"}
	}
	return nil
}
