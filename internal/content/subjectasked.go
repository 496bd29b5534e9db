package content

import (
	"bytes"
	"regexp"
)

// msgSubjectAsked warns about a posting whose text asks candidates for an
// e-mail subject while apply gives none: the Apply link then opens an
// e-mail without it, and an employer who sorts by subject throws the
// application away.
const msgSubjectAsked = "the text asks for an e-mail subject (%q), but apply gives none: write it as apply.subject, so that the Apply link puts it in the candidate's e-mail"

// subjectAskedRE finds where a text asks for an e-mail subject: words that
// name it, then the subject itself, in quotes, in bold or after a colon
// (« avec pour objet « Candidature … » », "en objet : Candidature",
// "with the subject line "…""). Without what follows, the words are
// ordinary prose too: "une association qui a pour objet l'accueil",
// "dans l'objet de l'association", "familiarity with the subject".
var subjectAskedRE = regexp.MustCompile(`(?i)(?:^|[^\pL])((?:avec pour objet|avec l['’]objet|en objet|dans l['’]objet(?: du (?:mail|courriel|message))?|(?:l['’])?objet (?:du|de votre) (?:mail|courriel|message|e-mail)|with the subject(?: line)?|as the subject(?: line)?|in the subject(?: line)?|subject line|e-?mail subject(?: line)?))[ \t\x{a0}\x{202f}]*(?::|«|"|“|'|‘|\*\*|_)`)

// subjectAsked finds where the body of a posting asks for an e-mail
// subject: its line (counted as doc's), and the words as written; 0 when
// it does not.
func subjectAsked(doc document) (int, string) {
	body := doc.body
	if !bytes.Contains(body, []byte("bjet")) && !bytes.Contains(body, []byte("BJET")) && !bytes.Contains(body, []byte("ubject")) && !bytes.Contains(body, []byte("UBJECT")) {
		return 0, "" // most texts: not looked at further
	}
	m := subjectAskedRE.FindSubmatchIndex(body)
	if m == nil {
		return 0, ""
	}
	return doc.bodyLine + bytes.Count(body[:m[2]], []byte("\n")), string(body[m[2]:m[3]])
}
