package content

import "testing"

// salary replaces the fixture's band (24000–28000 a year, gross, full-time).
func salary(min, max, period string) string {
	return fr("  min: 24000", "  min: "+min, "  max: 28000", "  max: "+max, "  period: year", "  period: "+period)
}

// TestPay: a band implausible for its period is a warning that says which
// period or number was probably meant (issue 20, item 1).
func TestPay(t *testing.T) {
	runLoadCases(t, []loadCase{
		{name: "monthly band as year", files: map[string]string{postingFR: salary("2100", "2400", "year")},
			want: []string{at(lPeriod, "warning: salary.period: 2,100–2,400 a year looks like a monthly salary: period: month?")},
			fr:   []string{"content/postings/job.fr.md:12: attention\u00a0: salary.period: 2\u00a0100–2\u00a0400 par an ressemble à un salaire mensuel\u00a0: period: month\u00a0?"}},
		{name: "yearly band as month", files: map[string]string{postingFR: salary("24000", "28000", "month")},
			want: []string{at(lPeriod, "warning: salary.period: 24,000–28,000 a month looks like a yearly salary: period: year?")},
			fr:   []string{"content/postings/job.fr.md:12: attention\u00a0: salary.period: 24\u00a0000–28\u00a0000 par mois ressemble à un salaire annuel\u00a0: period: year\u00a0?"}},
		{name: "hourly rate as month", files: map[string]string{postingFR: salary("12.5", "14", "month")},
			want: []string{at(lPeriod, "warning: salary.period: 12.50–14 a month looks like an hourly rate: period: hour?")},
			fr:   []string{"content/postings/job.fr.md:12: attention\u00a0: salary.period: 12,50–14 par mois ressemble à un taux horaire\u00a0: period: hour\u00a0?"}},
		{name: "monthly band as hour", files: map[string]string{postingFR: salary("2100", "2400", "hour")},
			want: []string{at(lPeriod, "warning: salary.period: 2,100–2,400 an hour looks like a monthly salary: period: month?")},
			fr:   []string{"content/postings/job.fr.md:12: attention\u00a0: salary.period: 2\u00a0100–2\u00a0400 de l'heure ressemble à un salaire mensuel\u00a0: period: month\u00a0?"}},
		{name: "dot as thousands separator", files: map[string]string{postingFR: salary("2.100", "2400", "month")},
			want: []string{at(lMin, "warning: salary.min: 2.100 is read as 2.1: a dot marks decimals, not thousands; write 2100")},
			fr:   []string{"content/postings/job.fr.md:9: attention\u00a0: salary.min: 2.100 se lit 2.1\u00a0: un point marque les décimales, pas les milliers\u00a0; écrivez 2100"}},
		{name: "dot in an hourly rate", files: map[string]string{postingFR: salary("12.500", "13", "hour")}},
		{name: "under the SMIC a month", files: map[string]string{postingFR: salary("1500", "1600", "month")},
			want: []string{at(lSalary, "warning: salary: 1,500–1,600 a month gross is under the French minimum wage (SMIC: 1,801.80 a month gross for 35 hours a week, since 2024-11-01); check the amounts and the period")},
			fr:   []string{"content/postings/job.fr.md:8: attention\u00a0: salary: 1\u00a0500–1\u00a0600 brut par mois est sous le salaire minimum (SMIC\u00a0: 1\u00a0801,80 brut par mois pour 35 heures par semaine, depuis le 2024-11-01)\u00a0; vérifiez les montants et la période"}},
		{name: "under the SMIC a year", files: map[string]string{postingFR: salary("20000", "20000", "year")},
			want: []string{at(lSalary, "warning: salary: 20,000 a year gross is under the French minimum wage (SMIC: 21,621.60 a year gross for 35 hours a week, since 2024-11-01); check the amounts and the period")},
			fr:   []string{"content/postings/job.fr.md:8: attention\u00a0: salary: 20\u00a0000 brut par an est sous le salaire minimum (SMIC\u00a0: 21\u00a0621,60 brut par an pour 35 heures par semaine, depuis le 2024-11-01)\u00a0; vérifiez les montants et la période"}},
		{name: "under the SMIC an hour part-time", files: map[string]string{postingFR: edits(salary("10", "11", "hour"), "hours: full-time", "hours: part-time")},
			want: []string{at(lSalary, "warning: salary: 10–11 an hour gross is under the French minimum wage (SMIC: 11.88 an hour gross for 35 hours a week, since 2024-11-01); check the amounts and the period")},
			fr:   []string{"content/postings/job.fr.md:8: attention\u00a0: salary: 10–11 brut de l'heure est sous le salaire minimum (SMIC\u00a0: 11,88 brut de l'heure pour 35 heures par semaine, depuis le 2024-11-01)\u00a0; vérifiez les montants et la période"}},
		{name: "part-time month under the SMIC", files: map[string]string{postingFR: edits(salary("900", "1000", "month"), "hours: full-time", "hours: part-time")}},
		{name: "net month under the gross SMIC", files: map[string]string{postingFR: edits(salary("1500", "1600", "month"), "  basis: gross", "  basis: net")}},
		{name: "internship under the SMIC", files: map[string]string{postingFR: edits(salary("4.35", "4.35", "hour"), "contract: CDI", "contract: stage\nduration_months: 6")}},
		{name: "fixed-term under the SMIC", files: map[string]string{postingFR: edits(salary("1500", "1500", "month"), "contract: CDI", "contract: CDD\nduration_months: 6")},
			want: []string{at(lSalary+1, "warning: salary: 1,500 a month gross is under the French minimum wage (SMIC: 1,801.80 a month gross for 35 hours a week, since 2024-11-01); check the amounts and the period")},
			fr:   []string{"content/postings/job.fr.md:9: attention\u00a0: salary: 1\u00a0500 brut par mois est sous le salaire minimum (SMIC\u00a0: 1\u00a0801,80 brut par mois pour 35 heures par semaine, depuis le 2024-11-01)\u00a0; vérifiez les montants et la période"}},
		{name: "band reaching the SMIC", files: map[string]string{postingFR: salary("1700", "1900", "month")}},
		{name: "other currency", files: map[string]string{postingFR: edits(salary("2100", "2400", "year"), "  currency: EUR", "  currency: GBP")}},
	})
}

func TestFormatAmount(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 21621.6: "21,621.60", 1234567: "1,234,567", 11.88: "11.88"} {
		if got := formatAmount(v); got != want {
			t.Errorf("formatAmount(%v) = %q, want %q", v, got, want)
		}
	}
}
