package site

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// slugifyBefore is Slugify as it was before it transliterated Cyrillic and
// Greek and kept other scripts: every non-ASCII letter was a hyphen.
func slugifyBefore(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	folded, _, err := transform.String(t, s)
	if err != nil {
		folded = s
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(folded) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

// FuzzSlugifyLatinUnchanged: a name with no letter or digit of another
// script than Latin keeps the address it had.
func FuzzSlugifyLatinUnchanged(f *testing.F) {
	for _, s := range []string{"Calais", "Île-de-France", "Provence-Alpes-Côte d'Azur", "København", "Straße", "İzmir",
		"ŁÓDŹ", "e\u0301te\u0301", "Ｔｏｋｙｏ", "K\u212a", "Ǆemal", "ǅ", "Œuvre", "ﬁnance", "a\u0338b", "x²", "²"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // names are read from YAML, which is UTF-8
		}
		for _, r := range s {
			if (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) && !unicode.In(r, unicode.Latin, unicode.Common, unicode.Inherited) {
				return
			}
		}
		if got, was := Slugify(s), slugifyBefore(s); got != was {
			t.Errorf("Slugify(%q) = %q, was %q", s, got, was)
		}
	})
}
