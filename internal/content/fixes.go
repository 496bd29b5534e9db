package content

import (
	"regexp"
	"strconv"
	"strings"
)

// The messages of the mistakes whose fix is obvious, in one place so that
// they can be translated. Each names the value as written and gives the
// line to write instead.
const (
	// value, field, what to write
	msgFixWord = "%q is not allowed; write %s: %s"
	// value, field, the number
	msgFixNumber = "must be a number alone, not %q; write %s: %s"
	// value
	msgFixASAP = "%q is not a date; write start: asap"
	// address, the address with a dot
	msgFixAddressComma = "%q has a comma where a dot goes; write %s"
)

// wordFixes gives, for each field with a fixed set of values, the value
// meant by the words staff write instead (French mostly), lower-cased.
var wordFixes = map[string]map[string]string{
	"hours": {"temps plein": "full-time", "plein temps": "full-time", "temps complet": "full-time",
		"full time": "full-time", "temps partiel": "part-time",
		"mi-temps": "part-time", "part time": "part-time"},
	"salary.basis": {"brut": "gross", "bruts": "gross", "brute": "gross", "brutes": "gross",
		"nets": "net", "nette": "net", "nettes": "net"},
	"salary.period": {"an": "year", "année": "year", "annuel": "year", "par an": "year", "yearly": "year",
		"annual": "year", "mois": "month", "mensuel": "month", "par mois": "month", "monthly": "month",
		"heure": "hour", "horaire": "hour", "de l'heure": "hour", "hourly": "hour"},
	"remote": {"non": "no", "hybride": "hybrid", "total": "full", "complet": "full", "télétravail": "full"},
	"contract": {"intérim": "interim", "bénévolat": "benevolat", "service civique": "volontariat",
		"apprentissage": "alternance"},
}

// wordFix is the value meant by s for the field path, or "".
func wordFix(path, s string) string {
	return wordFixes[path][strings.ToLower(strings.Join(strings.Fields(s), " "))]
}

// A numberFix reads the number in a value written with its unit, as
// people write it ("28h", "12 mois", "24 000 €"), for one field.
type numberFix struct {
	re    *regexp.Regexp // the number in its first group, decimals with a dot or a comma
	times float64        // what one of the unit is in the field's unit (a year is 12 months)
}

var numberFixes = map[string][]numberFix{
	"hours_per_week": {{regexp.MustCompile(`(?i)^(\d+(?:[.,]\d+)?)\s*(?:h|hrs?|heures?|hours?)(?:\s*(?:/|par|a|per)\s*(?:semaine|sem\.?|week))?$`), 1}},
	"duration_months": {
		{regexp.MustCompile(`(?i)^(\d+)\s*(?:mois|months?)$`), 1},
		{regexp.MustCompile(`(?i)^(\d+)\s*(?:ans?|années?|years?)$`), 12},
	},
	"salary.min": {{salaryRE, 1}},
	"salary.max": {{salaryRE, 1}},
}

// salaryRE reads an amount with spaces between thousands, a decimal comma
// and a currency: "24 000 €", "2 100,50 euros".
var salaryRE = regexp.MustCompile(`(?i)^(\d{1,3}(?:[  \x{202f}]\d{3})+(?:,\d{1,2})?|\d+,\d{1,2}|\d+)\s*(?:€|euros?|eur)?(?:\s*(?:bruts?|nets?|gross))?$`)

// numberFixFor is the number meant by s for the field path, written as
// the field takes it, or "".
func numberFixFor(path, s string) string {
	s = strings.TrimSpace(s)
	for _, fx := range numberFixes[path] {
		m := fx.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		digits := strings.NewReplacer(" ", "", " ", "", "\u202f", "", ",", ".").Replace(m[1])
		v, err := strconv.ParseFloat(digits, 64)
		if err != nil {
			return ""
		}
		return formatNumber(v * fx.times)
	}
	return ""
}

// asapWords are what people write for start: asap.
var asapWords = []string{"dès que possible", "des que possible", "au plus vite", "au plus tôt", "immédiat",
	"immédiatement", "dès maintenant", "as soon as possible", "immediately", "now", "asap."}

func isASAP(s string) bool {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	for _, w := range asapWords {
		if s == w {
			return true
		}
	}
	return false
}

// commaForDot is the address meant by s when it has a comma where a dot
// goes after its @ (rh@ecpat-france,org), or "". Two addresses with a
// comma between them have two @.
func commaForDot(s string) string {
	at := strings.IndexByte(s, '@')
	if at < 0 || strings.Count(s, "@") != 1 || !strings.Contains(s[at:], ",") {
		return ""
	}
	return s[:at] + strings.ReplaceAll(s[at:], ",", ".")
}

// lastName is the last part of a dotted field path: basis for salary.basis.
func lastName(path string) string { return path[strings.LastIndexByte(path, '.')+1:] }
