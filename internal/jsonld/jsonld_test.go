package jsonld

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Paris whatever the machine has

	"github.com/jobboard/jobboard/internal/content"
)

func mustDate(t testing.TB, s string) content.Date {
	t.Helper()
	d, err := content.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func testSite(t testing.TB) *content.Site {
	t.Helper()
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return &content.Site{
		BaseURL:   "https://emplois.example.org/",
		Languages: []string{"fr", "en"},
		TimeZone:  paris,
		Organizations: map[string]*content.Organization{
			"exemple": {
				Key:  "exemple",
				URL:  "https://www.example.org/",
				Logo: "logo.png",
				Text: map[string]*content.OrganizationText{
					"fr": {Lang: "fr", Name: "Association Exemple"},
					"en": {Lang: "en", Name: "Example Association"},
				},
			},
		},
	}
}

// testPosting is a CDI in Calais; cases change its facts.
func testPosting(t testing.TB) *content.Posting {
	t.Helper()
	return &content.Posting{
		Slug: "mediateur-calais",
		Facts: content.Facts{
			Organization: "exemple",
			Contract:     content.CDI,
			Hours:        "full-time",
			HoursPerWeek: 35,
			Salary:       &content.Salary{Min: 24000, Max: 28000, Currency: "EUR", Period: "year", Basis: "gross"},
			Location:     content.Location{City: "Calais", PostalCode: "62100", Region: "Hauts-de-France", Country: "FR"},
			Remote:       "no",
			Start:        content.Start{Date: mustDate(t, "2026-12-01")},
			Posted:       mustDate(t, "2026-11-20"),
			Expires:      mustDate(t, "2027-01-15"),
			Apply:        content.Apply{To: []string{"recrutement@example.org"}, Subject: "Candidature"},
		},
		Translations: map[string]*content.Translation{
			"fr": {Lang: "fr", Title: "Médiateur·rice interculturel·le"},
			"en": {Lang: "en", Title: "Intercultural mediator"},
		},
		Langs: []string{"fr", "en"},
	}
}

const testDescriptionFR = `<p>L'Association Exemple recrute un·e médiateur·rice interculturel·le pour son antenne de Calais.</p>
<h2>Missions</h2>
<ul>
<li>aller vers les enfants en transit, les écouter et les orienter ;</li>
<li>assurer l'interprétariat et la médiation avec les <strong>acteurs de terrain</strong>.</li>
</ul>
<h2>Conditions</h2>
<p>Contrat, durée, horaires, salaire brut, lieu et date de début : voir ci-dessous. Candidature par e-mail à <a href="mailto:recrutement@example.org">recrutement@example.org</a>.</p>
`

const testDescriptionEN = `<p>Example Association is hiring an intercultural mediator for its office in Calais.</p>
<h2>Duties</h2>
<ol>
<li>reach out to children in transit, listen to them and guide them;</li>
<li>interpret and mediate with <em>field workers</em>.</li>
</ol>
<p>Contract, duration, hours, gross salary, place and start date: see below. Apply by e-mail to recrutement@example.org.</p>
`

func testInput(t testing.TB, site *content.Site, p *content.Posting, lang string) Input {
	t.Helper()
	org := site.Organizations[p.Facts.Organization]
	desc := testDescriptionFR
	hours := ""
	if p.Facts.HoursPerWeek > 0 {
		hours = fmt.Sprintf("%g heures par semaine", p.Facts.HoursPerWeek)
	}
	if lang == "en" {
		desc = testDescriptionEN
		if hours != "" {
			hours = fmt.Sprintf("%g hours a week", p.Facts.HoursPerWeek)
		}
	}
	return Input{
		Site:        site,
		Posting:     p,
		Lang:        lang,
		PageURL:     site.BaseURL + lang + "/" + p.Slug + "/",
		Title:       p.Translations[lang].Title,
		Description: desc,
		OrgName:     org.Text[lang].Name,
		LogoURL:     site.BaseURL + org.Logo,
		WorkHours:   hours,
	}
}

// The mapping table of the brief and of the research note, literally.
func TestEmploymentType(t *testing.T) {
	tests := []struct {
		contract content.Contract
		hours    string
		want     []string
	}{
		{content.CDI, "full-time", []string{"FULL_TIME"}},
		{content.CDI, "part-time", []string{"PART_TIME"}},
		{content.CDD, "full-time", []string{"TEMPORARY", "FULL_TIME"}},
		{content.CDD, "part-time", []string{"TEMPORARY", "PART_TIME"}},
		{content.Interim, "full-time", []string{"TEMPORARY", "FULL_TIME"}},
		{content.Interim, "part-time", []string{"TEMPORARY", "PART_TIME"}},
		{content.Stage, "full-time", []string{"INTERN"}},
		{content.Stage, "part-time", []string{"INTERN"}},
		{content.Alternance, "full-time", []string{"FULL_TIME", "INTERN"}},
		{content.Alternance, "part-time", []string{"PART_TIME", "INTERN"}},
		{content.Volontariat, "full-time", []string{"VOLUNTEER"}},
		{content.Benevolat, "part-time", []string{"VOLUNTEER"}},
		{content.Freelance, "full-time", []string{"CONTRACTOR"}},
		{content.Contract("saisonnier"), "full-time", nil},
	}
	for _, tt := range tests {
		if got := EmploymentType(tt.contract, tt.hours); !slices.Equal(got, tt.want) {
			t.Errorf("EmploymentType(%s, %s) = %q, want %q", tt.contract, tt.hours, got, tt.want)
		}
	}
	// Every contract the content format knows has a mapping.
	for _, c := range content.Contracts {
		if EmploymentType(c, "full-time") == nil {
			t.Errorf("contract %s has no employmentType", c)
		}
	}
}

// buildCase is one posting: facts changed from testPosting, the language of
// the page, the employmentType the table gives, and the checker's expected
// warnings (none for a complete posting).
type buildCase struct {
	name     string
	lang     string
	edit     func(t testing.TB, f *content.Facts)
	wantType []string
	allowed  []string
	check    func(t *testing.T, m map[string]any)
}

func buildCases() []buildCase {
	return []buildCase{
		{name: "cdi-full-time", lang: "fr", wantType: []string{"FULL_TIME"}},
		{name: "cdi-full-time-en", lang: "en", wantType: []string{"FULL_TIME"}},
		{name: "cdi-part-time", lang: "fr", wantType: []string{"PART_TIME"},
			edit: func(t testing.TB, f *content.Facts) { f.Hours, f.HoursPerWeek = "part-time", 24 }},
		{name: "cdd", lang: "fr", wantType: []string{"TEMPORARY", "FULL_TIME"},
			edit: func(t testing.TB, f *content.Facts) {
				f.Contract, f.DurationMonths = content.CDD, 12
				f.Salary = &content.Salary{Min: 2300, Max: 2600, Currency: "EUR", Period: "month", Basis: "gross"}
			}},
		{name: "interim-part-time", lang: "en", wantType: []string{"TEMPORARY", "PART_TIME"},
			edit: func(t testing.TB, f *content.Facts) {
				f.Contract, f.Hours, f.HoursPerWeek = content.Interim, "part-time", 17.5
				f.Salary = &content.Salary{Min: 12.5, Max: 14.25, Currency: "EUR", Period: "hour", Basis: "gross"}
			}},
		{name: "stage", lang: "fr", wantType: []string{"INTERN"},
			edit: func(t testing.TB, f *content.Facts) {
				f.Contract, f.DurationMonths = content.Stage, 6
				f.Salary = &content.Salary{Min: 4.35, Max: 4.35, Currency: "EUR", Period: "hour", Basis: "net"}
			}},
		{name: "alternance", lang: "fr", wantType: []string{"FULL_TIME", "INTERN"},
			edit: func(t testing.TB, f *content.Facts) {
				f.Contract, f.DurationMonths = content.Alternance, 24
				f.Salary = &content.Salary{Min: 1100, Max: 1400, Currency: "EUR", Period: "month", Basis: "gross"}
			}},
		{name: "volontariat", lang: "fr", wantType: []string{"VOLUNTEER"},
			edit: func(t testing.TB, f *content.Facts) {
				f.Contract, f.DurationMonths, f.HoursPerWeek = content.Volontariat, 8, 0
				f.Salary = &content.Salary{Min: 620, Max: 620, Currency: "EUR", Period: "month", Basis: "net"}
			}},
		{name: "freelance", lang: "en", wantType: []string{"CONTRACTOR"},
			edit: func(t testing.TB, f *content.Facts) {
				f.Contract = content.Freelance
				f.Salary = &content.Salary{Min: 45, Max: 60, Currency: "EUR", Period: "hour", Basis: "gross"}
			}},
		{name: "benevolat-no-salary", lang: "fr", wantType: []string{"VOLUNTEER"},
			edit: func(t testing.TB, f *content.Facts) {
				f.Contract, f.Hours, f.HoursPerWeek, f.Salary = content.Benevolat, "part-time", 0, nil
			},
			// Unpaid: Google recommends baseSalary, but there is none to give.
			allowed: []string{"missing-recommended: baseSalary"},
			check: func(t *testing.T, m map[string]any) {
				for _, k := range []string{"baseSalary", "salaryCurrency"} {
					if _, ok := m[k]; ok {
						t.Errorf("%s present for an unpaid posting", k)
					}
				}
			}},
		{name: "asap", lang: "fr", wantType: []string{"FULL_TIME"},
			edit: func(t testing.TB, f *content.Facts) { f.Start = content.Start{ASAP: true} },
			check: func(t *testing.T, m map[string]any) {
				if m["jobImmediateStart"] != true {
					t.Errorf("jobImmediateStart = %v, want true", m["jobImmediateStart"])
				}
				if _, ok := m["jobStartDate"]; ok {
					t.Errorf("jobStartDate present with asap")
				}
			}},
		{name: "expires-winter", lang: "fr", wantType: []string{"FULL_TIME"},
			edit: func(t testing.TB, f *content.Facts) { f.Expires = mustDate(t, "2027-02-28") },
			check: func(t *testing.T, m map[string]any) {
				if v := m["validThrough"]; !strings.HasSuffix(v.(string), "T23:59:59+01:00") {
					t.Errorf("validThrough = %v, want the end of the day at +01:00 (CET)", v)
				}
			}},
		{name: "expires-summer", lang: "en", wantType: []string{"FULL_TIME"},
			edit: func(t testing.TB, f *content.Facts) { f.Expires = mustDate(t, "2027-07-15") },
			check: func(t *testing.T, m map[string]any) {
				if v := m["validThrough"]; !strings.HasSuffix(v.(string), "T23:59:59+02:00") {
					t.Errorf("validThrough = %v, want the end of the day at +02:00 (CEST)", v)
				}
			}},
		{name: "expires-on-dst-change", lang: "fr", wantType: []string{"FULL_TIME"},
			// 2027-03-28: clocks go forward at 02:00; the day ends at +02:00.
			edit: func(t testing.TB, f *content.Facts) { f.Expires = mustDate(t, "2027-03-28") },
			check: func(t *testing.T, m map[string]any) {
				if v := m["validThrough"]; v != "2027-03-28T23:59:59+02:00" {
					t.Errorf("validThrough = %v", v)
				}
			}},
		{name: "no-expiry", lang: "fr", wantType: []string{"FULL_TIME"},
			edit:    func(t testing.TB, f *content.Facts) { f.Expires = content.Date{} },
			allowed: []string{"missing-recommended: validThrough"},
			check: func(t *testing.T, m map[string]any) {
				if _, ok := m["validThrough"]; ok {
					t.Errorf("validThrough present without expires")
				}
			}},
		{name: "remote-full", lang: "fr", wantType: []string{"FULL_TIME"},
			edit: func(t testing.TB, f *content.Facts) { f.Remote, f.Residence = "full", []string{"FR"} },
			check: func(t *testing.T, m map[string]any) {
				if m["jobLocationType"] != "TELECOMMUTE" {
					t.Errorf("jobLocationType = %v", m["jobLocationType"])
				}
			}},
		{name: "remote-hybrid-residence", lang: "en", wantType: []string{"FULL_TIME"},
			edit: func(t testing.TB, f *content.Facts) { f.Remote, f.Residence = "hybrid", []string{"FR", "BE"} },
			check: func(t *testing.T, m map[string]any) {
				if _, ok := m["jobLocationType"]; ok {
					t.Errorf("jobLocationType on a hybrid posting")
				}
			}},
		{name: "several-places", lang: "fr", wantType: []string{"FULL_TIME"},
			edit: func(t testing.TB, f *content.Facts) {
				f.MoreLocations = []content.Location{{City: "Bruxelles", PostalCode: "1000", Country: "BE"}}
			}},
		{name: "several-places-remote-full", lang: "en", wantType: []string{"FULL_TIME"},
			edit: func(t testing.TB, f *content.Facts) {
				f.Remote, f.Residence = "full", nil
				f.MoreLocations = []content.Location{{City: "Bruxelles", Country: "BE"}, {City: "Lille", Country: "FR"}}
			},
			check: func(t *testing.T, m map[string]any) {
				got, _ := json.Marshal(m["applicantLocationRequirements"])
				if want := `[{"@type":"Country","name":"FR"},{"@type":"Country","name":"BE"}]`; string(got) != want {
					t.Errorf("applicantLocationRequirements = %s, want %s: the places' countries, once each", got, want)
				}
			}},
		{name: "sparse-address-no-logo", lang: "fr", wantType: []string{"FULL_TIME"},
			edit: func(t testing.TB, f *content.Facts) {
				f.Location = content.Location{City: "Lille", Country: "FR"}
			}},
	}
}

func buildFor(t *testing.T, tc buildCase) (Input, *JobPosting) {
	t.Helper()
	site, p := testSite(t), testPosting(t)
	if tc.edit != nil {
		tc.edit(t, &p.Facts)
	}
	in := testInput(t, site, p, tc.lang)
	if tc.name == "sparse-address-no-logo" {
		in.LogoURL = ""
	}
	return in, Build(in)
}

func TestBuild(t *testing.T) {
	for _, tc := range buildCases() {
		t.Run(tc.name, func(t *testing.T) {
			in, jp := buildFor(t, tc)
			if !slices.Equal(jp.EmploymentType, tc.wantType) {
				t.Errorf("employmentType = %q, want %q", jp.EmploymentType, tc.wantType)
			}
			data, err := Marshal(jp)
			if err != nil {
				t.Fatal(err)
			}
			m := roundTrip(t, in, data)
			if tc.check != nil {
				tc.check(t, m)
			}
		})
	}
}

// roundTrip decodes data and checks every property against the input and
// its facts.
func roundTrip(t *testing.T, in Input, data []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("unmarshal: %v\n%s", err, data)
	}
	f := in.Posting.Facts
	site := in.Site
	org := site.Organizations[f.Organization]

	allowed := map[string]bool{}
	for _, k := range strings.Fields(`@context @type title description url identifier datePosted validThrough
		employmentType hiringOrganization jobLocation jobLocationType applicantLocationRequirements
		baseSalary salaryCurrency jobStartDate jobImmediateStart jobDuration workHours directApply`) {
		allowed[k] = true
	}
	for k := range m {
		if !allowed[k] {
			t.Errorf("unexpected property %s", k)
		}
	}
	eq := func(what string, got, want any) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) || (got == nil) != (want == nil) {
			t.Errorf("%s = %#v, want %#v", what, got, want)
		}
	}
	obj := func(v any, what string) map[string]any {
		t.Helper()
		o, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%s is %#v, want an object", what, v)
		}
		return o
	}

	eq("@context", m["@context"], "https://schema.org")
	eq("@type", m["@type"], "JobPosting")
	eq("title", m["title"], in.Title)
	eq("description", m["description"], Simplify(in.Description))
	eq("url", m["url"], in.PageURL)

	posted, err := content.ParseDate(m["datePosted"].(string))
	if err != nil || posted != f.Posted {
		t.Errorf("datePosted = %v, want %v", m["datePosted"], f.Posted)
	}
	if f.Expires.IsZero() {
		eq("validThrough", m["validThrough"], nil)
	} else {
		vt, err := time.Parse(time.RFC3339, m["validThrough"].(string))
		if err != nil {
			t.Fatalf("validThrough: %v", err)
		}
		local := vt.In(site.TimeZone)
		_, wantOff := local.Zone()
		if _, off := vt.Zone(); off != wantOff {
			t.Errorf("validThrough offset %d s, want the site's %d s", off, wantOff)
		}
		if content.DateOf(local) != f.Expires || local.Add(time.Second).Day() == local.Day() {
			t.Errorf("validThrough %v is not the last second of %v in %v", vt, f.Expires, site.TimeZone)
		}
	}

	var et []string
	for _, e := range m["employmentType"].([]any) {
		et = append(et, e.(string))
	}
	eq("employmentType", et, EmploymentType(f.Contract, f.Hours))

	id := obj(m["identifier"], "identifier")
	eq("identifier.@type", id["@type"], "PropertyValue")
	eq("identifier.name", id["name"], org.Text[site.DefaultLanguage()].Name)
	eq("identifier.value", id["value"], in.Posting.Slug)

	ho := obj(m["hiringOrganization"], "hiringOrganization")
	eq("hiringOrganization.@type", ho["@type"], "Organization")
	eq("hiringOrganization.name", ho["name"], org.Text[in.Lang].Name)
	eq("hiringOrganization.sameAs", ho["sameAs"], org.URL)
	if in.LogoURL == "" {
		eq("hiringOrganization.logo", ho["logo"], nil)
	} else {
		eq("hiringOrganization.logo", ho["logo"], in.LogoURL)
	}

	// One place is an object; several, an array of one per place.
	places := []any{m["jobLocation"]}
	if len(f.MoreLocations) > 0 {
		places, _ = m["jobLocation"].([]any)
	}
	if len(places) != len(f.Locations()) {
		t.Fatalf("jobLocation %v, want one Place for each of %v", m["jobLocation"], f.Locations())
	}
	for i, loc := range f.Locations() {
		place := obj(places[i], "jobLocation")
		eq("jobLocation.@type", place["@type"], "Place")
		addr := obj(place["address"], "jobLocation.address")
		eq("address.@type", addr["@type"], "PostalAddress")
		for k, want := range map[string]string{
			"addressLocality": loc.City, "postalCode": loc.PostalCode,
			"addressRegion": loc.Region, "addressCountry": loc.Country,
		} {
			if want == "" {
				eq("address."+k, addr[k], nil) // empty parts are left out
			} else {
				eq("address."+k, addr[k], want)
			}
		}
	}

	if f.Remote == "full" {
		eq("jobLocationType", m["jobLocationType"], "TELECOMMUTE")
	} else {
		eq("jobLocationType", m["jobLocationType"], nil)
	}
	if len(f.Residence) > 0 {
		alr := m["applicantLocationRequirements"].([]any)
		var names []string
		for i, a := range alr {
			c := obj(a, fmt.Sprintf("applicantLocationRequirements[%d]", i))
			eq("applicantLocationRequirements @type", c["@type"], "Country")
			names = append(names, c["name"].(string))
		}
		eq("applicantLocationRequirements", names, f.Residence)
	} else if f.Remote != "full" { // full falls back to the places' countries: see several-places-remote-full
		eq("applicantLocationRequirements", m["applicantLocationRequirements"], nil)
	}

	if s := f.Salary; s == nil {
		eq("baseSalary", m["baseSalary"], nil)
	} else {
		bs := obj(m["baseSalary"], "baseSalary")
		eq("baseSalary.@type", bs["@type"], "MonetaryAmount")
		eq("baseSalary.currency", bs["currency"], s.Currency)
		eq("salaryCurrency", m["salaryCurrency"], s.Currency)
		q := obj(bs["value"], "baseSalary.value")
		eq("baseSalary.value.@type", q["@type"], "QuantitativeValue")
		eq("unitText", q["unitText"], strings.ToUpper(s.Period))
		if s.Min == s.Max {
			if q["value"] != s.Min {
				t.Errorf("value = %v, want %v", q["value"], s.Min)
			}
		} else {
			if q["minValue"] != s.Min || q["maxValue"] != s.Max {
				t.Errorf("minValue, maxValue = %v, %v, want %v, %v", q["minValue"], q["maxValue"], s.Min, s.Max)
			}
		}
		// Amounts are JSON numbers written the shortest way: 24000, not 24000.0 or 2.4e+04.
		for _, amount := range []float64{s.Min, s.Max} {
			num := strconv.FormatFloat(amount, 'f', -1, 64)
			if !bytes.Contains(data, []byte(":"+num+",")) && !bytes.Contains(data, []byte(":"+num+"}")) {
				t.Errorf("amount %v not written as %s in %s", amount, num, data)
			}
		}
		if bytes.Contains(data, []byte("e+")) || bytes.Contains(data, []byte(".0,")) {
			t.Errorf("amounts not written as plain numbers: %s", data)
		}
	}

	if f.Start.ASAP {
		eq("jobImmediateStart", m["jobImmediateStart"], true)
		eq("jobStartDate", m["jobStartDate"], nil)
	} else {
		eq("jobImmediateStart", m["jobImmediateStart"], nil)
		start, err := content.ParseDate(m["jobStartDate"].(string))
		if err != nil || start != f.Start.Date {
			t.Errorf("jobStartDate = %v, want %v", m["jobStartDate"], f.Start.Date)
		}
	}
	if f.DurationMonths > 0 {
		var n int
		if _, err := fmt.Sscanf(m["jobDuration"].(string), "P%dM", &n); err != nil || n != f.DurationMonths {
			t.Errorf("jobDuration = %v, want %d months", m["jobDuration"], f.DurationMonths)
		}
	} else {
		eq("jobDuration", m["jobDuration"], nil)
	}
	if in.WorkHours == "" {
		eq("workHours", m["workHours"], nil)
	} else {
		eq("workHours", m["workHours"], in.WorkHours)
		if !strings.Contains(m["workHours"].(string), strconv.FormatFloat(f.HoursPerWeek, 'f', -1, 64)) {
			t.Errorf("workHours %v does not say hours_per_week %v", m["workHours"], f.HoursPerWeek)
		}
	}
	if v, ok := m["directApply"]; !ok || v != false {
		t.Errorf("directApply = %v (present %v), want false", v, ok)
	}
	return m
}

// The identifier is the same on every language's page.
func TestIdentifierSameInEveryLanguage(t *testing.T) {
	site, p := testSite(t), testPosting(t)
	var ids []PropertyValue
	for _, lang := range site.Languages {
		ids = append(ids, *Build(testInput(t, site, p, lang)).Identifier)
	}
	for _, id := range ids[1:] {
		if id != ids[0] {
			t.Errorf("identifier differs between languages: %+v, %+v", ids[0], id)
		}
	}
}

// Field order is struct order, and the output is deterministic.
func TestMarshalStable(t *testing.T) {
	site, p := testSite(t), testPosting(t)
	a, _ := Marshal(Build(testInput(t, site, p, "fr")))
	b, _ := Marshal(Build(testInput(t, site, p, "fr")))
	if !bytes.Equal(a, b) {
		t.Fatal("two builds differ")
	}
	keys := []string{`"@context"`, `"@type"`, `"title"`, `"description"`, `"url"`, `"identifier"`, `"datePosted"`,
		`"validThrough"`, `"employmentType"`, `"hiringOrganization"`, `"jobLocation"`, `"baseSalary"`,
		`"salaryCurrency"`, `"jobStartDate"`, `"workHours"`, `"directApply"`}
	last := -1
	for _, k := range keys {
		i := bytes.Index(a, []byte(k))
		if i <= last {
			t.Errorf("%s out of order in %s", k, a)
		}
		last = i
	}
}

const hostile = "</script><script>alert(1)</script> <!-- x \u2028 y \u2029 & <b>"

// JSON-LD cannot break out of its script element whatever the content says.
func TestMarshalSafety(t *testing.T) {
	site, p := testSite(t), testPosting(t)
	in := testInput(t, site, p, "fr")
	in.Title = "Médiateur " + hostile
	// The summary and body as goldmark renders them (text escaped), plus raw
	// HTML that an unsafe renderer would pass through.
	in.Description = "<p>Résumé : " + html.EscapeString(hostile) + "</p>\n" + testDescriptionFR +
		"<script>alert('</p>')</script><!-- </script> --><p>Fin \u2028 du texte " + html.EscapeString(hostile) + "</p>"
	in.WorkHours = "35 h " + hostile
	jp := Build(in)
	data, err := Marshal(jp)
	if err != nil {
		t.Fatal(err)
	}
	// What could end the script element or change its state never appears
	// raw; other tags may, as JSON allows.
	for _, bad := range []string{"</", "<!", "<s", "<S", "\u2028", "\u2029"} {
		if bytes.Contains(data, []byte(bad)) {
			t.Errorf("raw %q in the JSON: %s", bad, data)
		}
	}
	for _, esc := range []string{`<\/script>`, `\u003c!--`, `\u003cscript>`, `\u2028`, `\u2029`} {
		if !bytes.Contains(data, []byte(esc)) {
			t.Errorf("%s missing from %s", esc, data)
		}
	}
	var back JobPosting
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back.Title != in.Title || back.WorkHours != in.WorkHours {
		t.Errorf("title/workHours changed in the round trip: %q, %q", back.Title, back.WorkHours)
	}
	if strings.Contains(back.Description, "<script") || strings.Contains(back.Description, "alert('") {
		t.Errorf("raw script survived Simplify: %q", back.Description)
	}
	if !strings.Contains(html.UnescapeString(back.Description), "</script><script>alert(1)</script> <!-- x") {
		t.Errorf("the text of the description was lost: %q", back.Description)
	}

	// The page as the site writes it: the checker must find one intact
	// JobPosting. The title really contains tag-like text, which the checker
	// warns about (html-in-title) and which is the employer's own wording.
	page := writePage(t, t.TempDir(), "hostile", "fr", jp)
	expectChecker(t, page, "html-in-title")
}

// Every case passes the reference checker with -strict -expired error.
func TestReferenceChecker(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range buildCases() {
		t.Run(tc.name, func(t *testing.T) {
			_, jp := buildFor(t, tc)
			expectChecker(t, writePage(t, dir, tc.name, tc.lang, jp), tc.allowed...)
		})
	}
}

// The example site's posting, loaded by the content package, in each of its
// languages: round trip against its front matter, and the reference checker.
func TestExampleSite(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Skip(err)
	}
	site, diags := content.Load(os.DirFS(root), content.Options{})
	if site == nil {
		t.Skipf("example site does not load: %v", diags)
	}
	if len(site.Postings) == 0 {
		t.Skip("example site has no posting")
	}
	dir := t.TempDir()
	for _, p := range site.Postings {
		for _, lang := range p.Langs {
			t.Run(p.Slug+"."+lang, func(t *testing.T) {
				tr := p.Translations[lang]
				org := site.Organizations[p.Facts.Organization]
				name := org.Text[lang]
				if name == nil {
					name = org.Text[site.DefaultLanguage()]
				}
				logo := ""
				if org.Logo != "" {
					logo = site.BaseURL + org.Logo
				}
				in := Input{
					Site: site, Posting: p, Lang: lang,
					PageURL:     site.BaseURL + lang + "/" + p.Slug + "/",
					Title:       tr.Title,
					Description: "<p>" + html.EscapeString(tr.Summary) + "</p>\n<pre>" + html.EscapeString(string(tr.Body)) + "</pre>",
					OrgName:     name.Name,
					LogoURL:     logo,
				}
				if p.Facts.HoursPerWeek > 0 {
					in.WorkHours = strconv.FormatFloat(p.Facts.HoursPerWeek, 'f', -1, 64) + " h"
				}
				jp := Build(in)
				data, err := Marshal(jp)
				if err != nil {
					t.Fatal(err)
				}
				roundTrip(t, in, data)
				var allowed []string
				if p.Facts.Expires.IsZero() {
					allowed = append(allowed, "missing-recommended: validThrough")
				}
				if p.Facts.Salary == nil {
					allowed = append(allowed, "missing-recommended: baseSalary")
				}
				expectChecker(t, writePage(t, dir, p.Slug+"."+lang, lang, jp), allowed...)
			})
		}
	}
}
