package render

import (
	"sync"
	"testing"

	"github.com/jobboard/jobboard/internal/content"
)

const (
	nbsp = "\u00a0" // no-break space: between an amount and its sign
)

func TestSalary(t *testing.T) {
	r, _ := fixture(t)
	for _, c := range []struct {
		name   string
		s      content.Salary
		fr, en string
	}{
		{"year gross band", content.Salary{Min: 24000, Max: 28000, Currency: "EUR", Period: "year", Basis: "gross"},
			"24" + nnbsp + "000" + nbsp + "€" + nbsp + "– 28" + nnbsp + "000" + nbsp + "€ bruts par an",
			"€24,000–€28,000 gross per year"},
		{"month net equal ends", content.Salary{Min: 1800, Max: 1800, Currency: "EUR", Period: "month", Basis: "net"},
			"1" + nnbsp + "800" + nbsp + "€ nets par mois", "€1,800 net per month"},
		{"hour with cents, defaults", content.Salary{Min: 11.65, Max: 11.65, Period: "hour"},
			"11,65" + nbsp + "€ bruts de l'heure", "€11.65 gross per hour"},
		{"cents kept", content.Salary{Min: 12.5, Max: 14, Period: "hour", Basis: "gross"},
			"12,50" + nbsp + "€" + nbsp + "– 14" + nbsp + "€ bruts de l'heure", "€12.50–€14 gross per hour"},
		{"currency without a sign", content.Salary{Min: 60000, Max: 70000, Currency: "CHF", Period: "year", Basis: "gross"},
			"60" + nnbsp + "000" + nbsp + "CHF" + nbsp + "– 70" + nnbsp + "000" + nbsp + "CHF bruts par an",
			"CHF" + nbsp + "60,000–CHF" + nbsp + "70,000 gross per year"},
		{"pound", content.Salary{Min: 2000000, Max: 2500000, Currency: "GBP", Period: "year", Basis: "net"},
			"2" + nnbsp + "000" + nnbsp + "000" + nbsp + "£" + nbsp + "– 2" + nnbsp + "500" + nnbsp + "000" + nbsp + "£ nets par an",
			"£2,000,000–£2,500,000 net per year"},
		{"dollar by its code", content.Salary{Min: 950, Max: 950, Currency: "USD", Period: "month", Basis: "gross"},
			"950" + nbsp + "USD bruts par mois", "USD" + nbsp + "950 gross per month"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := r.salary("fr", &c.s); got != c.fr {
				t.Errorf("fr: salary(%+v) = %q, want %q", c.s, got, c.fr)
			}
			if got := r.salary("en", &c.s); got != c.en {
				t.Errorf("en: salary(%+v) = %q, want %q", c.s, got, c.en)
			}
		})
	}
}

func TestDate(t *testing.T) {
	r, _ := fixture(t)
	for _, c := range []struct {
		d      content.Date
		fr, en string
	}{
		{content.Date{Year: 2025, Month: 5, Day: 21}, "21 mai 2025", "21 May 2025"},
		{content.Date{Year: 2025, Month: 6, Day: 1}, "1er juin 2025", "1 June 2025"},
		{content.Date{Year: 2026, Month: 2, Day: 28}, "28 février 2026", "28 February 2026"},
		{content.Date{Year: 2025, Month: 8, Day: 15}, "15 août 2025", "15 August 2025"},
	} {
		if got := r.date("fr", c.d); got != c.fr {
			t.Errorf("fr: date(%v) = %q, want %q", c.d, got, c.fr)
		}
		if got := r.date("en", c.d); got != c.en {
			t.Errorf("en: date(%v) = %q, want %q", c.d, got, c.en)
		}
	}
}

// TestFacts checks every field of FactsText on the fixture's postings.
func TestFacts(t *testing.T) {
	r, s := fixture(t)
	for _, c := range []struct {
		slug, lang string
		want       FactsText
	}{
		{"coordinateur-paris", "fr", FactsText{
			Contract: "CDD de 12 mois", Hours: "Temps partiel, 17,5" + nbsp + "heures par semaine", WorkHours: "17,5" + nbsp + "heures par semaine",
			Salary: "1" + nnbsp + "800" + nbsp + "€ nets par mois", Place: "Paris (75011), Île-de-France, France", Remote: "Télétravail partiel",
			Start: "Dès que possible", Posted: "1er avril 2025", Closes: "1er juin 2025", Expires: "Candidatures jusqu'au 1er juin 2025",
			Required: "anglais", Documents: "CV, lettre de motivation et portfolio"}},
		{"coordinateur-paris", "en", FactsText{
			Contract: "Fixed-term contract (CDD), 12 months", Hours: "Part-time, 17.5 hours a week", WorkHours: "17.5 hours a week",
			Salary: "€1,800 net per month", Place: "Paris (75011), Île-de-France, France", Remote: "Partly remote (hybrid)",
			Start: "As soon as possible", Posted: "1 April 2025", Closes: "1 June 2025", Expires: "Apply by 1 June 2025",
			Required: "English", Documents: "CV, cover letter and portfolio"}},
		{"benevole-marseille", "fr", FactsText{
			Contract: "Bénévolat", Hours: "Temps partiel", Place: "Marseille, France",
			Start: "1er juin 2025", Posted: "20 avril 2025", Closes: "31 décembre 2025", Expires: "Candidatures jusqu'au 31 décembre 2025"}},
		{"ancien-poste", "en", FactsText{
			Contract: "Permanent contract (CDI)", Hours: "Full-time", Salary: "CHF" + nbsp + "60,000–CHF" + nbsp + "70,000 gross per year",
			Place: "Genève, Switzerland", Start: "1 February 2025", Posted: "5 January 2025", Closes: "31 March 2025", Expires: "Apply by 31 March 2025",
			Required: "French", Plus: "German and Italian", Residence: "Only residents of these countries may apply: Switzerland and France.",
			Documents: "CV and cover letter"}},
	} {
		if got := r.Facts(posting(s, c.slug), c.lang); got != c.want {
			t.Errorf("Facts(%s, %s) =\n%+v\nwant\n%+v", c.slug, c.lang, got, c.want)
		}
	}
}

func TestResidence(t *testing.T) {
	r, _ := fixture(t)
	for _, c := range []struct {
		codes  []string
		fr, en string
	}{
		{[]string{"FR"}, "Seules les personnes résidant en France peuvent postuler.", "Only residents of France may apply."},
		{[]string{"PT"}, "Seules les personnes résidant au Portugal peuvent postuler.", "Only residents of Portugal may apply."},
		{[]string{"GB"}, "Seules les personnes résidant au Royaume-Uni peuvent postuler.", "Only residents of the United Kingdom may apply."},
		{[]string{"US"}, "Seules les personnes résidant aux États-Unis peuvent postuler.", "Only residents of the United States may apply."},
		{[]string{"IT"}, "Seules les personnes résidant en Italie peuvent postuler.", "Only residents of Italy may apply."},
		{[]string{"MX"}, "Seules les personnes résidant au Mexique peuvent postuler.", "Only residents of Mexico may apply."},
		{[]string{"MC"}, "Seules les personnes résidant à Monaco peuvent postuler.", "Only residents of Monaco may apply."},
		{nil, "", ""},
	} {
		if got := r.residence("fr", c.codes); got != c.fr {
			t.Errorf("fr: residence(%v) = %q, want %q", c.codes, got, c.fr)
		}
		if got := r.residence("en", c.codes); got != c.en {
			t.Errorf("en: residence(%v) = %q, want %q", c.codes, got, c.en)
		}
	}
}

func TestLanguageNames(t *testing.T) {
	for _, c := range []struct{ lang, code, want string }{
		{"fr", "ar", "arabe"}, {"fr", "ps", "pachto"}, {"fr", "fa", "persan"}, {"fr", "ti", "tigrigna"},
		{"en", "ps", "Pashto"}, {"en", "fa", "Persian"}, {"de", "fr", "Französisch"}, {"fr", "zz-bad!", "zz-bad!"},
	} {
		if got := languageName(c.lang, c.code); got != c.want {
			t.Errorf("languageName(%s, %s) = %q, want %q", c.lang, c.code, got, c.want)
		}
	}
	if got := selfName("fr"); got != "Français" {
		t.Errorf(`selfName("fr") = %q, want "Français"`, got)
	}
	for lang, want := range map[string]string{"ar": "rtl", "fa": "rtl", "he": "rtl", "ur": "rtl", "fr": "", "en-GB": ""} {
		if got := dir(lang); got != want {
			t.Errorf("dir(%s) = %q, want %q", lang, got, want)
		}
	}
}

// TestLocaleNames: the names kept are those worked out, each under its
// own function and arguments, from several goroutines at once.
func TestLocaleNames(t *testing.T) {
	var n localeNames
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 3 {
				for _, c := range []struct{ got, want string }{
					{n.language("fr", "ar"), languageName("fr", "ar")},
					{n.language("en", "ar"), languageName("en", "ar")},
					{n.language("fr", "en"), languageName("fr", "en")},
					{n.self("fr"), selfName("fr")},
					{n.self("ar"), selfName("ar")},
					{n.country("fr", "GB"), countryName("fr", "GB")},
					{n.country("en", "GB"), countryName("en", "GB")},
					{n.dir("ar"), dir("ar")},
					{n.dir("fr"), dir("fr")},
					{n.ogLocale("fr"), ogLocale("fr")},
					{n.ogLocale("en"), ogLocale("en")},
				} {
					if c.got != c.want {
						t.Errorf("kept %q, want %q", c.got, c.want)
					}
				}
			}
		})
	}
	wg.Wait()
	if len(n.m) != 11 {
		t.Errorf("%d names kept, want 11", len(n.m))
	}
}
