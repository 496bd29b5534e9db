package feeds

import (
	"bytes"
	"encoding/xml"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Decoding structs for the Indeed feed; a CDATA section decodes as character data.
type jbSource struct {
	XMLName       xml.Name `xml:"source"`
	Publisher     string   `xml:"publisher"`
	PublisherURL  string   `xml:"publisherurl"`
	LastBuildDate string   `xml:"lastBuildDate"`
	Jobs          []jbJob  `xml:"job"`
}

type jbJob struct {
	Title           string `xml:"title"`
	Date            string `xml:"date"`
	ReferenceNumber string `xml:"referencenumber"`
	RequisitionID   string `xml:"requisitionid"`
	URL             string `xml:"url"`
	Company         string `xml:"company"`
	City            string `xml:"city"`
	State           string `xml:"state"`
	PostalCode      string `xml:"postalcode"`
	Country         string `xml:"country"`
	Email           string `xml:"email"`
	Salary          string `xml:"salary"`
	JobType         string `xml:"jobtype"`
	Description     string `xml:"description"`
	ExpirationDate  string `xml:"expirationdate"`
	Remote          string `xml:"remotetype"`
}

// want is what j should decode to.
func want(j Job) jbJob {
	d := func(x interface {
		IsZero() bool
		String() string
	}) string {
		if x.IsZero() {
			return ""
		}
		return x.String()
	}
	return jbJob{
		Title: cleanCDATA(j.Title), Date: d(j.Date), ReferenceNumber: cleanCDATA(j.ReferenceNumber),
		RequisitionID: cleanCDATA(j.RequisitionID),
		URL:           cleanCDATA(j.URL), Company: cleanCDATA(j.Company), City: cleanCDATA(j.City),
		State: cleanCDATA(j.State), PostalCode: cleanCDATA(j.PostalCode), Country: cleanCDATA(j.Country),
		Email: cleanCDATA(j.Email), Salary: cleanCDATA(j.Salary), JobType: cleanCDATA(j.JobType),
		Description: cleanCDATA(j.Description), ExpirationDate: d(j.ExpirationDate), Remote: cleanCDATA(j.Remote),
	}
}

func jobsCases() []struct {
	name string
	feed JobFeed
} {
	s := sampleJobs()
	split := sampleJobs()
	split.Jobs = split.Jobs[:1]
	for i, v := range []string{"]]>", "a]]>b", "]]>]]>", "]]]]>", "a]]", "]", "]]", "]]>>", "<![CDATA[x]]>", "]\r\n]>"} {
		j := s.Jobs[0]
		j.ReferenceNumber = "ref-" + string(rune('a'+i))
		j.Title, j.Description, j.Salary, j.City = v, "<p>"+v+"</p>", v, v
		split.Jobs = append(split.Jobs, j)
	}
	nastyJobs := sampleJobs()
	nastyJobs.Publisher = nasty
	nastyJobs.Jobs[0].Title = nasty
	nastyJobs.Jobs[0].Description = "<p>" + nasty + "</p>\r\n<p>&amp; &lt; stay as typed</p>"
	nastyJobs.Jobs[0].Company = "A & B \"C\" <D>"
	empty := s
	empty.Jobs = nil
	empty.Publisher, empty.PublisherURL, empty.LastBuildDate = "", "", time.Time{}
	return []struct {
		name string
		feed JobFeed
	}{
		{"sample", s},
		{"CDATA terminators", split},
		{"escaping and invalid characters", nastyJobs},
		{"no jobs, no publisher", empty},
	}
}

func TestJobsRoundTrip(t *testing.T) {
	for _, tc := range jobsCases() {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.feed
			var b bytes.Buffer
			if err := WriteJobs(&b, in); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(b.String(), `<?xml version="1.0" encoding="utf-8"?>`+"\n<source>") {
				t.Errorf("does not start with the XML declaration and <source>:\n%s", b.String())
			}
			var got jbSource
			if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
				t.Fatalf("decoding: %v\n%s", err, b.String())
			}
			if got.Publisher != cleanCDATA(in.Publisher) || got.PublisherURL != in.PublisherURL {
				t.Errorf("publisher %q %q, want %q %q", got.Publisher, got.PublisherURL, cleanCDATA(in.Publisher), in.PublisherURL)
			}
			if in.LastBuildDate.IsZero() {
				if got.LastBuildDate != "" {
					t.Errorf("lastBuildDate %q, want none", got.LastBuildDate)
				}
			} else {
				sameInstant(t, "lastBuildDate", got.LastBuildDate, in.LastBuildDate)
			}
			if len(got.Jobs) != len(in.Jobs) {
				t.Fatalf("%d jobs, want %d", len(got.Jobs), len(in.Jobs))
			}
			for i, j := range in.Jobs {
				if w := want(j); got.Jobs[i] != w {
					t.Errorf("job %d:\n got %+v\nwant %+v", i, got.Jobs[i], w)
				}
			}
			checkOnlyCDATA(t, b.Bytes())
			xmllint(t, b.Bytes())
		})
	}
}

// checkOnlyCDATA asserts Indeed's rules: outside CDATA sections there is no
// "&" (no entity or character reference) and no text but white space, so
// every value is in CDATA; empty elements are left out.
func checkOnlyCDATA(t *testing.T, data []byte) {
	t.Helper()
	s := string(data)
	var rest strings.Builder
	for {
		i := strings.Index(s, "<![CDATA[")
		if i < 0 {
			rest.WriteString(s)
			break
		}
		rest.WriteString(s[:i])
		s = s[i+len("<![CDATA["):]
		j := strings.Index(s, "]]>")
		if j < 0 {
			t.Fatalf("unterminated CDATA section in\n%s", data)
		}
		s = s[j+len("]]>"):]
	}
	out := rest.String()
	if strings.Contains(out, "&") {
		t.Errorf("an entity or character reference outside CDATA:\n%s", out)
	}
	d := xml.NewDecoder(strings.NewReader(out))
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if cd, ok := tok.(xml.CharData); ok && len(bytes.TrimSpace(cd)) > 0 {
			t.Errorf("text outside CDATA: %q", cd)
		}
	}
	// No empty value element: every leaf but <source> has text.
	d = xml.NewDecoder(bytes.NewReader(data))
	var text []byte
	leaf := false
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			text, leaf = text[:0], true
		case xml.CharData:
			text = append(text, tok...)
		case xml.EndElement:
			if leaf && len(text) == 0 && tok.Name.Local != "source" {
				t.Errorf("empty <%s>", tok.Name.Local)
			}
			leaf = false
		}
	}
}

func TestJobsCDATASplit(t *testing.T) {
	var b bytes.Buffer
	j := sampleJobs()
	j.Jobs = j.Jobs[:1]
	j.Jobs[0].Title = "a]]>b"
	if err := WriteJobs(&b, j); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "<title><![CDATA[a]]]]><![CDATA[>b]]></title>") {
		t.Errorf("]]> not split as ]]]]><![CDATA[>:\n%s", b.String())
	}
}

func TestJobsErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*JobFeed)
	}{
		{"no title", func(f *JobFeed) { f.Jobs[0].Title = "" }},
		{"title only invalid characters", func(f *JobFeed) { f.Jobs[0].Title = "\x00\x01" }},
		{"no date", func(f *JobFeed) { f.Jobs[0].Date = day(0, 0, 0) }},
		{"no reference number", func(f *JobFeed) { f.Jobs[1].ReferenceNumber = "" }},
		{"no requisition id", func(f *JobFeed) { f.Jobs[0].RequisitionID = "" }},
		{"duplicate reference number", func(f *JobFeed) { f.Jobs[1].ReferenceNumber = f.Jobs[0].ReferenceNumber }},
		{"no url", func(f *JobFeed) { f.Jobs[0].URL = "" }},
		{"relative url", func(f *JobFeed) { f.Jobs[0].URL = "/fr/x/" }},
		{"no company", func(f *JobFeed) { f.Jobs[0].Company = "" }},
		{"no description", func(f *JobFeed) { f.Jobs[0].Description = "" }},
		{"relative publisher url", func(f *JobFeed) { f.PublisherURL = "emplois" }},
		{"year out of range", func(f *JobFeed) { f.Jobs[0].ExpirationDate = day(12345, 1, 1) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := sampleJobs()
			tc.change(&f)
			var b bytes.Buffer
			err := WriteJobs(&b, f)
			if err == nil {
				t.Fatalf("no error; wrote\n%s", b.String())
			}
			if b.Len() > 0 {
				t.Errorf("wrote %d bytes despite the error %v", b.Len(), err)
			}
		})
	}
}

// FuzzJobsCDATA puts any string in each text field of a job in turn: the
// output must stay well-formed, keep every value in CDATA, and decode back to
// the string without the characters XML cannot carry (see clean) and with
// XML's line ends.
func FuzzJobsCDATA(f *testing.F) {
	for _, s := range []string{"", "x", "]]>", "a]]>b]]>", "]]", "]", "<![CDATA[", "&amp;", "\x00", "\r\n\r", "\xff\xfe", "\ufffe", nasty} {
		f.Add(s)
	}
	required := map[string]bool{"Title": true, "ReferenceNumber": true, "RequisitionID": true, "URL": true, "Company": true, "Description": true}
	f.Fuzz(func(t *testing.T, s string) {
		typ := reflect.TypeFor[Job]()
		for i := range typ.NumField() {
			field := typ.Field(i)
			if field.Type.Kind() != reflect.String {
				continue
			}
			feed := sampleJobs()
			feed.Publisher = s
			v := reflect.ValueOf(&feed.Jobs[0]).Elem().Field(i)
			if field.Name == "URL" {
				v.SetString("https://example.org/" + s)
			} else {
				v.SetString(s)
			}
			var b bytes.Buffer
			err := WriteJobs(&b, feed)
			if err != nil {
				val := cleanCDATA(v.String())
				switch {
				case required[field.Name] && val == "":
				case field.Name == "ReferenceNumber" && val == cleanCDATA(feed.Jobs[1].ReferenceNumber):
				case field.Name == "URL" && absoluteURL(val) != nil:
				default:
					t.Fatalf("%s = %q: %v", field.Name, v.String(), err)
				}
				if b.Len() > 0 {
					t.Fatalf("%s = %q: wrote output despite %v", field.Name, v.String(), err)
				}
				continue
			}
			var got jbSource
			if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
				t.Fatalf("%s = %q: not well-formed: %v\n%s", field.Name, v.String(), err, b.String())
			}
			if got.Publisher != cleanCDATA(s) {
				t.Fatalf("publisher %q, want %q", got.Publisher, cleanCDATA(s))
			}
			if w := want(feed.Jobs[0]); got.Jobs[0] != w {
				t.Fatalf("%s = %q:\n got %+v\nwant %+v", field.Name, v.String(), got.Jobs[0], w)
			}
			checkOnlyCDATA(t, b.Bytes())
		}
	})
}

func TestJobType(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{[]string{"FULL_TIME"}, "fulltime"},
		{[]string{"PART_TIME"}, "parttime"},
		{[]string{"TEMPORARY", "FULL_TIME"}, "temporary, fulltime"},
		{[]string{"INTERN"}, "internship"},
		{[]string{"PART_TIME", "INTERN"}, "parttime, internship"},
		{[]string{"VOLUNTEER"}, "volunteer"},
		{[]string{"CONTRACTOR"}, "contract"},
		{[]string{"PER_DIEM"}, ""},
		{nil, ""},
	} {
		if got := JobType(tc.in); got != tc.want {
			t.Errorf("JobType(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
