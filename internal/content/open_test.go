package content

import "testing"

// TestSilentPasses: what used to pass without a word and is now a warning
// (issue 20, item 5): an untranslated title, a start date past while the
// posting is open, a posting open long after it was posted.
func TestSilentPasses(t *testing.T) {
	asap := fr("start: 2025-05-21", "start: asap", "expires: 2025-06-30", "# expires")
	longOpen := "warning: expires: no closing date, and posted on 2025-04-22, 70 days ago (more than listing_days: 60 in site.yaml): job sites still show it as open; add expires: YYYY-MM-DD, or delete the posting if the job is filled"
	runLoadCases(t, []loadCase{
		{name: "title not translated", files: map[string]string{postingEN: "---\ntitle: Médiateur interculturel\n---\nThe job.\n"},
			want: []string{postingEN + ":2: warning: title: the same as in content/postings/job.fr.md: translate the title into English"},
			fr:   []string{"content/postings/job.en.md:2: attention\u00a0: title: le même que dans content/postings/job.fr.md\u00a0: traduisez l'intitulé en anglais"}},
		{name: "start past while open", opt: Options{Today: Date{2025, 6, 1}},
			want: []string{at(lStart, "warning: start: 2025-05-21 is past and the posting is still open; write the new start date, or asap")},
			fr:   []string{"content/postings/job.fr.md:22: attention\u00a0: start: 2025-05-21 est passé et l'offre est encore ouverte\u00a0; écrivez la nouvelle date de début, ou asap (dès que possible)"}},
		{name: "start past on the last day", opt: Options{Today: Date{2025, 6, 30}},
			want: []string{at(lStart, "warning: start: 2025-05-21 is past and the posting is still open; write the new start date, or asap")}},
		{name: "start past once closed", opt: Options{Today: Date{2025, 7, 1}}},
		{name: "start today", opt: Options{Today: Date{2025, 5, 21}}},
		{name: "open too long", files: map[string]string{postingFR: asap}, opt: Options{Today: Date{2025, 7, 1}},
			want: []string{at(1, longOpen)},
			fr:   []string{"content/postings/job.fr.md:1: attention\u00a0: expires: pas de date de clôture, et publiée le 2025-04-22, il y a 70 jours (plus de listing_days: 60 dans site.yaml)\u00a0: les sites d'emploi la montrent encore comme ouverte\u00a0; ajoutez expires: AAAA-MM-JJ, ou supprimez l'offre si le poste est pourvu"}},
		{name: "open within the listing days", files: map[string]string{postingFR: asap}, opt: Options{Today: Date{2025, 6, 21}},
			want: []string{noExpires}},
		{name: "open within listing_days of site.yaml", files: map[string]string{postingFR: asap, siteFile: validSite + "listing_days: 90\n"}, opt: Options{Today: Date{2025, 7, 1}},
			want: []string{noExpires}},
		{name: "open too long, no day given", files: map[string]string{postingFR: asap},
			want: []string{noExpires}},
		{name: "listing_days zero", files: map[string]string{siteFile: validSite + "listing_days: 0\n"},
			want: []string{"content/site.yaml:7: listing_days: 0 days is not possible; give a number of days between 1 and 3650, like 60"}},
		{name: "listing_days in words", files: map[string]string{siteFile: validSite + "listing_days: 2 mois\n"},
			want: []string{`content/site.yaml:7: listing_days: must be a number, like 24000 (no spaces, units or currency), not "2 mois"`}},
	})
}
