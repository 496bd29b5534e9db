package content

import (
	"fmt"
	"testing"
)

var sprintf = fmt.Sprintf

// TestEscapedControlCharacters checks that a control character written as
// an escape (YAML, JSON or TOML) is refused in any field, in a value or a
// field name, as the same character written as a raw byte is.
func TestEscapedControlCharacters(t *testing.T) {
	const escaped = "contains an invisible control character (U+%04X) at position %d, written with a backslash escape; remove it"
	msg := func(r rune, pos int) string { return sprintf(escaped, r, pos) }
	runLoadCases(t, []loadCase{
		{name: "YAML \\x1b in the title", files: map[string]string{postingFR: fr("title: Médiateur interculturel", `title: "Médiateur\x1b]0;pwned\x07"`)},
			want: []string{at(lTitle, "title: "+msg(0x1b, 10))}}, // the first of a value
		{name: "YAML \\0 in the summary", files: map[string]string{postingFR: fr("summary: Aller vers les enfants en transit.", `summary: "Aller\0"`)},
			want: []string{at(lSummary, "summary: "+msg(0, 6))}},
		{name: "YAML \\b in a nested field", files: map[string]string{postingFR: fr("  city: Calais", `  city: "Cal\bais"`)},
			want: []string{at(lCity, "location.city: "+msg(8, 4))}},
		{name: "YAML \\u007f in a list item", files: map[string]string{postingFR: fr("    - boss@example.org", `    - "boss@example.org\u007f"`)},
			want: []string{at(lTo2, "apply.to: "+msg(0x7f, 17))}},
		{name: "YAML \\uFFFE in an unknown field", files: map[string]string{postingFR: fr(`remote: "no"`, `colour: "\uFFFE"`)},
			want: []string{at(lRemote, "colour: contains an invisible control character (U+FFFE) at position 1, written with a backslash escape; remove it")}},
		{name: "YAML C1 control \\x9b", files: map[string]string{postingFR: fr("  subject: candidature médiateur", `  subject: "candidature\x9b[2J"`)},
			want: []string{at(lSubject, "apply.subject: "+msg(0x9b, 12))}},
		{name: "YAML escape in a field name", files: map[string]string{postingFR: fr(`remote: "no"`, `"remote\x1b[8m": "no"`)},
			want: []string{at(lRemote, `remote\x1b[8m: this field name `+msg(0x1b, 7))}},
		{name: "JSON \\u001b", files: map[string]string{postingEN: ";;;\n{\"title\": \"Mediator\\u001b[2J\"}\n;;;\nThe job.\n"},
			want: []string{postingEN + ":2: title: " + msg(0x1b, 9)}},
		{name: "TOML \\u0000 and \\b", files: map[string]string{postingEN: "+++\ntitle = \"Medi\\bator\"\nsummary = \"x\\u0000\"\n+++\nThe job.\n"},
			want: []string{postingEN + ":2: title: " + msg(8, 5), postingEN + ":3: summary: " + msg(0, 2)}},
		{name: "site.yaml", files: map[string]string{siteFile: edits(validSite, "  fr: Offres d'emploi", `  fr: "Offres\x1b"`)},
			want: []string{siteFile + ":4: title.fr: " + msg(0x1b, 7)}},
		{name: "site.yaml raw C1 control", files: map[string]string{siteFile: edits(validSite, "  en: Jobs", "  en: Jobs\u0085\u0090")},
			want: []string{siteFile + ":5: this line contains an invisible control character (U+0090); remove it"}},
		{name: "tab and line feed escapes are not control characters here", files: map[string]string{postingEN: "---\ntitle: \"Medi\\tator\"\nsummary: \"a\\nb\"\n---\nThe job.\n"},
			want: []string{postingEN + ":3: summary: must be on one line"}},
	})
}

// TestInvisibleCharacters checks that invisible format characters (zero
// width, bidi controls, byte-order mark), escaped or not, are refused where
// a candidate copies the text by hand or a machine matches it (the apply
// subject and addresses, the place of work), and warned about in titles
// and summaries.
func TestInvisibleCharacters(t *testing.T) {
	runLoadCases(t, []loadCase{
		{name: "zero-width space in the subject", files: map[string]string{postingFR: fr("  subject: candidature médiateur", "  subject: candidature\u200b médiateur")},
			want: []string{at(lSubject, "apply.subject: contains an invisible character U+200B (zero-width space) at position 12; retype the subject without it")}},
		{name: "escaped bidi override in the subject", files: map[string]string{postingFR: fr("  subject: candidature médiateur", `  subject: "\u202Ecandidature"`)},
			want: []string{at(lSubject, "apply.subject: contains an invisible character U+202E (right-to-left override) at position 1; retype the subject without it")}},
		{name: "word joiner in an address", files: map[string]string{postingFR: fr("    - boss@example.org", "    - boss\u2060@example.org")},
			want: []string{at(lTo2, `apply.to: "boss\u2060@example.org" contains an invisible character U+2060 (word joiner) at position 5; retype the address without it`)}},
		{name: "byte-order mark in the city", files: map[string]string{postingFR: fr("  city: Calais", "  city: \ufeffCalais")},
			want: []string{at(lCity, "location.city: contains an invisible character U+FEFF (byte-order mark) at position 1; retype the city without it")}},
		{name: "isolate in the region", files: map[string]string{postingFR: fr("  region: Hauts-de-France", "  region: Hauts-de-France\u2066")},
			want: []string{at(lRegion, "location.region: contains an invisible character U+2066 (left-to-right isolate) at position 16; retype the region without it")}},
		{name: "zero-width joiner in the postal code", files: map[string]string{postingFR: fr(`  postal_code: "62100"`, `  postal_code: "621\u200d00"`)},
			want: []string{at(lPostal, "location.postal_code: contains an invisible character U+200D (zero-width joiner) at position 4; retype the postal code without it")}},
		{name: "zero-width space in the title", files: map[string]string{postingFR: fr("title: Médiateur interculturel", "title: Médiateur\u200b interculturel")},
			want: []string{at(lTitle, "warning: title: contains an invisible character U+200B (zero-width space) at position 10; job sites may show or search the title differently: retype it without it, unless its language needs it")}},
		{name: "embedding in the summary", files: map[string]string{postingEN: "---\ntitle: Mediator\nsummary: \"\\u202Bx\\u202C\"\n---\nThe job.\n"},
			want: []string{
				postingEN + ":3: warning: summary: contains an invisible character U+202B (right-to-left embedding) at position 1; job sites may show or search the summary differently: retype it without it, unless its language needs it",
			}},
		{name: "non-joiner in a Persian title is only warned about", files: map[string]string{postingEN: "---\ntitle: می\u200cخواهم\n---\nThe job.\n"},
			want: []string{postingEN + ":2: warning: title: contains an invisible character U+200C (zero-width non-joiner) at position 3; job sites may show or search the title differently: retype it without it, unless its language needs it"}},
	})
}
