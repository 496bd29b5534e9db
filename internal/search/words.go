package search

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The words of the index and of a query are cut and folded by the same
// rule here and in assets/search.js, which must agree character for
// character: the script cannot ask Unicode whether a character is a letter
// (old Android browsers know no \p{L}), so the rule names the separators by
// ranges instead. Folding: the text in canonical decomposition (NFD), the
// combining accents U+0300–U+036F dropped, lower case, œ → oe, æ → ae,
// ß → ss. A word: a run of characters that are no separator.

// Fold is s with accents and case folded: "Médiateur" → "mediateur".
// Bytes that are not UTF-8 are made U+FFFD first (a run of them one
// U+FFFD, where the JSON the script reads has one per byte: a separator
// either way): NFD leaves a character after such a byte composed at the
// end of a text and decomposes it elsewhere, so a word would fold two ways.
func Fold(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if 0x300 <= r && r <= 0x36f {
			continue
		}
		r = unicode.ToLower(r)
		switch r {
		case 'œ':
			b.WriteString("oe")
		case 'æ':
			b.WriteString("ae")
		case 'ß':
			b.WriteString("ss")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// separator reports whether r, folded, separates words: ASCII that is not
// a letter or digit, Latin-1 punctuation and signs (U+0080–U+00BF, ×, ÷),
// general punctuation, symbols and arrows (U+2000–U+2BFF), CJK punctuation
// (U+3000–U+303F) and the replacement character. Everything else (letters
// and digits of every script, and marks other than Latin accents) is part
// of a word.
func separator(r rune) bool {
	switch {
	case r < 0x80:
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	case r <= 0xbf, r == 0xd7, r == 0xf7:
		return true
	case 0x2000 <= r && r <= 0x2bff, 0x3000 <= r && r <= 0x303f:
		return true
	case r == unicode.ReplacementChar:
		return true
	}
	return false
}

// Words are the folded words of s, in order, repeats kept.
func Words(s string) []string {
	return strings.FieldsFunc(Fold(s), separator)
}

// prefixUnits is how many UTF-16 code units of a word choose its shard
// (the script counts in code units, as JavaScript strings do).
const prefixUnits = 2

// shardOf is the shard of the words that start as word does, among n: a
// hash of the first prefixUnits UTF-16 code units of word (h = h*31 + unit,
// modulo 2^32), modulo n.
func shardOf(word string, n int) int {
	if n <= 1 {
		return 0
	}
	var h uint32
	units := utf16.Encode([]rune(word))
	for _, u := range units[:min(prefixUnits, len(units))] {
		h = h*31 + uint32(u)
	}
	return int(h % uint32(n))
}

// unitLen is the length of word in UTF-16 code units.
func unitLen(word string) int {
	n := 0
	for _, r := range word {
		n += utf16.RuneLen(r)
	}
	return n
}
