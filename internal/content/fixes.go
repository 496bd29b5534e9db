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

// Dates as people write them: year first with other separators or no
// zeros (2027-1-15, 2027/01/15), the day first as in France when it
// cannot be the month (15/01/2027, 15.01.2027, 15-1-2027), the month in words (15 janvier 2027, 1er mars
// 2027, 15 January 2027).
var (
	yearFirstRE = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	dayFirstRE  = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$`)
	wordsRE     = regexp.MustCompile(`(?i)^(\d{1,2})(?:er)?\s+(\pL+)\.?\s+(\d{4})$`)
)

// months are the names of the months, French and English, in lower case
// (the French without accents too), by number.
var months = map[string]int{
	"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
	"août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

// dateFix is the date s means, written YYYY-MM-DD, when s is one in
// another form (see yearFirstRE) and a real calendar date; else "".
func dateFix(s string) string {
	s = strings.TrimSpace(s)
	var y, m, d string
	if g := yearFirstRE.FindStringSubmatch(s); g != nil {
		y, m, d = g[1], g[2], g[3]
	} else if g := dayFirstRE.FindStringSubmatch(s); g != nil {
		// The day first, as in France, unless both could be the month
		// (03/04/2027 is 3 April there, 4 March in the United States):
		// then no guess.
		if day, _ := strconv.Atoi(g[1]); day <= 12 && strings.TrimLeft(g[1], "0") != strings.TrimLeft(g[2], "0") {
			return ""
		}
		y, m, d = g[3], g[2], g[1]
	} else if g := wordsRE.FindStringSubmatch(s); g != nil && months[strings.ToLower(g[2])] > 0 {
		y, m, d = g[3], strconv.Itoa(months[strings.ToLower(g[2])]), g[1]
	} else {
		return ""
	}
	pad := func(n string) string {
		if len(n) == 1 {
			return "0" + n
		}
		return n
	}
	fix := y + "-" + pad(m) + "-" + pad(d)
	if _, err := ParseDate(fix); err != nil {
		return ""
	}
	return fix
}

// frenchFields are the field names a French author may write for the
// ones jobboard reads (titre for title), by the name written in lower case;
// unknown reports them as meant.
var frenchFields = map[string]string{
	"titre": "title", "intitulé": "title", "intitule": "title", "poste": "title",
	"résumé": "summary", "resume": "summary", "chapeau": "summary",
	"employeur": "organization", "organisation": "organization", "structure": "organization", "association": "organization",
	"contrat": "contract", "type_de_contrat": "contract",
	"durée": "duration_months", "duree": "duration_months", "durée_mois": "duration_months", "duree_mois": "duration_months",
	"horaires": "hours", "temps": "hours", "temps_de_travail": "hours", "heures_par_semaine": "hours_per_week", "heures": "hours_per_week",
	"salaire": "salary", "rémunération": "salary", "remuneration": "salary",
	"devise": "currency", "période": "period", "periode": "period", "base": "basis",
	"lieu": "location", "adresse": "location", "localisation": "location",
	"ville": "city", "commune": "city", "code_postal": "postal_code", "cp": "postal_code", "région": "region", "pays": "country",
	"télétravail": "remote", "teletravail": "remote", "distanciel": "remote",
	"début": "start", "debut": "start", "date_de_début": "start", "date_de_debut": "start", "prise_de_poste": "start",
	"publication": "posted", "publié": "posted", "publie": "posted", "date_de_publication": "posted",
	"fin": "expires", "clôture": "expires", "cloture": "expires", "date_limite": "expires", "date_de_clôture": "expires", "date_de_cloture": "expires",
	"pourvu": "filled", "pourvue": "filled",
	"candidature": "apply", "candidatures": "apply", "postuler": "apply",
	"destinataires": "to", "adresses": "to", "courriel": "to", "email": "to", "mail": "to",
	"objet": "subject", "pièces": "documents", "pieces": "documents", "pièces_jointes": "documents",
	"langues": "languages", "requises": "required", "bonus": "plus", "atout": "plus", "atouts": "plus",
	"résidence": "residence", "éligibilité": "eligibility", "eligibilite": "eligibility",
	"brouillon": "draft",
}

// documentWords are the documents as an ad names them, French or English,
// in lower case, by the kind jobboard reads (Documents).
var documentWords = map[string]string{
	"cv": "cv", "c.v.": "cv", "curriculum vitae": "cv", "resume": "cv", "résumé": "cv",
	"lettre de motivation": "cover-letter", "lettre": "cover-letter", "lm": "cover-letter", "motivation": "cover-letter",
	"cover letter": "cover-letter", "letter": "cover-letter", "coverletter": "cover-letter",
	"références": "references", "reference": "references", "référence": "references", "recommandations": "references",
	"diplôme": "diploma", "diplômes": "diploma", "diplome": "diploma", "diplomes": "diploma", "diplomas": "diploma",
	"book": "portfolio", "press-book": "portfolio",
}
