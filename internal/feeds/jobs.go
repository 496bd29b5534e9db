package feeds

import (
	"encoding/xml"
	"io"
	"strings"
	"time"

	"github.com/jobboard/jobboard/internal/content"
)

// Job is one open posting in the Indeed feed. Every field is text written
// as is inside CDATA; Description is HTML.
type Job struct {
	Title           string
	Date            content.Date // first publication, as shown on the page
	ReferenceNumber string       // unique, never changed
	RequisitionID   string       // the employer's own reference for the role
	URL             string
	Company         string
	City            string
	State           string
	PostalCode      string
	Country         string
	Email           string // one address, or none: Indeed takes one
	Salary          string
	JobType         string       // Indeed's words, comma-separated: see JobType
	Description     string       // HTML
	ExpirationDate  content.Date // zero: no <expirationdate>
	Remote          string       // <remotetype>; empty: none
}

// JobFeed is the whole Indeed feed: every open posting of the site.
type JobFeed struct {
	Publisher, PublisherURL string
	LastBuildDate           time.Time // zero: no <lastBuildDate>
	Jobs                    []Job
}

// cdata is a value written as <![CDATA[…]]>; encoding/xml splits "]]>" into
// "]]]]><![CDATA[>" and writes nothing for an empty value.
type cdata struct {
	V string `xml:",cdata"`
}

type xmlSource struct {
	XMLName       xml.Name `xml:"source"`
	Publisher     *cdata   `xml:"publisher,omitempty"`
	PublisherURL  *cdata   `xml:"publisherurl,omitempty"`
	LastBuildDate *cdata   `xml:"lastBuildDate,omitempty"`
	Jobs          []xmlJob `xml:"job"`
}

type xmlJob struct {
	Title           *cdata `xml:"title"`
	Date            *cdata `xml:"date"`
	ReferenceNumber *cdata `xml:"referencenumber"`
	RequisitionID   *cdata `xml:"requisitionid"`
	URL             *cdata `xml:"url"`
	Company         *cdata `xml:"company"`
	City            *cdata `xml:"city,omitempty"`
	State           *cdata `xml:"state,omitempty"`
	Country         *cdata `xml:"country,omitempty"`
	PostalCode      *cdata `xml:"postalcode,omitempty"`
	Email           *cdata `xml:"email,omitempty"`
	Description     *cdata `xml:"description"`
	Salary          *cdata `xml:"salary,omitempty"`
	JobType         *cdata `xml:"jobtype,omitempty"`
	ExpirationDate  *cdata `xml:"expirationdate,omitempty"`
	RemoteType      *cdata `xml:"remotetype,omitempty"`
}

// opt is nil for a value that is empty once cleaned.
func opt(s string) *cdata {
	if s = cleanCDATA(s); s == "" {
		return nil
	}
	return &cdata{s}
}

// WriteJobs writes f as an Indeed XML job feed: every value in CDATA, no
// entity anywhere, empty optional elements left out. Dates are YYYY-MM-DD,
// lastBuildDate is RFC 3339.
func WriteJobs(w io.Writer, f JobFeed) error {
	e := errs{prefix: "feeds: jobs.xml"}
	src := xmlSource{Publisher: opt(f.Publisher), PublisherURL: opt(f.PublisherURL)}
	if src.PublisherURL != nil {
		if err := absoluteURL(src.PublisherURL.V); err != nil {
			e.add("publisher url: %v", err)
		}
	}
	if !f.LastBuildDate.IsZero() {
		s, err := rfc3339(f.LastBuildDate)
		if err != nil {
			e.add("lastBuildDate: %v", err)
		}
		src.LastBuildDate = &cdata{s}
	}
	refs := make(map[string]int, len(f.Jobs))
	for i, j := range f.Jobs {
		x := xmlJob{
			Title:           opt(j.Title),
			ReferenceNumber: opt(j.ReferenceNumber),
			RequisitionID:   opt(j.RequisitionID),
			URL:             opt(j.URL),
			Company:         opt(j.Company),
			City:            opt(j.City),
			State:           opt(j.State),
			Country:         opt(j.Country),
			PostalCode:      opt(j.PostalCode),
			Email:           opt(j.Email),
			Description:     opt(j.Description),
			Salary:          opt(j.Salary),
			JobType:         opt(j.JobType),
			RemoteType:      opt(j.Remote),
		}
		for _, req := range []struct {
			name string
			v    *cdata
		}{
			{"title", x.Title}, {"reference number", x.ReferenceNumber},
			{"requisition id", x.RequisitionID}, {"url", x.URL},
			{"company", x.Company}, {"description", x.Description},
		} {
			if req.v == nil {
				e.add("job %d: %s is empty", i, req.name)
			}
		}
		if x.ReferenceNumber != nil {
			if k, dup := refs[x.ReferenceNumber.V]; dup {
				e.add("job %d: reference number %q is already job %d's", i, x.ReferenceNumber.V, k)
			} else {
				refs[x.ReferenceNumber.V] = i
			}
		}
		if x.URL != nil {
			if err := absoluteURL(x.URL.V); err != nil {
				e.add("job %d: url: %v", i, err)
			}
		}
		if j.Date.IsZero() {
			e.add("job %d: date is zero", i)
		} else if s, err := date(j.Date); err != nil {
			e.add("job %d: date: %v", i, err)
		} else {
			x.Date = &cdata{s}
		}
		if !j.ExpirationDate.IsZero() {
			s, err := date(j.ExpirationDate)
			if err != nil {
				e.add("job %d: expiration date: %v", i, err)
			}
			x.ExpirationDate = &cdata{s}
		}
		src.Jobs = append(src.Jobs, x)
	}
	if err := e.err(); err != nil {
		return err
	}
	return writeXML(w, src)
}

// indeedJobTypes are Indeed's words for schema.org's employmentType values.
var indeedJobTypes = map[string]string{
	"FULL_TIME":  "fulltime",
	"PART_TIME":  "parttime",
	"CONTRACTOR": "contract",
	"INTERN":     "internship",
	"TEMPORARY":  "temporary",
	"VOLUNTEER":  "volunteer",
}

// JobType is the <jobtype> of a posting whose JobPosting has the
// employmentType values types: Indeed's words for them, in the same order,
// comma-separated ("temporary, fulltime" for a full-time CDD). A value
// Indeed has no word for is left out.
func JobType(types []string) string {
	var words []string
	for _, t := range types {
		if w, ok := indeedJobTypes[t]; ok {
			words = append(words, w)
		}
	}
	return strings.Join(words, ", ")
}
