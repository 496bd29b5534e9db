package content

import (
	"slices"
	"testing"
)

// TestObviousFixes: a value with an obvious fix says exactly what to write
// (issue 20, item 4).
func TestObviousFixes(t *testing.T) {
	runLoadCases(t, []loadCase{
		{name: "comma for a dot in an address", files: map[string]string{postingFR: fr("    - boss@example.org", "    - rh@ecpat-france,org")},
			want: []string{at(lTo2, `apply.to: "rh@ecpat-france,org" has a comma where a dot goes; write rh@ecpat-france.org`)},
			fr:   []string{"content/postings/job.fr.md:28: apply.to: \"rh@ecpat-france,org\" a une virgule à la place d'un point\u00a0; écrivez rh@ecpat-france.org"}},
		{name: "two addresses with a comma", files: map[string]string{postingFR: fr("    - boss@example.org", "    - a@example.org,b@example.org")},
			want: []string{at(lTo2, `apply.to: "a@example.org,b@example.org" contains a comma or semicolon; give each address as its own item of the list`)},
			fr:   []string{"content/postings/job.fr.md:28: apply.to: \"a@example.org,b@example.org\" contient une virgule ou un point-virgule\u00a0; mettez chaque adresse sur sa propre ligne de la liste"}},
		{name: "hours with h", files: map[string]string{postingFR: fr("hours_per_week: 35", "hours_per_week: 28h")},
			want: []string{at(lHoursPW, `hours_per_week: must be a number alone, not "28h"; write hours_per_week: 28`)},
			fr:   []string{"content/postings/job.fr.md:7: hours_per_week: doit être un nombre seul, pas \"28h\"\u00a0; écrivez hours_per_week: 28"}},
		{name: "hours with a decimal comma", files: map[string]string{postingFR: fr("hours_per_week: 35", "hours_per_week: 17,5 heures par semaine")},
			want: []string{at(lHoursPW, `hours_per_week: must be a number alone, not "17,5 heures par semaine"; write hours_per_week: 17.5`)},
			fr:   []string{"content/postings/job.fr.md:7: hours_per_week: doit être un nombre seul, pas \"17,5 heures par semaine\"\u00a0; écrivez hours_per_week: 17.5"}},
		{name: "months in French", files: map[string]string{postingFR: fr("contract: CDI", "contract: CDD\nduration_months: 12 mois")},
			want: []string{at(lContract+1, `duration_months: must be a number alone, not "12 mois"; write duration_months: 12`)},
			fr:   []string{"content/postings/job.fr.md:6: duration_months: doit être un nombre seul, pas \"12 mois\"\u00a0; écrivez duration_months: 12"}},
		{name: "years for months", files: map[string]string{postingFR: fr("contract: CDI", "contract: CDD\nduration_months: 2 ans")},
			want: []string{at(lContract+1, `duration_months: must be a number alone, not "2 ans"; write duration_months: 24`)},
			fr:   []string{"content/postings/job.fr.md:6: duration_months: doit être un nombre seul, pas \"2 ans\"\u00a0; écrivez duration_months: 24"}},
		{name: "salary with euro sign", files: map[string]string{postingFR: fr("  min: 24000", "  min: 24 000 €")},
			want: []string{at(lMin, `salary.min: must be a number alone, not "24 000 €"; write min: 24000`)},
			fr:   []string{"content/postings/job.fr.md:9: salary.min: doit être un nombre seul, pas \"24 000 €\"\u00a0; écrivez min: 24000"}},
		{name: "start as soon as possible", files: map[string]string{postingFR: fr("start: 2025-05-21", "start: dès que possible")},
			want: []string{at(lStart, `start: "dès que possible" is not a date; write start: asap`)},
			fr:   []string{"content/postings/job.fr.md:22: start: \"dès que possible\" n'est pas une date\u00a0; écrivez start: asap"}},
		{name: "basis brut", files: map[string]string{postingFR: fr("  basis: gross", "  basis: brut")},
			want: []string{at(lBasis, `salary.basis: "brut" is not allowed; write basis: gross`)},
			fr:   []string{"content/postings/job.fr.md:13: salary.basis: \"brut\" n'est pas une valeur possible\u00a0; écrivez basis: gross"}},
		{name: "period par mois", files: map[string]string{postingFR: fr("  period: year", "  period: par mois")},
			want: []string{at(lPeriod, `salary.period: "par mois" is not allowed; write period: month`)},
			fr:   []string{"content/postings/job.fr.md:12: salary.period: \"par mois\" n'est pas une valeur possible\u00a0; écrivez period: month"}},
		{name: "hours temps plein", files: map[string]string{postingFR: fr("hours: full-time", "hours: temps plein")},
			want: []string{at(lHours, `hours: "temps plein" is not allowed; write hours: full-time`)},
			fr:   []string{"content/postings/job.fr.md:6: hours: \"temps plein\" n'est pas une valeur possible\u00a0; écrivez hours: full-time"}},
		{name: "hours Temps Partiel", files: map[string]string{postingFR: fr("hours: full-time", "hours: Temps  Partiel")},
			want: []string{at(lHours, `hours: "Temps  Partiel" is not allowed; write hours: part-time`)},
			fr:   []string{"content/postings/job.fr.md:6: hours: \"Temps  Partiel\" n'est pas une valeur possible\u00a0; écrivez hours: part-time"}},
		// One error on the misnamed file, not a posting with every fact
		// missing; the posting it belongs to has no English, truly.
		{name: "translation file one letter off", files: map[string]string{postingEN: deleted, "content/postings/jobb.en.md": validPostingEN},
			want: []string{
				postingFR + ": warning: no English version (content/postings/job.en.md): the posting is published in French only",
				`content/postings/jobb.en.md: no posting "jobb" in French: did you mean job? rename this file job.en.md`,
			},
			fr: []string{
				"content/postings/job.fr.md: attention\u00a0: pas de version en anglais (content/postings/job.en.md)\u00a0: l'offre n'est publiée qu'en français",
				"content/postings/jobb.en.md: aucune offre \"jobb\" en français\u00a0: vouliez-vous dire job\u00a0? renommez ce fichier job.en.md",
			}},
		{name: "translation file one letter off an empty one", files: map[string]string{postingEN: " \n", "content/postings/jobb.en.md": validPostingEN},
			want: []string{
				postingEN + ": warning: the file is empty: no English version yet, the posting is published in French only; write the translation, or delete the file",
				`content/postings/jobb.en.md: no posting "jobb" in French: did you mean job? rename this file job.en.md`,
			},
			fr: []string{
				"content/postings/job.en.md: attention\u00a0: le fichier est vide\u00a0: pas encore de version en anglais, l'offre n'est publiée qu'en français\u00a0; écrivez la traduction, ou supprimez le fichier",
				"content/postings/jobb.en.md: aucune offre \"jobb\" en français\u00a0: vouliez-vous dire job\u00a0? renommez ce fichier job.en.md",
			}},
		{name: "translation file of another posting", files: map[string]string{"content/postings/other.en.md": validPostingEN},
			want: []string{
				"content/postings/other.en.md: warning: no French version (content/postings/other.fr.md): the posting is published in English only",
				"content/postings/other.en.md:1: apply: missing; say how to apply: apply: {to: [address], subject: …}",
				"content/postings/other.en.md:1: contract: missing; give the contract: CDI, CDD, interim, alternance, stage, freelance, volontariat, benevolat",
				"content/postings/other.en.md:1: warning: expires: no closing date: the posting stays open until you add one (expires: YYYY-MM-DD) or delete it",
				"content/postings/other.en.md:1: hours: missing; give the hours: full-time or part-time",
				"content/postings/other.en.md:1: location: missing; give the place of work: location: {city: …, postal_code: …, country: FR}",
				"content/postings/other.en.md:1: organization: missing; give the employer's key (its file name in content/organizations/, like ecpat-france)",
				"content/postings/other.en.md:1: posted: missing; give the date the posting is published (YYYY-MM-DD)",
				"content/postings/other.en.md:1: start: missing; give the start date (YYYY-MM-DD) or asap",
			},
			fr: []string{
				"content/postings/other.en.md: attention\u00a0: pas de version en français (content/postings/other.fr.md)\u00a0: l'offre n'est publiée qu'en anglais",
				"content/postings/other.en.md:1: apply: manquant\u00a0; dites comment postuler\u00a0: apply: {to: [adresse], subject: …}",
				"content/postings/other.en.md:1: contract: manquant\u00a0; donnez le contrat\u00a0: CDI, CDD, interim, alternance, stage, freelance, volontariat, benevolat",
				"content/postings/other.en.md:1: attention\u00a0: expires: pas de date de clôture\u00a0: l'offre reste ouverte jusqu'à ce que vous en ajoutiez une (expires: AAAA-MM-JJ) ou que vous la supprimiez",
				"content/postings/other.en.md:1: hours: manquant\u00a0; donnez le temps de travail\u00a0: full-time (temps plein) ou part-time (temps partiel)",
				"content/postings/other.en.md:1: location: manquant\u00a0; donnez le lieu de travail\u00a0: location: {city: …, postal_code: …, country: FR}",
				"content/postings/other.en.md:1: organization: manquant\u00a0; donnez la clé de l'employeur (le nom de son fichier dans content/organizations/, comme ecpat-france)",
				"content/postings/other.en.md:1: posted: manquant\u00a0; donnez la date de publication de l'offre (AAAA-MM-JJ)",
				"content/postings/other.en.md:1: start: manquant\u00a0; donnez la date de début (AAAA-MM-JJ) ou asap (dès que possible)",
			}},
	})
}

// TestMisnamedWatched: serve's Loader, told of each edit, says what a
// fresh Load says of a misnamed translation, also when the posting it was
// meant for changes (its empty translation written) and the name is no
// longer a typo of a free one.
func TestMisnamedWatched(t *testing.T) {
	fsys := testSite(map[string]string{postingEN: "", "content/postings/jobb.en.md": validPostingEN})
	ld := Loader{Watched: true}
	for _, step := range []struct {
		name, file, text string
	}{
		{"first load", "", ""},
		{"misnamed file edited", "content/postings/jobb.en.md", "---\ntitle: Mediator\n---\nThe job.\n"},
		{"the posting's empty translation written", postingEN, validPostingEN},
		{"emptied again", postingEN, "\n"},
	} {
		if step.file != "" {
			fsys[step.file].Data = []byte(step.text)
			ld.Invalidate(step.file)
		}
		_, got := ld.Load(fsys, Options{})
		_, want := Load(fsys, Options{})
		if g, w := strs(got), strs(want); !slices.Equal(g, w) {
			t.Errorf("%s: watched Loader says:%s\nfresh Load says:%s", step.name, fmtList(g), fmtList(w))
		}
	}
}
