package content

import "testing"

// TestSubjectQuotes: quotes around the whole subject would be copied by
// candidates; the error gives the subject without them (issue 20, item 2).
func TestSubjectQuotes(t *testing.T) {
	subject := func(s string) map[string]string {
		return map[string]string{postingFR: fr("  subject: candidature médiateur", "  subject: "+s)}
	}
	runLoadCases(t, []loadCase{
		{name: "guillemets", files: subject("« Candidature éducateur »"),
			want: []string{at(lSubject, `apply.subject: the quotes «…» around the subject would be part of it, and candidates copy it exactly; write it without them: subject: "Candidature éducateur"`)},
			fr:   []string{"content/postings/job.fr.md:29: apply.subject: les guillemets «…» autour de l'objet en feraient partie, et les candidats le recopient exactement\u00a0; écrivez-le sans eux\u00a0: subject: \"Candidature éducateur\""}},
		{name: "guillemets with no-break spaces", files: subject("\"«\u00a0Candidature éducateur\u202f»\""),
			want: []string{at(lSubject, `apply.subject: the quotes «…» around the subject would be part of it, and candidates copy it exactly; write it without them: subject: "Candidature éducateur"`)},
			fr:   []string{"content/postings/job.fr.md:29: apply.subject: les guillemets «…» autour de l'objet en feraient partie, et les candidats le recopient exactement\u00a0; écrivez-le sans eux\u00a0: subject: \"Candidature éducateur\""}},
		{name: "curly quotes inside YAML quotes", files: subject(`"“Candidature éducateur”"`),
			want: []string{at(lSubject, `apply.subject: the quotes “…” around the subject would be part of it, and candidates copy it exactly; write it without them: subject: "Candidature éducateur"`)},
			fr:   []string{"content/postings/job.fr.md:29: apply.subject: les guillemets “…” autour de l'objet en feraient partie, et les candidats le recopient exactement\u00a0; écrivez-le sans eux\u00a0: subject: \"Candidature éducateur\""}},
		{name: "single quotes inside YAML quotes", files: subject(`"'Candidature éducateur'"`),
			want: []string{at(lSubject, `apply.subject: the quotes '…' around the subject would be part of it, and candidates copy it exactly; write it without them: subject: "Candidature éducateur"`)},
			fr:   []string{"content/postings/job.fr.md:29: apply.subject: les guillemets '…' autour de l'objet en feraient partie, et les candidats le recopient exactement\u00a0; écrivez-le sans eux\u00a0: subject: \"Candidature éducateur\""}},
		{name: "quotes inside the subject", files: subject(`"Candidature « médiateur » Calais"`)},
		{name: "quote at one end only", files: subject(`"« Candidature"`)},
	})
}

// TestApplyStrict: apply.strict is read as true or false, and warned of
// when there is nothing an application could miss (issue 20).
func TestApplyStrict(t *testing.T) {
	runLoadCases(t, []loadCase{
		{name: "strict", files: map[string]string{postingFR: fr("  documents: [cv, cover-letter]", "  documents: [cv, cover-letter]\n  strict: true")}},
		{name: "strict not a boolean", files: map[string]string{postingFR: fr("  documents: [cv, cover-letter]", "  documents: [cv, cover-letter]\n  strict: oui")},
			want: []string{at(lDocuments+1, `apply.strict: must be true or false, not "oui"; for yes, write strict: true`)}},
		{name: "strict with nothing to miss", files: map[string]string{postingFR: fr("    - boss@example.org\n", "", "  documents: [cv, cover-letter]", "  strict: true")},
			want: []string{at(lDocuments-1, "warning: apply.strict: with one address and no documents, no application can be incomplete; list the documents the employer requires, or remove this line")}},
	})
}
