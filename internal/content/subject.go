package content

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// msgSubjectQuotes is the message of a subject written inside quotes
// (opening, closing, the subject without them), in one place so that it
// can be translated. An error: candidates copy the subject exactly, and a
// subject with « » in it would miss the employer's mail filter.
const msgSubjectQuotes = "the quotes %s…%s around the subject would be part of it, and candidates copy it exactly; write it without them: subject: %s"

// subjectQuotes pairs each opening quote people wrap a subject in with the
// closing quotes that may end it: French « », English and German quotes,
// and the typewriter's.
var subjectQuotes = map[rune]string{
	'«': "»", '‹': "›", '“': "”“", '„': "“”", '”': "”", '"': `"`, '\'': "'’", '‘': "’'",
}

// unquoteSubject returns s without the quotes that wrap it whole, and the
// quotes, or ok false when it is not wrapped. The spaces a French « »
// holds inside go with them.
func unquoteSubject(s string) (inner, open, close string, ok bool) {
	first, n := utf8.DecodeRuneInString(s)
	last, m := utf8.DecodeLastRuneInString(s)
	closers, known := subjectQuotes[first]
	if !known || len(s) <= n+m || !strings.ContainsRune(closers, last) {
		return "", "", "", false
	}
	inner = strings.TrimFunc(s[n:len(s)-m], unicode.IsSpace)
	if inner == "" {
		return "", "", "", false
	}
	return inner, string(first), string(last), true
}

// checkSubjectQuotes reports a subject wrapped in quotes, offering the
// subject without them as it is written in YAML: in double quotes.
func (d *decoder) checkSubjectQuotes(f *field, s string) bool {
	inner, open, close, ok := unquoteSubject(s)
	if !ok {
		return true
	}
	d.errorf(f, "apply.subject", msgSubjectQuotes, open, close, strconv.Quote(inner))
	return false
}
