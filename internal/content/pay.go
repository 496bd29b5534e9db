package content

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/jobboard/jobboard/internal/msg"
)

// The messages of the pay checks, in one place so that they can be
// translated. Each is a warning: an odd band can be true, but a monthly
// salary under period: year is published to Google as a yearly one.
const (
	// 2.100, read, what to write
	msgPayThousandsDot = "%s is read as %s: a dot marks decimals, not thousands; write %s"
	// band, "a year", what it looks like, the period to write
	msgPayLooksLike = "%s %s looks like %s: period: %s?"
	// band, "a month", SMIC amount, "a month", date of the SMIC
	msgPayUnderSMIC = "%s %s gross is under the French minimum wage (SMIC: %s %s gross for 35 hours a week, since %s); check the amounts and the period"
)

// payPer says "for a period" in the messages: "2,100 a year".
var payPer = map[string]msg.Text{"year": msg.New("a year"), "month": msg.New("a month"), "hour": msg.New("an hour")}

// payLooks names what a band plausible for a period looks like, in msgPayLooksLike.
var payLooks = map[string]msg.Text{"year": msg.New("a yearly salary"), "month": msg.New("a monthly salary"), "hour": msg.New("an hourly rate")}

// payRange is what a band for a period plausibly holds, in euros, gross or
// net, full-time or part-time: wide on purpose, to catch an amount for
// another period (2,100 a year is a month's pay) and nothing else. The
// ranges of month and year overlap (6,000 to 20,000 is either); those of
// hour and month do not. Checked for EUR only: other currencies differ by
// orders of magnitude.
var payRange = map[string]struct{ min, max float64 }{
	"hour":  {5, 300},
	"month": {500, 20000},
	"year":  {6000, 250000},
}

// smic is the French gross minimum wage (SMIC) for 35 hours a week, from
// the day each amount came into force (décret n° 2024-951 of 23 October
// 2024: 11.88 € an hour, 1,801.80 € a month, from 1 November 2024; still in
// force in 2025). Add a row when it is raised: a posting is compared with
// the amount in force on its posted date.
var smic = []struct {
	since       Date
	hour, month float64
}{
	{Date{2024, 11, 1}, 11.88, 1801.80},
}

// smicContracts are the contracts the SMIC applies to: employees. An
// intern's pay (gratification, 4.35 € an hour), an apprentice's (a share
// of the SMIC by age), a volunteer's allowance and a freelancer's fees are
// rightly under it.
var smicContracts = map[Contract]bool{CDI: true, CDD: true, Interim: true}

// smicOn is the SMIC in force on day (the first known when day is earlier
// or zero) for period: a year is twelve months.
func smicOn(day Date, period string) (amount float64, since Date) {
	row := smic[0]
	for _, r := range smic[1:] {
		if !day.Before(r.since) {
			row = r
		}
	}
	switch period {
	case "hour":
		return row.hour, row.since
	case "month":
		return row.month, row.since
	}
	return row.month * 12, row.since
}

// thousandsDotRE matches a number written with a dot as thousands
// separator, as in French "2.100" for 2100: YAML reads it as 2.1.
var thousandsDotRE = regexp.MustCompile(`^\d{1,3}\.\d{3}$`)

// checkPay warns of a salary band that is implausible for its period: an
// amount with a dot for thousands, a band for another period, a full-time
// band under the SMIC. One warning at most: each explains the others.
func checkPay(d *decoder, fd *factsDoc) {
	s := fd.facts.Salary
	if s == nil || s.Currency != "EUR" || fd.salaryExample {
		return
	}
	r := payRange[s.Period]
	for i, name := range []string{"min", "max"} {
		raw, v := fd.salaryText[i], []float64{s.Min, s.Max}[i]
		if thousandsDotRE.MatchString(raw) && v < r.min && v*1000 >= r.min && v*1000 <= r.max {
			d.l.warnf(d.file, fd.lines["salary."+name], "salary."+name, msgPayThousandsDot,
				raw, formatNumber(v), strings.ReplaceAll(raw, ".", ""))
			return
		}
	}
	band := formatBand(s.Min, s.Max)
	if s.Min < r.min || s.Max > r.max {
		for _, p := range periodValues {
			if o := payRange[p]; p != s.Period && s.Min >= o.min && s.Max <= o.max {
				d.l.warnf(d.file, fd.lines["salary.period"], "salary.period", msgPayLooksLike, band, payPer[s.Period], payLooks[p], p)
				return
			}
		}
	}
	if s.Basis != "gross" || (fd.facts.Hours != "full-time" && s.Period != "hour") || !smicContracts[fd.facts.Contract] {
		return // a part-time month or year is rightly under the full-time SMIC
	}
	if floor, since := smicOn(fd.facts.Posted, s.Period); s.Max < floor {
		d.l.warnf(d.file, fd.lines["salary"], "salary", msgPayUnderSMIC, band, payPer[s.Period], amount(floor), payPer[s.Period], since)
	}
}

// formatBand writes a band as people read it: "2,100–2,400", or one
// amount when min and max are equal.
func formatBand(lo, hi float64) msg.Text {
	if lo == hi {
		return msg.New("%s", amount(lo))
	}
	return msg.New("%s–%s", amount(lo), amount(hi))
}

// An amount of money is written with a comma between thousands and,
// when it has cents, two decimals, in English: 2,100 and 1,801.80; with a
// no-break space and a decimal comma in French: 2 100 and 1 801,80.
type amount float64

func (a amount) In(l msg.Lang) string {
	s := formatAmount(float64(a))
	if l == msg.French {
		s = strings.NewReplacer(",", "\u00a0", ".", ",").Replace(s)
	}
	return s
}

// formatAmount writes v with a comma between thousands and, when it has
// cents, two decimals: 2,100 and 1,801.80.
func formatAmount(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	whole, cents, _ := strings.Cut(s, ".")
	if cents == "00" {
		cents = ""
	}
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if cents != "" {
		b.WriteString("." + cents)
	}
	return b.String()
}
