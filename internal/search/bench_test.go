package search

import (
	"strconv"
	"testing"
)

// BenchmarkIndex: one language's index of 10,000 postings (1,000 with
// -short), each with a summary of about 30 words.
func BenchmarkIndex(b *testing.B) {
	n := 10000
	if testing.Short() {
		n = 1000
	}
	summary := "Au sein d'une équipe pluridisciplinaire, vous accompagnez les familles exilées dans leurs démarches, animez des ateliers collectifs et assurez le lien avec les partenaires associatifs et institutionnels du territoire."
	ds := make([]Doc, n)
	for i := range ds {
		ds[i] = Doc{Slug: "poste-" + strconv.Itoa(i), Title: "Médiateur·rice interculturel·le " + strconv.Itoa(i),
			Summary: summary + " Réf. " + strconv.FormatInt(int64(i*7919), 36), Employer: "Association " + strconv.Itoa(i%50),
			Contract: "CDD de 12 mois", Place: "Ville " + strconv.Itoa(i%40)}
	}
	b.ReportAllocs()
	for b.Loop() {
		Index(ds)
	}
}
