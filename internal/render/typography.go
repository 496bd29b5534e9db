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

// frenchSpacer changes the ordinary spaces of French typography into
// narrow no-break spaces: before : ; ! ? », after «.
var frenchSpacer = strings.NewReplacer(
	" :", nnbsp+":", " ;", nnbsp+";", " !", nnbsp+"!", " ?", nnbsp+"?", " »", nnbsp+"»", "« ", "«"+nnbsp,
)

// frenchText is the plain text s (a title, a summary) with French spaces.
func frenchText(lang, s string) string {
	if !frenchTypography(lang) || !strings.ContainsAny(s, ":;!?«»") {
		return s
	}
	return frenchSpacer.Replace(s)
}

// frenchHTML is the HTML h of a body with French spaces in its text, but
// not in its tags (attributes, addresses) nor in code, which is shown as
// written.
func frenchHTML(lang string, h template.HTML) template.HTML {
	s := string(h)
	if !frenchTypography(lang) || !strings.ContainsAny(s, ":;!?«»") {
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
			b.WriteString(frenchSpacer.Replace(s[:lt]))
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
