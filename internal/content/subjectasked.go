package content

import "bytes"

// msgSubjectAsked warns about a posting whose text asks candidates for an
// e-mail subject while apply gives none: the Apply link then opens an
// e-mail without it, and an employer who sorts by subject throws the
// application away.
const msgSubjectAsked = "the text asks for an e-mail subject (%q), but apply gives none: write it as apply.subject, so that the Apply link puts it in the candidate's e-mail"

// subjectPhrases are the words with which a posting asks for a subject,
// in lower case: "avec pour objet « … »", "with the subject line …".
// Not "pour objet" nor "l'objet" alone: "la mission a pour objet de…",
// "l'objet du poste" say something else.
var subjectPhrases = []string{
	"avec pour objet", "avec l'objet", "avec l’objet", "en objet", "dans l'objet", "dans l’objet",
	"objet du mail", "objet du courriel", "objet du message", "objet de votre mail", "objet de votre courriel", "objet de votre message",
	"subject line", "with the subject", "as the subject", "as subject", "in the subject", "e-mail subject", "email subject",
}

// subjectAsked finds where the body of a posting asks for an e-mail
// subject: its line (counted as doc's), and the words as written; 0 when
// it does not.
func subjectAsked(doc document) (int, string) {
	body := doc.body
	if !bytes.Contains(body, []byte("bjet")) && !bytes.Contains(body, []byte("ubject")) {
		return 0, "" // most texts: not looked at further
	}
	lower := asciiLower(body) // the offsets stay those of body
	first, phrase := -1, ""
	for _, p := range subjectPhrases {
		if i := bytes.Index(lower, []byte(p)); i >= 0 && (first < 0 || i < first) {
			first, phrase = i, p
		}
	}
	if first < 0 {
		return 0, ""
	}
	return doc.bodyLine + bytes.Count(body[:first], []byte("\n")), string(body[first : first+len(phrase)])
}

// asciiLower is a copy of b with its ASCII letters in lower case.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
