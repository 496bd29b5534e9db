package content

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/jobboard/jobboard/internal/msg"
)

// TestDiagnosticStringEscapes checks that what a file name, field name or
// message holds cannot add a line to the output, move the cursor, retitle
// the terminal or reorder the text: control, invisible and bidi characters
// are written as escapes (\x1b, \u202e), and a value already quoted with
// %q is left as it is.
func TestDiagnosticStringEscapes(t *testing.T) {
	for _, c := range []struct {
		name string
		d    Diagnostic
		want string
	}{
		{"newline in a field name adds no line",
			Diagnostic{File: "content/postings/x.fr.md", Line: 3, Field: "a\ncontent/postings/y.fr.md:1: title", Msg: msg.Plain("unknown field")},
			`content/postings/x.fr.md:3: a\ncontent/postings/y.fr.md:1: title: unknown field`},
		{"terminal title sequence in a file name",
			Diagnostic{File: "content/postings/\x1b]0;pwned\x07.fr.md", Msg: msg.Plain("file name must be <name>.<language>.md")},
			`content/postings/\x1b]0;pwned\x07.fr.md: file name must be <name>.<language>.md`},
		{"carriage return, tab, DEL and a C1 control in a message",
			Diagnostic{File: "f", Line: 1, Msg: msg.Plain("a\rb\tc\x7fd\u009be")},
			`f:1: a\rb\tc\x7fd\u009be`},
		{"bidi override and zero-width space",
			Diagnostic{File: "f", Line: 1, Field: "title", Msg: msg.Plain("x\u202ey\u200bz\u2066"), Severity: Warning},
			`f:1: warning: title: x\u202ey\u200bz\u2066`},
		{"line and paragraph separators",
			Diagnostic{File: "f", Msg: msg.Plain("a\u2028b\u2029c")},
			`f: a\u2028b\u2029c`},
		{"invalid UTF-8",
			Diagnostic{File: "f\xff", Msg: msg.Plain("m")},
			`f\xff: m`},
		{"a value quoted with %q is not escaped twice",
			Diagnostic{File: "f", Line: 2, Field: "contract", Msg: msg.Plain(`"CDI\x1b" is not allowed`)},
			`f:2: contract: "CDI\x1b" is not allowed`},
		{"letters of every script kept, a joiner escaped as %q does",
			Diagnostic{File: "f", Line: 2, Field: "title", Msg: msg.Plain("Médiateur « interculturel » — مترجم 👩‍💻")},
			"f:2: title: Médiateur « interculturel » — مترجم 👩\\u200d💻"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.d.String(); got != c.want {
				t.Errorf("String() =\n\t%s\nwant\n\t%s", got, c.want)
			}
		})
	}
}

// FuzzDiagnosticString checks that no file name, field name or message
// makes String write a control character, an invisible or bidi character,
// or more than one line.
func FuzzDiagnosticString(f *testing.F) {
	f.Add("content/postings/x.fr.md", 3, "title", "is empty", false)
	f.Add("a\nb", 0, "\x1b[2J", "\u202emsg\r\n", true)
	f.Add("\xc2", 1, "\xe2\x80", "\u0085\u2028\ufeff\x00", false)
	f.Fuzz(func(t *testing.T, file string, line int, field, text string, warning bool) {
		d := Diagnostic{File: file, Line: line, Field: field, Msg: msg.Plain(text)}
		if warning {
			d.Severity = Warning
		}
		s := d.String()
		if !utf8.ValidString(s) {
			t.Fatalf("%q: not valid UTF-8", s)
		}
		for i, r := range s {
			if unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' {
				t.Fatalf("%q: %U at byte %d", s, r, i)
			}
		}
		if strings.Contains(s, "\n") {
			t.Fatalf("%q: more than one line", s)
		}
		for _, in := range []string{file, field, text} {
			if got, want := Printable(in), escapedRuneByRune(in); got != want {
				t.Fatalf("Printable(%q) = %q, rune by rune %q", in, got, want)
			}
		}
	})
}

// escapedRuneByRune is writeEscaped as it was before its runs of ASCII:
// every character looked at on its own.
func escapedRuneByRune(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < utf8.RuneSelf:
			b.WriteByte(byte(r))
		case unprintable(r):
			if r > 0xffff {
				fmt.Fprintf(&b, `\U%08x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
