package content

import "testing"

// TestSubjectAsked: the words that ask for a subject are found when the
// subject follows them, and ordinary prose with the same words is not.
func TestSubjectAsked(t *testing.T) {
	for text, want := range map[string]string{
		"Envoyez CV et lettre avec pour objet « **candidature médiateur** ».": "avec pour objet",
		"Merci d'indiquer en objet : Candidature éducateur.":                  "en objet",
		"Précisez dans l'objet du mail « Réf. 12 ».":                          "dans l'objet du mail",
		"Objet du courriel : Candidature":                                     "Objet du courriel",
		"Apply with the subject line \"Mediator – Calais\".":                  "with the subject line",
		"Please write MED-12 in the subject: thank you":                       "in the subject",
		"Fondée en 1998 avec pour objet l'accueil des exilés.":                "",
		"Nos actions s'inscrivent dans l'objet de l'association.":             "",
		"En cohérence avec l'objet social, vous accompagnez…":                 "",
		"You will act as subject matter expert.":                              "",
		"The post was subject to funding.":                                    "",
		"Familiarity with the subject area is a plus.":                        "",
		"Le sujet en objet de la mission.":                                    "",
	} {
		line, got := subjectAsked(document{body: []byte("Intro.\n\n" + text + "\n"), bodyLine: 10})
		if got != want || (want != "" && line != 12) {
			t.Errorf("%q: %q at line %d, want %q at line 12", text, got, line, want)
		}
	}
}
