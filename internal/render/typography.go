package render

import (
	"html/template"
	"strings"
)

// French typography puts a narrow no-break space (U+202F) before : ; ! ?
// and inside « », so that a colon never starts a line alone. The interface
// strings are written so (layouts/i18n/fr.yaml); the text of a posting is
// written with ordinary spaces by people who type "de :" and cannot type
// U+202F, so the pages in French change the ordinary space there.
const nnbsp = "\u202f"

// frenchTypography says whether the pages in lang follow the French rule:
// French, but for Canada's, which puts no space before ; ! ?.
func frenchTypography(lang string) bool {
	return lang == "fr" || (strings.HasPrefix(lang, "fr-") && lang != "fr-CA")
}

// writeFrench writes s to b with the ordinary spaces of French typography
// made narrow no-break ones: before : ; ! ? », after «. It looks only at
// the bytes that can end a rule (frenchStop); a strings.Replacer, which
// did it, looked its patterns up at every byte: 4% of the CPU of a build
// from empty.
func writeFrench(b *strings.Builder, s string) {
	done := 0 // s[:done] is written
	for i := 0; i < len(s); i++ {
		if !frenchStop[s[i]] {
			continue
		}
		switch {
		case strings.HasPrefix(s[i:], "« "):
			b.WriteString(s[done:i])
			b.WriteString("«" + nnbsp)
			i += len("« ") - 1
			done = i + 1
		case i > done && s[i-1] == ' ' && (s[i] != 0xc2 || strings.HasPrefix(s[i:], "»")):
			b.WriteString(s[done : i-1])
			b.WriteString(nnbsp)
			done = i
		}
	}
	b.WriteString(s[done:])
}

// frenchStop is the first bytes of : ; ! ? « and » (0xc2 for both): the
// bytes a rule of writeFrench ends with, or starts with for «.
var frenchStop = [256]bool{':': true, ';': true, '!': true, '?': true, 0xc2: true}

// hasFrenchStop reports whether s has a byte of frenchStop: if not,
// writeFrench would write it as it is. (strings.ContainsAny with « and »
// looks for each character in turn.)
func hasFrenchStop(s string) bool {
	for i := 0; i < len(s); i++ {
		if frenchStop[s[i]] {
			return true
		}
	}
	return false
}

// frenchText is the plain text s (a title, a summary) with French spaces.
func frenchText(lang, s string) string {
	if !frenchTypography(lang) || !hasFrenchStop(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	writeFrench(&b, s)
	return b.String()
}

// frenchHTML is the HTML h of a body with French spaces in its text, but
// not in its tags (attributes, addresses) nor in code, which is shown as
// written.
func frenchHTML(lang string, h template.HTML) template.HTML {
	s := string(h)
	if !frenchTypography(lang) || !hasFrenchStop(s) {
		return h
	}
	var b strings.Builder
	b.Grow(len(s) + 64)
	code := 0 // depth of <code> and <pre>
	for s != "" {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			lt = len(s)
		}
		if code == 0 {
			writeFrench(&b, s[:lt])
		} else {
			b.WriteString(s[:lt])
		}
		s = s[lt:]
		if s == "" {
			break
		}
		gt := strings.IndexByte(s, '>')
		if gt < 0 {
			gt = len(s) - 1
		}
		tag := s[:gt+1]
		switch {
		case strings.HasPrefix(tag, "<code"), strings.HasPrefix(tag, "<pre"):
			code++
		case (strings.HasPrefix(tag, "</code") || strings.HasPrefix(tag, "</pre")) && code > 0:
			code--
		}
		b.WriteString(tag)
		s = s[gt+1:]
	}
	return template.HTML(b.String())
}
