package site

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slugify makes an address segment of a name, a town's: "Île-de-France" →
// "ile-de-france". Every town gets an address of its own:
//   - Latin letters lose their accents; other characters (spaces,
//     punctuation) become single hyphens, as they always did, so that
//     addresses already shared stay the same. Latin letters that have no
//     accent to lose (ß, ø, ł) are hyphens too, for the same reason
//     (København → k-benhavn);
//   - Cyrillic and Greek letters are transliterated (Москва → moskva,
//     Αθήνα → athina), by the simple tables below, the same for every
//     language that writes with them;
//   - letters, marks and digits of other scripts are kept as they are
//     (東京 → 東京): the address is an IRI, which browsers show as written,
//     and which is percent-encoded where only ASCII will do (Site.URL).
//
// A name with none of these is "x". Names that differ by more than case,
// accents and punctuation may still meet at one address ("Łódź" and
// "Odz"): Assemble reports them (see placeKey).
func Slugify(s string) string { return slugify(s, false) }

// placeKey is the name of a town as Assemble tells towns apart: Slugify,
// but with the Latin letters that have no accent to lose kept.
func placeKey(s string) string { return slugify(s, true) }

func slugify(s string, keepLatin bool) string {
	var b strings.Builder
	dash := false  // a hyphen is due before the next letter
	other := false // the last rune written is of another script: a mark after it is kept
	write := func(w string) {
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
		dash = false
	}
	for _, r := range norm.NFC.String(s) {
		switch {
		case r < 128:
			other = false
			if 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
				write(string(unicode.ToLower(r)))
			} else {
				dash = true
			}
		case unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic):
			other = false
			// Without its accents: é → e, й → и, ά → α.
			for _, d := range norm.NFD.String(string(r)) {
				d = unicode.ToLower(d)
				switch t, ok := translit[d]; {
				case unicode.Is(unicode.Mn, d):
				case d < 128:
					write(string(d))
				case ok:
					write(t)
				case keepLatin && unicode.IsLetter(d):
					write(string(d))
				default:
					dash = true
				}
			}
		case unicode.IsMark(r):
			if other {
				write(string(r))
			} // else an accent of a letter above, not composed with it
		case (unicode.IsLetter(r) || unicode.IsDigit(r)) && !unicode.In(r, unicode.Common, unicode.Inherited):
			// Not the fullwidth digits of Common, which were hyphens.
			write(string(unicode.ToLower(r)))
			other = true
		default:
			other = false
			dash = true
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

// translit transliterates the lower-case Cyrillic and Greek letters
// without accents: Russian as in Russian passports (ICAO 9303), with
// Ukrainian, Belarusian, Serbian and Macedonian letters added; Greek as in
// ELOT 743, letter by letter. A letter missing here (ә, ғ, ϝ) is kept as
// it is, as letters of other scripts are.
var translit = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh", 'з': "z", 'и': "i",
	'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
	'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "ie",
	'ы': "y", 'ь': "", 'э': "e", 'ю': "iu", 'я': "ia",
	'є': "ie", 'і': "i", 'ґ': "g", 'ў': "u", 'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj",
	'ћ': "c", 'џ': "dz", 'ѓ': "gj", 'ќ': "kj", 'ѕ': "dz",
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th", 'ι': "i",
	'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s",
	'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
}
