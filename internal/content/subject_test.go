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
			want: []string{at(lSubject, `apply.subject: the quotes «…» around the subject would be part of it, and candidates copy it exactly; write it without them: subject: "Candidature éducateur"`)}},
		{name: "guillemets with no-break spaces", files: subject("\"«\u00a0Candidature éducateur\u202f»\""),
			want: []string{at(lSubject, `apply.subject: the quotes «…» around the subject would be part of it, and candidates copy it exactly; write it without them: subject: "Candidature éducateur"`)}},
		{name: "curly quotes inside YAML quotes", files: subject(`"“Candidature éducateur”"`),
			want: []string{at(lSubject, `apply.subject: the quotes “…” around the subject would be part of it, and candidates copy it exactly; write it without them: subject: "Candidature éducateur"`)}},
		{name: "single quotes inside YAML quotes", files: subject(`"'Candidature éducateur'"`),
			want: []string{at(lSubject, `apply.subject: the quotes '…' around the subject would be part of it, and candidates copy it exactly; write it without them: subject: "Candidature éducateur"`)}},
		{name: "quotes inside the subject", files: subject(`"Candidature « médiateur » Calais"`)},
		{name: "quote at one end only", files: subject(`"« Candidature"`)},
	})
}
