package content

import (
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jobboard/jobboard/internal/apply"
	"github.com/jobboard/jobboard/internal/msg"
)

// Front-matter keys of a posting. Translatable keys may differ between
// language files; facts are written once, in the default-language file.
var (
	translatableKeys = []string{"title", "summary"}
	factKeys         = []string{
		"organization", "contract", "duration_months", "hours", "hours_per_week",
		"salary", "location", "remote", "eligibility", "start", "posted", "expires", "filled",
		"apply", "languages", "draft",
	}
	postingKeys  = append(append([]string{}, translatableKeys...), factKeys...)
	salaryKeys   = []string{"min", "max", "currency", "period", "basis"}
	locationKeys = []string{"city", "postal_code", "region", "country"}
	eligKeys     = []string{"residence"}
	applyKeys    = []string{"to", "subject", "documents", "strict"}
	langKeys     = []string{"required", "plus"}
)

// nestedHome says where a nested key belongs when someone writes it at the
// top level ("city:" instead of "location: {city: …}").
var nestedHome = func() map[string]string {
	m := map[string]string{}
	for parent, keys := range map[string][]string{
		"salary": salaryKeys, "location": locationKeys, "eligibility": eligKeys,
		"apply": applyKeys, "languages": langKeys,
	} {
		for _, k := range keys {
			m[k] = parent + "." + k
		}
	}
	return m
}()

var (
	contractNames = func() []string {
		s := make([]string, len(Contracts))
		for i, c := range Contracts {
			s[i] = string(c)
		}
		return s
	}()
	hoursValues  = []string{"full-time", "part-time"}
	remoteValues = []string{"no", "hybrid", "full"}
	periodValues = []string{"year", "month", "hour"}
	basisValues  = []string{"gross", "net"}
)

// factsDoc is the decoded facts of one file with the line of each key, so
// later checks (drift, cross-field rules) can point at the right line.
type factsDoc struct {
	facts Facts
	lines map[string]int    // dotted field → line
	vals  map[string]string // top-level fact → canonical value, for drift
	open  int               // line of the front matter's opening delimiter, for missing fields

	residenceBad bool  // eligibility.residence given but unreadable: already reported
	cityLines    []int // line of each place's city, in Facts.Locations' order

	salaryText    [2]string // salary.min and max as written, for checkPay
	salaryExample bool      // the salary still holds the example of "jobboard new"
}

// decodeFacts reads the fact fields present in fm. Required fields are not
// checked here: a translation file legitimately has none.
func decodeFacts(d *decoder, fm *node, open int) *factsDoc {
	fd := &factsDoc{lines: map[string]int{}, vals: map[string]string{}, open: open}
	fd.facts.Remote = "no"
	for i := range fm.keys {
		k := &fm.keys[i]
		if decodeFact(d, k, fd) {
			// A top-level fact: its line, and its value for the drift
			// check, which compares whole facts (nested fields would be
			// reported twice).
			fd.lines[k.name] = k.line
			fd.vals[k.name] = k.val.canonical()
		}
	}
	return fd
}

// decodeFact decodes the field k of a posting's front matter into fd when
// it is a fact, and reports whether it is one.
func decodeFact(d *decoder, k *field, fd *factsDoc) bool {
	f := &fd.facts
	switch k.name {
	case "organization":
		decodeOrganization(d, k, f)
	case "contract":
		if s, ok := d.enum(k, k.name, contractNames); ok {
			f.Contract = Contract(s)
		}
	case "duration_months":
		decodeDurationMonths(d, k, f)
	case "hours":
		f.Hours, _ = d.enum(k, k.name, hoursValues)
	case "hours_per_week":
		decodeHoursPerWeek(d, k, f)
	case "salary":
		f.Salary = decodeSalary(d, k, fd)
	case "location":
		decodeLocation(d, k, fd)
	case "remote":
		decodeRemote(d, k, f)
	case "eligibility":
		decodeEligibility(d, k, fd)
	case "start":
		decodeStart(d, k, f)
	case "posted":
		f.Posted, _ = d.date(k, k.name)
	case "expires":
		f.Expires, _ = d.date(k, k.name)
	case "filled":
		f.Filled, _ = d.date(k, k.name)
	case "apply":
		decodeApply(d, k, fd)
	case "languages":
		decodeLanguages(d, k, fd)
	case "draft":
		f.Draft, _ = d.boolean(k, k.name)
	default:
		return false
	}
	return true
}

// decodeOrganization decodes the employer's key, the name of its files.
func decodeOrganization(d *decoder, k *field, f *Facts) {
	if s, ok := d.text(k, k.name); ok {
		if !slugRE.MatchString(s) {
			d.errorf(k, k.name, "%q is not an organization key: use the name of its file in content/organizations/ without the language and .md, like ecpat-france", s)
		} else {
			f.Organization = s
		}
	}
}

// decodeDurationMonths decodes the length of a fixed-term contract.
func decodeDurationMonths(d *decoder, k *field, f *Facts) {
	if v, ok := d.integer(k, k.name); ok {
		if v <= 0 || v > 120 {
			d.errorf(k, k.name, "%d months is not a possible duration; give the number of months, between 1 and 120", v)
		} else {
			f.DurationMonths = v
		}
	}
}

// decodeHoursPerWeek decodes the hours of work a week.
func decodeHoursPerWeek(d *decoder, k *field, f *Facts) {
	if v, ok := d.number(k, k.name); ok {
		if v <= 0 || v > 48 {
			d.errorf(k, k.name, "%s hours a week is not possible; give a number above 0 and at most 48 (the legal maximum in France)", formatNumber(v))
		} else {
			f.HoursPerWeek = v
		}
	}
}

// decodeRemote decodes the remote work the job allows.
func decodeRemote(d *decoder, k *field, f *Facts) {
	// YAML 1.1 readers turn a bare no into false: accept both spellings.
	if k.val.kind == scalarNode && k.val.tag == "bool" && strings.EqualFold(k.val.value, "false") {
		f.Remote = "no"
	} else {
		f.Remote, _ = d.enum(k, k.name, remoteValues)
	}
}

// decodeEligibility decodes who may apply: the countries of residence.
func decodeEligibility(d *decoder, k *field, fd *factsDoc) {
	g, ok := d.group(k, k.name)
	if !ok {
		return
	}
	d.unknown(g, k.name, eligKeys, nil)
	if r := g.get("residence"); r != nil {
		fd.lines["eligibility.residence"] = r.line
		var ok bool
		fd.facts.Residence, ok = d.texts(r, "eligibility.residence", checkCountry)
		fd.residenceBad = !ok
	}
}

// decodeStart decodes when the job starts: a day, or asap.
func decodeStart(d *decoder, k *field, f *Facts) {
	if k.val.kind == scalarNode && strings.EqualFold(strings.TrimSpace(k.val.value), "asap") {
		f.Start = Start{ASAP: true}
	} else if dt, ok := d.date(k, k.name); ok {
		f.Start = Start{Date: dt}
	}
}

// decodeLanguages decodes the languages the job requires, and those it
// counts as a plus, each once.
func decodeLanguages(d *decoder, k *field, fd *factsDoc) {
	g, ok := d.group(k, k.name)
	if !ok {
		return
	}
	f := &fd.facts
	d.unknown(g, k.name, langKeys, nil)
	if r := g.get("required"); r != nil {
		fd.lines["languages.required"] = r.line
		f.Languages.Required, _ = d.texts(r, "languages.required", checkLanguageTag)
	}
	if r := g.get("plus"); r != nil {
		fd.lines["languages.plus"] = r.line
		f.Languages.Plus, _ = d.texts(r, "languages.plus", checkLanguageTag)
	}
	for _, p := range f.Languages.Plus {
		if containsFold(f.Languages.Required, p) {
			d.l.errorf(d.file, fd.lines["languages.plus"], "languages.plus", "%s is already required; list it once", p)
		}
	}
}

func decodeSalary(d *decoder, k *field, fd *factsDoc) *Salary {
	g, ok := d.group(k, "salary")
	if !ok {
		return nil
	}
	d.unknown(g, "salary", salaryKeys, nil)
	s := &Salary{Currency: "EUR", Basis: "gross"}
	good := true
	for i, name := range []string{"min", "max"} {
		path := "salary." + name
		sf := g.get(name)
		if sf == nil {
			d.errorf(k, path, "missing; a salary band needs min and max (the same number twice for a fixed salary)")
			good = false
			continue
		}
		fd.lines[path] = sf.line
		if sf.val.kind == scalarNode {
			fd.salaryText[i] = sf.val.value
		}
		v, ok := d.number(sf, path)
		switch {
		case !ok:
			good = false
		case v <= 0:
			d.errorf(sf, path, "must be above 0, not %s", formatNumber(v))
			good = false
		case name == "min":
			s.Min = v
		default:
			s.Max = v
		}
	}
	if good && s.Min > s.Max {
		d.l.errorf(d.file, fd.lines["salary.min"], "salary", "min %s is above max %s", formatNumber(s.Min), formatNumber(s.Max))
		good = false
	}
	if cf := g.get("currency"); cf != nil {
		fd.lines["salary.currency"] = cf.line
		s.Currency, ok = decodeCurrency(d, cf)
		good = good && ok
	}
	if pf := g.get("period"); pf != nil {
		fd.lines["salary.period"] = pf.line
		if s.Period, ok = d.enum(pf, "salary.period", periodValues); !ok {
			good = false
		}
	} else {
		d.errorf(k, "salary.period", "missing; say what the amounts are for: year, month or hour")
		good = false
	}
	if bf := g.get("basis"); bf != nil {
		fd.lines["salary.basis"] = bf.line
		if s.Basis, ok = d.enum(bf, "salary.basis", basisValues); !ok {
			good = false
		}
	}
	if !good {
		return nil
	}
	return s
}

// decodeCurrency reads salary.currency, a code of ISO 4217.
func decodeCurrency(d *decoder, cf *field) (string, bool) {
	c, ok := d.text(cf, "salary.currency")
	if !ok {
		return "", false
	}
	if err := checkCurrency(c); err != nil {
		d.errorf(cf, "salary.currency", "%s", err)
		return "", false
	}
	return c, true
}

// decodeLocation reads location: one place of work (a group), or several
// (a list of groups), each with its city and country. The first place is
// Location, the others MoreLocations; fd.cityLines has the line of each
// place's city, for the site's messages about places.
func decodeLocation(d *decoder, k *field, fd *factsDoc) {
	if k.val.kind != listNode {
		fd.facts.Location, _ = decodePlace(d, k, fd, true)
		return
	}
	if len(k.val.items) == 0 {
		d.errorf(k, "location", "is an empty list; give at least one place of work: location: {city: …, country: FR}")
		return
	}
	seen := map[Location]bool{}
	for i, it := range k.val.items {
		itf := &field{name: k.name, line: it.line, val: it}
		loc, ok := decodePlace(d, itf, fd, i == 0)
		switch {
		case !ok:
		case seen[loc]:
			d.errorf(itf, "location.city", "%s is listed twice; list each place of work once", loc.City)
		case i == 0:
			fd.facts.Location = loc
		default:
			fd.facts.MoreLocations = append(fd.facts.MoreLocations, loc)
		}
		seen[loc] = true
	}
}

// decodePlace reads one place of work, the group of f; first says it is
// the first place, whose field lines are those of location.*.
func decodePlace(d *decoder, f *field, fd *factsDoc, first bool) (Location, bool) {
	var loc Location
	g, ok := d.group(f, "location")
	if !ok {
		return loc, false
	}
	d.unknown(g, "location", locationKeys, nil)
	good := true
	for _, name := range locationKeys {
		lf := g.get(name)
		if lf == nil {
			continue
		}
		path := "location." + name
		if first {
			fd.lines[path] = lf.line
		}
		if name == "city" {
			fd.cityLines = append(fd.cityLines, lf.line)
		}
		s, ok := d.text(lf, path)
		if !ok {
			good = false
			continue
		}
		if what, ok := placeWhat[name]; ok && !d.visible(lf, path, what, lf.val.value) {
			good = false
			continue
		}
		switch name {
		case "city":
			loc.City = s
		case "postal_code":
			loc.PostalCode = s
		case "region":
			loc.Region = s
		case "country":
			if err := checkCountry(s); err != nil {
				d.errorf(lf, path, "%s", err)
				good = false
			} else {
				loc.Country = s
			}
		}
	}
	if g.get("city") == nil {
		d.errorf(f, "location.city", "missing; say in which town or city the job is")
		good = false
	}
	if g.get("country") == nil {
		d.errorf(f, "location.country", "missing; give the country code, like FR")
		good = false
	}
	return loc, good
}

// placeWhat names the fields of a place of work checked for invisible
// characters, in their messages.
var placeWhat = map[string]msg.Text{"city": msg.New("the city"), "postal_code": msg.New("the postal code"), "region": msg.New("the region")}

func decodeApply(d *decoder, k *field, fd *factsDoc) {
	g, ok := d.group(k, "apply")
	if !ok {
		return
	}
	d.unknown(g, "apply", applyKeys, nil)
	a := &fd.facts.Apply
	if tf := g.get("to"); tf != nil {
		fd.lines["apply.to"] = tf.line
		if tf.val.kind == listNode && len(tf.val.items) == 0 {
			d.errorf(tf, "apply.to", "is an empty list; give at least one e-mail address")
		} else {
			a.To, _ = d.texts(tf, "apply.to", checkApplyAddress)
		}
	} else {
		d.errorf(k, "apply.to", "missing; list the e-mail addresses applications go to")
	}
	if sf := g.get("subject"); sf != nil {
		fd.lines["apply.subject"] = sf.line
		// The subject is used verbatim: read it untrimmed, so spaces an
		// editor left at either end are reported rather than dropped.
		// Candidates copy it by hand: an invisible character in it would
		// make their application miss the employer's mail filter.
		if sf.val.kind != scalarNode || sf.val.tag == "null" {
			d.errorf(sf, "apply.subject", "must be the subject text, not %s; remove the line if the employer requires no subject", sf.val.describe())
		} else if err := apply.CheckSubject(sf.val.value); err != nil {
			d.errorf(sf, "apply.subject", "%s", err)
		} else if d.visible(sf, "apply.subject", msg.New("the subject"), sf.val.value) && d.checkSubjectQuotes(sf, sf.val.value) {
			a.Subject = sf.val.value
		}
	}
	if df := g.get("documents"); df != nil {
		fd.lines["apply.documents"] = df.line
		a.Documents, _ = d.texts(df, "apply.documents", func(s string) error {
			for _, doc := range Documents {
				if s == doc {
					return nil
				}
			}
			if hint := documentWords[strings.ToLower(strings.Join(strings.Fields(s), " "))]; hint != "" {
				return msg.Errorf("%q is not a document kind; write %s", s, hint)
			}
			if hint := suggest(s, Documents); hint != "" {
				return msg.Errorf("%q is not a document kind; did you mean %s?", s, hint)
			}
			return msg.Errorf("%q is not a document kind; use: %s", s, strings.Join(Documents, ", "))
		})
	}
	if sf := g.get("strict"); sf != nil {
		fd.lines["apply.strict"] = sf.line
		a.Strict, _ = d.boolean(sf, "apply.strict")
		if a.Strict && len(a.To) == 1 && len(a.Documents) == 0 {
			d.l.warnf(d.file, sf.line, "apply.strict", msgStrictNothing)
		}
	}
}

// msgStrictNothing is the warning of apply.strict: true where there is
// nothing an application could miss, in one place so that it can be
// translated.
const msgStrictNothing = "with one address and no documents, no application can be incomplete; list the documents the employer requires, or remove this line"

// checkFacts applies the rules that need the whole set of facts: required
// fields and rules between fields. fd comes from the file holding the facts.
func checkFacts(d *decoder, fd *factsDoc, day factsDay) {
	today := day.today
	f := &fd.facts
	missing := func(path string, format string, args ...any) {
		if _, ok := fd.lines[path]; !ok {
			d.l.errorf(d.file, fd.open, path, format, args...)
		}
	}
	missing("organization", "missing; give the employer's key (its file name in content/organizations/, like ecpat-france)")
	missing("contract", "missing; give the contract: %s", strings.Join(contractNames, ", "))
	missing("hours", "missing; give the hours: full-time or part-time")
	missing("location", "missing; give the place of work: location: {city: …, postal_code: …, country: FR}")
	missing("start", "missing; give the start date (YYYY-MM-DD) or asap")
	missing("posted", "missing; give the date the posting is published (YYYY-MM-DD)")
	missing("apply", "missing; say how to apply: apply: {to: [address], subject: …}")
	if f.Contract != "" {
		_, hasDuration := fd.lines["duration_months"]
		switch {
		case f.Contract.NeedsDuration() && !hasDuration:
			d.l.errorf(d.file, fd.lines["contract"], "duration_months", "missing; a %s needs its length in months (duration_months: 12)", f.Contract)
		case !f.Contract.NeedsDuration() && hasDuration:
			d.l.errorf(d.file, fd.lines["duration_months"], "duration_months", "a %s has no set length; remove this line", f.Contract)
		}
		_, hasSalary := fd.lines["salary"]
		switch {
		case f.Contract == Benevolat && hasSalary:
			d.l.errorf(d.file, fd.lines["salary"], "salary", "volunteering (benevolat) is unpaid; remove the salary")
		case f.Contract != Benevolat && !hasSalary:
			d.l.errorf(d.file, fd.open, "salary", "missing; give the pay band: salary: {min: 24000, max: 28000, period: year}")
		}
	}
	if f.Remote == "full" && len(f.Residence) == 0 && !fd.residenceBad {
		line := fd.lines["remote"]
		d.l.errorf(d.file, line, "remote", "a fully remote job must say where candidates may live: add eligibility: {residence: [FR]}")
	}
	if !f.Posted.IsZero() && !f.Expires.IsZero() && f.Posted.After(f.Expires) {
		d.l.errorf(d.file, fd.lines["expires"], "expires", "%s is before posted %s", f.Expires, f.Posted)
	}
	if !f.Posted.IsZero() && !f.Filled.IsZero() && f.Posted.After(f.Filled) {
		d.l.errorf(d.file, fd.lines["filled"], "filled", "%s is before posted %s; write the day the job was filled", f.Filled, f.Posted)
	}
	if !today.IsZero() && !f.Filled.IsZero() && f.Filled.After(today) {
		d.l.warnf(d.file, fd.lines["filled"], "filled", "%s is in the future: the posting stays open until then; write the day the job was filled, once it is", f.Filled)
	}
	_, filled := fd.lines["filled"]
	if _, ok := fd.lines["expires"]; !ok && !filled {
		if days := daysSince(f.Posted, today); day.listingDays > 0 && days > day.listingDays {
			d.l.warnf(d.file, fd.open, "expires", msgOpenTooLong, f.Posted, days, day.listingDays)
		} else {
			d.l.warnf(d.file, fd.open, "expires", "no closing date: the posting stays open until you add one (expires: YYYY-MM-DD) or delete it")
		}
	}
	open := !today.IsZero() && (f.Expires.IsZero() || !today.After(f.Expires)) && (f.Filled.IsZero() || today.Before(f.Filled))
	if open && !f.Start.ASAP && !f.Start.Date.IsZero() && f.Start.Date.Before(today) {
		d.l.warnf(d.file, fd.lines["start"], "start", msgStartPast, f.Start.Date)
	}
	checkPay(d, fd)
	if !today.IsZero() && !f.Posted.IsZero() && f.Posted.After(today) {
		d.l.warnf(d.file, fd.lines["posted"], "posted", "%s is in the future; job sites ignore postings published later than today", f.Posted)
	}
	if !f.Start.ASAP && !f.Start.Date.IsZero() && !f.Posted.IsZero() && f.Start.Date.Before(f.Posted) {
		// A start date before publication is possible ("from 21 May") but
		// usually a typo in the year.
		d.l.warnf(d.file, fd.lines["start"], "start", "%s is before posted %s; check the year", f.Start.Date, f.Posted)
	}
}

// factsDay is what checkFacts needs besides the facts: the day of the
// check (zero skips the rules about dates) and the listing days of
// site.yaml.
type factsDay struct {
	today       Date
	listingDays int
}

// The warnings of a posting left open, in one place so that they can be
// translated.
const (
	// posted, days since, listing days
	msgOpenTooLong = "no closing date, and posted on %s, %d days ago (more than listing_days: %d in site.yaml): job sites still show it as open; add expires: YYYY-MM-DD, or delete the posting if the job is filled"
	// start
	msgStartPast = "%s is past and the posting is still open; write the new start date, or asap"
)

// daysSince counts the days from d to today, 0 when either is unknown.
func daysSince(d, today Date) int {
	if d.IsZero() || today.IsZero() {
		return 0
	}
	return int(today.In(time.UTC).Sub(d.In(time.UTC)).Hours() / 24)
}

// checkApplyAddress accepts a bare e-mail address, as the apply package
// does, and names the address in its messages.
func checkApplyAddress(s string) error {
	if inv := invisible(s); !inv.IsZero() {
		return msg.Errorf("%q contains %s; retype the address without it", s, inv)
	}
	err := apply.CheckAddress(s)
	if err == nil {
		return nil
	}
	if fix := commaForDot(s); fix != "" && apply.CheckAddress(fix) == nil {
		return msg.Errorf(msgFixAddressComma, s, fix)
	}
	// "Name <address>" is the commonest mistake: say which address to keep.
	if a, perr := mail.ParseAddress(s); perr == nil && a.Name != "" && apply.CheckAddress(a.Address) == nil {
		return msg.Errorf("%q: give the address alone, without a name: %s", s, a.Address)
	}
	// The apply package's messages leave the address out.
	if strings.HasPrefix(err.Error(), "the ") {
		return msg.Errorf("%q: %s", s, err)
	}
	return msg.Errorf("%q %s", s, err)
}

// clone copies f deeply enough that changing the copy's lists or salary
// leaves f intact.
func (f Facts) clone() Facts {
	if f.Salary != nil {
		s := *f.Salary
		f.Salary = &s
	}
	f.Residence = slices.Clone(f.Residence)
	f.MoreLocations = slices.Clone(f.MoreLocations)
	f.Apply.To = slices.Clone(f.Apply.To)
	f.Apply.Documents = slices.Clone(f.Apply.Documents)
	f.Languages.Required = slices.Clone(f.Languages.Required)
	f.Languages.Plus = slices.Clone(f.Languages.Plus)
	return f
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// formatNumber writes v as people do in a salary: 1500000, not 1.5e+06.
func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
