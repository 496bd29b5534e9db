package content

import (
	"slices"
	"strings"
	"testing"
)

// noExpires is the warning of a posting without a closing date, on the
// line of its opening "---".
var noExpires = at(1, "warning: expires: no closing date: the posting stays open until you add one (expires: YYYY-MM-DD) or delete it")

func TestFixtureLines(t *testing.T) {
	lines := strings.Split(validPostingFR, "\n")
	for n, prefix := range map[int]string{
		lTitle: "title:", lSummary: "summary:", lOrg: "organization:", lContract: "contract:",
		lHours: "hours:", lHoursPW: "hours_per_week:", lSalary: "salary:", lMin: "  min:",
		lMax: "  max:", lCurrency: "  currency:", lPeriod: "  period:", lBasis: "  basis:",
		lLocation: "location:", lCity: "  city:", lPostal: "  postal_code:", lRegion: "  region:",
		lCountry: "  country:", lRemote: "remote:", lEligibility: "eligibility:",
		lResidence: "  residence:", lStart: "start:", lPosted: "posted:", lExpires: "expires:",
		lApply: "apply:", lTo: "  to:", lTo1: "    - jobs@", lTo2: "    - boss@",
		lSubject: "  subject:", lDocuments: "  documents:", lLanguages: "languages:",
		lRequired: "  required:", lPlus: "  plus:", lClose: "---", lBody: "Texte",
	} {
		if !strings.HasPrefix(lines[n-1], prefix) {
			t.Errorf("line %d of the fixture is %q, want %s…", n, lines[n-1], prefix)
		}
	}
}

func TestValidFixture(t *testing.T) {
	site, ds := Load(testSite(nil), Options{})
	if len(ds) != 0 || site == nil {
		t.Fatalf("the fixture is not clean: %v", strs(ds))
	}
}

// locationBlock is the location of the fixture, one place.
const locationBlock = "location:\n  city: Calais\n  postal_code: \"62100\"\n  region: Hauts-de-France\n  country: FR\n"

// TestSeveralLocations: location may list several places; the first is
// Location, the others MoreLocations, with the line of each city.
func TestSeveralLocations(t *testing.T) {
	files := map[string]string{postingFR: fr(locationBlock, "location:\n  - city: Calais\n    country: FR\n  - city: Lille\n    country: FR\n")}
	site, ds := Load(testSite(files), Options{})
	if len(ds) != 0 || site == nil {
		t.Fatalf("diagnostics: %v", strs(ds))
	}
	p := site.Postings[0]
	got := p.Facts.Locations()
	want := []Location{{City: "Calais", Country: "FR"}, {City: "Lille", Country: "FR"}}
	if !slices.Equal(got, want) || !slices.Equal(p.CityLines, []int{lLocation + 1, lLocation + 3}) {
		t.Errorf("places %v at lines %v, want %v at %d and %d", got, p.CityLines, want, lLocation+1, lLocation+3)
	}
}

// TestPostingRules covers every rule of the spec's table of posting
// fields and of issue 2, each with a bad input and its exact diagnostics.
func TestPostingRules(t *testing.T) {
	runLoadCases(t, []loadCase{
		// Unknown keys, with suggestions.
		{name: "unknown key expire", files: map[string]string{postingFR: fr("expires:", "expire:")},
			want: []string{noExpires, at(lExpires, "expire: unknown field; did you mean expires?")}},
		{name: "unknown key without suggestion", files: map[string]string{postingFR: fr(`remote: "no"`, "colour: red")},
			want: []string{at(lRemote, "colour: unknown field; the fields are: title, summary, organization, contract, duration_months, hours, hours_per_week, salary, location, remote, eligibility, start, posted, expires, filled, apply, languages, draft")}},
		{name: "nested key at top level", files: map[string]string{postingFR: fr("summary: Aller vers les enfants en transit.", "city: Calais")},
			want: []string{at(lSummary, "city: unknown field here; did you mean location.city?")}},
		{name: "nested unknown salary key", files: map[string]string{postingFR: fr("  currency:", "  curency:")},
			want: []string{at(lCurrency, "salary.curency: unknown field; did you mean currency?")}},
		{name: "nested unknown location key", files: map[string]string{postingFR: fr("  postal_code:", "  zip:")},
			want: []string{at(lPostal, "location.zip: unknown field; the fields are: city, postal_code, region, country")}},
		{name: "nested unknown apply key", files: map[string]string{postingFR: fr("  subject:", "  subjet:")},
			want: []string{at(lSubject, "apply.subjet: unknown field; did you mean subject?")}},
		{name: "nested unknown eligibility key", files: map[string]string{postingFR: fr("  residence:", "  residency:")},
			want: []string{at(lResidence, "eligibility.residency: unknown field; did you mean residence?")}},
		{name: "nested unknown languages key", files: map[string]string{postingFR: fr("  plus:", "  bonus:")},
			want: []string{at(lPlus, "languages.bonus: unknown field; did you mean plus?")}},
		{name: "key given twice", files: map[string]string{postingFR: fr("hours_per_week: 35", "contract: CDD")},
			want: []string{at(lHoursPW, "contract: given twice (first on line 5); keep one")}},

		// Translatable fields.
		{name: "title missing", files: map[string]string{postingFR: fr("title: Médiateur interculturel", "# no title")},
			want: []string{at(1, "title: missing; every language file needs the job title")}},
		{name: "title empty", files: map[string]string{postingFR: fr("title: Médiateur interculturel", `title: "  "`)},
			want: []string{at(lTitle, "title: is empty; give a value or remove the line")}},
		{name: "title missing in translation", files: map[string]string{postingEN: "---\nsummary: x\n---\nThe job.\n"},
			want: []string{postingEN + ":1: title: missing; every language file needs the job title"}},
		{name: "summary not text", files: map[string]string{postingFR: fr("summary: Aller vers les enfants en transit.", "summary: [a, b]")},
			want: []string{at(lSummary, "summary: must be a single value, not a list")}},

		// organization
		{name: "organization missing", files: map[string]string{postingFR: fr("organization: acme", "# organization")},
			want: []string{at(1, "organization: missing; give the employer's key (its file name in content/organizations/, like ecpat-france)")}},
		{name: "organization unknown", files: map[string]string{postingFR: fr("organization: acme", "organization: acme-corp")},
			want: []string{at(lOrg, `organization: no employer "acme-corp": create content/organizations/acme-corp.fr.md, or write one of the employers there are: acme`)}},
		{name: "organization mistyped", files: map[string]string{postingFR: fr("organization: acme", "organization: acmee")},
			want: []string{at(lOrg, `organization: no employer "acmee"; did you mean acme? (else create content/organizations/acmee.fr.md)`)}},
		{name: "organization not a key", files: map[string]string{postingFR: fr("organization: acme", "organization: Acme France")},
			want: []string{at(lOrg, `organization: "Acme France" is not an organization key: use the name of its file in content/organizations/ without the language and .md, like ecpat-france`)}},
		{name: "organization missing in one language", files: map[string]string{orgEN: deleted},
			want: []string{at(lOrg, `organization: employer "acme" has no English text: create content/organizations/acme.en.md`)}},
		{name: "organization file broken is not reported as missing", files: map[string]string{orgEN: "---\nname: [\n---\nx\n"},
			want: []string{orgEN + ":2: this front matter is not valid YAML: a value is missing or cut short (YAML: did not find expected node content)"}},

		// contract
		{name: "contract missing", files: map[string]string{postingFR: fr("contract: CDI", "# contract")},
			want: []string{at(1, "contract: missing; give the contract: CDI, CDD, interim, alternance, stage, freelance, volontariat, benevolat")}},
		{name: "contract typo", files: map[string]string{postingFR: fr("contract: CDI", "contract: intreim")},
			want: []string{at(lContract, `contract: "intreim" is not allowed; did you mean interim? (allowed: CDI, CDD, interim, alternance, stage, freelance, volontariat, benevolat)`)}},
		// As near CDI as CDD: no guess, which would make a permanent job a
		// fixed-term one or the reverse.
		{name: "contract typo between two", files: map[string]string{postingFR: fr("contract: CDI", "contract: CID")},
			want: []string{at(lContract, `contract: "CID" is not allowed; use one of: CDI, CDD, interim, alternance, stage, freelance, volontariat, benevolat`)}},
		// An example of init or new is one only in its own field.
		{name: "example words in a real value", files: map[string]string{postingFR: fr("summary: Aller vers les enfants en transit.",
			`summary: "Lieu exact À préciser, à Calais ; To be decided ; rh@www.example.org"`)}},
		{name: "example city", files: map[string]string{postingFR: fr("  city: Calais", `  city: "À préciser"`)},
			want: []string{at(lCity, `location.city: holds "À préciser", an example: write the real value`)}},
		{name: "example postal code", files: map[string]string{postingFR: fr(`  postal_code: "62100"`, `  postal_code: "00000"`)},
			want: []string{at(lPostal, `location.postal_code: holds "00000", an example: write the real value`)}},
		// A text asking for a subject that apply lacks: the Apply link
		// would open an e-mail without it.
		{name: "subject asked, none given", files: map[string]string{postingFR: fr("  subject: candidature médiateur\n", "",
			"Texte de l'offre.", "Texte de l'offre.\n\nÉcrivez avec pour objet « candidature médiateur ».")},
			want: []string{postingFR + `:36: warning: the text asks for an e-mail subject ("avec pour objet"), but apply gives none: write it as apply.subject, so that the Apply link puts it in the candidate's e-mail`}},
		{name: "subject asked, given", files: map[string]string{postingFR: fr("Texte de l'offre.", "Texte de l'offre.\n\nÉcrivez avec pour objet « candidature médiateur ».")}},
		{name: "subject not asked", files: map[string]string{postingFR: fr("  subject: candidature médiateur\n", "",
			"Texte de l'offre.", "La mission a pour objet d'aller vers les enfants. L'objet du poste : la médiation.")}},
		{name: "contract case", files: map[string]string{postingFR: fr("contract: CDI", "contract: cdi")},
			want: []string{at(lContract, `contract: "cdi" is not allowed; write CDI`)}},
		{name: "contract unknown", files: map[string]string{postingFR: fr("contract: CDI", "contract: permanent")},
			want: []string{at(lContract, `contract: "permanent" is not allowed; use one of: CDI, CDD, interim, alternance, stage, freelance, volontariat, benevolat`)}},

		// duration_months
		{name: "duration required for CDD", files: map[string]string{postingFR: fr("contract: CDI", "contract: CDD")},
			want: []string{at(lContract, "duration_months: missing; a CDD needs its length in months (duration_months: 12)")}},
		{name: "duration required for stage", files: map[string]string{postingFR: fr("contract: CDI", "contract: stage")},
			want: []string{at(lContract, "duration_months: missing; a stage needs its length in months (duration_months: 12)")}},
		{name: "duration required for alternance", files: map[string]string{postingFR: fr("contract: CDI", "contract: alternance")},
			want: []string{at(lContract, "duration_months: missing; a alternance needs its length in months (duration_months: 12)")}},
		{name: "duration required for volontariat", files: map[string]string{postingFR: fr("contract: CDI", "contract: volontariat")},
			want: []string{at(lContract, "duration_months: missing; a volontariat needs its length in months (duration_months: 12)")}},
		{name: "duration given for CDD", files: map[string]string{postingFR: fr("contract: CDI", "contract: CDD", "hours_per_week: 35", "duration_months: 6")}},
		{name: "duration forbidden for CDI", files: map[string]string{postingFR: fr("hours_per_week: 35", "duration_months: 12")},
			want: []string{at(lHoursPW, "duration_months: a CDI has no set length; remove this line")}},
		{name: "duration zero", files: map[string]string{postingFR: fr("contract: CDI", "contract: CDD", "hours_per_week: 35", "duration_months: 0")},
			want: []string{at(lHoursPW, "duration_months: 0 months is not a possible duration; give the number of months, between 1 and 120")}},
		{name: "duration fraction", files: map[string]string{postingFR: fr("contract: CDI", "contract: CDD", "hours_per_week: 35", "duration_months: 6.5")},
			want: []string{at(lHoursPW, `duration_months: must be a whole number, not "6.5"`)}},
		{name: "duration words", files: map[string]string{postingFR: fr("contract: CDI", "contract: CDD", "hours_per_week: 35", "duration_months: six")},
			want: []string{at(lHoursPW, `duration_months: must be a number, like 24000 (no spaces, units or currency), not "six"`)}},

		// hours, hours_per_week
		{name: "hours missing", files: map[string]string{postingFR: fr("hours: full-time", "# hours")},
			want: []string{at(1, "hours: missing; give the hours: full-time or part-time")}},
		{name: "hours typo", files: map[string]string{postingFR: fr("hours: full-time", "hours: fulltime")},
			want: []string{at(lHours, `hours: "fulltime" is not allowed; did you mean full-time? (allowed: full-time, part-time)`)}},
		{name: "hours empty", files: map[string]string{postingFR: fr("hours: full-time", "hours:")},
			want: []string{at(lHours, "hours: is empty; give a value or remove the line")}},
		{name: "hours_per_week with unit", files: map[string]string{postingFR: fr("hours_per_week: 35", "hours_per_week: 35h")},
			want: []string{at(lHoursPW, `hours_per_week: must be a number alone, not "35h"; write hours_per_week: 35`)}},
		{name: "hours_per_week zero", files: map[string]string{postingFR: fr("hours_per_week: 35", "hours_per_week: 0")},
			want: []string{at(lHoursPW, "hours_per_week: 0 hours a week is not possible; give a number above 0 and at most 48 (the legal maximum in France)")}},
		{name: "hours_per_week too many", files: map[string]string{postingFR: fr("hours_per_week: 35", "hours_per_week: 60")},
			want: []string{at(lHoursPW, "hours_per_week: 60 hours a week is not possible; give a number above 0 and at most 48 (the legal maximum in France)")}},
		{name: "hours_per_week fraction", files: map[string]string{postingFR: fr("hours_per_week: 35", "hours_per_week: 17.5")}},

		// salary
		{name: "salary missing", files: map[string]string{postingFR: fr("salary:\n  min: 24000\n  max: 28000\n  currency: EUR\n  period: year\n  basis: gross\n", "#\n#\n#\n#\n#\n#\n")},
			want: []string{at(1, "salary: missing; give the pay band: salary: {min: 24000, max: 28000, period: year}")}},
		{name: "salary forbidden for benevolat", files: map[string]string{postingFR: fr("contract: CDI", "contract: benevolat")},
			want: []string{at(lSalary, "salary: volunteering (benevolat) is unpaid; remove the salary")}},
		{name: "benevolat without salary", files: map[string]string{postingFR: fr("contract: CDI", "contract: benevolat", "salary:\n  min: 24000\n  max: 28000\n  currency: EUR\n  period: year\n  basis: gross\n", "")}},
		{name: "salary min above max", files: map[string]string{postingFR: fr("  min: 24000", "  min: 30000")},
			want: []string{at(lMin, "salary: min 30000 is above max 28000")}},
		{name: "salary min equal max", files: map[string]string{postingFR: fr("  min: 24000", "  min: 28000")}},
		{name: "salary min zero", files: map[string]string{postingFR: fr("  min: 24000", "  min: 0")},
			want: []string{at(lMin, "salary.min: must be above 0, not 0")}},
		{name: "salary max negative", files: map[string]string{postingFR: fr("  max: 28000", "  max: -28000")},
			want: []string{at(lMax, "salary.max: must be above 0, not -28000")}},
		{name: "salary large numbers in full", files: map[string]string{postingFR: fr("  min: 24000", "  min: 3000000", "  max: 28000", "  max: 2500000")},
			want: []string{at(lMin, "salary: min 3000000 is above max 2500000")}},
		{name: "salary min missing", files: map[string]string{postingFR: fr("  min: 24000", "  # min")},
			want: []string{at(lSalary, "salary.min: missing; a salary band needs min and max (the same number twice for a fixed salary)")}},
		{name: "salary max with spaces", files: map[string]string{postingFR: fr("  max: 28000", "  max: 28 000")},
			want: []string{at(lMax, `salary.max: must be a number alone, not "28 000"; write max: 28000`)}},
		{name: "salary max in words", files: map[string]string{postingFR: fr("  max: 28000", "  max: 28 k")},
			want: []string{at(lMax, `salary.max: must be a number, like 24000 (no spaces, units or currency), not "28 k"`)}},
		{name: "salary not a group", files: map[string]string{postingFR: fr("salary:\n  min: 24000\n  max: 28000\n  currency: EUR\n  period: year\n  basis: gross\n", "salary: 24000\n#\n#\n#\n#\n#\n")},
			want: []string{at(lSalary, `salary: must be a group of fields (salary: {…}), not "24000"`)}},
		{name: "currency not ISO", files: map[string]string{postingFR: fr("  currency: EUR", "  currency: euro")},
			want: []string{at(lCurrency, `salary.currency: "euro" is not an ISO 4217 currency code; use three capital letters, like EUR`)}},
		{name: "currency lower case", files: map[string]string{postingFR: fr("  currency: EUR", "  currency: eur")},
			want: []string{at(lCurrency, `salary.currency: "eur": write currency codes in capitals: EUR`)}},
		{name: "currency no money", files: map[string]string{postingFR: fr("  currency: EUR", "  currency: XXX")},
			want: []string{at(lCurrency, `salary.currency: "XXX" is not an ISO 4217 currency code; use three capital letters, like EUR`)}},
		{name: "currency CFA franc", files: map[string]string{postingFR: fr("  currency: EUR", "  currency: XOF")}},
		{name: "period missing", files: map[string]string{postingFR: fr("  period: year", "  # period")},
			want: []string{at(lSalary, "salary.period: missing; say what the amounts are for: year, month or hour")}},
		{name: "period unknown", files: map[string]string{postingFR: fr("  period: year", "  period: weekly")},
			want: []string{at(lPeriod, `salary.period: "weekly" is not allowed; use one of: year, month, hour`)}},
		{name: "period typo", files: map[string]string{postingFR: fr("  period: year", "  period: years")},
			want: []string{at(lPeriod, `salary.period: "years" is not allowed; did you mean year? (allowed: year, month, hour)`)}},
		{name: "basis unknown", files: map[string]string{postingFR: fr("  basis: gross", "  basis: brutto")},
			want: []string{at(lBasis, `salary.basis: "brutto" is not allowed; use one of: gross, net`)}},

		// location
		{name: "location missing", files: map[string]string{postingFR: fr("location:\n  city: Calais\n  postal_code: \"62100\"\n  region: Hauts-de-France\n  country: FR\n", "#\n#\n#\n#\n#\n")},
			want: []string{at(1, "location: missing; give the place of work: location: {city: …, postal_code: …, country: FR}")}},
		{name: "locations: second place without country", files: map[string]string{postingFR: fr(locationBlock, "location:\n  - city: Calais\n    country: FR\n  - city: Lille\n    region: Hauts-de-France\n")},
			want: []string{at(lLocation+3, "location.country: missing; give the country code, like FR")}},
		{name: "locations: a place twice", files: map[string]string{postingFR: fr(locationBlock, "location:\n  - city: Calais\n    country: FR\n  - city: Calais\n    country: FR\n")},
			want: []string{at(lLocation+3, "location.city: Calais is listed twice; list each place of work once")}},
		{name: "locations: empty list", files: map[string]string{postingFR: fr(locationBlock, "location: []\n#\n#\n#\n#\n")},
			want: []string{at(lLocation, "location: is an empty list; give at least one place of work: location: {city: …, country: FR}")}},
		{name: "locations: a place that is no group", files: map[string]string{postingFR: fr(locationBlock, "location:\n  - Calais\n  - city: Lille\n    country: FR\n#\n")},
			want: []string{at(lLocation+1, `location: must be a group of fields (location: {…}), not "Calais"`)}},
		{name: "location city missing", files: map[string]string{postingFR: fr("  city: Calais", "  # city")},
			want: []string{at(lLocation, "location.city: missing; say in which town or city the job is")}},
		{name: "location country missing", files: map[string]string{postingFR: fr("  country: FR", "  # country")},
			want: []string{at(lLocation, "location.country: missing; give the country code, like FR")}},
		{name: "country name", files: map[string]string{postingFR: fr("  country: FR", "  country: France")},
			want: []string{at(lCountry, `location.country: "France" is not an ISO 3166-1 country code; use two capital letters, like FR`)}},
		{name: "country lower case", files: map[string]string{postingFR: fr("  country: FR", "  country: fr")},
			want: []string{at(lCountry, `location.country: "fr": write country codes in capitals: FR`)}},
		{name: "country withdrawn code", files: map[string]string{postingFR: fr("  country: FR", "  country: UK")},
			want: []string{at(lCountry, `location.country: "UK" is not an ISO 3166-1 country code; write GB`)}},
		{name: "country not assigned", files: map[string]string{postingFR: fr("  country: FR", "  country: XX")},
			want: []string{at(lCountry, `location.country: "XX" is not an ISO 3166-1 country code; use two capital letters, like FR`)}},

		// remote, eligibility
		{name: "remote unknown", files: map[string]string{postingFR: fr(`remote: "no"`, "remote: yes")},
			want: []string{at(lRemote, `remote: "yes" is not allowed; use one of: no, hybrid, full`)}},
		{name: "remote unquoted no", files: map[string]string{postingFR: fr(`remote: "no"`, "remote: no")}},
		{name: "remote false", files: map[string]string{postingFR: fr(`remote: "no"`, "remote: false")}},
		{name: "remote full with residence", files: map[string]string{postingFR: fr(`remote: "no"`, "remote: full")}},
		{name: "remote full without residence", files: map[string]string{postingFR: fr(`remote: "no"`, "remote: full", "eligibility:\n  residence: [FR]\n", "#\n#\n")},
			want: []string{at(lRemote, "remote: a fully remote job must say where candidates may live: add eligibility: {residence: [FR]}")}},
		{name: "remote full with empty residence", files: map[string]string{postingFR: fr(`remote: "no"`, "remote: full", "  residence: [FR]", "  residence: []")},
			want: []string{at(lRemote, "remote: a fully remote job must say where candidates may live: add eligibility: {residence: [FR]}")}},
		{name: "remote full with bad residence", files: map[string]string{postingFR: fr(`remote: "no"`, "remote: full", "  residence: [FR]", "  residence: [France]")},
			want: []string{at(lResidence, `eligibility.residence: "France" is not an ISO 3166-1 country code; use two capital letters, like FR`)}},
		{name: "residence twice", files: map[string]string{postingFR: fr("  residence: [FR]", "  residence: [FR, BE, FR]")},
			want: []string{at(lResidence, "eligibility.residence: FR is listed twice")}},
		{name: "eligibility not a group", files: map[string]string{postingFR: fr("eligibility:\n  residence: [FR]\n", "eligibility: FR\n#\n")},
			want: []string{at(lEligibility, `eligibility: must be a group of fields (eligibility: {…}), not "FR"`)}},

		// dates
		{name: "start missing", files: map[string]string{postingFR: fr("start: 2025-05-21", "# start")},
			want: []string{at(1, "start: missing; give the start date (YYYY-MM-DD) or asap")}},
		{name: "start asap", files: map[string]string{postingFR: fr("start: 2025-05-21", "start: asap")}},
		{name: "start not a date", files: map[string]string{postingFR: fr("start: 2025-05-21", "start: soon")},
			want: []string{at(lStart, `start: "soon" is not a date; write it as YYYY-MM-DD, like 2025-05-21`)}},
		{name: "start no such month", files: map[string]string{postingFR: fr("start: 2025-05-21", "start: 2025-13-01")},
			want: []string{at(lStart, "start: 2025-13-01 is not a real calendar date")}},
		{name: "start before posted", files: map[string]string{postingFR: fr("start: 2025-05-21", "start: 2024-05-21")},
			want: []string{at(lStart, "warning: start: 2024-05-21 is before posted 2025-04-22; check the year")}},
		{name: "posted 30 February", files: map[string]string{postingFR: fr("posted: 2025-04-22", "posted: 2025-02-30")},
			want: []string{at(lPosted, "posted: 2025-02-30 is not a real calendar date")}},
		{name: "posted 29 February of a common year", files: map[string]string{postingFR: fr("posted: 2025-04-22", "posted: 2025-02-29")},
			want: []string{at(lPosted, "posted: 2025-02-29 is not a real calendar date")}},
		{name: "posted 29 February of a leap year", files: map[string]string{postingFR: fr("posted: 2025-04-22", "posted: 2024-02-29")}},
		{name: "posted French order", files: map[string]string{postingFR: fr("posted: 2025-04-22", "posted: 22/04/2025")},
			want: []string{at(lPosted, `posted: "22/04/2025" is not a date as jobboard reads them; write it as YYYY-MM-DD: 2025-04-22`)}},
		{name: "posted in words", files: map[string]string{postingFR: fr("posted: 2025-04-22", "posted: 22 avril 2025")},
			want: []string{at(lPosted, `posted: "22 avril 2025" is not a date as jobboard reads them; write it as YYYY-MM-DD: 2025-04-22`)}},
		{name: "posted without zeros", files: map[string]string{postingFR: fr("posted: 2025-04-22", "posted: 2025-4-2")},
			want: []string{at(lPosted, `posted: "2025-4-2" is not a date as jobboard reads them; write it as YYYY-MM-DD: 2025-04-02`)}},
		{name: "posted not a calendar date in French order", files: map[string]string{postingFR: fr("posted: 2025-04-22", "posted: 31/04/2025")},
			want: []string{at(lPosted, `posted: "31/04/2025" is not a date; write it as YYYY-MM-DD, like 2025-05-21`)}},
		// French field names are taken for the fields meant.
		{name: "French field names", files: map[string]string{postingFR: fr("summary:", "résumé:", "contract: CDI", "contrat: CDI", "  city: Calais", "  ville: Calais")},
			want: []string{
				at(1, "contract: missing; give the contract: CDI, CDD, interim, alternance, stage, freelance, volontariat, benevolat"),
				at(lSummary, "résumé: unknown field; did you mean summary?"),
				at(lContract, "contrat: unknown field; did you mean contract?"),
				at(lLocation, "location.city: missing; say in which town or city the job is"),
				at(lCity, "location.ville: unknown field; did you mean city?"),
			}},
		{name: "posted with a time", files: map[string]string{postingFR: fr("posted: 2025-04-22", "posted: 2025-04-22T10:00:00Z")},
			want: []string{at(lPosted, `posted: "2025-04-22T10:00:00Z" is not a date; write it as YYYY-MM-DD, like 2025-05-21`)}},
		{name: "posted missing", files: map[string]string{postingFR: fr("posted: 2025-04-22", "# posted")},
			want: []string{at(1, "posted: missing; give the date the posting is published (YYYY-MM-DD)")}},
		{name: "posted after expires", files: map[string]string{postingFR: fr("expires: 2025-06-30", "expires: 2025-04-01")},
			want: []string{at(lExpires, "expires: 2025-04-01 is before posted 2025-04-22")}},
		{name: "posted on expires day", files: map[string]string{postingFR: fr("expires: 2025-06-30", "expires: 2025-04-22")}},
		{name: "expires 31 June", files: map[string]string{postingFR: fr("expires: 2025-06-30", "expires: 2025-06-31")},
			want: []string{at(lExpires, "expires: 2025-06-31 is not a real calendar date")}},
		{name: "expires missing", files: map[string]string{postingFR: fr("expires: 2025-06-30", "# expires")},
			want: []string{noExpires}},
		{name: "posted in the future", files: map[string]string{}, opt: Options{Today: Date{2025, 4, 1}},
			want: []string{at(lPosted, "warning: posted: 2025-04-22 is in the future; job sites ignore postings published later than today")}},

		// apply
		{name: "apply missing", files: map[string]string{postingFR: fr("apply:\n  to:\n    - jobs@example.org\n    - boss@example.org\n  subject: candidature médiateur\n  documents: [cv, cover-letter]\n", "#\n#\n#\n#\n#\n#\n")},
			want: []string{at(1, "apply: missing; say how to apply: apply: {to: [address], subject: …}")}},
		{name: "apply.to missing", files: map[string]string{postingFR: fr("  to:\n    - jobs@example.org\n    - boss@example.org\n", "  #\n  #\n  #\n")},
			want: []string{at(lApply, "apply.to: missing; list the e-mail addresses applications go to")}},
		{name: "apply.to empty list", files: map[string]string{postingFR: fr("  to:\n    - jobs@example.org\n    - boss@example.org\n", "  to: []\n  #\n  #\n")},
			want: []string{at(lTo, "apply.to: is an empty list; give at least one e-mail address")}},
		{name: "apply.to one address", files: map[string]string{postingFR: fr("  to:\n    - jobs@example.org\n    - boss@example.org\n", "  to: jobs@example.org\n  #\n  #\n")}},
		{name: "apply.to display name", files: map[string]string{postingFR: fr("    - jobs@example.org", "    - Jobs <jobs@example.org>")},
			want: []string{at(lTo1, `apply.to: "Jobs <jobs@example.org>": give the address alone, without a name: jobs@example.org`)}},
		{name: "apply.to quoted display name", files: map[string]string{postingFR: fr("    - boss@example.org", `    - '"Boss" <boss@example.org>'`)},
			want: []string{at(lTo2, `apply.to: "\"Boss\" <boss@example.org>": give the address alone, without a name: boss@example.org`)}},
		{name: "apply.to space", files: map[string]string{postingFR: fr("    - boss@example.org", `    - boss @example.org`)},
			want: []string{at(lTo2, `apply.to: "boss @example.org" contains a space; an e-mail address has no spaces`)}},
		{name: "apply.to comment", files: map[string]string{postingFR: fr("    - boss@example.org", `    - boss@example.org(Boss)`)},
			want: []string{at(lTo2, `apply.to: "boss@example.org(Boss)": give the address alone, without a name: boss@example.org`)}},
		{name: "apply.to no at", files: map[string]string{postingFR: fr("    - boss@example.org", "    - boss.example.org")},
			want: []string{at(lTo2, `apply.to: "boss.example.org" has no @; an e-mail address looks like name@example.org`)}},
		{name: "apply.to no dot", files: map[string]string{postingFR: fr("    - boss@example.org", "    - boss@localhost")},
			want: []string{at(lTo2, `apply.to: "boss@localhost": the part after @ must be a full domain name with a dot, such as example.org`)}},
		{name: "apply.to invalid", files: map[string]string{postingFR: fr("    - boss@example.org", "    - boss@@example.org")},
			want: []string{at(lTo2, `apply.to: "boss@@example.org" is not a valid e-mail address; it should look like name@example.org`)}},
		{name: "apply.to twice", files: map[string]string{postingFR: fr("    - boss@example.org", "    - jobs@example.org")},
			want: []string{at(lTo2, "apply.to: jobs@example.org is listed twice")}},
		{name: "subject optional", files: map[string]string{postingFR: fr("  subject: candidature médiateur", "  # no subject")}},
		{name: "subject tab", files: map[string]string{postingFR: fr("  subject: candidature médiateur", `  subject: "candidature\tmédiateur"`)},
			want: []string{at(lSubject, "apply.subject: contains a tab; use a space instead")}},
		{name: "subject line break", files: map[string]string{postingFR: fr("  subject: candidature médiateur", `  subject: "candidature\nBcc: x@example.org"`)},
			want: []string{at(lSubject, "apply.subject: contains a line break; a subject must be one line")}},
		{name: "subject block scalar", files: map[string]string{postingFR: fr("  subject: candidature médiateur", "  subject: |\n    candidature")},
			want: []string{at(lSubject, "apply.subject: contains a line break; a subject must be one line")}},
		{name: "subject control character", files: map[string]string{postingFR: fr("  subject: candidature médiateur", `  subject: "candidature\a"`)},
			want: []string{at(lSubject, "apply.subject: contains an invisible control character (U+0007) at position 12, written with a backslash escape; remove it")}},
		{name: "subject empty", files: map[string]string{postingFR: fr("  subject: candidature médiateur", `  subject: ""`)},
			want: []string{at(lSubject, "apply.subject: is empty; write the subject the employer requires, or remove the line")}},
		{name: "subject nothing", files: map[string]string{postingFR: fr("  subject: candidature médiateur", "  subject:")},
			want: []string{at(lSubject, "apply.subject: must be the subject text, not nothing; remove the line if the employer requires no subject")}},
		{name: "subject leading space", files: map[string]string{postingFR: fr("  subject: candidature médiateur", `  subject: " candidature"`)},
			want: []string{at(lSubject, "apply.subject: starts with a space; remove it, because mail clients and filters trim spaces and the subject would no longer match")}},
		{name: "documents unknown", files: map[string]string{postingFR: fr("  documents: [cv, cover-letter]", "  documents: [cv, lettre]")},
			want: []string{at(lDocuments, `apply.documents: "lettre" is not a document kind; write cover-letter`)}},
		{name: "documents as the ad says them", files: map[string]string{postingFR: fr("  documents: [cv, cover-letter]", "  documents: [CV, lettre de motivation, photo]")},
			want: []string{
				at(lDocuments, `apply.documents: "CV" is not a document kind; write cv`),
				at(lDocuments, `apply.documents: "lettre de motivation" is not a document kind; write cover-letter`),
				at(lDocuments, `apply.documents: "photo" is not a document kind; use: cv, cover-letter, portfolio, references, diploma`),
			}},
		{name: "two addresses on one line", files: map[string]string{postingFR: fr("    - boss@example.org", "    - boss@example.org et chef@example.org")},
			want: []string{at(lTo+2, `apply.to: "boss@example.org et chef@example.org" holds several addresses; give each address as its own item of the list`)}},
		{name: "documents typo", files: map[string]string{postingFR: fr("  documents: [cv, cover-letter]", "  documents: [cv, cover_letter]")},
			want: []string{at(lDocuments, `apply.documents: "cover_letter" is not a document kind; did you mean cover-letter?`)}},
		{name: "documents twice", files: map[string]string{postingFR: fr("  documents: [cv, cover-letter]", "  documents: [cv, cv]")},
			want: []string{at(lDocuments, "apply.documents: cv is listed twice")}},

		// languages
		{name: "language with underscore", files: map[string]string{postingFR: fr("  required: [fr, ar]", "  required: [fr, pt_BR]")},
			want: []string{at(lRequired, `languages.required: "pt_BR" is not a language code; use a BCP 47 code, like fr, en, ar, fa or pt-BR`)}},
		{name: "language name", files: map[string]string{postingFR: fr("  plus: [ps]", "  plus: [pashto]")},
			want: []string{at(lPlus, `languages.plus: "pashto" is not a language code; use a BCP 47 code, like fr, en, ar, fa or pt-BR`)}},
		{name: "language unknown", files: map[string]string{postingFR: fr("  plus: [ps]", "  plus: [xx]")},
			want: []string{at(lPlus, `languages.plus: "xx" is not a language code; use a BCP 47 code, like fr, en, ar, fa or pt-BR`)}},
		{name: "language not canonical", files: map[string]string{postingFR: fr("  required: [fr, ar]", "  required: [FR, ar]")},
			want: []string{at(lRequired, `languages.required: "FR": write this language code as fr`)}},
		{name: "language with region", files: map[string]string{postingFR: fr("  plus: [ps]", "  plus: [pt-BR, fa-AF]")}},
		{name: "language required and plus", files: map[string]string{postingFR: fr("  plus: [ps]", "  plus: [ps, ar]")},
			want: []string{at(lPlus, "languages.plus: ar is already required; list it once")}},

		// draft
		{name: "draft not a boolean", files: map[string]string{postingFR: fr("hours_per_week: 35", "draft: yes")},
			want: []string{at(lHoursPW, `draft: must be true or false, not "yes"; for yes, write draft: true`)}},
	})
}
